"""Plans end to end on the demo, on SQLite and PostgreSQL: the demo's own campaign (planned,
board part-way through), a plan under budget that keeps the pyramid rules and explains every
pick and exclusion, the plan JSON contract of the CLI, scenarios side by side, impossible rules
named, competitors left out."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.cli.app import app
from kolscope.planning.choices import BIG_TIERS, SMALL_TIERS, PlanError
from kolscope.planning.demo import DEMO_CAMPAIGN
from kolscope.planning.pipeline import Stage

TODAY = date(2026, 12, 7)
PLAN_KEYS = {"campaign", "objective", "budget_thb", "total_cost_thb", "picks", "excluded",
             "reach", "forecast", "optimality_gap"}  # fmt: skip


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    workspace.build_demo(seed=5, creators=120, today=TODAY)
    return workspace


def _cli(workspace: Workspace, *args: str) -> Any:
    folder = str(workspace.settings.workspace)
    env = {"KOLSCOPE_DATABASE_URL": workspace.settings.database_url or ""}
    return CliRunner().invoke(app, ["-w", folder, *args], env=env)


def test_the_demo_has_a_planned_campaign_part_way_through(demo: Workspace) -> None:
    actor = demo.campaigns.command_line()
    campaign = demo.campaigns.named(actor, DEMO_CAMPAIGN)
    assert campaign.status.value == "running"
    stages = {c.stage for c in demo.campaigns.creators(actor, campaign)}
    assert {Stage.SUBMITTED, Stage.PUBLISHED, Stage.AGREED} <= stages
    assert demo.planner.latest(actor, campaign) is not None
    reminders = demo.outreach.reminders(actor, TODAY)
    assert any(r.overdue for r in reminders)
    assert any(not r.overdue for r in reminders)


def test_a_plan_keeps_budget_and_rules_and_says_why(demo: Workspace) -> None:
    actor = demo.campaigns.command_line()
    brand = demo.catalogue.brands(actor.scope.organisation_id)[0]
    campaign = demo.campaigns.create(
        actor, "Pyramid", brand.name,
        {"objective": "engagement", "budget_thb": 400_000,
         "rules": {"open_with_big": 1, "small_share": 30, "max_creators": 15}},
    )  # fmt: skip
    report = demo.planner.plan(actor, campaign)
    data = report.to_dict()
    assert set(data) >= PLAN_KEYS
    assert data["notes"]  # planned from a search by the brief: it says so
    assert 0 < data["total_cost_thb"] <= 400_000
    picks = data["picks"]
    tiers = [p["tier"] for p in picks]
    assert any(t in BIG_TIERS for t in tiers)
    small = sum(p["fee_thb"] for p in picks if p["tier"] in SMALL_TIERS)
    assert small >= 0.30 * 400_000 - 1
    assert len({p["reference"] for p in picks}) <= 15
    assert all(p["why"] for p in picks)
    assert all(e["why"] for e in data["excluded"])
    reach = data["reach"]
    assert 0 < reach["deduplicated"] <= sum(p["forecast"]["reach"]["value"] for p in picks) + 1
    assert reach["followers_sum"] == sum({p["reference"]: p["followers"] for p in picks}.values())
    for kpi in ("reach", "views", "engagements", "clicks", "conversions"):
        value = data["forecast"][kpi]
        assert value["low"] <= value["value"] <= value["high"]
    assert data["optimality_gap"] is not None
    assert data["optimality_gap"] <= 0.01
    assert demo.planner.latest(actor, campaign) == data
    assert demo.planner.apply(actor, campaign, data) == len({p["reference"] for p in picks})


def test_impossible_rules_are_named(demo: Workspace) -> None:
    actor = demo.campaigns.command_line()
    brand = demo.catalogue.brands(actor.scope.organisation_id)[0]
    campaign = demo.campaigns.create(
        actor, "Too small", brand.name,
        {"objective": "awareness", "budget_thb": 600, "rules": {"open_with_big": 2}},
    )  # fmt: skip
    with pytest.raises(PlanError) as error:
        demo.planner.plan(actor, campaign)
    assert error.value.reasons


def test_cli_plan_and_scenarios_json(demo: Workspace) -> None:
    actor = demo.campaigns.command_line()
    brand = demo.catalogue.brands(actor.scope.organisation_id)[0]
    made = _cli(demo, "campaigns", "create", "Cli plan", "--brand", brand.name, "--objective",
                "conversion", "--budget", "300000", "--from", "2026-12-10", "--to",
                "2027-01-20")  # fmt: skip
    assert made.exit_code == 0, made.output
    planned = _cli(demo, "campaigns", "plan", "Cli plan", "--json")
    assert planned.exit_code == 0, planned.output
    data = json.loads(planned.output)
    assert set(data) >= PLAN_KEYS
    assert {"reference", "tier", "deliverable", "fee_thb", "why"} <= set(data["picks"][0])
    assert {"deduplicated", "followers_sum", "estimated"} <= set(data["reach"])
    scenarios = _cli(demo, "campaigns", "scenarios", "Cli plan", "--json")
    assert scenarios.exit_code == 0, scenarios.output
    listed = json.loads(scenarios.output)
    assert [s["name"] for s in listed] == ["all_mega", "pyramid", "all_small", "manual"]
    for item in listed:
        assert {"name", "total_cost_thb", "reach", "forecast"} <= set(item)
    bad = _cli(demo, "campaigns", "create", "Bad", "--brand", brand.name, "--objective",
               "awareness", "--budget", "1000", "--from", "2027-01-01",
               "--to", "2026-01-01")  # fmt: skip
    assert bad.exit_code == 2
    assert "ends" in bad.output

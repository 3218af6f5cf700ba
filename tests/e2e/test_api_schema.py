"""The JSON API against its own OpenAPI schema (schemathesis), as an owner and as a brand's client.

Every operation gets generated requests, valid and invalid, sent in-process to the app; every
built-in check runs on each answer: no server error, status codes, content types and bodies as
documented, invalid data refused, valid data accepted. A failure is recorded, not raised, so one
run lists every distinct problem. Deterministic (derandomised) and bounded for CI.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok
from schemathesis.generation.drivers import CoverageGenerator
from schemathesis.generation.feedback import NO_FEEDBACK
from schemathesis.generation.overrides import Override

from kolscope.bootstrap import Workspace
from kolscope.domain.team import User
from kolscope.entrypoints.web.app import create_app
from tests.e2e.conftest import People, import_rows
from tests.factories import write_csv

EXAMPLES = 8  # generated per operation, identity and mode (valid, invalid)
COVERAGE_CASES = 25  # per operation and identity, of the coverage phase's list


@pytest.fixture
def database() -> None:
    """SQLite only: the API's shapes do not depend on the database."""
    return


@dataclass(frozen=True)
class Problem:
    identity: str
    operation: str
    check: str
    title: str
    status: int | None

    def __str__(self) -> str:
        return f"{self.identity} {self.operation} [{self.check}] {self.status}: {self.title}"


def _token(workspace: Workspace, user: User) -> dict[str, str]:
    token, _info = workspace.team.create_api_token(user, "schemathesis")
    return {"Authorization": f"Bearer {token}"}


def _seed(workspace: Workspace, people: People, folder: Path) -> None:
    import_rows(
        workspace,
        write_csv(
            folder / "ig.csv",
            [
                ["platform", "handle", "display_name", "followers", "bio"],
                ["instagram", "mint.review", "Mint", "9,000", "รีวิวสกินแคร์ =1+1"],
                ["tiktok", "bkk_foodie", "BKK Foodie", "45K", "street food"],
            ],
        ),
    )
    workspace.shortlists.add(
        "Q1/Q2 [beauty]?", ["instagram:mint.review"], people.owner.organisation.id
    )


def run_schema(
    app: FastAPI, identity: str, headers: dict[str, str]
) -> tuple[int, dict[Problem, str]]:
    """Send generated requests to every operation: the number sent, and each problem found
    with one request that shows it."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers=headers)
    problems: dict[Problem, str] = {}
    sent = 0
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the schema is invalid: {result}"
        operation = result.ok()

        def record(case: Any, label: str = operation.label) -> None:
            nonlocal sent
            sent += 1
            failures: list[Failure] = []
            try:
                response = case.call(headers=headers)
                case.validate_response(response, headers=headers)
            except FailureGroup as group:
                failures += list(group.exceptions)
            except Failure as failure:
                failures.append(failure)
            except Exception as error:  # raised through the in-process transport: a 500
                title = f"{type(error).__name__}: {str(error)[:120]}"
                problems.setdefault(
                    Problem(identity, label, "server_error", title, 500), case.as_curl_command()
                )
                return
            for found in failures:
                if not _explained(found, response, case):
                    problems.setdefault(_problem(identity, label, found), case.as_curl_command())

        for case in _coverage_cases(schema, operation):
            record(case)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _explore(operation.as_strategy(generation_mode=mode), record)
    return sent, problems


def _coverage_cases(schema: Any, operation: Any) -> list[Any]:
    """The coverage phase's cases: boundary values, each parameter missing or of a wrong type,
    unexpected methods and media types (deterministic by construction)."""
    generation = schema.config.generation_for(operation=operation, phase="coverage")
    cases = CoverageGenerator(
        operation=operation,
        generation_modes=list(GenerationMode),
        generation_config=generation,
        auth_storage=None,
        override=Override(),
        feedback=NO_FEEDBACK,
    )
    return list(cases)[:COVERAGE_CASES]


def _explained(failure: Failure, response: Any, case: Any) -> bool:
    """A schema-valid value refused with a 400 that names the parameter it could not use.

    The API reads its parameters as text and checks them against the workspace (a country,
    tier scheme, niche, brand or account it knows; a count such as "10K"; a sort that needs
    another parameter), answering 400 with ``{"detail": "name: why"}``. Only such an answer,
    naming one of the operation's own parameters, is accepted for "valid data rejected"."""
    if type(failure).__name__ != "RejectedPositiveData" or response.status_code != 400:
        return False
    try:
        detail = str(response.json().get("detail", ""))
    except ValueError:
        return False
    names = {p.name for p in case.operation.iter_parameters()} | set(_BODY_FIELDS)
    for body in case.operation.body:  # the fields of a JSON body count as parameters
        names |= set(body.resolved_schema.get("properties", {}))
    said = detail.replace("-", "_").split(":", 1)[0].split(" ", 1)[0].strip().lower()
    return said in names or said in _DETAIL_NAMES


# Body fields and the words the search's own messages start with, as parameter names.
_BODY_FIELDS = ("creators", "note", "file", "shortlist")
_DETAIL_NAMES = ("unknown", "text", "niche", "audience", "target", "sort", "like", "shortlist")


def _problem(identity: str, label: str, failure: Failure) -> Problem:
    status = getattr(failure, "status_code", None)
    check = type(failure).__name__
    return Problem(identity, label, check, failure.title, status)


def _explore(strategy: st.SearchStrategy[Any], record: Callable[[Any], None]) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def explore(case: Any) -> None:
        record(case)

    with contextlib.suppress(Unsatisfiable):  # an operation without parameters has no invalid form
        explore()


def test_the_api_keeps_to_its_schema(
    workspace: Workspace, people: People, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(workspace, people, tmp_path)
    app = create_app(workspace)
    found: dict[Problem, str] = {}
    total = 0
    for identity, user in (("owner", people.owner), ("client", people.client)):
        sent, problems = run_schema(app, identity, _token(workspace, user))
        total += sent
        found.update(problems)
    report = "\n".join(sorted(f"{p}\n    {example}" for p, example in found.items()))
    with capsys.disabled():
        sys.stdout.write(f"\nschemathesis: {total} requests, {len(found)} distinct problems\n")
    assert not found, f"{len(found)} problems in {total} requests:\n{report}"

"""``kolscope audit``: vet one account (a readable report, or JSON), or every account as a job."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.domain.creators import parse_account_reference
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.vetting.facade import AudienceTarget

_VERDICT_STYLE = {
    "ok": "green",
    "warning": "yellow",
    "problem": "red",
    "unknown": "dim",
    "good": "green",
    "caution": "yellow",
    "risk": "red",
}
_METRIC_SHOWN = (
    ("engagement_rate_by_followers", "engagement rate by followers", "%"),
    ("engagement_rate_by_views", "engagement rate by views", "%"),
    ("median_likes", "median likes", "n"),
    ("median_comments", "median comments", "n"),
    ("median_views", "median views", "n"),
    ("posting_frequency", "posts per week", "n"),
    ("follower_growth_rate", "follower growth, 30 days", "%"),
    ("comment_to_like_ratio", "comments per like", "r"),
    ("brand_mention_share", "posts mentioning brands", "%"),
)


def _styled(verdict: str) -> str:
    return f"[{_VERDICT_STYLE.get(verdict, 'white')}]{verdict}[/]"


def _shown(value: float | None, kind: str) -> str:
    if value is None:
        return "unknown"
    if kind == "%":
        return f"{value:.2%}"
    if kind == "r":
        return f"{value:.3f}"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def show_report(cli: CliState, report: dict[str, Any]) -> None:
    """The audit as people read it: score, each signal with its reason, then the metrics."""
    score = report["score"]
    headline = "unknown (no signal had data)" if score is None else f"{score:.0f}/100"
    tier = f"{report['tier']} ({report['scheme']} scheme)" if report["tier"] else "unknown tier"
    followers = report["followers"]
    cli.out.print(
        f"[bold]{escape(report['account'])}[/]  {followers:,} followers, {tier}"
        if followers is not None
        else f"[bold]{escape(report['account'])}[/]  followers unknown",
        highlight=False,
    )
    cli.out.print(
        f"quality score {headline}: {_styled(report['verdict'])}, "
        f"confidence {report['confidence']}",
        highlight=False,
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("signal", "verdict", "weight", "reason", "data"):
        table.add_column(column, overflow="fold")
    for signal in report["signals"]:
        weight = report["weights"].get(signal["name"])
        table.add_row(
            signal["name"].replace("_", " "),
            _styled(signal["verdict"]),
            "-" if weight is None else f"{weight:.0%}",
            escape(signal["reason"]),
            escape(signal["data"]),
        )
    cli.out.print(table)
    metrics = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("metric", "value", "among peers"):
        metrics.add_column(column, overflow="fold")
    for name, label, kind in _METRIC_SHOWN:
        value = report["metrics"].get(name)
        metrics.add_row(label, _shown(value, kind), escape(report["standing"].get(name, "")))
    cli.out.print(metrics)
    cli.out.print(
        "[dim]definitions: docs/metrics.md; how the score is built: docs/vetting.md[/]",
        highlight=False,
    )


def _target(cli: CliState, items: list[str]) -> AudienceTarget | None:
    if not items:
        return None
    try:
        return AudienceTarget.parse(items)
    except ValueError as error:
        fail(cli, f"--target: {error}")


def _platforms(cli: CliState, names: list[str]) -> tuple[Platform, ...]:
    found = []
    for name in names:
        platform = parse_platform(name)
        if platform is None:
            fail(cli, f"--platform: unknown platform {name!r}")
        found.append(platform)
    return tuple(found)


def _audit_all(
    cli: CliState,
    scheme: str | None,
    target: AudienceTarget | None,
    platforms: tuple[Platform, ...],
    *,
    as_json: bool,
    wait: bool,
    background: bool,
) -> None:
    import threading

    from kolscope.entrypoints.cli.job_views import JOB_FAILED, follow, leave_queued
    from kolscope.jobs.facade import JobStatus
    from kolscope.vetting.facade import submit_audit_all

    workspace = cli.workspace()
    try:
        job = submit_audit_all(workspace.jobs, scheme=scheme, target=target, platforms=platforms)
    except Exception as error:  # the queue cannot be reached (Redis down)
        fail(cli, f"could not queue the audit on {workspace.jobs.queue_description()}: {error}")
    if not as_json:
        where = "for a worker" if background else "running here"
        cli.out.print(f"job #{job.id} queued ({where}): {escape(job.title)}", highlight=False)
    if not background:
        # Run it in this process (a worker, if one runs, cannot claim it twice).
        threading.Thread(target=workspace.jobs.run, args=(job.id,), daemon=True).start()
    if background and not wait:
        leave_queued(cli, job, as_json=as_json)
        return
    job = follow(cli, workspace.jobs, job.id, bar=not as_json)
    if as_json:
        payload = {"job_id": job.id, "job_status": job.status.value, "error": job.error}
        typer.echo(json.dumps({**payload, "result": job.result}, ensure_ascii=False, indent=2))
    elif job.status == JobStatus.SUCCEEDED:
        result = job.result or {}
        verdicts = result.get("verdicts", {})
        counts = ", ".join(f"{verdicts[v]} {v}" for v in sorted(verdicts))
        cli.out.print(
            f"[green]audited {result.get('audited', 0):,} accounts[/] ({counts}); "
            "see them with kolscope audits, or on the Audits page",
            highlight=False,
        )
    else:
        cli.err.print(f"[red]error:[/] {escape(job.error or 'the audit failed')}")
    if job.status == JobStatus.FAILED:
        raise typer.Exit(JOB_FAILED)


def register(app: typer.Typer) -> None:
    @app.command("audit")
    def audit(
        ctx: typer.Context,
        account: Annotated[
            str | None,
            typer.Argument(
                metavar="PLATFORM:HANDLE", help="The account, e.g. instagram:som.review."
            ),
        ] = None,
        every: Annotated[
            bool, typer.Option("--all", help="Audit every account, as a background job.")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
        scheme: Annotated[
            str | None, typer.Option("--scheme", help="Tier scheme for the peer group.")
        ] = None,
        target: Annotated[
            list[str] | None,
            typer.Option(
                "--target",
                help="Target audience, repeatable: gender=female, age=18-24,25-34, country=TH, "
                "province=TH-10. Adds audience fit to the score.",
            ),
        ] = None,
        platform: Annotated[
            list[str] | None,
            typer.Option("--platform", help="With --all: only these platforms (repeatable)."),
        ] = None,
        background: Annotated[
            bool,
            typer.Option(
                "--background",
                help="With --all: leave the job to a worker (kolscope worker) instead of "
                "running it in this process.",
            ),
        ] = False,
        wait: Annotated[
            bool,
            typer.Option("--wait/--no-wait", help="With --background: follow the job to its end."),
        ] = True,
        save: Annotated[
            bool, typer.Option("--save/--no-save", help="Keep the result on the Audits page.")
        ] = True,
    ) -> None:
        """Vet an account: fake followers, engagement against its tier, growth anomalies,
        comment quality, pods and (with --target) audience fit, as one 0-100 score with each
        part's reason and a confidence. --all audits every account as a job with progress."""
        cli = state(ctx)
        chosen_target = _target(cli, target or [])
        if every == (account is not None):
            fail(cli, "give one PLATFORM:HANDLE, or --all")
        if every:
            _audit_all(
                cli,
                scheme,
                chosen_target,
                _platforms(cli, platform or []),
                as_json=as_json,
                wait=wait,
                background=background,
            )
            return
        assert account is not None
        try:
            chosen_platform, handle = parse_account_reference(account)
        except ValueError as error:
            fail(cli, str(error))
        from kolscope.vetting.facade import AccountNotFoundError

        workspace = cli.workspace()
        try:
            result = workspace.audits.audit(
                chosen_platform, handle, scheme=scheme, target=chosen_target, save=save
            )
        except (AccountNotFoundError, KeyError, ValueError) as error:
            fail(cli, str(error).strip("'\""))
        report = result.to_dict()
        if as_json:
            typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            show_report(cli, report)

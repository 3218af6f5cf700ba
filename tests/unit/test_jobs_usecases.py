"""Jobs per organisation over fakes: a job belongs to the organisation of whoever asked, one
organisation never sees another's, and the command line's jobs belong to the first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from kolscope.domain.team import Role, User
from kolscope.jobs.service import JobFailedError, JobStatus, Progress
from tests.fakes import FakeServices, fake_services

PASSWORD = "correct horse battery"


def add(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
    progress(1, 1, "added")
    return {"sum": params["a"] + params["b"]}


def refuse(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
    raise JobFailedError("2 problems in the rows", {"problem_count": 2})


@pytest.fixture
def services() -> FakeServices:
    services = fake_services()
    services.jobs.register("add", add)
    services.jobs.register("refuse", refuse)
    return services


@pytest.fixture
def people(services: FakeServices) -> tuple[User, User, User]:
    """Our owner and member (the first organisation) and a rival organisation's owner."""
    owner = services.team.create_first_owner("Agency", "o@example.com", "Olive", PASSWORD)
    member = services.team.add_user(
        owner.organisation, "m@example.com", "Max", PASSWORD, Role.MEMBER
    )
    rival = services.organisations.create("Rival", "r@example.com", "Rita", PASSWORD)
    return owner, member, rival


def test_submit_run_and_fail(services: FakeServices) -> None:
    job = services.jobs.submit("add", "Add", {"a": 2, "b": 3})
    assert (job.status, services.job_queue.sent) == (JobStatus.QUEUED, [job.id])
    done = services.jobs.run(job.id)
    assert done is not None
    assert (done.status, done.result, done.percent) == (JobStatus.SUCCEEDED, {"sum": 5}, 100)
    assert done.finished_at == services.clock()
    failed = services.jobs.run(services.jobs.submit("refuse", "Refuse", {}).id)
    assert failed is not None
    assert (failed.status, failed.error, failed.result) == (
        JobStatus.FAILED,
        "2 problems in the rows",
        {"problem_count": 2},
    )
    assert [j.id for j in services.jobs.recent()] == [failed.id, job.id]


def test_a_job_belongs_to_the_organisation_of_who_asked(
    services: FakeServices, people: tuple[User, User, User]
) -> None:
    owner, member, rival = people
    ours = owner.organisation.id
    theirs = rival.organisation.id
    our_job = services.jobs.submit("add", "Ours", {"a": 1, "b": 1}, user_id=member.id)
    their_job = services.jobs.submit("add", "Theirs", {"a": 1, "b": 1}, user_id=rival.id)
    assert (our_job.organisation_id, their_job.organisation_id) == (ours, theirs)
    assert services.jobs.get(our_job.id, ours) is not None
    assert services.jobs.get(our_job.id, theirs) is None  # as if it did not exist
    assert services.jobs.get(their_job.id, ours) is None
    assert [j.id for j in services.jobs.recent(organisation_id=ours)] == [our_job.id]
    assert [j.id for j in services.jobs.recent(organisation_id=theirs)] == [their_job.id]
    assert [j.id for j in services.jobs.recent(user_id=member.id)] == [our_job.id]
    assert len(services.jobs.recent()) == 2  # the command line sees every job


def test_jobs_without_an_organisation_belong_to_the_first(
    services: FakeServices, people: tuple[User, User, User]
) -> None:
    owner, _member, rival = people
    job = services.jobs.submit("add", "From the command line", {"a": 1, "b": 2})
    assert job.organisation_id is None
    assert services.jobs.get(job.id, owner.organisation.id) is not None
    assert services.jobs.get(job.id, rival.organisation.id) is None
    assert services.jobs.recent(organisation_id=rival.organisation.id) == []
    given = services.jobs.submit("add", "For them", {"a": 0, "b": 0}, organisation_id=7)
    assert given.organisation_id == 7


def test_a_job_of_a_workspace_without_organisations_is_nobodys_until_one_exists(
    services: FakeServices,
) -> None:
    job = services.jobs.submit("add", "Early", {"a": 1, "b": 2})
    assert services.jobs.get(job.id, 1) is None
    owner = services.team.create_first_owner("Agency", "o@example.com", "Olive", PASSWORD)
    assert services.jobs.get(job.id, owner.organisation.id) is not None

"""A job's title, progress note, error and count in the reader's language: the coded forms the
job keeps (``title_message``, ``note_message``, ``error_message``) written with the page's
wording; a job stored before they were kept shows its kind's title and its English text."""

from __future__ import annotations

from typing import Any

from kolscope.catalogue.facade import on_page
from kolscope.domain.messages import LITERAL, Message, Wording
from kolscope.entrypoints.web import said
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.audits import job_title
from kolscope.jobs.facade import JobView, job_on_page, kinds

ACCOUNTS = (kinds.AUDIT, kinds.INDEX, kinds.NORMS)  # their counts are accounts, not rows


def title(job: JobView, words: Wording) -> str:
    coded = job.title_message
    if coded is None or coded.code == LITERAL:
        return job_title(job)
    return said.say_with(coded, words)


def _written(message: Message | None, words: Wording) -> str:
    return said.say_with(on_page(message), words) if message is not None else ""


def note(job: JobView, words: Wording) -> str:
    return _written(job.note_said, words)


def error(job: JobView, words: Wording) -> str:
    coded = job.error_said
    return _written(job_on_page(coded) if coded is not None else None, words)


def progress_count(job: JobView) -> str:
    """ "120 of about 300 rows" (accounts for audits and the search index)."""
    done, total = f"{job.progress_done:,}", f"{job.progress_total or 0:,}"
    if job.kind in ACCOUNTS:
        return (
            _("%(done)s of %(total)s accounts") % {"done": done, "total": total}
            if job.progress_total
            else ""
        )
    if job.progress_total:
        return _("%(done)s of about %(total)s rows") % {"done": done, "total": total}
    return _("%(done)s rows") % {"done": done} if job.progress_done else ""


def state(job: JobView, words: Wording) -> dict[str, Any]:
    """What the job page's live refresh (static/jobs.js) shows, written for the reader."""
    return {
        "id": job.id,
        "status": job.status.value,
        "status_text": _(job.status.value),
        "finished": job.finished,
        "percent": job.percent,
        "title": title(job, words),
        "note": note(job, words),
        "error": error(job, words),
        "count": progress_count(job),
    }

"""What the job machinery itself tells people about a job (why it failed without its handler
saying so). Declared once here; pages write them in the reader's language (see
``kolscope.domain.messages``)."""

from __future__ import annotations

from kolscope.domain.messages import Message, Template

NO_HANDLER = Template("job.error.no_handler", "this worker cannot run jobs of kind {kind}")
NOT_QUEUED = Template("job.error.not_queued", "could not be queued: {reason}")
WORKER_STOPPED = Template(
    "job.error.worker_stopped", "the worker stopped {times:int} times while running it"
)
# A handler failing on an exception it did not expect: the stored English text stays
# "ValueError: ..." (the command line and the API show it); a page says the job stopped and
# names only the exception's class (the details are English, for the server log).
UNEXPECTED = Template("job.error.unexpected", "{kind}: {detail}")
UNEXPECTED_PAGE = Template(
    "job.error.unexpected.page",
    "the job stopped on an unexpected error ({kind}); the details are in the server log",
)


def on_page(message: Message) -> Message:
    """``message`` worded for a page: an unexpected error names its kind, not its English."""
    if message.code == UNEXPECTED.code:
        return UNEXPECTED_PAGE(kind=message.params.get("kind", ""))
    return message

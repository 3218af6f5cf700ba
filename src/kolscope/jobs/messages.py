"""What the job machinery itself tells people about a job (why it failed without its handler
saying so). Declared once here; pages write them in the reader's language (see
``kolscope.domain.messages``)."""

from __future__ import annotations

from kolscope.domain.messages import Template

NO_HANDLER = Template("job.error.no_handler", "this worker cannot run jobs of kind {kind}")
NOT_QUEUED = Template("job.error.not_queued", "could not be queued: {reason}")
WORKER_STOPPED = Template(
    "job.error.worker_stopped", "the worker stopped {times:int} times while running it"
)

"""Password resets: a single-use link to choose a new password, mailed when the installation
can send mail, else handed back to the person who asked (the command line prints it). The
mail's words are written once here; each entry point passes its translation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kolscope.team.service import TeamService

SUBJECT = "Reset your kolscope password"
INTRO = "Open this link within 2 hours to choose a new password:"


class Mailer(Protocol):
    def __call__(self, to: str, subject: str, body: str) -> None: ...


@dataclass(frozen=True, slots=True)
class ResetStarted:
    link: str
    mailed: bool


class PasswordResets:
    """Starts resets and sends their mail (``mailer`` None: no mail server is set)."""

    def __init__(self, team: TeamService, base_url: str, mailer: Mailer | None) -> None:
        self._team = team
        self._base_url = base_url.rstrip("/")
        self._mailer = mailer

    @property
    def mails(self) -> bool:
        """Whether a reset link is mailed (else the caller must pass it on)."""
        return self._mailer is not None

    def start(
        self, email: str, *, translate: Callable[[str], str] = lambda text: text
    ) -> ResetStarted | None:
        """A reset link for this active person, mailed when mail is set up; None when the
        address has no active account (callers that face the public say the same either way)."""
        token = self._team.start_password_reset(email)
        if token is None:
            return None
        link = f"{self._base_url}/reset/{token}"
        if self._mailer is None:
            return ResetStarted(link, mailed=False)
        self._mailer(email.strip(), translate(SUBJECT), translate(INTRO) + f"\n\n{link}\n")
        return ResetStarted(link, mailed=True)

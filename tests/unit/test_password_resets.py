"""Password resets: one place writes the mail, mails it when the installation can, and hands
the link back when it cannot (the command line prints it); over fakes, without a mail server."""

from __future__ import annotations

from kolscope.domain.team import Role
from kolscope.team.resets import INTRO, SUBJECT, PasswordResets
from tests.fakes import fake_services

PASSWORD = "correct horse battery"


def test_a_reset_is_mailed_in_the_readers_words_or_handed_back() -> None:
    services = fake_services()
    owner = services.team.create_first_owner("Agency", "o@example.com", "Olive", PASSWORD)
    services.team.add_user(owner.organisation, "m@example.com", "Max", PASSWORD, Role.MEMBER)
    sent: list[tuple[str, str, str]] = []

    def mailer(to: str, subject: str, body: str) -> None:
        sent.append((to, subject, body))

    mailed = PasswordResets(services.team, "https://kol.example/", mailer)
    assert mailed.mails
    assert mailed.start("nobody@example.com") is None
    assert sent == []
    started = mailed.start(" m@example.com ", translate=lambda text: f"[th] {text}")
    assert started is not None
    assert started.mailed
    assert started.link.startswith("https://kol.example/reset/")
    assert sent == [("m@example.com", f"[th] {SUBJECT}", f"[th] {INTRO}\n\n{started.link}\n")]
    by_hand = PasswordResets(services.team, "http://127.0.0.1:8000", None)
    assert not by_hand.mails
    handed = by_hand.start("m@example.com")
    assert handed is not None
    assert not handed.mailed
    assert handed.link.startswith("http://127.0.0.1:8000/reset/")
    assert len(sent) == 1

"""What entry points use of the team area besides the workspace's services: how long a session
lasts and the refusal a login can meet."""

from __future__ import annotations

from kolscope.team.login_rules import LoginRefusedError
from kolscope.team.service import SESSION_DAYS

__all__ = ["SESSION_DAYS", "LoginRefusedError"]

"""What the rest of kolscope uses of the team area besides the workspace's services: the team
service's type, how long a session lasts and the refusal a login can meet."""

from __future__ import annotations

from kolscope.team.login_rules import LoginRefusedError
from kolscope.team.service import SESSION_DAYS, TeamService

__all__ = ["SESSION_DAYS", "LoginRefusedError", "TeamService"]

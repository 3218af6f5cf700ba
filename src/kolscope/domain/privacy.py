"""Personal data rules (Thailand's PDPA): people who only comment are kept as pseudonyms."""

from __future__ import annotations

import hashlib
import hmac

from kolscope.domain.creators import handle_key
from kolscope.domain.platforms import Platform

PSEUDONYM_PREFIX = "anon:"


def pseudonym(secret: str, platform: Platform, handle: str) -> str:
    """A stable pseudonym for a commenter: the same person gets the same pseudonym in one
    workspace (so repeated commenters and comment rings stay visible), and the handle cannot be
    read back without the workspace's secret."""
    digest = hmac.new(
        secret.encode(), f"{platform.value}:{handle_key(handle)}".encode(), hashlib.sha256
    ).hexdigest()
    return PSEUDONYM_PREFIX + digest[:16]

"""The JSON API's error answers: one shape per status, documented in /api/openapi.json.

Every error under /api is JSON: ``{"detail": "message naming the parameter"}`` for 400, 401,
403 and 404, and FastAPI's list of field errors for 422. A field error may hold what the
client sent (bytes of an unreadable body, an exception from a validator); those are turned
into text here, and long inputs are cut, so building the answer can never fail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field

MAX_ECHO = 200  # characters of a rejected input repeated in a 422 answer


class ErrorOut(BaseModel):
    detail: str = Field(description="What is wrong, naming the parameter where there is one.")


API_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter cannot be read or names nothing known"},
    401: {"model": ErrorOut, "description": "No session or personal API token"},
    403: {"model": ErrorOut, "description": "The role does not allow this"},
    404: {"model": ErrorOut, "description": "Not in the workspace"},
}


def _text(value: bytes) -> str:
    return value.decode("utf-8", errors="replace")


_ENCODERS: dict[Any, Any] = {bytes: _text, bytearray: _text, BaseException: str}


def _short(value: Any) -> Any:
    """``value`` as JSON, or cut to a short text when it would be long."""
    encoded = jsonable_encoder(value, custom_encoder=_ENCODERS)
    text = encoded if isinstance(encoded, str) else json.dumps(encoded, ensure_ascii=False)
    if len(text) <= MAX_ECHO:
        return encoded
    return text[:MAX_ECHO] + "…"


def validation_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Validation errors as plain JSON values: loc, msg, type, and input and ctx as sent."""
    details = []
    for error in errors:
        item: dict[str, Any] = {
            "loc": [p if isinstance(p, int) else str(p) for p in error.get("loc", ())],
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "")),
        }
        if "input" in error:
            item["input"] = _short(error["input"])
        if isinstance(error.get("ctx"), dict):
            item["ctx"] = {str(k): _short(v) for k, v in error["ctx"].items()}
        details.append(item)
    return details

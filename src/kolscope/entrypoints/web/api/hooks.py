"""Where orders come in from outside: shop webhooks (``POST /hooks/shopify/{shop}``,
``POST /hooks/woocommerce/{shop}``), the generic conversion API (``POST /api/conversions``) and
leads sent by a program (``POST /api/leads``).

None of these takes a session or a CSRF token (``SIGNED``): a webhook proves itself with the
shop's signature of the raw body, read here exactly as it arrived, and the API with an api
shop's bearer token. A webhook is checked, stored and answered at once (Shopify waits 5 s);
it is applied to its order right after the answer, as a background task (and by the workers'
sweep, or ``kolscope orders process``, should that be cut short). The webhook addresses are
for shops, not API clients: they stay out of /api/docs (docs/tracking_orders.md has them).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from kolscope.entrypoints.web import said
from kolscope.entrypoints.web.api.errors import API_ERRORS
from kolscope.entrypoints.web.api.order_schemas import said_dict
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.security import SIGNED
from kolscope.tracking.facade import OrderBook, OrderError, Receipt

router = APIRouter(tags=["orders in"])
MAX_BODY = 5 * 1024 * 1024  # a shop's order is kilobytes; anything this big is not one
APPLY_AFTER_ANSWER = 100  # stored webhooks the background task applies at most
CONVERSION_EXAMPLE = {
    "order_id": "WEB-1042",
    "amount_thb": "1290.00",
    "ordered_at": "2026-11-20T10:15:00+07:00",
    "status": "paid",
    "codes": ["NAMWAN10"],
    "click_id": "k7Qx2a",
    "utm": {"utm_source": "tiktok", "utm_campaign": "songkran"},
    "customer": "customer-7712",
}

LEAD_EXAMPLE = {
    "campaign": "Glow Up 2026",
    "name": "Pim",
    "contact": "pim@example.com",
    "consent": True,
    "consent_text": "I agree that Moonmint Skin may keep my name and contact details ...",
    "click_id": "k7Qx2a",
}


def _text(message: Any) -> str:
    return said.say_with(message, said.wording())


def refuse(error: OrderError) -> HTTPException:
    """400/401/404 with ``{"detail": "field: why"}`` in the reader's language."""
    text = _text(error.message)
    detail = text
    if error.status == 400 and error.field and not text.startswith(f"{error.field}:"):
        detail = f"{error.field}: {text}"
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    return HTTPException(error.status, detail, headers=headers)


def _answer(receipt: Receipt) -> JSONResponse:
    body: dict[str, Any] = {**said_dict(receipt.message, _text(receipt.message))}
    if receipt.order_id is not None:
        body["order_id"] = receipt.order_id
    if not receipt.ok:
        body["detail"] = body["text"]
    return JSONResponse(body, status_code=receipt.status)


async def _raw_body(request: Request) -> bytes:
    """The body exactly as sent (a signature covers these bytes, never re-encoded JSON)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(413, "The body is too large for an order.")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, "The body is too large for an order.")
    return body


async def _webhook(
    request: Request, book: OrderBook, source: str, shop: str, later: BackgroundTasks
) -> JSONResponse:
    body = await _raw_body(request)
    receipt = await run_in_threadpool(book.receive, source, shop, dict(request.headers), body)
    if receipt.ok and receipt.message.code == "track.orders.received":
        later.add_task(book.process_waiting, APPLY_AFTER_ANSWER)
    return _answer(receipt)


@router.post(
    "/hooks/shopify/{shop}", dependencies=[SIGNED], include_in_schema=False,
    summary="A Shopify order webhook (orders/create, updated, cancelled; refunds/create)",
)  # fmt: skip
async def shopify_webhook(
    request: Request, shop: str, workspace: WorkspaceDep, later: BackgroundTasks
) -> JSONResponse:
    """Checked against ``X-Shopify-Hmac-Sha256`` (401 otherwise, logged), stored once per
    ``X-Shopify-Event-Id`` and answered 200 at once."""
    return await _webhook(request, workspace.orders, "shopify", shop, later)


@router.post(
    "/hooks/woocommerce/{shop}", dependencies=[SIGNED], include_in_schema=False,
    summary="A WooCommerce order webhook (order.created, order.updated) or its ping",
)  # fmt: skip
async def woocommerce_webhook(
    request: Request, shop: str, workspace: WorkspaceDep, later: BackgroundTasks
) -> JSONResponse:
    """Checked against ``X-WC-Webhook-Signature``; the unsigned ``webhook_id`` ping a new
    webhook sends is answered 200 and nothing is stored."""
    return await _webhook(request, workspace.orders, "woocommerce", shop, later)


async def _json_body(request: Request) -> Any:
    raw = await _raw_body(request)
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return raw  # not JSON: the order book says the body is not an object


def _json_example(example: dict[str, Any]) -> dict[str, Any]:
    """The request body as the API docs show it (read here, so bad JSON is a 400)."""
    content = {"application/json": {"schema": {"type": "object"}, "example": example}}
    return {"requestBody": {"required": True, "content": content}}


@router.post("/api/conversions", dependencies=[SIGNED], responses=API_ERRORS, status_code=201,
             summary="One conversion (an order) from a site without a shop kolscope reads",
             openapi_extra=_json_example(CONVERSION_EXAMPLE))  # fmt: skip
async def conversion(request: Request, workspace: WorkspaceDep) -> JSONResponse:
    """``Authorization: Bearer <token of an api shop>``. 201 a new order, 200 the order saved
    again (updated, or the same conversion resent: kept once); 400 names the field."""
    payload = await _json_body(request)
    book = workspace.orders
    authorization = request.headers.get("authorization")
    try:
        receipt = await run_in_threadpool(book.convert, authorization, payload)
    except OrderError as error:
        raise refuse(error) from None
    return _answer(receipt)


@router.post("/api/leads", dependencies=[SIGNED], responses=API_ERRORS, status_code=201,
             summary="A lead (name, contact, PDPA consent) sent by a program",
             openapi_extra=_json_example(LEAD_EXAMPLE))  # fmt: skip
async def lead(request: Request, workspace: WorkspaceDep) -> JSONResponse:
    """``Authorization: Bearer <token of an api shop>``; ``campaign`` (its name) or ``code``
    (a tracking link's); ``consent`` must be true and ``consent_text`` the words agreed to."""
    payload = await _json_body(request)
    authorization = request.headers.get("authorization")
    try:
        saved = await run_in_threadpool(workspace.orders.send_lead, authorization, payload)
    except OrderError as error:
        raise refuse(error) from None
    body = {"order_id": saved.order_id, "campaign": saved.campaign,
            **said_dict(saved.message, _text(saved.message))}  # fmt: skip
    return JSONResponse(body, status_code=201)

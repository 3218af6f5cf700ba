"""Orders and shops in the JSON API: the operations of ``kolscope orders list|summary`` and
``kolscope shops add|list|rotate-secret``, in the same JSON (``order_schemas``).

Reading orders needs VIEW_CAMPAIGNS: a person sees their organisation's orders, a brand's
client only those attribution placed in their brands' campaigns. Shops hold the secrets that
let orders in, so listing, adding and rotating them needs MANAGE_CAMPAIGNS; a secret is in the
answer that made it, once, and the answer is never cached.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from kolscope.domain.team import Permission, Scope, User
from kolscope.entrypoints.web.api.errors import API_ERRORS
from kolscope.entrypoints.web.api.hooks import refuse
from kolscope.entrypoints.web.api.order_schemas import (
    RotateIn,
    ShopIn,
    key_dict,
    order_dict,
    shop_dict,
    summary_dict,
)
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.said import say_with, wording
from kolscope.entrypoints.web.security import need
from kolscope.tracking.facade import ORDER_SOURCES, SHOP_SOURCES, OrderError, ShopKey

router = APIRouter(prefix="/api", tags=["orders"], responses=API_ERRORS)
VIEW = Permission.VIEW_CAMPAIGNS
MANAGE = Permission.MANAGE_CAMPAIGNS
NO_STORE = {"Cache-Control": "no-store"}
MAX_LIMIT = 10_000
Source = Annotated[str | None, Query(description=", ".join(ORDER_SOURCES))]
CampaignName = Annotated[
    str | None, Query(max_length=200, description="Only orders placed in this campaign")
]
Test = Annotated[bool, Query(description="The shops' test orders instead (kept apart)")]


@router.get("/orders", summary="Orders, newest first, with the creator, campaign and rule")
def list_orders(
    workspace: WorkspaceDep,
    user: Annotated[User, need(VIEW)],
    source: Source = None,
    campaign: CampaignName = None,
    test: Test = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000,
) -> list[dict[str, Any]]:
    try:
        found = workspace.orders.orders(
            Scope.of(user), source=source, campaign=campaign, test=test, limit=limit
        )
    except OrderError as error:
        raise refuse(error) from None
    return [order_dict(order) for order in found]


@router.get("/orders/summary", summary="Per source: orders, counted THB, commission, statuses")
def orders_summary(
    workspace: WorkspaceDep,
    user: Annotated[User, need(VIEW)],
    source: Source = None,
    campaign: CampaignName = None,
    test: Test = False,
) -> dict[str, Any]:
    try:
        found = workspace.orders.summary(
            Scope.of(user), source=source, campaign=campaign, test=test
        )
    except OrderError as error:
        raise refuse(error) from None
    return summary_dict(found)


@router.get("/shops", summary="Shops and programs that send orders (never their secrets)")
def list_shops(
    workspace: WorkspaceDep, user: Annotated[User, need(MANAGE)]
) -> list[dict[str, Any]]:
    return [shop_dict(shop) for shop in workspace.orders.shops(Scope.of(user))]


def _shown_once(key: ShopKey, status: int) -> JSONResponse:
    note = say_with(key.note, wording())
    return JSONResponse(key_dict(key, note), status_code=status, headers=NO_STORE)


@router.post(
    "/shops", status_code=201,
    summary=f"Add a shop ({', '.join(SHOP_SOURCES)}); its secret is shown once",
)  # fmt: skip
def add_shop(
    workspace: WorkspaceDep, user: Annotated[User, need(MANAGE)], body: ShopIn
) -> JSONResponse:
    try:
        key = workspace.orders.add_shop(
            Scope.of(user), body.source, body.name, domain=body.domain, brand=body.brand,
            secret=body.secret,
        )  # fmt: skip
    except OrderError as error:
        raise refuse(error) from None
    return _shown_once(key, 201)


@router.post("/shops/{source}/{shop}/rotate",
             summary="A new secret for a shop, shown once; the old one stops working")  # fmt: skip
def rotate_secret(
    workspace: WorkspaceDep,
    user: Annotated[User, need(MANAGE)],
    source: str,
    shop: str,
    body: RotateIn | None = None,
) -> JSONResponse:
    secret = body.secret if body is not None else None
    try:
        key = workspace.orders.rotate_secret(Scope.of(user), source, shop, secret=secret)
    except OrderError as error:
        raise refuse(error) from None
    return _shown_once(key, 200)

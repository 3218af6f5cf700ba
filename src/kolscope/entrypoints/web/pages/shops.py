"""Settings → Shops: the shops that send orders to kolscope (Shopify and WooCommerce webhooks, a
program using the conversion API), each with the exact address to paste into the shop and the
steps, in the reader's language.

A secret is shown once: the page that answers adding a shop or rotating its secret shows it
(never stored in a page or a redirect), marked not to be cached; afterwards only when it was
set. Shopify makes its signing key itself, so the person pastes it here; kolscope makes the
WooCommerce secret and the conversion token. The orders part keeps each as it must (see
``kolscope.tracking.orders_shops``); the page never reads them back.

People who manage campaigns (owners and members) set shops up; the shops are their
organisation's.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Permission, Scope, User
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.pages.campaign_forms import FormDep, FormValues, one
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.entrypoints.web.vocabulary import N_
from kolscope.tracking.facade import SHOP_SOURCES, OrderError, Shop, ShopKey

router = APIRouter(include_in_schema=False)
need_manage = need(Permission.MANAGE_CAMPAIGNS)
SOURCE_NAMES = {"shopify": "Shopify", "woocommerce": "WooCommerce", "api": N_("Conversion API")}
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def hook_address(workspace: Workspace, shop: Shop) -> str:
    """The full address the shop sends its orders to (the workspace's public address first)."""
    return f"{workspace.settings.base_url}{shop.address}"


def _shops_page(
    request: Request,
    workspace: Workspace,
    user: User,
    *,
    key: ShopKey | None = None,
    error: OrderError | None = None,
    failed: str = "",
    values: FormValues | None = None,
) -> HTMLResponse:
    """The shops; ``key`` is a secret just made (shown this once), ``failed`` names the form an
    ``error`` belongs to ("add" or a shop's "source:name")."""
    scope = Scope.of(user)
    buddhist, thai_units = user.formats(i18n.current_language())
    words = said.wording({"buddhist_era": buddhist, "thai_units": thai_units})
    shops = workspace.orders.shops(scope)
    answer = page(
        request,
        "shops.html",
        status_code=error.status if error is not None and error.status >= 400 else 200,
        shops=[(s, hook_address(workspace, s)) for s in shops],
        key=key,
        key_address=hook_address(workspace, key.shop) if key is not None else "",
        key_note=said.say_with(key.note, words) if key is not None else "",
        error=said.say_with(error.message, words) if error is not None else "",
        error_field=error.field if error is not None else None,
        failed=failed,
        values=values or {},
        sources=[(s, _source_name(s)) for s in SHOP_SOURCES],
        brands=[b.name for b in workspace.brands.visible(scope)],
        base=workspace.settings.base_url,
    )
    if key is not None:
        answer.headers.update(NO_STORE)
    return answer


def _source_name(source: str) -> str:
    name = SOURCE_NAMES.get(source, source)
    return i18n.gettext(name) if source == "api" else name


@router.get("/settings/shops", response_class=HTMLResponse)
def shops_page(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_manage]
) -> HTMLResponse:
    return _shops_page(request, workspace, user)


@router.post("/settings/shops", response_class=HTMLResponse)
def add_shop(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_manage], values: FormDep
) -> Response:
    """Add a shop; the answer shows its secret (or, for Shopify, that the key was kept) once."""
    source = one(values, "source")
    try:
        key = workspace.orders.add_shop(
            Scope.of(user),
            source,
            one(values, "name"),
            domain=one(values, "domain") or None,
            brand=one(values, "brand") or None,
            secret=(one(values, "secret") or None) if source == "shopify" else None,
        )
    except OrderError as error:
        return _shops_page(request, workspace, user, error=error, failed="add", values=values)
    return _shops_page(request, workspace, user, key=key)


@router.post("/settings/shops/rotate", response_class=HTMLResponse)
def rotate_secret(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_manage], values: FormDep
) -> Response:
    """A new secret for a shop (Shopify: the new key pasted); the old one stops working now."""
    source, name = one(values, "source"), one(values, "name")
    try:
        key = workspace.orders.rotate_secret(
            Scope.of(user),
            source,
            name,
            secret=(one(values, "secret") or None) if source == "shopify" else None,
        )
    except OrderError as error:
        failed = f"{source}:{name}"
        return _shops_page(request, workspace, user, error=error, failed=failed, values=values)
    return _shops_page(request, workspace, user, key=key)


@router.get("/settings/shops/rotate", include_in_schema=False)
def rotate_by_address(_user: Annotated[User, need_manage]) -> RedirectResponse:
    """Reloading the page a rotation answered asks for it again: send the person to the list
    instead (the secret is never shown twice)."""
    return RedirectResponse("/settings/shops", 303)

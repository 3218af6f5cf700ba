"""``kolscope shops``: the shops and programs that send orders — add one (its secret is printed
this once), list them, and rotate a secret.

Shopify signs webhooks with a key Shopify makes, so ``--secret`` pastes it; WooCommerce shops
and the conversion API (``api``) get a secret made here. docs/tracking_orders.md has the steps
for each shop."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.cli.context import CliState, state
from kolscope.entrypoints.cli.orders_cmd import JsonOpt, refused
from kolscope.entrypoints.web.api.order_schemas import key_dict, shop_dict
from kolscope.tracking.facade import SHOP_SOURCES, OrderError, ShopKey

shops = typer.Typer(
    help="Shops and programs that send orders: webhook addresses and their secrets.",
    no_args_is_help=True,
)
SourceArg = Annotated[str, typer.Argument(metavar="SOURCE", help=", ".join(SHOP_SOURCES))]
NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The shop's name in kolscope.")]
SecretOpt = Annotated[
    str | None,
    typer.Option(help="Shopify only: the key Shopify signs the shop's webhooks with."),
]


def _show_key(cli: CliState, key: ShopKey, *, as_json: bool) -> None:
    note = str(key.note)
    if as_json:
        typer.echo(json.dumps(key_dict(key, note), ensure_ascii=False, indent=2))
        return
    base = cli.workspace().settings.base_url.rstrip("/")
    cli.out.print(f"{key.shop.source} shop {key.shop.name}", markup=False)
    cli.out.print(f"address: {base}{key.shop.address}", markup=False)
    if key.secret is not None:
        cli.out.print(f"secret:  {key.secret}", markup=False)
    cli.out.print(note, markup=False)


@shops.command("add")
def add(
    ctx: typer.Context,
    source: SourceArg,
    name: NameArg,
    domain: Annotated[str | None, typer.Option(help="The shop's address (shop.co.th).")] = None,
    brand: Annotated[str | None, typer.Option(help="The brand it sells (brands list).")] = None,
    secret: SecretOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a shop (shopify, woocommerce) or a conversion source (api); prints where it sends
    orders and, this once, its secret."""
    cli = state(ctx)
    try:
        key = cli.workspace().orders.add_shop(
            INSTALLATION, source, name, domain=domain, brand=brand, secret=secret
        )
    except OrderError as error:
        refused(cli, error)
    _show_key(cli, key, as_json=as_json)


@shops.command("list")
def list_shops(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The shops, their webhook addresses and when each secret was set (never the secret)."""
    cli = state(ctx)
    found = cli.workspace().orders.shops(INSTALLATION)
    if as_json:
        typer.echo(json.dumps([shop_dict(s) for s in found], ensure_ascii=False, indent=2))
        return
    table = Table("source", "name", "domain", "brand", "address", "secret set", box=None,
                  pad_edge=False)  # fmt: skip
    for shop in found:
        table.add_row(shop.source, shop.name, shop.domain or "-", shop.brand or "-",
                      shop.address, shop.secret_set_at.date().isoformat())  # fmt: skip
    cli.out.print(table, markup=False)


@shops.command("rotate-secret")
def rotate_secret(
    ctx: typer.Context,
    source: SourceArg,
    name: NameArg,
    secret: SecretOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A new secret for the shop, printed this once (Shopify: paste Shopify's new key with
    --secret); the old one stops working now."""
    cli = state(ctx)
    try:
        key = cli.workspace().orders.rotate_secret(INSTALLATION, source, name, secret=secret)
    except OrderError as error:
        refused(cli, error)
    _show_key(cli, key, as_json=as_json)

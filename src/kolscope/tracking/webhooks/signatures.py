"""Is this webhook from the shop? Both Shopify and WooCommerce sign a webhook the same way: the
base64 of the HMAC-SHA256 of the raw request body, keyed with the webhook's secret.

- Shopify sends it in ``X-Shopify-Hmac-Sha256``, over the body as delivered.
- WooCommerce sends it in ``X-WC-Webhook-Signature``. Its webhook docs say the secret "is used
  to generate a HMAC-SHA256 hash of the request body"
  (https://developer.woocommerce.com/docs/apis/rest-api/v3/webhooks/), and
  ``WC_Webhook::generate_signature`` (woocommerce/woocommerce,
  ``includes/class-wc-webhook.php``) base64-encodes the raw (binary) HMAC of the JSON body it
  delivers, keyed with the secret as the shop owner typed it (WordPress decodes the HTML
  entities it stored it with). So both check the raw bytes, never re-encoded JSON.

The comparison is ``hmac.compare_digest`` on the decoded digests, so how long it takes does not
tell a forger how much of a guess was right. A missing header, one that is not base64 and one
that does not match all raise ``WebhookError(401, ...)`` naming the header.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping

from kolscope.tracking import messages_webhooks as said
from kolscope.tracking.webhooks.orders import WebhookError

SHOPIFY_HEADER = "X-Shopify-Hmac-Sha256"
WOOCOMMERCE_HEADER = "X-WC-Webhook-Signature"


def sign(secret: str | bytes, raw_body: bytes) -> str:
    """The signature a shop would send for ``raw_body`` (base64 HMAC-SHA256); tests and the
    coming 'send a test webhook' page use it."""
    key = secret.encode() if isinstance(secret, str) else secret
    return base64.b64encode(hmac.new(key, raw_body, hashlib.sha256).digest()).decode("ascii")


def verify(headers: Mapping[str, str], header: str, secret: str | bytes, raw_body: bytes) -> None:
    """Raise ``WebhookError(401)`` unless ``header`` (looked up in lower-case ``headers``)
    holds the base64 HMAC-SHA256 of ``raw_body`` under ``secret``."""
    sent = headers.get(header.lower(), "").strip()
    if not sent:
        raise WebhookError(401, said.SIGNATURE_MISSING(header=header))
    try:
        sent_digest = base64.b64decode(sent.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise WebhookError(401, said.SIGNATURE_NOT_BASE64(header=header)) from None
    key = secret.encode() if isinstance(secret, str) else secret
    expected = hmac.new(key, raw_body, hashlib.sha256).digest()
    if not key or not hmac.compare_digest(sent_digest, expected):
        raise WebhookError(401, said.SIGNATURE_WRONG(header=header))


def verify_shopify(headers: Mapping[str, str], secret: str | bytes, raw_body: bytes) -> None:
    """Shopify's ``X-Shopify-Hmac-Sha256`` over the raw body."""
    verify(headers, SHOPIFY_HEADER, secret, raw_body)


def verify_woocommerce(headers: Mapping[str, str], secret: str | bytes, raw_body: bytes) -> None:
    """WooCommerce's ``X-WC-Webhook-Signature`` over the raw body."""
    verify(headers, WOOCOMMERCE_HEADER, secret, raw_body)

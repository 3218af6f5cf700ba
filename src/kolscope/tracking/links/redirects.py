"""Where the redirect may send a visitor: only to a destination registered for the link.

An open redirect (``/r/abc?to=https://evil.example``) lets phishers borrow the brand's short
domain, so the redirect service asks ``allowed`` before it answers. The check is strict and
pure: http or https only, no user name or password in the address, no backslash, no control
character or space, no scheme-relative ``//`` tricks, and the host (IDNA-normalised, so
``ร้าน.ไทย`` and ``xn--...`` are one host, and a trailing dot changes nothing) equal to the host
of a registered destination, on the same scheme and port (or https for a registered http).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import SplitResult, urlsplit

_SCHEMES = {"http": 80, "https": 443}


def normalised_host(host: str) -> str | None:
    """The host as DNS sees it (lower-case ASCII, IDNA punycode, no trailing dot), or None
    when it is not a host name a browser would resolve the same way."""
    name = host.strip().rstrip(".")
    if not name or any(char in name for char in "%@\\/ "):
        return None
    try:
        ascii_name = name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = ascii_name.split(".")
    if any(not label or len(label) > 63 for label in labels):
        return None
    allowed_chars = set("abcdefghijklmnopqrstuvwxyz0123456789-")
    if any(not set(label) <= allowed_chars for label in labels):
        return None
    return ascii_name


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of a plain http(s) address, or None when anything is unusual."""
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url) or "\\" in url:
        return None
    try:
        parts: SplitResult = urlsplit(url)
    except ValueError:  # an unbalanced "[" or "]"
        return None
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES or not url[len(parts.scheme) :].startswith("://"):
        return None
    if "@" in parts.netloc or not parts.netloc or parts.path.startswith("//"):
        return None
    try:
        port = parts.port or _SCHEMES[scheme]
    except ValueError:
        return None
    host_part = parts.netloc.rsplit(":", 1)[0] if parts.netloc.count(":") == 1 else parts.netloc
    if host_part.startswith("["):  # IP v6 literals are never a brand's shop
        return None
    host = normalised_host(host_part)
    if host is None:
        return None
    return scheme, host, port


def allowed(destination: str, registered: Iterable[str]) -> bool:
    """Whether the redirect may send a visitor to ``destination``: true only when it is a plain
    http(s) address whose host and port are those of one of the ``registered`` destinations.
    The path and query may differ (the tracking URL adds UTM parameters); a registered http
    address may be reached over https (an upgrade), never the other way round."""
    wanted = _origin(destination)
    if wanted is None:
        return False
    scheme, host, port = wanted
    for known in registered:
        origin = _origin(known)
        if origin is None or origin[1] != host:
            continue
        if origin[0] == scheme and origin[2] == port:
            return True
        upgrade = origin[0] == "http" and origin[2] == 80 and scheme == "https" and port == 443
        if upgrade:
            return True
    return False

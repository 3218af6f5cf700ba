"""A tiny MaxMind DB writer for the tests: an IPv4 country database built from a few networks.

Written from the published MaxMind DB format (version 2.0): a binary search tree over the
address bits (24-bit records, two per node: the 0 branch, then the 1 branch), 16 zero bytes,
the data section (the same typed encoding as the metadata), then ``\\xab\\xcd\\xefMaxMind.com``
and the metadata map. A record below the node count points to a node; equal to it means "no
data"; above it points into the data section (record - node count - 16).

Only what the tests need: IPv4 trees, non-overlapping networks, and the types of a country
record (maps, UTF-8 strings, unsigned integers, arrays). No writer dependency is added to the
project for this.
"""

from __future__ import annotations

import ipaddress
import struct
import time
from pathlib import Path
from typing import Any, ClassVar

METADATA_MARKER = b"\xab\xcd\xefMaxMind.com"
RECORD_BITS = 24


def _control(kind: int, size: int) -> bytes:
    """A field's control byte(s): type in the top 3 bits (or 0 and an extended type byte for
    types above 7), then the size, with 1-3 more bytes for sizes of 29 and over."""
    if size < 29:
        first, more = size, b""
    elif size < 285:
        first, more = 29, bytes([size - 29])
    elif size < 65821:
        first, more = 30, (size - 285).to_bytes(2, "big")
    else:
        first, more = 31, (size - 65821).to_bytes(3, "big")
    if kind <= 7:
        return bytes([(kind << 5) | first]) + more
    return bytes([first, kind - 7]) + more


class Unsigned:
    """An unsigned integer of a given width (16, 32 or 64 bits): the metadata's fields have
    fixed types (libmaxminddb refuses a node count stored as uint16)."""

    TYPES: ClassVar[dict[int, int]] = {16: 5, 32: 6, 64: 9}

    def __init__(self, value: int, bits: int) -> None:
        self.value, self.kind = value, self.TYPES[bits]


def encode(value: Any) -> bytes:
    """One value in the MaxMind DB data format."""
    if isinstance(value, Unsigned):
        raw = value.value.to_bytes((value.value.bit_length() + 7) // 8, "big")
        return _control(value.kind, len(raw)) + raw
    if isinstance(value, bool):
        return _control(14, int(value))
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _control(2, len(raw)) + raw
    if isinstance(value, int):
        if value < 0:
            raise ValueError("negative integers are not needed here")
        raw = value.to_bytes((value.bit_length() + 7) // 8, "big") if value else b""
        if value < 1 << 16:
            return _control(5, len(raw)) + raw
        if value < 1 << 32:
            return _control(6, len(raw)) + raw
        return _control(9, len(raw)) + raw
    if isinstance(value, dict):
        out = _control(7, len(value))
        for key, item in value.items():
            out += encode(str(key)) + encode(item)
        return out
    if isinstance(value, list):
        return _control(11, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, float):
        return _control(3, 8) + struct.pack(">d", value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def country_record(code: str, *, registered_only: bool = False) -> dict[str, Any]:
    """The record a GeoLite2-Country database holds for a network in ``code``."""
    place = {"iso_code": code, "names": {"en": code}}
    if registered_only:
        return {"registered_country": place}
    return {"country": place, "registered_country": place}


def write_mmdb(path: Path, networks: dict[str, dict[str, Any]]) -> Path:
    """Write an IPv4 database: each network (``"203.0.113.0/24"``) maps to its record."""
    data = b""
    offsets: list[tuple[ipaddress.IPv4Network, int]] = []
    for text, record in networks.items():
        offsets.append((ipaddress.IPv4Network(text), len(data)))
        data += encode(record)
    # The tree: node i has records [left, right]; None is "no data" until the count is known.
    nodes: list[list[Any]] = [[None, None]]
    for network, offset in offsets:
        node = 0
        bits = int(network.network_address)
        for depth in range(network.prefixlen):
            bit = (bits >> (31 - depth)) & 1
            last = depth == network.prefixlen - 1
            if last:
                nodes[node][bit] = ("data", offset)
                break
            child = nodes[node][bit]
            if child is None:
                nodes.append([None, None])
                child = nodes[node][bit] = ("node", len(nodes) - 1)
            if child[0] != "node":
                raise ValueError(f"{network} overlaps a shorter network")
            node = child[1]
    count = len(nodes)
    tree = bytearray()
    for pair in nodes:
        for record in pair:
            if record is None:
                value = count
            elif record[0] == "node":
                value = record[1]
            else:
                value = count + 16 + record[1]
            if value >= 1 << RECORD_BITS:
                raise ValueError("too much data for 24-bit records")
            tree += value.to_bytes(3, "big")
    metadata = {
        "node_count": Unsigned(count, 32),
        "record_size": Unsigned(RECORD_BITS, 16),
        "ip_version": Unsigned(4, 16),
        "database_type": "kolscope-test-Country",
        "languages": ["en"],
        "binary_format_major_version": Unsigned(2, 16),
        "binary_format_minor_version": Unsigned(0, 16),
        "build_epoch": Unsigned(int(time.time()), 64),
        "description": {"en": "kolscope test country database"},
    }
    path.write_bytes(bytes(tree) + b"\0" * 16 + data + METADATA_MARKER + encode(metadata))
    return path


TEST_NETWORKS = {
    "203.0.113.0/24": country_record("TH"),  # TEST-NET-3
    "198.51.100.0/24": country_record("SG"),  # TEST-NET-2
    "192.0.2.0/25": country_record("JP", registered_only=True),  # half of TEST-NET-1
}


def test_database(folder: Path) -> Path:
    """The tests' small country database: TH, SG, and JP known only by registration."""
    return write_mmdb(folder / "countries.mmdb", TEST_NETWORKS)


test_database.__test__ = False  # type: ignore[attr-defined]  # not a test: a builder

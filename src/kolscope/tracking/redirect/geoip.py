"""A click's country, from a local MaxMind-format database file (``.mmdb``).

The redirect looks each visitor's address up in a file the installation provides (the setting
``geoip_database``): MaxMind's GeoLite2-Country or GeoIP2-Country, or DB-IP's free country
database, which use the same format. kolscope never downloads one (GeoLite2 needs a MaxMind
account and its licence terms; see docs/redirect.md). Only the two-letter country code is
kept; the address itself is never stored.

A record's country is ``country.iso_code`` (where the address is used), else
``registered_country.iso_code`` (where its block is registered: mobile carriers and satellite
links often have only that). Addresses the database does not know, private and loopback
addresses included, have no country.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import maxminddb
from maxminddb.errors import InvalidDatabaseError

_log = logging.getLogger(__name__)


class GeoIpError(ValueError):
    """The configured GeoIP database cannot be read."""


class CountryLookup:
    """Country codes of IP addresses from one ``.mmdb`` file, memory-mapped (the C reader's
    lookups take about a microsecond and the file is shared by the processes reading it)."""

    def __init__(self, path: Path) -> None:
        try:
            self._reader = maxminddb.open_database(str(path), maxminddb.MODE_AUTO)
        except (OSError, InvalidDatabaseError, ValueError) as error:
            raise GeoIpError(f"GeoIP database {path}: {error}") from None
        self.path = path
        self.kind = str(self._reader.metadata().database_type)

    def country(self, ip: str) -> str | None:
        """The two-letter country (upper case) of ``ip``, or None when unknown."""
        try:
            record: Any = self._reader.get(ip)
        except ValueError:  # not an address
            return None
        if not isinstance(record, dict):
            return None
        for key in ("country", "registered_country"):
            place = record.get(key)
            if isinstance(place, dict):
                code = place.get("iso_code")
                if isinstance(code, str) and len(code) == 2:
                    return code.upper()
        return None

    def close(self) -> None:
        self._reader.close()


def open_lookup(path: Path | None) -> CountryLookup | None:
    """The lookup for the configured file, or None when none is configured."""
    if path is None:
        return None
    lookup = CountryLookup(path)
    _log.info("GeoIP: %s (%s)", path, lookup.kind)
    return lookup

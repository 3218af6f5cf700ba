"""Reading the options several commands share (counts, platforms, places), with the same
messages everywhere: each names the option and what it accepts."""

from __future__ import annotations

from kolscope.domain.places import find_country, find_province
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.quantities import parse_count
from kolscope.entrypoints.cli.context import CliState, fail


def read_count(cli: CliState, option: str, value: str | None) -> int | None:
    """A count such as 10K or 1.5M; None when the option was not given."""
    if value is None:
        return None
    try:
        return parse_count(value)
    except ValueError as error:
        fail(cli, f"{option}: {error}")


def read_platforms(cli: CliState, names: list[str] | None) -> tuple[Platform, ...]:
    found = []
    for name in names or []:
        platform = parse_platform(name)
        if platform is None:
            fail(
                cli, f"--platform {name!r}: unknown (known: {', '.join(p.value for p in Platform)})"
            )
        found.append(platform)
    return tuple(found)


def read_place(
    cli: CliState, country: str | None, province: str | None
) -> tuple[str | None, str | None]:
    """Country and Thai province codes; a province alone implies Thailand."""
    country_code = None
    if country is not None:
        country_code = find_country(country)
        if country_code is None:
            fail(cli, f"--country {country!r}: not a country kolscope knows")
    province_code = None
    if province is not None:
        found = find_province(province)
        if found is None:
            fail(cli, f"--province {province!r}: not a Thai province kolscope knows")
        province_code = found.code
        country_code = country_code or "TH"
    return country_code, province_code

"""Tier schemes: named follower bands such as nano, micro and mega.

Published definitions disagree (a "micro" creator has 10K-100K followers in one guide and up to
500K in another), so a tier never travels without the name of the scheme that assigned it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TierBand:
    """One band of a scheme: from ``min_followers`` followers up to the next band."""

    name: str
    min_followers: int


@dataclass(frozen=True, slots=True)
class Tier:
    """A tier assigned by a scheme. Shown as "micro (standard)"."""

    name: str
    scheme: str
    min_followers: int
    max_followers: int | None  # exclusive upper bound; None for the top band

    def __str__(self) -> str:
        return f"{self.name} ({self.scheme})"


@dataclass(frozen=True, slots=True)
class TierScheme:
    """Follower bands in ascending order; the first band starts at zero followers."""

    name: str
    label: str
    bands: tuple[TierBand, ...]
    source: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a tier scheme needs a name")
        if not self.bands:
            raise ValueError(f"tier scheme {self.name!r} has no bands")
        if self.bands[0].min_followers != 0:
            raise ValueError(f"tier scheme {self.name!r}: the first band must start at 0 followers")
        names = [band.name for band in self.bands]
        if len(set(names)) != len(names):
            raise ValueError(f"tier scheme {self.name!r}: band names repeat ({', '.join(names)})")
        for lower, upper in zip(self.bands, self.bands[1:], strict=False):
            if upper.min_followers <= lower.min_followers:
                raise ValueError(
                    f"tier scheme {self.name!r}: band {upper.name!r} must start above "
                    f"{lower.name!r}"
                )

    @property
    def tier_names(self) -> tuple[str, ...]:
        return tuple(band.name for band in self.bands)

    def tier_for(self, followers: int | None) -> Tier | None:
        """The tier of an account with this many followers; None when the count is unknown."""
        if followers is None:
            return None
        chosen = 0
        for index, band in enumerate(self.bands):
            if followers >= band.min_followers:
                chosen = index
        return self.tier_named(self.bands[chosen].name)

    def tier_named(self, name: str) -> Tier:
        """The tier called ``name`` in this scheme, with its follower range."""
        for index, band in enumerate(self.bands):
            if band.name == name.strip().lower():
                upper = self.bands[index + 1].min_followers if index + 1 < len(self.bands) else None
                return Tier(band.name, self.name, band.min_followers, upper)
        known = ", ".join(self.tier_names)
        raise ValueError(f"tier scheme {self.name!r} has no tier {name!r} (it has: {known})")


def _scheme(name: str, label: str, source: str, bands: Iterable[tuple[str, int]]) -> TierScheme:
    return TierScheme(name, label, tuple(TierBand(n, m) for n, m in bands), source)


STANDARD = _scheme(
    "standard",
    "Standard (nano 1K, micro 10K, mid 100K, macro 500K, mega 1M)",
    "The five-band split most common in industry writing.",
    [
        ("consumer", 0),
        ("nano", 1_000),
        ("micro", 10_000),
        ("mid", 100_000),
        ("macro", 500_000),
        ("mega", 1_000_000),
    ],
)
WIDE_MICRO = _scheme(
    "wide-micro",
    "Wide micro (nano 1K, micro 10K-500K, macro 500K)",
    "The broad micro band common in marketing writing.",
    [("consumer", 0), ("nano", 1_000), ("micro", 10_000), ("macro", 500_000)],
)
KOL_TH = _scheme(
    "kol-th",
    "Thai KOL agency (nano 1K, rising 10K, micro 201K, mega 601K)",
    "Bands a Thai KOL agency publishes: nano 1K-10K, rising 10K-200K, micro 201K-600K, "
    "mega 601K+. The published bands leave gaps (200K-201K, 600K-601K); kolscope closes them "
    "upwards, so 200,000 is rising and 200,001 is micro.",
    [
        ("consumer", 0),
        ("nano", 1_000),
        ("rising", 10_000),
        ("micro", 200_001),
        ("mega", 600_001),
    ],
)

PRESET_SCHEMES: Mapping[str, TierScheme] = {s.name: s for s in (STANDARD, WIDE_MICRO, KOL_TH)}
DEFAULT_SCHEME = STANDARD.name


def scheme_from_config(name: str, spec: Mapping[str, object]) -> TierScheme:
    """Build a user's scheme from the workspace config (``[tiers.schemes.NAME]``).

    ``bands`` is a table of tier name to minimum followers, for example
    ``bands = { consumer = 0, seed = 1000, growth = 50000, star = 1000000 }``.
    """
    bands = spec.get("bands")
    if not isinstance(bands, Mapping) or not bands:
        raise ValueError(f"tier scheme {name!r}: 'bands' must map tier names to minimum followers")
    parsed: list[tuple[str, int]] = []
    for band_name, minimum in bands.items():
        if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
            raise ValueError(
                f"tier scheme {name!r}: band {band_name!r} needs a whole minimum follower count"
            )
        parsed.append((str(band_name).strip().lower(), minimum))
    parsed.sort(key=lambda band: band[1])
    label = spec.get("label", name)
    source = spec.get("source", "Defined in this workspace's kolscope.toml.")
    return _scheme(name, str(label), str(source), parsed)


@dataclass(frozen=True, slots=True)
class TierCatalogue:
    """The schemes a workspace knows (presets plus its own) and the one it uses by default."""

    schemes: Mapping[str, TierScheme]
    default: str = DEFAULT_SCHEME

    def __post_init__(self) -> None:
        if self.default not in self.schemes:
            raise ValueError(
                f"default tier scheme {self.default!r} is not defined "
                f"(known: {', '.join(sorted(self.schemes))})"
            )

    def get(self, name: str | None = None) -> TierScheme:
        key = (name or self.default).strip().lower()
        if key not in self.schemes:
            raise ValueError(
                f"unknown tier scheme {name!r} (known: {', '.join(sorted(self.schemes))})"
            )
        return self.schemes[key]

    @classmethod
    def with_custom(
        cls, custom: Mapping[str, Mapping[str, object]], default: str = DEFAULT_SCHEME
    ) -> TierCatalogue:
        schemes = dict(PRESET_SCHEMES)
        for name, spec in custom.items():
            key = name.strip().lower()
            if key in PRESET_SCHEMES:
                raise ValueError(f"tier scheme {name!r} is a preset; give yours another name")
            schemes[key] = scheme_from_config(key, spec)
        return cls(schemes, default.strip().lower())

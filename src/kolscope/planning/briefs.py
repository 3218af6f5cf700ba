"""Reading a brief from plain values (a form, the command line, JSON): ``read_brief`` says which
field is wrong, and nothing is saved until the whole brief reads; ``brief_from_row`` reads a
stored one back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from kolscope.domain.audience import AGE_BANDS, GENDERS
from kolscope.domain.places import PROVINCES_BY_CODE
from kolscope.planning import messages as say
from kolscope.planning.campaigns import (
    DEFAULT_CONVERSION_RATE,
    DEFAULT_DELIVERABLES,
    MAX_BUDGET,
    MAX_NAME,
    MAX_TEXT,
    AudienceWanted,
    Brief,
    CampaignError,
)
from kolscope.planning.choices import Deliverable, Objective, Rules


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    items = [str(v).strip() for v in value]
    return tuple(dict.fromkeys(i for i in items if i))


def _number(value: Any, field_name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        text = str(value).replace(",", "").replace("฿", "").strip()
        return float(text)
    except ValueError:
        raise CampaignError(say.NOT_A_NUMBER(value=str(value)), field_name) from None


def _day(value: Any, field_name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CampaignError(say.NOT_A_DATE(value=text), field_name) from None


def read_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise CampaignError(say.NAME_EMPTY(), "name")
    if len(cleaned) > MAX_NAME:
        raise CampaignError(say.NAME_LONG(most=MAX_NAME), "name")
    return cleaned


def read_objective(value: Any) -> Objective:
    try:
        return Objective(str(value).strip().lower())
    except ValueError:
        raise CampaignError(say.BAD_OBJECTIVE(value=str(value)), "objective") from None


def read_budget(value: Any) -> float:
    budget = _number(value, "budget")
    if budget is None:
        raise CampaignError(say.BUDGET_MISSING(), "budget")
    if budget <= 0 or budget > MAX_BUDGET:
        raise CampaignError(say.BUDGET_RANGE(most=MAX_BUDGET), "budget")
    return budget


def _audience(data: Mapping[str, Any]) -> AudienceWanted:
    genders = _list(data.get("genders"))
    ages = _list(data.get("age_bands"))
    countries = tuple(c.upper() for c in _list(data.get("countries")))
    provinces = tuple(p.upper() for p in _list(data.get("provinces")))
    for value in genders:
        if value not in GENDERS:
            raise CampaignError(say.BAD_CHOICE(value=value), "genders")
    for value in ages:
        if value not in AGE_BANDS:
            raise CampaignError(say.BAD_CHOICE(value=value), "age_bands")
    for value in countries:
        if len(value) != 2 or not value.isalpha():
            raise CampaignError(say.BAD_CHOICE(value=value), "countries")
    for value in provinces:
        if value not in PROVINCES_BY_CODE:
            raise CampaignError(say.BAD_CHOICE(value=value), "provinces")
    return AudienceWanted(genders, ages, countries, provinces)


def _deliverables(value: Any) -> tuple[Deliverable, ...]:
    items = _list(value)
    if not items:
        return DEFAULT_DELIVERABLES
    found: list[Deliverable] = []
    for item in items:
        try:
            found.append(Deliverable(item.lower().replace(" ", "_").replace("-", "_")))
        except ValueError:
            raise CampaignError(say.BAD_CHOICE(value=item), "deliverables") from None
    return tuple(dict.fromkeys(found))


def _share(value: Any, field_name: str) -> float | None:
    number = _number(value, field_name)
    if number is None:
        return None
    share = number / 100 if number > 1 else number
    if not 0 <= share <= 1:
        raise CampaignError(say.SHARE_RANGE(), field_name)
    return share


def read_rules(data: Mapping[str, Any]) -> Rules:
    """Pyramid rules from a form or JSON; shares may be given as 0-1 or as per cent."""
    opener = _number(data.get("open_with_big"), "open_with_big")
    most = _number(data.get("max_creators"), "max_creators")
    if most is not None and most < 1:
        raise CampaignError(say.AT_LEAST_ONE(), "max_creators")
    quality = _number(data.get("min_quality"), "min_quality")
    if quality is not None and not 0 <= quality <= 100:
        raise CampaignError(say.SCORE_RANGE(), "min_quality")
    fit = _share(data.get("min_brand_fit"), "min_brand_fit")
    shares: dict[str, tuple[float, float]] = {}
    for platform, pair in (data.get("platform_shares") or {}).items():
        low = _share(pair[0], "platform_shares") or 0.0
        high = _share(pair[1], "platform_shares")
        shares[str(platform)] = (low, 1.0 if high is None else high)
        if low > shares[str(platform)][1]:
            raise CampaignError(say.SHARES_ORDER(), "platform_shares")
    return Rules(
        open_with_big=int(opener) if opener is not None else 1,
        small_share=_share(data.get("small_share"), "small_share") or 0.0,
        max_creators=int(most) if most is not None else None,
        min_quality=quality,
        min_brand_fit=fit,
        min_niche_match=_share(data.get("min_niche_match"), "min_niche_match"),
        max_overlap=_share(data.get("max_overlap"), "max_overlap"),
        platform_shares=shares,
        one_deliverable_each=bool(data.get("one_deliverable_each", False)),
    )


def read_brief(data: Mapping[str, Any], niche_ids: Sequence[str] = ()) -> Brief:
    """A brief from plain values (form fields, CLI options, JSON). Raises CampaignError naming
    the field at fault; ``niche_ids`` are the taxonomy's ids, to check niches against."""
    starts, ends = _day(data.get("starts_on"), "starts_on"), _day(data.get("ends_on"), "ends_on")
    if starts and ends and ends < starts:
        raise CampaignError(say.DATES_ORDER(starts=starts.isoformat(), ends=ends.isoformat()),
                            "ends_on")  # fmt: skip
    niches = _list(data.get("niches"))
    for niche in niches:
        if niche_ids and niche not in niche_ids:
            raise CampaignError(say.BAD_CHOICE(value=niche), "niches")
    rate = _share(data.get("conversion_rate"), "conversion_rate")
    tone = str(data.get("tone") or "").strip()[:MAX_TEXT] or None
    return Brief(
        objective=read_objective(data.get("objective", "awareness")),
        budget_thb=read_budget(data.get("budget_thb", data.get("budget"))),
        starts_on=starts,
        ends_on=ends,
        audience=_audience(data.get("audience") or data),
        niches=niches,
        tone=tone,
        deliverables=_deliverables(data.get("deliverables")),
        must_have=tuple(r.lower() for r in _list(data.get("must_have"))),
        excluded=tuple(r.lower() for r in _list(data.get("excluded"))),
        avoid_competitors=_list(data.get("avoid_competitors")),
        conversion_rate=rate if rate is not None else DEFAULT_CONVERSION_RATE,
        rules=read_rules(data.get("rules") or {}),
    )


def brief_from_row(
    objective: str, budget: float, starts: date | None, ends: date | None, stored: Mapping[str, Any]
) -> Brief:
    """A stored brief (no checks: it was checked when saved)."""
    audience = stored.get("audience") or {}
    return Brief(
        objective=Objective(objective),
        budget_thb=float(budget),
        starts_on=starts,
        ends_on=ends,
        audience=AudienceWanted(
            *(
                tuple(audience.get(k) or ())
                for k in ("genders", "age_bands", "countries", "provinces")
            )
        ),
        niches=tuple(stored.get("niches") or ()),
        tone=stored.get("tone"),
        deliverables=tuple(Deliverable(d) for d in stored.get("deliverables") or ()),
        must_have=tuple(stored.get("must_have") or ()),
        excluded=tuple(stored.get("excluded") or ()),
        avoid_competitors=tuple(stored.get("avoid_competitors") or ()),
        conversion_rate=float(stored.get("conversion_rate", DEFAULT_CONVERSION_RATE)),
        rules=Rules.from_dict(stored.get("rules") or {}),
    )

"""The campaign brief as form controls: objective, budget, dates, the audience (genders, age
bands, countries, Thai provinces) as choices rather than typed rules, niches, deliverables and
the pyramid rules, read back into the plain values planning's brief reader takes.

A wrong field comes back as a ``CampaignError`` naming the field; the page refills every
control from the values sent, so nothing typed is lost and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request

from kolscope.discovery.facade import NICHES
from kolscope.domain.audience import AGE_BANDS, GENDERS
from kolscope.domain.places import THAI_PROVINCES
from kolscope.domain.platforms import Platform
from kolscope.entrypoints.web.vocabulary import N_
from kolscope.planning.facade import DELIVERABLE_SAID, OBJECTIVE_NAMES, Campaign

FormValues = dict[str, list[str]]

# Countries a Thai brand's campaign usually reaches, offered as boxes to tick.
COUNTRIES = ("TH", "MY", "SG", "VN", "ID", "PH", "LA", "KH", "MM", "JP", "KR", "CN", "US", "GB")
# Platforms whose share of the budget a person may bound.
SHARE_PLATFORMS = (
    Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE, Platform.FACEBOOK, Platform.X,
    Platform.LEMON8,
)  # fmt: skip
# Rules written as a share (the form takes per cent: 30 means 30 %).
SHARE_RULES = ("small_share", "min_brand_fit", "min_niche_match", "max_overlap")
NUMBER_RULES = ("open_with_big", "max_creators", "min_quality")
GENDER_WORDS = {"female": N_("women"), "male": N_("men"), "other": N_("other genders")}
PLATFORM_NAMES = {
    "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "facebook": "Facebook",
    "x": "X", "lemon8": "Lemon8",
}  # fmt: skip


async def form_values(request: Request) -> FormValues:
    """Every value of a posted form, repeated names kept (ticked boxes, several choices)."""
    form = await request.form()
    values: FormValues = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            values.setdefault(key, []).append(value)
    return values


FormDep = Annotated[FormValues, Depends(form_values)]


def one(values: Mapping[str, Sequence[str]], key: str) -> str:
    found = values.get(key) or [""]
    return found[0].strip()


def many(values: Mapping[str, Sequence[str]], key: str) -> list[str]:
    return [v.strip() for v in values.get(key, []) if v.strip()]


def per_cent(text: str) -> str | float | None:
    """A share typed as per cent (30 → 0.3). Anything else goes on as typed, for the brief
    reader to refuse with the field named."""
    if not text:
        return None
    try:
        number = float(text.replace(",", "").replace("%", "").strip())
    except ValueError:
        return text
    return number / 100 if 0 <= number <= 100 else text


def brief_values(values: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The brief as ``read_brief`` reads it, from the form's controls."""
    rules: dict[str, Any] = {key: one(values, key) or None for key in NUMBER_RULES}
    for key in SHARE_RULES:
        rules[key] = per_cent(one(values, key))
    shares: dict[str, tuple[Any, Any]] = {}
    for platform in SHARE_PLATFORMS:
        low, high = one(values, f"least_{platform}"), one(values, f"most_{platform}")
        if low or high:
            shares[platform.value] = (per_cent(low) or 0.0, per_cent(high) or 1.0)
    rules["platform_shares"] = shares
    rules["one_deliverable_each"] = bool(one(values, "one_deliverable_each"))
    return {
        "objective": one(values, "objective") or "awareness",
        "budget": one(values, "budget"),
        "starts_on": one(values, "starts_on"),
        "ends_on": one(values, "ends_on"),
        "genders": many(values, "genders"),
        "age_bands": many(values, "age_bands"),
        "countries": many(values, "countries"),
        "provinces": many(values, "provinces"),
        "niches": many(values, "niches"),
        "tone": one(values, "tone"),
        "deliverables": many(values, "deliverables"),
        "must_have": one(values, "must_have"),
        "excluded": one(values, "excluded"),
        "avoid_competitors": many(values, "avoid_competitors") or one(values, "competitors"),
        "conversion_rate": per_cent(one(values, "conversion_rate")),
        "rules": rules,
    }


def _percent_text(share: float | None) -> str:
    return "" if share is None else f"{share * 100:g}"


def values_of(campaign: Campaign) -> FormValues:
    """A saved campaign's brief as the form's values (to edit it)."""
    brief, rules = campaign.brief, campaign.brief.rules
    values: FormValues = {
        "name": [campaign.name],
        "brand": [campaign.brand_name],
        "objective": [brief.objective.value],
        "budget": [f"{brief.budget_thb:g}"],
        "starts_on": [brief.starts_on.isoformat() if brief.starts_on else ""],
        "ends_on": [brief.ends_on.isoformat() if brief.ends_on else ""],
        "genders": list(brief.audience.genders),
        "age_bands": list(brief.audience.age_bands),
        "countries": list(brief.audience.countries),
        "provinces": list(brief.audience.provinces),
        "niches": list(brief.niches),
        "tone": [brief.tone or ""],
        "deliverables": [d.value for d in brief.deliverables],
        "must_have": ["\n".join(brief.must_have)],
        "excluded": ["\n".join(brief.excluded)],
        "competitors": [", ".join(brief.avoid_competitors)],
        "conversion_rate": [_percent_text(brief.conversion_rate)],
        "open_with_big": [str(rules.open_with_big)],
        "max_creators": [str(rules.max_creators or "")],
        "min_quality": [f"{rules.min_quality:g}" if rules.min_quality is not None else ""],
        "one_deliverable_each": ["1"] if rules.one_deliverable_each else [],
    }
    for key in SHARE_RULES:
        share = getattr(rules, key)
        values[key] = [_percent_text(share) if share else ""]
    for platform, (low, high) in rules.platform_shares.items():
        values[f"least_{platform}"] = [_percent_text(low)]
        values[f"most_{platform}"] = [_percent_text(high)]
    return values


def choices() -> dict[str, Any]:
    """What the brief's controls offer: (value, label) pairs; labels are English messages the
    template translates, or names already in the reader's language."""
    return {
        "objectives": [(key, template()) for key, template in OBJECTIVE_NAMES.items()],
        "deliverables": [(key, template()) for key, template in DELIVERABLE_SAID.items()],
        "genders": [(g, GENDER_WORDS.get(g, g)) for g in GENDERS],
        "age_bands": list(AGE_BANDS),
        "countries": list(COUNTRIES),
        "provinces": [p.code for p in THAI_PROVINCES],
        "niches": [(n.id, n.th, n.en) for n in NICHES if n.parent is None],
        "platforms": [p.value for p in SHARE_PLATFORMS],
    }


def rule_lines(campaign: Campaign) -> list[tuple[str, dict[str, Any]]]:
    """The pyramid rules in words: (English sentence to translate, its values)."""
    brief, rules = campaign.brief, campaign.brief.rules
    lines: list[tuple[str, dict[str, Any]]] = []
    if rules.open_with_big:
        lines.append((N_("At least %(count)s macro or mega creators to open."),
                      {"count": rules.open_with_big}))  # fmt: skip
    if rules.small_share:
        lines.append((N_("At least %(share)s of the budget to micro and nano creators."),
                      {"share": f"{rules.small_share:.0%}"}))  # fmt: skip
    if rules.max_creators:
        lines.append((N_("At most %(count)s creators."), {"count": rules.max_creators}))
    if rules.min_quality is not None:
        lines.append((N_("Quality score at least %(score)s."), {"score": f"{rules.min_quality:g}"}))
    if rules.min_brand_fit is not None:
        lines.append((N_("Brand fit at least %(share)s."), {"share": f"{rules.min_brand_fit:.0%}"}))
    if rules.min_niche_match is not None:
        lines.append((N_("Niche match at least %(share)s."),
                      {"share": f"{rules.min_niche_match:.0%}"}))  # fmt: skip
    if rules.max_overlap is not None:
        lines.append((N_("No two creators share more than %(share)s of their audience."),
                      {"share": f"{rules.max_overlap:.0%}"}))  # fmt: skip
    for platform, (low, high) in sorted(rules.platform_shares.items()):
        name = PLATFORM_NAMES.get(platform, platform)
        lines.append((N_("%(platform)s: from %(low)s to %(high)s of the budget."),
                      {"platform": name, "low": f"{low:.0%}", "high": f"{high:.0%}"}))  # fmt: skip
    if rules.one_deliverable_each:
        lines.append((N_("One deliverable per creator."), {}))
    if brief.must_have:
        lines.append((N_("Must have: %(names)s."), {"names": ", ".join(brief.must_have)}))
    if brief.excluded:
        lines.append((N_("Never: %(names)s."), {"names": ", ".join(brief.excluded)}))
    if brief.avoid_competitors:
        lines.append((N_("Leave out creators who recently worked for %(names)s."),
                      {"names": ", ".join(brief.avoid_competitors)}))  # fmt: skip
    return lines

"""Every sentence discovery tells people: why a creator matched a search, the classifier's
reasons for a creator type, the parts of a brand fit, a page's notes, and the column labels of
an export. Declared once here (code and English text); pages, exports and the API write them
in the reader's language (see ``kolscope.domain.messages``)."""

from __future__ import annotations

from collections.abc import Sequence

from kolscope.domain.messages import Message, Template, chained, literal

# Joining several messages into one ------------------------------------------------------------
LIST = Template("discover.list", "{first:said}, {rest:said}")
LIST_PARTS = Template("discover.list.parts", "{first:said}; {rest:said}")

# Why a creator matched -------------------------------------------------------------------------
NICHE = Template("discover.niche", "niche {niche:niche} ({confidence:ratio})")
NICHE_EVIDENCE = Template(
    "discover.niche.evidence", "niche {niche:niche} ({confidence:ratio}: {evidence:said})"
)
EVIDENCE_CATEGORY = Template("discover.evidence.category", "category: {label}")
EVIDENCE_NAME = Template("discover.evidence.name", 'name: "{term}"')
EVIDENCE_BIO = Template("discover.evidence.bio", 'bio: "{term}"')
EVIDENCE_HANDLE = Template("discover.evidence.handle", 'handle: "{term}"')
EVIDENCE_POSTS = Template("discover.evidence.posts", "{term} ×{posts:int}")
EVIDENCE_VIA = Template("discover.evidence.via", "via {niche:niche}")
TYPE_KOL = Template("discover.type.kol", "KOL")
TYPE_KOC = Template("discover.type.koc", "KOC")
TYPE_CREATOR = Template("discover.type.creator", "general creator")
CREATOR_TYPE = Template("discover.type", "{kind:said} ({confidence:ratio})")
CREATOR_TYPE_BECAUSE = Template(
    "discover.type.because", "{kind:said} ({confidence:ratio}): {why:said}"
)
ENGAGEMENT = Template("discover.engagement", "engagement rate {rate:percent}")
QUALITY = Template("discover.quality", "quality score {score:score} ({verdict:said})")
VERDICT_GOOD = Template("discover.verdict.good", "good")
VERDICT_CAUTION = Template("discover.verdict.caution", "caution")
VERDICT_RISK = Template("discover.verdict.risk", "risk")
VERDICT_UNKNOWN = Template("discover.verdict.unknown", "not enough data")
AUDIENCE_FEMALE = Template(
    "discover.audience.female",
    "audience at least {share:share} female (from its latest audience report)",
)
AUDIENCE_MALE = Template(
    "discover.audience.male",
    "audience at least {share:share} male (from its latest audience report)",
)
AUDIENCE_OTHER = Template(
    "discover.audience.other",
    "audience at least {share:share} of other genders (from its latest audience report)",
)
AUDIENCE_AGE = Template(
    "discover.audience.age",
    "audience at least {share:share} aged {band} (from its latest audience report)",
)
AUDIENCE_PLACE = Template(
    "discover.audience.place",
    "audience at least {share:share} in {place:place} (from its latest audience report)",
)
BASED_IN = Template("discover.based_in", "based in {place:place}")
PRICE = Template("discover.price", "estimated {low:count}-{high:count} THB per post")
LAST_POST = Template("discover.last_post", "last post {day:day}")
FOLLOWERS = Template("discover.followers", "{followers:count} followers")
FOLLOWERS_TIER = Template(
    "discover.followers.tier",
    "{followers:count} followers, {tier:tier} in the {scheme:tier} scheme",
)
FIT = Template("discover.fit", "fit for {brand} {score:score}/100")
FIT_BECAUSE = Template("discover.fit.because", "fit for {brand} {score:score}/100: {why:said}")
FAN_ONE = Template("discover.fan.one", "names {brand} in 1 unsponsored post")
FAN_MANY = Template("discover.fan.many", "names {brand} in {posts:int} unsponsored posts")
FAN_LATEST = Template("discover.fan.latest", "{fan:said}, latest {days:int} days ago")
TAG_ONE = Template("discover.tag.one", "uses #{tag} in 1 post")
TAG_MANY = Template("discover.tag.many", "uses #{tag} in {posts:int} posts")
MENTION_ONE = Template(
    "discover.mention.one", "mentions @{handle} in 1 post ({unsponsored:int} unsponsored)"
)
MENTION_MANY = Template(
    "discover.mention.many",
    "mentions @{handle} in {posts:int} posts ({unsponsored:int} unsponsored)",
)
USE_LATEST = Template("discover.use.latest", "{use:said}, latest {day:day}")
WORDS = Template("discover.words", 'bio, captions or hashtags say "{text}"')
SIMILAR = Template(
    "discover.similar",
    "like {seed}: similarity {overall:ratio} (niche {niche:ratio}, content {content:ratio}, "
    "audience {audience:ratio})",
)
ON_LIST = Template("discover.on_list", "on your list")

# Notes beside a page of results -----------------------------------------------------------------
UNAUDITED = Template(
    "discover.note.unaudited",
    "{count:int} matching accounts are not audited yet, so the minimum quality leaves them out",
)
RANKED_AMONG = Template(
    "discover.note.ranked_among",
    "ranked among {niche:niche} and related niches ({related:niches}); choose niches to widen",
)
RANKED_AMONG_ALONE = Template(
    "discover.note.ranked_among_alone",
    "ranked among {niche:niche} only (it has no related niches); choose niches to widen",
)
FIT_POOL = Template(
    "discover.note.fit_pool", "brand fit scored for the first {count:int} matches by followers"
)

# Brand fit: each part's reason ----------------------------------------------------------------
FIT_NO_BRAND_NICHE = Template("discover.fit.niche.unset", "the brand has no niche set")
FIT_NO_NICHE = Template(
    "discover.fit.niche.unknown", "no niche could be read from the creator's content"
)
FIT_NICHE_SAME = Template(
    "discover.fit.niche.same",
    "works in the brand's niche {niche:niche}: {found:niche} (confidence {confidence:ratio})",
)
FIT_NICHE_FAMILY = Template(
    "discover.fit.niche.family",
    "works in a niche of the same family as the brand's niche {niche:niche}: {found:niche} "
    "(confidence {confidence:ratio})",
)
FIT_NICHE_RELATED = Template(
    "discover.fit.niche.related",
    "works in a niche related to the brand's niche {niche:niche}: {found:niche} "
    "(confidence {confidence:ratio})",
)
FIT_NICHE_OTHER = Template(
    "discover.fit.niche.other", "niches {niches:niches} are not {niche:niche} or related to it"
)
FIT_TONE_UNSET = Template(
    "discover.fit.tone.unset", "the brand's tone notes say nothing about tone"
)
FIT_TONE_UNKNOWN = Template("discover.fit.tone.unknown", "the creator's tone is unknown (no posts)")
FIT_TONE_MATCH = Template("discover.fit.tone.match", "tone matches the brand's notes")
FIT_TONE_DIFFERS = Template("discover.fit.tone.differs", "tone differs: {gaps:said}")
TONE_GAPS = {
    "loud": Template("discover.fit.tone.loud", "loud {value:number} vs wanted {wanted:number}"),
    "formal": Template(
        "discover.fit.tone.formal", "formal {value:number} vs wanted {wanted:number}"
    ),
    "humour": Template(
        "discover.fit.tone.humour", "humour {value:number} vs wanted {wanted:number}"
    ),
    "emoji_rate": Template(
        "discover.fit.tone.emoji", "emoji use {value:number} vs wanted {wanted:number}"
    ),
}
FIT_REVIEW_UNKNOWN = Template("discover.fit.review.unknown", "no posts were read for review style")
FIT_REVIEW_BALANCED = Template(
    "discover.fit.review.balanced", "{share:share} of reviews weigh pros and cons"
)
FIT_REVIEW_KIND = Template("discover.fit.review.kind", "reads as a {kind:said}")
FIT_REVIEW_SPONSORED = Template("discover.fit.review.sponsored", "{share:share} of posts sponsored")
FIT_AUDIENCE_UNKNOWN = Template(
    "discover.fit.audience.unknown", "no audience data or no target audience"
)
FIT_AUDIENCE = Template("discover.fit.audience", "audience fit {share:share} of the target")
FIT_NOT_AUDITED = Template("discover.fit.quality.unknown", "not audited yet")
FIT_QUALITY = Template("discover.fit.quality", "audit quality score {score:score}/100")
FIT_MENTIONED_ONE = Template("discover.fit.mentions.one", "mentioned {brand} unpaid in 1 post")
FIT_MENTIONED = Template(
    "discover.fit.mentions.many", "mentioned {brand} unpaid in {posts:int} posts"
)
FIT_NOT_MENTIONED = Template("discover.fit.mentions.none", "has not mentioned {brand} unpaid")
FIT_RIVAL_ONE = Template(
    "discover.fit.competitors.one", "caution: mentioned a competitor in 1 post"
)
FIT_RIVALS = Template(
    "discover.fit.competitors.many", "caution: mentioned a competitor in {posts:int} posts"
)
FIT_NO_RIVALS = Template("discover.fit.competitors.none", "no competitor mentioned")

# Export column labels (the machine keys stay in discovery/export.py) ----------------------
COLUMNS = {
    "platform": Template("discover.column.platform", "Platform"),
    "handle": Template("discover.column.handle", "Handle"),
    "display_name": Template("discover.column.display_name", "Display name"),
    "followers": Template("discover.column.followers", "Followers"),
    "tier": Template("discover.column.tier", "Tier"),
    "niches": Template("discover.column.niches", "Niches"),
    "creator_type": Template("discover.column.creator_type", "Creator type"),
    "type_confidence": Template("discover.column.type_confidence", "Type confidence"),
    "quality_score": Template("discover.column.quality_score", "Quality score"),
    "engagement_rate": Template("discover.column.engagement_rate", "Engagement rate (%)"),
    "country": Template("discover.column.country", "Country"),
    "province": Template("discover.column.province", "Province"),
    "price_low_thb": Template("discover.column.price_low", "Price from (THB)"),
    "price_high_thb": Template("discover.column.price_high", "Price to (THB)"),
    "last_active": Template("discover.column.last_active", "Last post"),
    "brand_fit": Template("discover.column.brand_fit", "Brand fit"),
    "why": Template("discover.column.why", "Why it matched"),
    "note": Template("discover.column.note", "Note"),
}

TYPES = {"kol": TYPE_KOL, "koc": TYPE_KOC, "creator": TYPE_CREATOR}
VERDICTS = {
    "good": VERDICT_GOOD,
    "caution": VERDICT_CAUTION,
    "risk": VERDICT_RISK,
    "unknown": VERDICT_UNKNOWN,
}


def type_label(creator_type: str) -> Message:
    """ "KOL", "KOC" or "general creator" as a message (an unknown type as written)."""
    found = TYPES.get(creator_type)
    return found() if found is not None else literal(creator_type)


def verdict(code: str | None) -> Message:
    found = VERDICTS.get(code or "unknown")
    return found() if found is not None else literal(str(code))


def joined(messages: Sequence[Message], template: Template = LIST) -> Message | None:
    """Several messages as one, joined by commas (``LIST_PARTS``: semicolons); None for none."""
    return chained(messages, template)


def reasons_of(stored: object) -> tuple[Message, ...]:
    """Messages stored as ``to_dict`` forms (or, from before, plain strings)."""
    if not isinstance(stored, (list, tuple)):
        return ()
    return tuple(Message.from_dict(item) for item in stored if isinstance(item, (dict, str)))


# The search index as a background job: titles and progress notes ------------------------------
JOB_INDEX_UPDATE = Template("discover.job.title.update", "Update the search index")
JOB_INDEX_REBUILD = Template("discover.job.title.rebuild", "Rebuild the search index")
INDEXING = Template("discover.job.note.indexing", "indexing {total:int} accounts for search")

# Customer and follower lists matched against the creators (discovery/handle_lists.py) ---------
LIST_NOT_XLSX = Template("discover.list.not_xlsx", "{file}: not a readable XLSX file ({error})")
LIST_NOT_UTF8 = Template("discover.list.not_utf8", "{file}: row {row}: not UTF-8 text")
LIST_MISSING = Template("discover.list.missing", "{file}: no such file")
LIST_EMPTY = Template("discover.list.empty", "{file}: the file is empty")
LIST_NO_COLUMN = Template(
    "discover.list.no_column",
    "{file}: no column of handles (name one handle or username, columns found: {columns:words})",
)
LIST_NO_COLUMNS = Template(
    "discover.list.no_columns",
    "{file}: no column of handles (name one handle or username, columns found: none)",
)
LIST_SUFFIX = Template(
    "discover.list.suffix", "{file}: choose a .csv, .xlsx or .txt list of handles"
)
LIST_TOO_LARGE = Template("discover.list.too_large", "{file}: larger than 50 MB; split the list")

# A search field that cannot be read (the page names the field by its label before these) ----
NOT_A_NUMBER = Template("discover.field.not_number", "{value} is not a number")
NOT_WHOLE = Template("discover.field.not_whole", "{value} is not a whole number")
DAYS = Template("discover.field.days", "must be a number of days from 0 to {most:int}")
YES_OR_NO = Template("discover.field.yes_no", "{value}: use yes or no")
BETWEEN = Template("discover.field.between", "must be between {low:int} and {high:int}")
SORT = Template("discover.field.sort", "{value} is not a way to sort; choose one from the list")
SORT_NEEDS_BRAND = Template(
    "discover.field.sort.needs_brand", "sorting by brand fit needs a brand to rank for"
)
SORT_NEEDS_LIKE = Template(
    "discover.field.sort.needs_like", "sorting by similarity needs a creator to compare with"
)
SORT_NEEDS_FANS = Template(
    "discover.field.sort.needs_fans", "sorting by fans needs a brand whose fans to find"
)
CREATOR_TYPE_CHOICE = Template("discover.field.type", "{value}: choose KOL, KOC or general creator")
LANGUAGE_CHOICE = Template("discover.field.language", "{value}: choose Thai, English or mixed")
PLATFORM_UNKNOWN = Template(
    "discover.field.platform", "{value} is not a platform kolscope knows; choose one from the list"
)
COUNTRY_UNKNOWN = Template("discover.field.country", "{value} is not a country kolscope knows")
PROVINCE_UNKNOWN = Template(
    "discover.field.province", "{value} is not a Thai province kolscope knows"
)
NICHE_UNKNOWN = Template(
    "discover.field.niche", "{value} is not a niche kolscope knows; choose one from the list"
)
SCHEME_UNKNOWN = Template(
    "discover.field.scheme", "{value} is not a tier scheme kolscope knows; choose one from the list"
)
TIER_UNKNOWN = Template(
    "discover.field.tier", "{value} is not a tier of the {scheme} scheme; choose one from the list"
)
NO_WORDS = Template("discover.field.no_words", "{value} has no words to search for")
PERCENTAGE = Template(
    "discover.field.percentage", "must be a percentage from 0 to 1000, not {value:number}"
)
SCORE = Template("discover.field.score", "must be a score from 0 to 100")
NEGATIVE = Template("discover.field.negative", "cannot be negative")
TOO_LARGE = Template("discover.field.too_large", "is too large (at most {most:int})")
AUDIENCE_FORM = Template(
    "discover.field.audience.form",
    "{value}: write an audience group and its least share, e.g. 18-24>=40%",
)
AUDIENCE_SHARE = Template("discover.field.audience.share", "{text}: {value} is not a share")
AUDIENCE_RANGE = Template(
    "discover.field.audience.range", "{text}: the share must be 0-1 or 0%-100%"
)
AUDIENCE_SEGMENT = Template(
    "discover.field.audience.segment",
    "{text}: unknown audience group (a gender, an age band like 18-24, a country or a Thai "
    "province)",
)
LIKE_FORM = Template(
    "discover.field.like.form", "{value}: write the platform and the handle, e.g. {example}"
)
LIKE_UNKNOWN = Template(
    "discover.field.like.unknown", "{value} is not in the search index yet (import it first)"
)
NOT_YOUR_BRAND = Template(
    "discover.field.brand.unknown", "{value} is not one of your brands ({brands:words})"
)
NOT_YOUR_BRAND_NONE = Template(
    "discover.field.brand.unknown.none", "{value} is not one of your brands (none yet)"
)


def not_your_brand(name: str, brands: Sequence[str]) -> Message:
    """A brand name the person may not search for, with the brands they may."""
    if not brands:
        return NOT_YOUR_BRAND_NONE(value=repr(name))
    return NOT_YOUR_BRAND(value=repr(name), brands=list(brands))


BRAND_NO_TERMS = Template(
    "discover.field.brand.no_terms", "{value} has no handles or hashtags to look for (add them)"
)


def brand_has_no_terms(name: str) -> Message:
    return BRAND_NO_TERMS(value=repr(name))


# Shortlists and saved searches (discovery/shortlists.py) -------------------------------------
NAME_EMPTY = Template("discover.shortlist.name.empty", "a name cannot be empty")
NAME_LONG = Template("discover.shortlist.name.long", "a name can be at most {most:int} characters")
# {most} as written (4000): the command line and the API said it so before
NOTE_LONG = Template("discover.shortlist.note.long", "a note can be at most {most} characters")
NO_SHORTLIST = Template("discover.shortlist.missing", "no shortlist named {name}")
NO_SHORTLIST_KNOWN = Template(
    "discover.shortlist.missing.known", "no shortlist named {name} (shortlists: {names:words})"
)
NO_SHORTLIST_NONE = Template(
    "discover.shortlist.missing.none", "no shortlist named {name} (shortlists: none)"
)
SHORTLIST_EXISTS = Template("discover.shortlist.exists", "a shortlist named {name} exists already")
NOT_IN_WORKSPACE = Template("discover.shortlist.not_found", "{account} is not in the workspace")
NO_SAVED_SEARCH = Template("discover.saved.missing", "no saved search named {name}")
# A count the domain cannot read (``ReadError`` codes of ``domain.quantities``): its English
READ_ERRORS: dict[str, Template] = {
    template.code.removeprefix("discover.field."): template
    for template in (
        Template("discover.field.number", "cannot read {value} as a number"),
        Template(
            "discover.field.number.unit", "cannot read {value} as a number: unknown unit {unit}"
        ),
        Template(
            "discover.field.number.commas",
            "cannot read {value}: the commas are not thousands separators",
        ),
        Template("discover.field.number.points", "cannot read {value}: too many decimal points"),
        Template("discover.field.count.percentage", "expected a count, found a percentage {value}"),
        Template("discover.field.count.negative", "a count cannot be negative ({value})"),
        Template(
            "discover.field.count.too_large",
            "{value} is too large for a count (at most {most:int})",
        ),
        Template(
            "discover.field.age_band", "cannot read {value} as an age band such as 18-24 or 65+"
        ),
        Template(
            "discover.field.gender", "cannot read {value} as a gender (female, male or other)"
        ),
    )
}


def read_error(error: ValueError) -> Message:
    """A value the domain could not read, as a message (its English when the code is unknown)."""
    code = getattr(error, "code", None)
    template = READ_ERRORS.get(code) if isinstance(code, str) else None
    if template is None:
        return literal(str(error))
    return template(**getattr(error, "values", {}))

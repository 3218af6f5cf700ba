"""Every sentence the rate cards tell people: where a fee comes from, what the fitted model
says, and what is wrong with a cell or a rate card file. Declared once here (code and English
text); the CLI, pages and the API write them in the reader's language (see
``kolscope.domain.messages``)."""

from __future__ import annotations

from kolscope.domain.messages import Template

# What a creator is paid to publish, by name ------------------------------------------------------
DELIVERABLE_POST = Template("plan.ratecard.deliverable.post", "feed post")
DELIVERABLE_SHORT_VIDEO = Template("plan.ratecard.deliverable.short_video", "short video")
DELIVERABLE_STORY = Template("plan.ratecard.deliverable.story", "story")
DELIVERABLE_LONG_VIDEO = Template("plan.ratecard.deliverable.long_video", "long video")
DELIVERABLE_LIVE = Template("plan.ratecard.deliverable.live", "live")

# Where a fee comes from (Fee.basis) ------------------------------------------------------------
BASIS_QUOTE = Template("plan.ratecard.basis.quote", "the creator's own quote ({thb:thb})")
BASIS_DEFAULT = Template(
    "plan.ratecard.basis.default",
    "default rate card (discovery's price estimate): {tier:tier} {platform:platform} "
    "{deliverable:said}, scaled to {followers:count} followers",
)
BASIS_WORKSPACE = Template(
    "plan.ratecard.basis.workspace",
    "the workspace's rate card: {tier:tier} {platform:platform} {deliverable:said}, scaled to "
    "{followers:count} followers",
)
BASIS_FITTED = Template(
    "plan.ratecard.basis.fitted",
    "fitted on {count:int} agreed fees and blended with {card:said} (typical miss ±{spread:share})",
)
BASIS_TOO_FEW = Template(
    "plan.ratecard.basis.too_few",
    "{card:said}; not fitted: {count:int} agreed fees, a fitted model needs {least:int}",
)

# The fitted model, in words --------------------------------------------------------------------
FITTED_SUMMARY = Template(
    "plan.ratecard.fitted.summary",
    "fitted on {count:int} agreed fees: typical miss ±{spread:share}; agreed fees run "
    "{shift:share} {direction:said} the card",
)
FITTED_ABOVE = Template("plan.ratecard.fitted.above", "above")
FITTED_BELOW = Template("plan.ratecard.fitted.below", "below")
FITTED_TOO_FEW = Template(
    "plan.ratecard.fitted.too_few",
    "{count:int} agreed fees with one deliverable each; a fitted model needs at least "
    "{least:int}, so fees come from the card",
)
FITTED_SKIPPED = Template(
    "plan.ratecard.fitted.skipped",
    "{count:int} agreed fees cover several deliverables or unknown followers and are left out",
)

# What is wrong with a cell ---------------------------------------------------------------------
UNKNOWN_PLATFORM = Template(
    "plan.ratecard.unknown_platform", "unknown platform {value} (known: {known:words})"
)
UNKNOWN_TIER = Template("plan.ratecard.unknown_tier", "unknown tier {value} (known: {known:words})")
UNKNOWN_DELIVERABLE = Template(
    "plan.ratecard.unknown_deliverable", "unknown deliverable {value} (known: {known:words})"
)
NOT_ON_PLATFORM = Template(
    "plan.ratecard.not_on_platform",
    "{platform:platform} has no {deliverable:said} on the rate card (it has: {known:words})",
)
NOT_A_NUMBER = Template("plan.ratecard.not_a_number", "not a number of baht: {value}")
NOT_POSITIVE = Template("plan.ratecard.not_positive", "must be more than 0 baht, not {value}")
LOW_ABOVE_HIGH = Template(
    "plan.ratecard.low_above_high", "{low:thb} is above the high end ({high:thb})"
)
CELL = Template("plan.ratecard.cell", "{field}: {why:said}")

# What is wrong with a rate card file -----------------------------------------------------------
FILE_CELL = Template("plan.ratecard.file.cell", "{file}, row {row:int}, {field}: {why:said}")
FILE_REPEATED = Template(
    "plan.ratecard.file.repeated",
    "{file}, row {row:int}: the same platform, tier and deliverable as row {first:int}",
)
FILE_MISSING = Template("plan.ratecard.file.missing", "{file}: no such file")
FILE_SUFFIX = Template(
    "plan.ratecard.file.suffix", "{file}: a rate card file must be a .csv or .xlsx file"
)
FILE_NOT_UTF8 = Template("plan.ratecard.file.not_utf8", "{file}, row {row:int}: not UTF-8 text")
FILE_NOT_XLSX = Template(
    "plan.ratecard.file.not_xlsx", "{file}: not a workbook kolscope can read ({error})"
)
FILE_EMPTY = Template("plan.ratecard.file.empty", "{file}: no rows under the header")
FILE_COLUMNS = Template(
    "plan.ratecard.file.columns",
    "{file}: missing columns {missing:words} (a rate card file has the columns platform, tier, "
    "deliverable, low_thb, high_thb)",
)
FILE_MORE = Template("plan.ratecard.file.more", "and {count:int} more errors")
FILE_NOTHING_SAVED = Template(
    "plan.ratecard.file.nothing_saved", "{file}: nothing was saved (errors found: {count:int})"
)

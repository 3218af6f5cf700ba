"""Every sentence vetting says: the audit's reasons and "based on" notes, follower-jump
tell-tales and the comment reader's evidence, each declared once as a ``Template`` (see
``kolscope.domain.messages``). Codes are stable: stored audits and the API keep them.

Longer reasons are built from these parts with ``joined`` ("first; second") and ``listed``
("first, second"), so each part is translated once and numbers stay values.
"""

from __future__ import annotations

from collections.abc import Sequence

from kolscope.domain.messages import Message, Template, chained, literal

# How parts are put together -------------------------------------------------------------------
BECAUSE = Template("audit.because", "{lead:said}: {facts:said}")
AND = Template("audit.and", "{first:said}; {rest:said}")
COMMA = Template("audit.comma", "{first:said}, {rest:said}")
NO_DATA = Template("audit.no_data", "no data")
TOO_FEW_COMMENTS = Template(
    "audit.too_few_comments", "only {count:int} comments: at least {least:int} are needed"
)

# Fake followers -------------------------------------------------------------------------------
FAKE_NO_SAMPLE = Template(
    "audit.fake.no_sample", "no follower sample has been imported for this account"
)
FAKE_UNSCORED = Template(
    "audit.fake.unscored", "none of the {count:int} sampled followers has a profile field known"
)
FAKE_TOO_FEW = Template(
    "audit.fake.too_few", "only {count:int} followers were sampled; at least {least:int} are needed"
)
FAKE_SAMPLE = Template("audit.fake.sample", "{count:int} followers from {source}")
FAKE_SAMPLE_UNNAMED = Template("audit.fake.sample_unnamed", "{count:int} sampled followers")
FAKE_SCORED = Template(
    "audit.fake.scored",
    "{sample:said}, scored by the follower model (fake at probability >= {threshold:ratio})",
)
FAKE_LOOK_FAKE = Template(
    "audit.fake.look_fake",
    "{share:share} (95 % interval {low:share}-{high:share}) of sampled followers look fake; "
    "organic accounts usually stay under {usual:share}",
)
FAKE_ONLY = Template(
    "audit.fake.only",
    "only {share:share} (95 % interval {low:share}-{high:share}) of sampled followers look "
    "fake; organic accounts usually stay under {usual:share}",
)
FAKE_SMALL_SAMPLE = Template(
    "audit.fake.small_sample",
    "{share:share} of sampled followers look fake, but with {count:int} followers sampled the "
    "95 % interval reaches {high:share}: too wide to rule out bought followers",
)

# Engagement -----------------------------------------------------------------------------------
ENGAGEMENT_POSTS = Template("audit.engagement.posts", "{count:int} recent posts")
ENGAGEMENT_NORM_FROM = Template(
    "audit.engagement.norm_from", "{count:int} recent posts; norm from {peers:int} {group:said}"
)
ENGAGEMENT_GROUP = Template(
    "audit.engagement.group", "{tier:tier} {platform:platform} creators ({scheme:tier} scheme)"
)
ENGAGEMENT_ITS_TIER = Template("audit.engagement.its_tier", "its tier")
ENGAGEMENT_NO_RATE = Template(
    "audit.engagement.no_rate", "no posts with likes or comments and a follower count"
)
ENGAGEMENT_FEW_PEERS = Template(
    "audit.engagement.few_peers",
    "engagement rate {rate:percent}, but only {peers:int} peers among {group:said}: "
    "too few to say what is normal",
)
ENGAGEMENT_WHERE = Template(
    "audit.engagement.where",
    "engagement rate {rate:percent}, percentile {rank:int} among {group:said} "
    "(median {median:percent}, {peers:int} accounts)",
)
ENGAGEMENT_FAR_BELOW = Template(
    "audit.engagement.far_below", "far below the norm, as when many followers are bought"
)
ENGAGEMENT_POOR_COMMENTS = Template(
    "audit.engagement.poor_comments",
    "implausibly high while {share:share} of comments are low effort or spam, as with bought "
    "engagement or a pod",
)
ENGAGEMENT_POD = Template(
    "audit.engagement.pod",
    "implausibly high while it trades comments with {count:int} creators, as with bought "
    "engagement or a pod",
)
ENGAGEMENT_HALF_POOR = Template(
    "audit.engagement.half_poor",
    "high while {share:share} of comments are low effort or spam: worth checking it is real",
)
ENGAGEMENT_LOW = Template("audit.engagement.low", "low for its tier")
ENGAGEMENT_UNCHECKED = Template(
    "audit.engagement.unchecked", "unusually high, and no comments were read to check it is real"
)
ENGAGEMENT_HIGH_REAL = Template("audit.engagement.high_real", "high, with real comments")
ENGAGEMENT_NORMAL = Template("audit.engagement.normal", "normal")

# Comments -------------------------------------------------------------------------------------
COMMENTS_NONE = Template("audit.comments.none", "no comments have been imported for this account")
COMMENTS_READ = Template(
    "audit.comments.read", "{count:int} recent comments read by the comment models"
)
COMMENTS_SHARES = Template(
    "audit.comments.shares",
    "{low:share} low effort ({emoji:share} emoji or sticker only, {generic:share} generic, "
    "{duplicates:share} copy-paste duplicates), {spam:share} spam, {buying:share} questions "
    "or purchase intent",
)
COMMENTS_BOUGHT = Template("audit.comments.bought", "comments look bought or spammed")
COMMENTS_LOW_EFFORT = Template(
    "audit.comments.low_effort", "many comments carry no real conversation"
)
COMMENTS_DUPLICATES = Template(
    "audit.comments.duplicates", "many comments are copy-paste duplicates"
)
COMMENTS_SPAM = Template("audit.comments.spam", "some comments are spam")
COMMENTS_REAL = Template("audit.comments.real", "comments read as real conversation")
COMMENTS_GOOD_SIGN = Template(
    "audit.comments.good_sign", "people ask questions and want to buy (a good sign)"
)

# Growth ---------------------------------------------------------------------------------------
GROWTH_DATA = Template("audit.growth.data", "{count:int} follower snapshots over {days:int} days")
GROWTH_TOO_LITTLE = Template(
    "audit.growth.too_little",
    "too little history: {count:int} snapshots over {days:int} days (at least {least:int} over "
    "{least_days:int} days are needed)",
)
GROWTH_STEADY = Template(
    "audit.growth.steady", "steady growth: {change:share} over {days:int} days without a jump"
)
GROWTH_JUMPED = Template(
    "audit.growth.jumped",
    "followers jumped {rise:share} ({before:int} to {after:int}) around {on:day}",
)
GROWTH_VIRAL = Template(
    "audit.growth.viral",
    "{jump:said}, with no sign of decay or a package size: maybe a post went viral",
)
GROWTH_DECAYED = Template("audit.growth.decayed", "{share:share} of it was lost again within weeks")
GROWTH_ROUND = Template(
    "audit.growth.round", "it added about {added:int} followers, a round package size"
)
GROWTH_ENGAGEMENT_LAGS = Template(
    "audit.growth.engagement_lags",
    "engagement per post changed by {engagement:share} while followers rose {followers:share}",
)

# Engagement pods ------------------------------------------------------------------------------
PODS_NONE = Template("audit.pods.none", "no comments with known authors have been imported")
PODS_DATA = Template(
    "audit.pods.data", "{count:int} comments and their authors across the workspace"
)
PODS_POD = Template(
    "audit.pods.pod",
    "trades comments with {count:int} creators ({partners:words}), who write {share:share} of "
    "its comments: an engagement pod",
)
PODS_TRADES = Template(
    "audit.pods.trades", "trades comments with {count:int} creators ({partners:words})"
)
PODS_SHARED = Template(
    "audit.pods.shared",
    "shared commenters: {share:share} of comments come from {commenters:int} commenters seen "
    "under {accounts:int} or more accounts of the workspace",
)
PODS_NO_RING = Template(
    "audit.pods.no_ring", "no commenting ring: no creator trades comments with it"
)
PODS_ONE_PARTNER = Template(
    "audit.pods.one_partner", "no commenting ring: one creator trades comments with it"
)

# Audience fit ---------------------------------------------------------------------------------
FIT_NO_TARGET = Template("audit.fit.no_target", "no target audience was given")
FIT_NO_TARGET_DATA = Template("audit.fit.no_target_data", "no target")
FIT_NO_AUDIENCE = Template(
    "audit.fit.no_audience", "no audience data has been imported for this account"
)
FIT_MISSING = Template(
    "audit.fit.missing",
    "the audience data has no {dimension:said} breakdown, which the target needs",
)
FIT_PROFILES = Template("audit.fit.profiles", "{count:int} audience profiles")
FIT_MATCHES = Template(
    "audit.fit.matches", "{share:share} of the audience matches the target: {parts:said}"
)
FIT_MATCHES_INDEPENDENT = Template(
    "audit.fit.matches_independent",
    "{share:share} of the audience matches the target (dimensions assumed independent): "
    "{parts:said}",
)
FIT_PART = Template("audit.fit.part", "{share:share} {dimension:said} {segments:words}")
FIT_FROM = Template("audit.fit.from", "{dimension:said} from {source} ({people:int} people)")
FIT_FROM_UNKNOWN = Template(
    "audit.fit.from_unknown", "{dimension:said} from {source} (sample size unknown)"
)
DIMENSIONS = {
    "gender": Template("audit.dimension.gender", "gender"),
    "age": Template("audit.dimension.age", "age"),
    "country": Template("audit.dimension.country", "country"),
    "province": Template("audit.dimension.province", "province"),
}

# The comment reader's evidence ---------------------------------------------------------------
EVIDENCE_SPAM = Template("comments.evidence.spam", "spam: {why:said}")
EVIDENCE_PURCHASE = Template("comments.evidence.purchase_intent", "purchase intent: {why:said}")
EVIDENCE_QUESTION = Template("comments.evidence.question", "question: {why:said}")
EVIDENCE_LOW_EFFORT = Template("comments.evidence.low_effort", "low effort: {kind:said}")
EVIDENCE_TOXIC = Template("comments.evidence.toxic", "toxic: {why:said}")
EVIDENCE_POSITIVE = Template("comments.evidence.positive", "positive: {words:words}")
EVIDENCE_NEGATIVE = Template("comments.evidence.negative", "negative: {words:words}")
EVIDENCE_TRUNCATED = Template(
    "comments.evidence.truncated", "read the first {count:int} characters only"
)
EVIDENCE_MODEL = Template("comments.evidence.model", "model")
EVIDENCE_WORDS = Template("comments.evidence.words", "{words:words}")
LOW_EFFORT_KINDS = {
    "emoji_only": Template("comments.low_effort.emoji_only", "emoji only"),
    "sticker_only": Template("comments.low_effort.sticker_only", "sticker only"),
    "generic": Template("comments.low_effort.generic", "generic"),
    "duplicate": Template("comments.low_effort.duplicate", "duplicate"),
    "empty": Template("comments.low_effort.empty", "empty"),
}
# The hand-written cues of words/cues.toml by name (a test checks every cue has one).
CUES = {
    "asks price": Template("comments.cue.asks_price", "asks price"),
    "asks where to buy": Template("comments.cue.asks_where_to_buy", "asks where to buy"),
    "asks how to order": Template("comments.cue.asks_how_to_order", "asks how to order"),
    "CF": Template("comments.cue.cf", "CF"),
    "asks to chat": Template("comments.cue.asks_to_chat", "asks to chat"),
    "interested": Template("comments.cue.interested", "interested"),
    "asks stock or size": Template("comments.cue.asks_stock_or_size", "asks stock or size"),
    "asks delivery or payment": Template(
        "comments.cue.asks_delivery_or_payment", "asks delivery or payment"
    ),
    "asks about promotion": Template("comments.cue.asks_about_promotion", "asks about promotion"),
    "question mark": Template("comments.cue.question_mark", "question mark"),
    "question word": Template("comments.cue.question_word", "question word"),
    "question particle at end": Template(
        "comments.cue.question_particle_at_end", "question particle at end"
    ),
    "English question": Template("comments.cue.english_question", "English question"),
    "gambling": Template("comments.cue.gambling", "gambling"),
    "loan offer": Template("comments.cue.loan_offer", "loan offer"),
    "crypto or investment pitch": Template(
        "comments.cue.crypto_or_investment_pitch", "crypto or investment pitch"
    ),
    "contact me pitch": Template("comments.cue.contact_me_pitch", "contact me pitch"),
    "follow for follow": Template("comments.cue.follow_for_follow", "follow for follow"),
    "easy money": Template("comments.cue.easy_money", "easy money"),
    "adult": Template("comments.cue.adult", "adult"),
    "profanity": Template("comments.cue.profanity", "profanity"),
    "insult": Template("comments.cue.insult", "insult"),
    "threat or hate": Template("comments.cue.threat_or_hate", "threat or hate"),
    # The typed tokens spam leans on ([spam_tokens] of words/cues.toml).
    "url": Template("comments.cue.url", "a link"),
    "lineid": Template("comments.cue.lineid", "a LINE id"),
    "phone": Template("comments.cue.phone", "a phone number"),
}


def joined(parts: Sequence[Message], template: Template = AND) -> Message:
    """Several sentences as one ("first; second; third"), each part its own message."""
    return chained(parts, template) or NO_DATA()


def listed(parts: Sequence[Message]) -> Message:
    """Several short parts as one ("first, second")."""
    return joined(parts, COMMA)


def cue(name: str) -> Message:
    """A cue by its name in the reader's language (a name without a template stays as is)."""
    template = CUES.get(name)
    return template() if template is not None else literal(name)


def low_effort_kind(kind: str) -> Message:
    template = LOW_EFFORT_KINDS.get(kind)
    return template() if template is not None else literal(kind.replace("_", " "))


def dimension(name: str) -> Message:
    template = DIMENSIONS.get(name)
    return template() if template is not None else literal(name)


# Audits as background jobs: titles and progress notes -----------------------------------------
JOB_AUDIT_ALL = Template("audit.job.title.all", "Audit of every account")
JOB_AUDIT_PLATFORMS = Template("audit.job.title.platforms", "Audit of {platforms:words} accounts")
JOB_NORMS = Template("audit.job.title.norms", "Update the peer norms of audits")
READING_NORMS = Template("audit.job.note.norms", "reading the workspace's norms")
REBUILDING_NORMS = Template("audit.job.note.rebuilding", "rebuilding the workspace's norms")
AUDITED = Template("audit.job.note.audited", "audited {done:int} of {total:int} accounts")

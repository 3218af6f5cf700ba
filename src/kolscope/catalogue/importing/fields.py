"""The canonical fields of each import kind and the header words that name them.

docs/data-formats.md documents these fields; a test checks that every one is listed there.
Synonyms are written as people write headers: English phrases (matched as sets of words, so
"Avg. likes" and "Likes (Avg.)" are the same) and Thai phrases (matched without spaces).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kolscope.catalogue.importing.records import ImportKind


class ValueType(StrEnum):
    HANDLE = "handle"
    TEXT = "text"
    COUNT = "count"
    AVERAGE = "average"
    RATE = "rate"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    COUNTRY = "country"
    PROVINCE = "province"
    LANGUAGES = "languages"
    LIST = "list"
    PLATFORM = "platform"
    URL = "url"
    POST_TYPE = "post_type"
    IGNORED = "ignored"


NUMERIC = {ValueType.COUNT, ValueType.AVERAGE, ValueType.RATE}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: ValueType
    description: str
    synonyms: tuple[str, ...] = ()
    multi: bool = False  # may be spread over several columns (Category_1, Category_2)


def _f(
    name: str, kind: ValueType, description: str, *synonyms: str, multi: bool = False
) -> FieldSpec:
    return FieldSpec(name, kind, description, (name.replace("_", " "), *synonyms), multi)


# fmt: off
# Fields every kind shares: which account a row is about, and when it was measured.
_ACCOUNT_KEY = (
    _f("platform", ValueType.PLATFORM, "instagram, tiktok, youtube, facebook, x, lemon8, line, pantip or other.",
       "network", "social network", "channel type", "social media", "แพลตฟอร์ม", "ช่องทาง", "โซเชียล"),
    _f("handle", ValueType.HANDLE, "The account's handle (with or without @). Required.",
       "username", "user name", "user", "account", "account name", "ig", "ig handle",
       "instagram name", "insta name", "influencer insta name", "instagram handle", "instagram",
       "tiktoker", "tiktoker name", "tiktok handle", "tiktok username", "youtuber",
       "youtuber name", "youtube channel", "channel", "channel handle", "channel id", "page",
       "page name", "@", "ชื่อบัญชี", "ชื่อผู้ใช้", "ยูสเซอร์", "แอคเคาท์", "บัญชี"),
    _f("profile_url", ValueType.URL, "Link to the profile; gives platform and handle when those are missing.",
       "profile link", "account url", "channel url", "profile", "ลิงก์โปรไฟล์"),
)
_AS_OF = _f("as_of", ValueType.DATE, "Day the numbers were measured (default: --as-of, the file name, or today).",
            "date", "snapshot date", "measured on", "collected on", "export date", "report date",
            "data date", "วันที่", "ข้อมูล ณ วันที่", "วันที่เก็บข้อมูล")
_RANK = _f("rank", ValueType.IGNORED, "Row numbers and ranks: recognised and not stored.",
           "s no", "sno", "sr no", "serial", "no", "row", "row cell", "index", "ranking", "#", "ลำดับ", "อันดับ")

CREATOR_FIELDS: tuple[FieldSpec, ...] = (
    *_ACCOUNT_KEY,
    _f("display_name", ValueType.TEXT, "Name shown on the profile.",
       "name", "display name", "full name", "fullname", "influencer name", "influencer",
       "creator name", "channel name", "tiktok name", "profile name", "nickname", "title",
       "ชื่อ", "ชื่อที่แสดง", "ชื่อเล่น", "ชื่อ นามสกุล", "ชื่อ-นามสกุล", "ชื่อช่อง", "ชื่อเพจ"),
    _f("creator_key", ValueType.TEXT, "Rows with the same key are one creator's accounts on several platforms.",
       "creator id", "creator", "person id", "talent id", "kol id", "รหัสครีเอเตอร์"),
    _f("bio", ValueType.TEXT, "Profile biography.",
       "biography", "description", "about", "profile description", "ไบโอ", "คำอธิบาย", "แนะนำตัว"),
    _f("categories", ValueType.LIST, "Category labels: several columns, or one cell with labels separated by commas or semicolons.",
       "category", "categories", "niche", "niches", "topic", "topics", "genre", "vertical",
       "หมวดหมู่", "หมวด", "ประเภท", "หมวดหมู่เนื้อหา", multi=True),
    _f("country", ValueType.COUNTRY, "Country of the creator (name or ISO code).",
       "location country", "creator country", "nation", "ประเทศ"),
    _f("province", ValueType.PROVINCE, "Thai province (Thai or English name, or ISO code such as TH-10).",
       "state", "city", "location", "จังหวัด", "พื้นที่", "ที่อยู่ จังหวัด"),
    _f("languages", ValueType.LANGUAGES, "Languages used, e.g. th, en (names work too).",
       "language", "lang", "content language", "ภาษา"),
    _f("verified", ValueType.BOOL, "Has the platform's verified badge.",
       "is verified", "blue tick", "verified account", "ยืนยันตัวตน", "บัญชียืนยัน"),
    _f("external_url", ValueType.URL, "Link in bio or website.",
       "website", "url", "link", "link in bio", "bio link", "เว็บไซต์", "ลิงก์"),
    _f("contact", ValueType.TEXT, "Business contact (email, LINE ID, phone).",
       "email", "e mail", "contact", "contact info", "business email", "line id", "phone",
       "อีเมล", "ติดต่อ", "ช่องทางติดต่อ", "เบอร์โทร", "ไลน์"),
    _f("has_profile_picture", ValueType.BOOL, "Has a profile picture.",
       "profile pic", "profile picture", "has profile pic", "avatar", "รูปโปรไฟล์"),
    _f("is_private", ValueType.BOOL, "The account is private.", "private", "private account", "บัญชีส่วนตัว"),
    _f("followers", ValueType.COUNT, "Followers or subscribers.",
       "follower", "followers", "followers count", "follower count", "subscribers",
       "subscriber", "subscribers count", "subs", "fans", "audience size", "total followers",
       "ผู้ติดตาม", "ยอดผู้ติดตาม", "จำนวนผู้ติดตาม", "ผู้ติดตามทั้งหมด", "ซับ", "ยอดซับ", "ผู้สมัครสมาชิก", "แฟนเพจ"),
    _f("following", ValueType.COUNT, "Accounts it follows.",
       "follows", "followings", "following count", "กำลังติดตาม"),
    _f("posts_count", ValueType.COUNT, "Posts or videos published.",
       "posts", "post count", "media count", "media", "videos", "video count", "uploads",
       "โพสต์", "จำนวนโพสต์", "จำนวนคลิป"),
    _f("avg_likes", ValueType.AVERAGE, "Average likes per post.",
       "avg likes", "likes avg", "average likes", "likes per post", "mean likes",
       "ไลก์เฉลี่ย", "ยอดไลก์เฉลี่ย", "ไลค์เฉลี่ย"),
    _f("avg_comments", ValueType.AVERAGE, "Average comments per post.",
       "avg comments", "comments avg", "average comments", "comments per post",
       "คอมเมนต์เฉลี่ย", "ความคิดเห็นเฉลี่ย"),
    _f("avg_views", ValueType.AVERAGE, "Average views per video.",
       "avg views", "views avg", "average views", "views per video", "views per post",
       "วิวเฉลี่ย", "ยอดวิวเฉลี่ย"),
    _f("avg_shares", ValueType.AVERAGE, "Average shares per post.",
       "avg shares", "shares avg", "average shares", "แชร์เฉลี่ย"),
    _f("avg_saves", ValueType.AVERAGE, "Average saves per post.",
       "avg saves", "saves avg", "average saves", "เซฟเฉลี่ย"),
    _f("avg_engagement", ValueType.AVERAGE, "Average engagements (likes + comments, as the export counts them) per post.",
       "engagement avg", "avg engagement", "average engagement", "engagement average",
       "engagements", "engagement", "avg engagements", "เอ็นเกจเมนต์เฉลี่ย"),
    _f("avg_authentic_engagement", ValueType.AVERAGE, "Average engagement from real accounts per post, as the export's tool estimates it.",
       "authentic engagement", "engagement authentic", "authentic engagements"),
    _f("engagement_rate", ValueType.RATE, "Engagement rate as the export states it (3.1% or 0.031).",
       "er", "er %", "eng rate", "engagement %", "engagement rate %", "avg engagement rate",
       "อัตราการมีส่วนร่วม", "เอนเกจเมนต์เรท"),
    _f("top_audience_country", ValueType.COUNTRY, "Country most of the audience is in.",
       "audience country", "top audience country", "main audience country", "audience location",
       "ประเทศของผู้ติดตาม"),
    _AS_OF,
    _RANK,
)

POST_FIELDS: tuple[FieldSpec, ...] = (
    *_ACCOUNT_KEY,
    _f("post_id", ValueType.TEXT, "The platform's id of the post (or its URL). Required.",
       "id", "post id", "media id", "video id", "shortcode", "code", "tweet id", "รหัสโพสต์"),
    _f("url", ValueType.URL, "Link to the post.", "post url", "link", "permalink", "post link", "ลิงก์โพสต์"),
    _f("post_type", ValueType.POST_TYPE, "image, carousel, video, reel, short, live, story or text.",
       "type", "media type", "content type", "format", "ประเภทโพสต์"),
    _f("caption", ValueType.TEXT, "Caption or text of the post.",
       "text", "description", "title", "content", "message", "แคปชั่น", "ข้อความ", "เนื้อหา"),
    _f("hashtags", ValueType.LIST, "Hashtags (read from the caption when this column is missing).",
       "tags", "hashtag", "แฮชแท็ก"),
    _f("mentions", ValueType.LIST, "@mentions (read from the caption when this column is missing).",
       "mention", "tagged", "tagged users", "การกล่าวถึง"),
    _f("posted_at", ValueType.DATETIME, "When it was published (Bangkok time when no zone is given).",
       "date", "published", "published at", "timestamp", "created at", "created", "post date",
       "upload date", "time", "วันที่โพสต์", "เวลาโพสต์"),
    _f("likes", ValueType.COUNT, "Likes.", "like count", "likes count", "reactions", "hearts", "ไลก์", "ยอดไลก์", "ถูกใจ"),
    _f("comments", ValueType.COUNT, "Comments.", "comment count", "comments count", "replies", "คอมเมนต์", "ความคิดเห็น"),
    _f("shares", ValueType.COUNT, "Shares.", "share count", "reposts", "retweets", "แชร์", "ยอดแชร์"),
    _f("saves", ValueType.COUNT, "Saves.", "save count", "bookmarks", "saved", "เซฟ", "บันทึก"),
    _f("views", ValueType.COUNT, "Views or plays.", "view count", "plays", "play count", "video views", "impressions", "วิว", "ยอดวิว"),
    _f("reach", ValueType.COUNT, "Reach (unique accounts), when the platform reports it.", "unique reach", "การเข้าถึง"),
    _f("is_sponsored", ValueType.BOOL, "Paid partnership or sponsored.",
       "sponsored", "paid partnership", "ad", "is ad", "branded content", "paid", "สปอนเซอร์", "โฆษณา"),
    _f("brand_mentions", ValueType.LIST, "Brands the post names.", "brands", "brand", "แบรนด์"),
    _RANK,
)

COMMENT_FIELDS: tuple[FieldSpec, ...] = (
    *_ACCOUNT_KEY,
    _f("post_id", ValueType.TEXT, "The post the comment is under (its id or URL). Required.",
       "post", "media id", "video id", "post url", "shortcode", "รหัสโพสต์"),
    _f("comment_id", ValueType.TEXT, "The platform's id of the comment.", "id", "reply id", "cid"),
    _f("text", ValueType.TEXT, "What the comment says. Required.",
       "comment", "comment text", "body", "message", "content", "คอมเมนต์", "ความคิดเห็น", "ข้อความ"),
    _f("author", ValueType.TEXT, "Who wrote it; stored as a pseudonym unless it is a tracked account.",
       "author handle", "username", "user", "commenter", "from", "owner", "ผู้เขียน", "ผู้คอมเมนต์"),
    _f("posted_at", ValueType.DATETIME, "When it was written.",
       "date", "timestamp", "created at", "time", "published", "วันที่", "เวลา"),
    _f("likes", ValueType.COUNT, "Likes on the comment.", "like count", "likes count", "ไลก์"),
    _RANK,
)

AUDIENCE_FIELDS: tuple[FieldSpec, ...] = (
    *_ACCOUNT_KEY,
    _f("dimension", ValueType.TEXT, "gender, age, country or province (long format).",
       "breakdown", "type", "category", "มิติ"),
    _f("segment", ValueType.TEXT, "The segment within the dimension: female, 18-24, TH, Bangkok (long format).",
       "value", "group", "bucket", "label", "กลุ่ม"),
    _f("share", ValueType.RATE, "Share of the audience in the segment (45% or 0.45) (long format).",
       "percent", "percentage", "pct", "ratio", "สัดส่วน", "เปอร์เซ็นต์"),
    _f("source", ValueType.TEXT, "Who measured it (platform insights, a tool, a survey).", "provider", "data source", "แหล่งข้อมูล"),
    _f("sample_size", ValueType.COUNT, "How many followers the measurement covers.",
       "sample", "sample size", "followers sampled", "ขนาดตัวอย่าง"),
    _AS_OF,
    _RANK,
)

FOLLOWER_FIELDS: tuple[FieldSpec, ...] = (
    *_ACCOUNT_KEY,
    _f("followers", ValueType.COUNT, "The follower's own followers.",
       "follower count", "followers count", "user follower count", "#followers", "followers",
       "ผู้ติดตาม", "จำนวนผู้ติดตาม"),
    _f("following", ValueType.COUNT, "Accounts the follower follows.",
       "following count", "user following count", "#follows", "follows", "กำลังติดตาม", "จำนวนที่ติดตาม"),
    _f("posts", ValueType.COUNT, "The follower's posts.", "media count", "user media count", "#posts", "post count",
       "โพสต์", "จำนวนโพสต์"),
    _f("bio", ValueType.TEXT, "The follower's bio text: `followers score` and `train` use its length (empty: no bio).",
       "biography", "description", "about", "ไบโอ"),
    _f("bio_length", ValueType.COUNT, "Characters in the follower's bio.",
       "biography length", "user biography length", "description length", "bio len", "bio"),
    _f("has_picture", ValueType.BOOL, "Has a profile picture.",
       "profile pic", "has profile pic", "user has profil pic", "user has profile pic", "profile picture",
       "รูปโปรไฟล์", "มีรูปโปรไฟล์"),
    _f("is_private", ValueType.BOOL, "The follower's account is private.", "private", "user is private",
       "บัญชีส่วนตัว", "ส่วนตัว"),
    _f("username_length", ValueType.COUNT, "Characters in the username.", "username len"),
    _f("username_digits", ValueType.COUNT, "Digits in the username.", "username digit count", "digits in username"),
    _f("username_digit_ratio", ValueType.RATE, "Digits divided by username length.",
       "nums length username", "username digit ratio", "digit ratio"),
    _f("full_name", ValueType.TEXT, "The follower's full name: `followers score` and `train` count its words and digits.",
       "fullname", "name", "display name", "ชื่อ", "ชื่อ นามสกุล"),
    _f("fullname_words", ValueType.COUNT, "Words in the full name.", "full name words", "fullname words", "name words"),
    _f("fullname_digit_ratio", ValueType.RATE, "Digits divided by full-name length.", "nums length fullname"),
    _f("name_equals_username", ValueType.BOOL, "Full name is the same as the username.", "name username", "name equals username"),
    _f("has_external_url", ValueType.BOOL, "Has a link in bio.", "external url", "has url", "external link", "ลิงก์ในไบโอ"),
    _f("is_fake", ValueType.BOOL, "A hand-checked label: fake (true) or real (false).",
       "fake", "label", "is fake", "isfake", "bot", "spammer", "ปลอม", "บัญชีปลอม"),
    _AS_OF,
    _RANK,
)

FIELDS: dict[ImportKind, tuple[FieldSpec, ...]] = {
    ImportKind.CREATORS: CREATOR_FIELDS,
    ImportKind.POSTS: POST_FIELDS,
    ImportKind.COMMENTS: COMMENT_FIELDS,
    ImportKind.AUDIENCE: AUDIENCE_FIELDS,
    ImportKind.FOLLOWERS: FOLLOWER_FIELDS,
}

# Fields that tell one kind of file from another (besides the file name).
KIND_MARKERS: dict[ImportKind, frozenset[str]] = {
    ImportKind.CREATORS: frozenset({"followers", "avg_likes", "avg_views", "avg_engagement", "bio",
                                    "avg_comments", "engagement_rate", "categories", "display_name"}),
    ImportKind.POSTS: frozenset({"post_id", "caption", "posted_at", "likes", "views", "post_type", "is_sponsored"}),
    ImportKind.COMMENTS: frozenset({"text", "comment_id", "author"}),
    ImportKind.AUDIENCE: frozenset({"dimension", "segment", "share", "sample_size"}),
    ImportKind.FOLLOWERS: frozenset({"bio_length", "has_picture", "username_length", "username_digits",
                                     "username_digit_ratio", "fullname_words", "is_fake", "name_equals_username"}),
}
# fmt: on


def field_names(kind: ImportKind) -> list[str]:
    return [spec.name for spec in FIELDS[kind]]


def field_spec(kind: ImportKind, name: str) -> FieldSpec:
    for spec in FIELDS[kind]:
        if spec.name == name:
            return spec
    known = ", ".join(field_names(kind))
    raise KeyError(f"{kind.value} files have no field {name!r} (fields: {known})")


def field_tables() -> str:
    """The canonical fields of every kind as Markdown tables, for docs/data-formats.md."""
    lines: list[str] = []
    for kind, specs in FIELDS.items():
        lines += [
            f"### {kind.value}",
            "",
            "| field | type | what it is | also recognised as |",
            "|---|---|---|---|",
        ]
        for spec in specs:
            others = [s for s in spec.synonyms[1:] if s != spec.name.replace("_", " ")][:8]
            shown = ", ".join(o.replace("|", "\\|") for o in others)
            lines.append(f"| `{spec.name}` | {spec.type.value} | {spec.description} | {shown} |")
        lines.append("")
    return "\n".join(lines)

"""The creator type's reasons: what the KOL / KOC classifier read (stored with the creator,
so the codes are kept). Part of discovery's messages (``messages.py``)."""

from __future__ import annotations

from kolscope.domain.messages import Template

# The creator type: what the classifier read (stored with the creator) -----------------------
NO_SIGNALS = Template(
    "discover.kind.no_signals", "no steady expert or consumer signals in {posts:int} posts"
)
NO_POSTS = Template("discover.kind.no_posts", "no posts to read")
EXPERT_POSTS = Template(
    "discover.kind.expert", "explains, compares or teaches in {count:int} of {posts:int} posts"
)
CREDENTIAL_NAME = Template("discover.kind.credential.name", "credential in name: {credential}")
CREDENTIAL_BIO = Template("discover.kind.credential.bio", "credential in bio: {credential}")
CREDENTIAL_HANDLE = Template(
    "discover.kind.credential.handle", "credential in handle: {credential}"
)
EXPERIENCE = Template("discover.kind.experience", "states years of experience in the bio")
DATA_POSTS = Template(
    "discover.kind.data", "gives numbers with units in {count:int} of {posts:int} posts"
)
CONSUMER_POSTS = Template(
    "discover.kind.consumer",
    "says they bought or really used it in {count:int} of {posts:int} posts",
)
BALANCED_POSTS = Template(
    "discover.kind.balanced",
    "weighs pros against cons or gives a score in {count:int} of {posts:int} posts",
)
CONSUMER_BIO = Template("discover.kind.consumer_bio", "the bio presents them as a regular buyer")
SPONSORED_POSTS = Template("discover.kind.sponsored", "sponsored {count:int} of {posts:int} posts")
ON_TOPIC = Template(
    "discover.kind.on_topic", "{share:share} of posts with a topic are on {niche:niche}"
)
QUESTIONS = Template("discover.kind.questions", "{share:share} of audience comments are questions")
FOLLOWER_HINT = Template("discover.kind.followers", "{followers:int} followers (a weak hint only)")
FEW_POSTS = Template("discover.kind.few_posts", "only {posts:int} posts to read: low confidence")

"""Search errors say what is wrong as messages: a page writes them in the reader's language after
the field's label, while ``str()`` (what the command line and the API print) keeps its English,
word for word; the domain's audience parsers refuse with a coded ``ReadError``."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from kolscope.discovery import messages as say
from kolscope.discovery.checks import check_paging, check_ranges, creator_type_of, niche_ids
from kolscope.discovery.facade import SearchError, SearchRequest, parse_pairs
from kolscope.discovery.shortlists import _name
from kolscope.domain.audience import normalise_age_band, normalise_gender
from kolscope.domain.messages import LITERAL
from kolscope.domain.quantities import ReadError
from kolscope.entrypoints.web import said

THAI = said.wording(language="th")


def _thai_words(error: SearchError) -> list[str]:
    thai = said.say_with(error.reason, THAI)
    assert re.search(r"[\u0e00-\u0e7f]", thai), thai
    words = re.findall(r"[A-Za-z]+", re.sub(r"'[^']*'", " ", thai))  # quoted: what was typed
    return [w for w in words if w not in ("KOL", "KOC")]


@pytest.mark.parametrize(
    ("query", "english"),
    [
        ("sort=nonsense", "sort: 'nonsense': use relevance, followers, engagement, quality, "
         "recent, fit, similarity or fan"),
        ("type=alien", "type: 'alien': use kol, koc or creator"),
        ("language=fr", "language: 'fr': use th, en or mixed"),
        ("platform=myspace", "platform: 'myspace' is not known (known: instagram, tiktok, "
         "youtube, facebook, x, lemon8, line, pantip, other)"),
        ("country=Atlantis", "country: 'Atlantis' is not a country kolscope knows"),
        ("province=Atlantis", "province: 'Atlantis' is not a Thai province kolscope knows"),
        ("audience=female>=abc", "audience: 'female>=abc': 'abc' is not a share"),
        ("audience=female", "audience: 'female': write SEGMENT>=SHARE, e.g. female>=60%"),
        ("audience=female>=2", "audience: 'female>=2': the share must be 0-1 or 0%-100%"),
        ("audience=xyz>=5%", "audience: 'xyz>=5%': unknown segment (female, male, an age band "
         "like 18-24, a country code like TH, or a Thai province code like TH-50)"),
        ("target=gender=alien", "target: cannot read 'alien' as a gender (female, male or other)"),
        ("target=age=99", "target: cannot read '99' as an age band such as 18-24 or 65+"),
        ("like=nobody", "like: 'nobody': write PLATFORM:HANDLE, e.g. instagram:som.review"),
        ("limit=-1", "limit: must be between 1 and 500"),
        ("offset=-1", "offset: must be between 0 and 1,000,000,000"),
    ],
)  # fmt: skip
def test_a_field_error_reads_in_thai_and_keeps_its_english(query: str, english: str) -> None:
    with pytest.raises(SearchError) as raised:
        parse_pairs([tuple(query.split("=", 1))])  # type: ignore[list-item]
    assert str(raised.value) == english
    assert raised.value.field == query.split("=", 1)[0]
    assert raised.value.reason.code.startswith("discover.field."), raised.value.reason
    assert _thai_words(raised.value) == []


@pytest.mark.parametrize(
    ("check", "english"),
    [
        (lambda: check_paging(SearchRequest(sort="nonsense")),
         "sort 'nonsense': use one of relevance, followers, engagement, quality, recent, fit, "
         "similarity, fan"),
        (lambda: check_paging(SearchRequest(sort="fit")), "sort fit needs --brand"),
        (lambda: check_paging(SearchRequest(sort="similarity")), "sort similarity needs --like"),
        (lambda: check_paging(SearchRequest(sort="fan")), "sort fan needs --fans-of"),
        (lambda: check_paging(SearchRequest(limit=0)), "limit must be between 1 and 500"),
        (lambda: check_ranges(SearchRequest(min_er=-5)),
         "min-er is a percentage (0-1000), not -5"),
        (lambda: check_ranges(SearchRequest(min_quality=250)),
         "min-quality is a score from 0 to 100"),
        (lambda: check_ranges(SearchRequest(min_followers=-1)), "min-followers cannot be negative"),
        (lambda: check_ranges(SearchRequest(active_within_days=-1)),
         "active-within must be a number of days from 0 to 36,500"),
        (lambda: niche_ids(["nonsense"]),
         "niche 'nonsense' is not known (see docs/classification.md)"),
        (lambda: creator_type_of("alien"), "type 'alien': use kol, koc or creator"),
        (lambda: _name("  "), "a name cannot be empty"),
    ],
)  # fmt: skip
def test_a_check_reads_in_thai_and_keeps_its_english(
    check: Callable[[], object], english: str
) -> None:
    with pytest.raises(SearchError) as raised:
        check()
    assert str(raised.value) == english
    assert raised.value.reason.code != LITERAL
    assert _thai_words(raised.value) == []


def test_the_audience_parsers_refuse_with_a_coded_read_error() -> None:
    for parse, text, code, english in [
        (normalise_gender, "alien", "gender",
         "cannot read 'alien' as a gender (female, male or other)"),
        (normalise_age_band, "99", "age_band",
         "cannot read '99' as an age band such as 18-24 or 65+"),
    ]:  # fmt: skip
        with pytest.raises(ReadError) as raised:
            parse(text)
        assert raised.value.code == code
        assert str(raised.value) == english
        message = say.read_error(raised.value)
        assert message.code == f"discover.field.{code}"
        assert str(message) == english

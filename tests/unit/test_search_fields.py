"""One declaration per search field: the request, the query string, the command-line options and
the API's parameters all come from SEARCH_FIELDS, and every error names its field."""

from __future__ import annotations

import dataclasses

import pytest
import typer.main

from kolscope.discovery.field_values import FieldError
from kolscope.discovery.fields import BY_NAME, SEARCH_FIELDS, parse_pairs, search_pairs
from kolscope.discovery.query import SearchError, SearchRequest
from kolscope.entrypoints.cli.app import app

FULL = [
    ("text", "ครีมกันแดด"), ("hashtag", "skincaretips"), ("mentions", "@moonmint"),
    ("niche", "beauty"), ("niche", "skincare"), ("tier", "micro"), ("scheme", "standard"),
    ("type", "koc"), ("platform", "tiktok"), ("platform", "instagram"), ("country", "TH"),
    ("province", "TH-50"), ("language", "th"), ("min_followers", "10000"),
    ("max_followers", "1000000"), ("min_er", "2.5"), ("max_er", "15"), ("min_quality", "60"),
    ("audience", "female>=60%"), ("min_price", "5000"), ("max_price", "50000"),
    ("active_within", "30"), ("verified", "yes"), ("has_contact", "no"),
    ("fans_of", "Moonmint Skin"), ("like", "instagram:som.review"), ("brand", "Moonmint Skin"),
    ("target", "gender=female"), ("sort", "followers"), ("limit", "50"), ("offset", "50"),
]  # fmt: skip


def test_every_request_attribute_has_exactly_one_field() -> None:
    attributes = [f.name for f in dataclasses.fields(SearchRequest) if f.name != "within"]
    assert sorted(f.attribute for f in SEARCH_FIELDS) == sorted(attributes)
    assert len({f.name for f in SEARCH_FIELDS}) == len(SEARCH_FIELDS)
    assert all(f.label and f.help for f in SEARCH_FIELDS)


def test_a_search_survives_the_round_trip_through_its_query_string() -> None:
    request = parse_pairs(FULL)
    assert request.province == "TH-50"
    assert request.min_followers == 10_000
    assert request.verified is True
    assert request.has_contact is False
    assert request.limit == 50
    assert parse_pairs(search_pairs(request)) == request
    assert {name for name, _ in search_pairs(request)} == {f.name for f in SEARCH_FIELDS}
    assert search_pairs(parse_pairs([])) == []  # the defaults write nothing


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("type", "celebrity"), ("platform", "myspace"), ("country", "Atlantis"),
        ("province", "Gotham"), ("min_followers", "lots"), ("min_er", "high"),
        ("active_within", "-3"), ("verified", "maybe"), ("audience", "female"),
        ("target", "colour=red"), ("like", "som.review"), ("sort", "random"),
        ("limit", "501"), ("offset", "x"),
    ],
)  # fmt: skip
def test_every_bad_value_names_its_field(name: str, value: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_pairs([(name, value)])
    assert caught.value.field == name
    assert isinstance(caught.value, SearchError)


def test_the_command_line_options_are_the_declared_fields() -> None:
    command = typer.main.get_command(app)
    creators = command.commands["creators"]  # type: ignore[attr-defined]
    search = creators.commands["search"]
    options = {opt for p in search.params for opt in [*p.opts, *p.secondary_opts]}
    for field in SEARCH_FIELDS:
        for option in field.cli_option.split("/"):
            assert option in options, option
    match = creators.commands["match"]
    match_options = {opt for p in match.params for opt in p.opts}
    assert {"--niche", "--type", "--min-followers", "--brand", "--target"} <= match_options
    assert BY_NAME["type"].cli_option == "--type"


def test_the_api_documents_one_parameter_per_field() -> None:
    import inspect

    from kolscope.entrypoints.web.pages.discover_params import SearchParams

    parameters = inspect.signature(SearchParams).parameters
    assert list(parameters) == [f.name for f in SEARCH_FIELDS]
    assert SearchParams(niche=["beauty"], text="x").pairs() == [("text", "x"), ("niche", "beauty")]

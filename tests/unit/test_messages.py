"""Messages as data: one template, English by default, other languages at the edge, and a
stored form that reads back (older plain strings included)."""

from __future__ import annotations

import pytest

from kolscope.domain.messages import Message, Template, Wording, literal, placeholders, render

NICHE = Template("test.niche", "niche {niche:niche} ({confidence:ratio}) in {place:place}")
NESTED = Template("test.nested", "{count:count} followers; {why:said}")


def test_english_is_the_default_and_values_are_written_by_kind() -> None:
    said = NICHE(niche="it_gadgets", confidence=0.851, place="TH-10")
    assert str(said) == "niche it gadgets (0.85) in Bangkok"
    assert placeholders(NICHE.text) == {"niche": "niche", "confidence": "ratio", "place": "place"}


def test_a_message_round_trips_through_its_stored_form() -> None:
    said = NESTED(count=12_300, why=NICHE(niche="beauty", confidence=0.5, place="TH"))
    stored = said.to_dict()
    assert stored["code"] == "test.nested"
    assert stored["params"]["why"]["params"]["niche"] == "beauty"
    assert stored["text"] == "12.3K followers; niche beauty (0.50) in Thailand"
    assert Message.from_dict(stored) == said


def test_older_plain_text_and_unknown_codes_read_as_literal_sentences() -> None:
    assert Message.from_dict("kept as written") == literal("kept as written")
    assert str(Message.from_dict({"code": "gone.away", "text": "old words"})) == "old words"


def test_missing_values_read_as_unknown() -> None:
    assert str(NICHE(niche="beauty", place="TH")) == "niche beauty (unknown) in Thailand"


def test_another_wording_translates_the_template_and_the_values() -> None:
    class Shouting(Wording):
        def template(self, text: str) -> str:
            return (
                text.upper()
                .replace("{PLACE:PLACE}", "{place:place}")
                .replace("{NICHE:NICHE}", "{niche:niche}")
                .replace("{CONFIDENCE:RATIO}", "{confidence:ratio}")
            )

        def written(self, kind: str, value: object) -> str:
            return f"<{kind}>" if kind == "place" else super().written(kind, value)

    said = NICHE(niche="beauty", confidence=1, place="TH-10")
    assert render(said, Shouting()) == "NICHE beauty (1.00) IN <place>"


def test_a_translation_naming_other_placeholders_falls_back_to_english() -> None:
    class Broken(Wording):
        def template(self, text: str) -> str:
            return "{nothing:count}"

    assert render(NICHE(niche="beauty", confidence=1, place="TH"), Broken()) == (
        "niche beauty (1.00) in Thailand"
    )


def test_templates_are_declared_once_with_known_kinds() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        Template("test.niche", "another text")
    with pytest.raises(ValueError, match="unknown kind"):
        Template("test.bad", "{x:colour}")


def test_several_messages_chain_into_one_each_language_joins() -> None:
    from kolscope.domain.messages import chained

    both = Template("test.both", "{first:said}; {rest:said}")
    parts = [NICHE(niche="beauty", confidence=1, place="TH"), literal("b"), literal("c")]
    said = chained(parts, both)
    assert said is not None
    assert str(said) == "niche beauty (1.00) in Thailand; b; c"
    assert chained([], both) is None
    assert chained(parts[1:2], both) == literal("b")

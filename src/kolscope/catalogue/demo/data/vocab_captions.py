"""Caption templates: experts (KOL) explain and compare, consumers (KOC) report their own use,
general creators post lifestyle and entertainment. ``{p}`` is the polite particle (ค่ะ/ครับ).

The templates live in ``words/captions.toml`` beside this module, read once at import; the
file lists the ``{names}`` the generator fills.
"""

from __future__ import annotations

from importlib.resources import files

from kolscope.text.word_files import WordFile

_CAPTIONS = WordFile(files("kolscope.catalogue.demo.data") / "words" / "captions.toml")
_PLATFORM_TAGS = _CAPTIONS.table("platform_tags")

KOL_TH: tuple[str, ...] = _CAPTIONS.strings("kol_th")
KOL_EN: tuple[str, ...] = _CAPTIONS.strings("kol_en")
KOC_TH: tuple[str, ...] = _CAPTIONS.strings("koc_th")
KOC_EN: tuple[str, ...] = _CAPTIONS.strings("koc_en")
VERDICT_TH: tuple[str, ...] = _CAPTIONS.strings("verdict_th")
VERDICT_EN: tuple[str, ...] = _CAPTIONS.strings("verdict_en")
GENERAL_TH: tuple[str, ...] = _CAPTIONS.strings("general_th")
GENERAL_EN: tuple[str, ...] = _CAPTIONS.strings("general_en")
# Hashtags of a platform's own, by platform value.
PLATFORM_TAGS: dict[str, tuple[str, ...]] = {
    platform: _PLATFORM_TAGS.strings(platform) for platform in _PLATFORM_TAGS.names()
}
SPONSORED_TH: tuple[str, ...] = _CAPTIONS.strings("sponsored_th")
SPONSORED_EN: tuple[str, ...] = _CAPTIONS.strings("sponsored_en")
FAN_TH: tuple[str, ...] = _CAPTIONS.strings("fan_th")
FAN_EN: tuple[str, ...] = _CAPTIONS.strings("fan_en")

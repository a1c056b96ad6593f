"""Checks on a place name that a suffix rule found (``patterns/place_names.json``).

The rule code is in :mod:`extractors.suffixes` (rivers, lakes, districts) and
:mod:`extractors.entities` (planning zones). The place suffixes themselves are rows of
``suffixes_places.jsonl``; divisions, countries and bodies are reference data
(``divisions.json``, ``world.json``, ``bodies.json``, :mod:`extractors.reference`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from extractors.typed_data import load_vocabulary

__all__ = ["DATA_FILE", "PlaceNameVocabulary", "load_place_name_vocabulary"]

DATA_FILE = "place_names.json"


@dataclass(frozen=True)
class PlaceNameVocabulary:
    """The keys of ``place_names.json`` (each documented there by its ``_key`` note)."""

    place_followers: tuple[str, ...]  # words after a river or lake that end the place (下游, 流域)
    designation_prefixes: tuple[str, ...]  # a place name opening with one is a designation (省级…区)
    proper_free_suffixes: frozenset[str]  # place suffixes whose names need no proper-name element (新区)
    proper_free_max: int  # the most characters such a suffix takes before it
    zone_pattern: re.Pattern[str]  # planning zones named by a direction + 部 and a zone word
    nested_place_rules: frozenset[str]  # suffix rules whose name stands alone inside a longer name
    place_strip_chars: str  # characters jieba fuses onto the front of a river or lake name
    place_phrase_chars: str  # a three-character name with one at both ends is a verb phrase
    level_verb_chars: str  # a verb fused with a level character into the last token (撤县, 建市) ends a phrase
    level_link_chars: str  # a verb linking level words (强镇带村, 强县促镇) makes the run a slogan


def load_place_name_vocabulary(base: Path) -> PlaceNameVocabulary:
    """``base / place_names.json`` as a :class:`PlaceNameVocabulary`."""
    return load_vocabulary(base / DATA_FILE, PlaceNameVocabulary)

"""Where a name starts and stops: the vocabulary of the name boundaries (``patterns/names.json``).

The rule code is :mod:`extractors.names`: a name found by a suffix or a list head grows
leftwards over name-like tokens and stops at a stop word, a function character, a report
verb or punctuation; status tails (建设, 改造) are cut from its right end.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.typed_data import load_vocabulary

__all__ = ["DATA_FILE", "NameVocabulary", "load_name_vocabulary"]

DATA_FILE = "names.json"


@dataclass(frozen=True)
class NameVocabulary:
    """The keys of ``names.json`` (each documented there by its ``_key`` note)."""

    name_tags: frozenset[str]  # jieba tags a name grows leftwards over
    proper_tags: frozenset[str]  # tags of a proper-name element
    cap_extend_tags: frozenset[str]  # tags of a word at the prefix cap that still joins the name
    split_tags: frozenset[str]  # tags of a single character jieba split off an unknown name
    name_words: frozenset[str]  # words that continue a name whatever their tag (段)
    max_name_chars: int
    stop_words: frozenset[str]  # words a name never grows over
    inner_words: dict[str, frozenset[str]]  # stop words that may occur inside a name of a type
    soft_stops: dict[str, frozenset[str]]  # stop words a name may start with after a report verb
    lead_tags: dict[str, frozenset[str]]  # tags trimmed from a name's left edge (per type, or default)
    function_chars: str  # prepositions and function characters that never start a name
    direction_chars: str  # 向 + one of these is one phrase (向北开放)
    postpositions: frozenset[str]  # one-character locatives that close the phrase before a name
    complements: frozenset[str]  # result complements after a verb (用好): never a name's start
    level_chars: str  # level prefixes that make a generic body specific (市园区办)
    object_verbs: frozenset[str]  # verbs that stop every name but a programme's
    build_verbs: frozenset[str]  # construction verbs trimmed from a name's left edge
    status_tails: tuple[str, ...]  # stage words cut from a name's right end (建设, 改造)
    list_kept_tails: tuple[str, ...]  # status tails an item of a project list keeps (治理)


def load_name_vocabulary(base: Path) -> NameVocabulary:
    """``base / names.json`` as a :class:`NameVocabulary` (a malformed file raises VocabularyError)."""
    return load_vocabulary(base / DATA_FILE, NameVocabulary)

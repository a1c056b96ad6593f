"""Checks on a name that a suffix rule found (``patterns/suffix_checks.json``).

The rule code is :mod:`extractors.suffixes`; the suffixes themselves are rows of
``suffixes*.jsonl``. These words decide whether a name ending in a suffix is kept: a type
that needs a proper-name element, works words that make an X工程 a Project, common words
that contain a suffix (改革开放), and what before or after a name makes it a modifier, a
count, a range or a title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from extractors.typed_data import load_vocabulary

__all__ = ["DATA_FILE", "SuffixCheckVocabulary", "load_suffix_check_vocabulary"]

DATA_FILE = "suffix_checks.json"


@dataclass(frozen=True)
class SuffixCheckVocabulary:
    """The keys of ``suffix_checks.json`` (each documented there by its ``_key`` note)."""

    proper_required: frozenset[str]  # types whose names need a proper-name element besides the suffix
    works_suffixes: frozenset[str]  # suffixes that name works when the name holds a works word (工程)
    works_words: tuple[str, ...]  # physical works (截污, 改造) that make an X工程 a Project
    suffix_compounds: tuple[str, ...]  # common words that begin where a suffix begins (改革开放)
    modifier_followers: tuple[str, ...]  # words after a name that make it a modifier (经验, 精神)
    count_pattern: re.Pattern[str]  # a counted quantity or a leading year in a programme name
    range_qualifiers: tuple[str, ...]  # a size or level range that belongs to the name (规模以上)
    superlative_prefixes: tuple[str, ...]  # a name after one of these describes a kind (最)
    magnitude_pattern: re.Pattern[str]  # a name starting with a magnitude describes a kind (百亿)
    institution_suffixes: frozenset[str]  # schools and hospitals named by one two-character word
    completion_verbs: tuple[str, ...]  # verbs after such a name that show it is one (建成, 开学)
    title_words: tuple[str, ...]  # words after a programme name that make it part of a title (试点县)


def load_suffix_check_vocabulary(base: Path) -> SuffixCheckVocabulary:
    """``base / suffix_checks.json`` as a :class:`SuffixCheckVocabulary`."""
    return load_vocabulary(base / DATA_FILE, SuffixCheckVocabulary)

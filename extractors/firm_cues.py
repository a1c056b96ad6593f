"""Firms named by what the sentence says of them: 中科兴业被认定为…“小巨人”企业, X成为…百亿企业,
汇元锰年产15万吨高纯硫酸锰.

A clause's subject that is an unknown or proper name and that "was recognised as" or
"became" a kind of enterprise is a firm, whatever its name ends in. The cue words are
data (``patterns/firm_cues.json``); a known place or body, a generic word and anything
that is not the clause's first words are never taken.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.matcher import WordMatcher
from extractors.names import PUNCT, TokenIndex
from extractors.records import Mention
from extractors.regions import province_short_names
from extractors.rules import PATTERNS_DIR, RuleBook
from extractors.vocabulary import alternation, load_table

__all__ = ["FirmCues", "load_firm_cues", "firm_cue_names", "capacity_firms", "firm_class_words", "province_firms"]

RULE = "company-cue"
CAPACITY_RULE = "company-capacity"
PROVINCE_RULE = "company-province-brand"
_FIELDS = {"subject_verbs": list, "firm_objects": list, "max_gap": int, "min_chars": int, "max_chars": int,
           "name_tags": list, "capacity_words": list, "firm_classes": list,
           "province_firm_followers": list, "partner_chars": str, "slogan_chars": str}
_PHASE_END = re.compile(r"(?:[一二三四五六七八九十]|\d+)期$")


@dataclass(frozen=True)
class FirmCues:
    """The cue words of ``firm_cues.json``, compiled."""

    pattern: re.Pattern[str]  # a subject verb, then the object within max_gap characters
    min_chars: int
    max_chars: int
    name_tags: frozenset[str]
    capacity: re.Pattern[str] | None = None  # a capacity word and the number after it (年产15万吨)
    provinces: frozenset[str] = frozenset()  # provincial short names that open a firm's name (四川|美科; regions.json)
    province_followers: frozenset[str] = frozenset()  # list marks after such a firm (、 等)
    partner_chars: str = ""  # a province + word after these is a partner market or network (与|北京商超)
    slogan_chars: str = ""  # a word opening with these is a slogan or landmark (天津|之眼, 西藏|好水)


@lru_cache(maxsize=1)
def firm_class_words(path: Path = PATTERNS_DIR / "firm_cues.json") -> tuple[str, ...]:
    """Words naming a class of firms (专精特新, 瞪羚, 500强, 央企): an item holding one is no firm's name."""
    data = load_table(path, _FIELDS)
    return tuple(w for w in data["firm_objects"] if w not in ("企业", "龙头")) + tuple(data["firm_classes"])


@lru_cache(maxsize=4)
def load_firm_cues(path: Path = PATTERNS_DIR / "firm_cues.json") -> FirmCues:
    """Read and compile the cue words (a malformed file is a :class:`~extractors.vocabulary.VocabularyError`)."""
    data = load_table(path, _FIELDS)
    verbs, objects = alternation(data["subject_verbs"]), alternation(data["firm_objects"])
    pattern = re.compile(rf"(?:{verbs})[^，。；！？\n]{{0,{data['max_gap']}}}?(?:{objects})")
    capacity = alternation(data["capacity_words"])
    return FirmCues(pattern, data["min_chars"], data["max_chars"], frozenset(data["name_tags"]),
                    re.compile(rf"(?:{capacity})(?=[0-9０-９.]|[一二三四五六七八九十百千万])") if capacity else None,
                    province_short_names(), frozenset(data["province_firm_followers"]),
                    data["partner_chars"], data["slogan_chars"])


def firm_cue_names(index: TokenIndex, rules: RuleBook, cues: FirmCues | None = None) -> Iterator[Mention]:
    """The subject of a clause that says it was recognised as (or became) an enterprise of some kind."""
    cues = cues or load_firm_cues()
    text = index.text
    for match in cues.pattern.finditer(text):
        end = match.start()
        # the subject runs back to the clause's start (punctuation) over name-like tokens only
        begin, named = end, False
        while begin > 0 and text[begin - 1] not in PUNCT and end - begin <= cues.max_chars:
            token = index.token(begin - 1)
            # proper or unknown words, and common nouns beside them (中科|兴业, 通威|太阳能)
            if token.tag not in cues.name_tags and token.tag != "n" and token.text not in rules.industry_words:
                break
            named = named or token.tag in cues.name_tags
            begin = token.start
        if not named:
            continue
        if begin > 0 and text[begin - 1] not in PUNCT or not cues.min_chars <= end - begin <= cues.max_chars:
            continue
        name = text[begin:end]
        first = index.token_at(begin)
        # a known place or body, or a generic or stop word, is no firm (我市, 园区, 荷塘区)
        known = rules.lexicon.get(name, ("", ""))[0]
        if known in ("Place", "Agency") or name in rules.generic_names or name in rules.stop_words or \
                first is None or first.text in rules.stop_words or first.tag == "ns" and first.end == end or \
                name[-1] in rules.level_chars or any(ch.isdigit() for ch in name):
            continue
        yield Mention(begin, end, name, "Company", RULE)


def capacity_firms(index: TokenIndex, rules: RuleBook, cues: FirmCues | None = None) -> Iterator[Mention]:
    """The firm right before what it produces a year (汇元锰|年产15万吨高纯硫酸锰): unknown or proper
    words (common nouns may follow them: 汇元|锰) after a verb or punctuation, not a known place."""
    cues = cues or load_firm_cues()
    if cues.capacity is None:
        return
    text = index.text
    for match in cues.capacity.finditer(text):
        end = match.start()
        phase = _PHASE_END.search(text, max(0, end - 3), end)  # 铜冠铜箔三期|年产…: the phase is the project's
        if phase is not None:
            end = phase.start()
        if end <= 0 or not index.is_boundary(end):
            continue
        begin, named = end, False
        while begin > 0 and text[begin - 1] not in PUNCT and end - begin < cues.max_chars:
            token = index.token(begin - 1)
            if token.tag not in cues.name_tags and token.tag != "n" or token.text in rules.stop_words or \
                    token.start < begin - cues.max_chars:
                break
            named = named or token.tag in cues.name_tags and token.tag != "ns"
            begin = token.start
        name = text[begin:end]
        if not named or not cues.min_chars <= len(name) <= cues.max_chars or name in rules.generic_names:
            continue
        first = index.token_at(begin)
        # a place (印江|年产…, 新疆) or a place opening the words alone is no firm
        if rules.lexicon.get(name, ("", ""))[0] in ("Place", "Agency") or first is None or \
                first.text in rules.stop_words or name[-1] in rules.level_chars or any(ch.isdigit() for ch in name):
            continue
        yield Mention(begin, end, name, "Company", CAPACITY_RULE)


def province_firms(index: TokenIndex, rules: RuleBook, cues: FirmCues | None = None) -> Iterator[Mention]:
    """A firm written with its home province (支持|四川美科|开展, 江苏豪然|等): a provincial short name, then an
    unknown two-character word (not in the dictionary), then a list mark or a verb."""
    cues = cues or load_firm_cues()
    tokens, text = index.tokens, index.text
    # only tokens that are a province's short name open such a firm: the places the names occur in the text (one
    # automaton scan, not a loop over every token of the report), kept where a token is exactly the name
    opening = {index.at[end + 1 - len(word)] for end, word in _province_matcher(cues.provinces).iter(text)}
    for i in sorted(i for i in opening if i < len(tokens) - 2 and tokens[i].text in cues.provinces):
        prov, brand, after = tokens[i], tokens[i + 1], tokens[i + 2]
        if brand.start != prov.end or after.start != brand.end:
            continue
        if brand.tag != "x" or len(brand.text) != 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in brand.text) or \
                brand.text[0] in rules.function_chars or brand.text[0] in cues.slogan_chars or \
                brand.text in rules.non_brands or brand.text in rules.stop_words:
            continue
        if not (after.text in cues.province_followers or after.tag == "v"):
            continue
        # a partner of a cooperation (与|北京商超|对接) is a market or a network, not a firm
        if prov.start > 0 and text[prov.start - 1] in cues.partner_chars:
            continue
        name = prov.text + brand.text
        if rules.lexicon.get(name, ("", ""))[0] in ("Place", "Agency") or name in rules.generic_names or \
                rules.lexicon.get(brand.text, ("", ""))[0] == "Place":
            continue
        yield Mention(prov.start, brand.end, name, "Company", PROVINCE_RULE)


@lru_cache(maxsize=4)
def _province_matcher(provinces: frozenset[str]) -> WordMatcher:
    """The provincial short names as one automaton (built once per vocabulary)."""
    return WordMatcher(sorted(provinces))

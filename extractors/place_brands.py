"""Campaigns named by a quality word and a place: 平安江西, 健康来宾, 美丽甘孜, 数字政府.

A nationwide campaign word (平安, 美丽, 数字, 健康, 法治…) right before the name of a
division, or 数字 before 政府, names that division's campaign: a ``Program`` (GUIDELINES:
幸福荷塘). The place inside keeps its own Place mention. Vocabulary:
``patterns/place_brands.json``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors.names import TokenIndex
from extractors.records import Mention
from extractors.rules import PATTERNS_DIR
from extractors.typed_data import load_vocabulary

__all__ = ["PlaceBrandVocabulary", "place_brand_vocabulary", "place_brands"]

RULE = "place-brand"


@dataclass(frozen=True)
class PlaceBrandVocabulary:
    """The words of ``patterns/place_brands.json``."""

    quality_words: tuple[str, ...]
    government_words: tuple[str, ...]
    place_rules: tuple[str, ...]
    blocked_followers: tuple[str, ...]


@lru_cache(maxsize=1)
def place_brand_vocabulary() -> PlaceBrandVocabulary:
    """The packaged vocabulary, loaded and checked once per process."""
    return load_vocabulary(PATTERNS_DIR / "place_brands.json", PlaceBrandVocabulary)


def place_brands(mentions: Iterable[Mention], index: TokenIndex) -> Iterator[Mention]:
    """Programme mentions for quality word + division (健康江西) and quality word + 政府 (法治政府)."""
    vocab, text = place_brand_vocabulary(), index.text
    mentions = list(mentions)
    quotes = [(m.start, m.end) for m in mentions if m.rule == "quote"]
    heads = [(m.start, m.end, vocab.quality_words) for m in mentions
             if m.type == "Place" and m.rule in vocab.place_rules]
    at = text.find("政府")
    while at >= 0:
        heads.append((at, at + 2, vocab.government_words))
        at = text.find("政府", at + 1)
    for start, end, words in sorted(set(heads)):
        word = next((w for w in words if text.startswith(w, start - len(w))), None)
        if word is None or text.startswith(vocab.blocked_followers, end):
            continue
        begin = start - len(word)
        # the quality word starts a word of its own (推进|健康江西, not 身心|健康…)
        if not index.is_boundary(begin) and index.token(begin).start < begin - 1:
            continue
        if any(s <= begin and end <= e and (s, e) != (begin, end) for s, e in quotes):
            continue  # part of a longer quoted slogan (“城乡统筹·幸福株洲”)
        yield Mention(begin, end, text[begin:end], "Program", RULE, text[begin:end])

"""Helpers shared by the entity-rule tests: run the whole extractor on a line, cut a sentence."""
from __future__ import annotations

from extractors.entities import TokenIndex, find_mentions
from extractors.resolve import resolve_mentions
from extractors.rules import load_rules
from extractors.segment import get_segmenter

__all__ = ["entities", "sentence", "report_entities"]


def entities(text: str) -> set[tuple[str, str]]:
    """(name, type) of every entity the extractor resolves in ``text``."""
    index = TokenIndex(text, get_segmenter().tokens(text))
    return {(e.name, e.type) for e in resolve_mentions(find_mentions(index, load_rules()))}


def sentence(text: str, needle: str) -> str:
    """The sentence of ``text`` (between 。/；/line breaks) that contains ``needle``."""
    at = text.index(needle)
    start = max(text.rfind(ch, 0, at) for ch in "。；\n") + 1
    ends = [i for i in (text.find(ch, at) for ch in "。；\n") if i >= 0]
    return text[start:min(ends) + 1 if ends else len(text)]


def report_entities(corpus_dir, doc: str, needle: str) -> set[tuple[str, str]]:
    """(name, type) of the entities found in the sentence of corpus report ``doc`` that contains ``needle``."""
    text = (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8")
    return entities(sentence(text, needle))

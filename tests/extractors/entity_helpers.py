"""Helpers shared by the entity-rule tests: run the whole extractor on a line, cut a sentence."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from extractors.entities import TokenIndex, find_mentions
from extractors.resolve import resolve_mentions
from extractors.rules import load_rules
from extractors.segment import get_segmenter
from tests.conftest import SHARED

__all__ = ["entities", "entity_names", "sentence", "report_entities", "archive_lines"]


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


def entity_names(text: str, label: str | None = None) -> set[str]:
    """The names of the entities found in ``text`` (of type ``label`` only, if given)."""
    return {name for name, kind in entities(text) if label is None or kind == label}


@lru_cache(maxsize=4)
def _archive_texts(reports: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    paths = [SHARED / "archive" / p for p in reports]
    return tuple((p.name, p.read_text(encoding="utf-8")) for p in paths if p.exists())


def archive_lines(reports: tuple[str, ...], pattern: str, limit: int = 10) -> list[tuple[str, str, re.Match]]:
    """(report, sentence, match) of the sentences of archive ``reports`` (read at test time) where ``pattern``
    matches, at most ``limit``; fails when the archive is not there."""
    texts = _archive_texts(reports)
    if not texts:
        pytest.fail(f"archive reports not found under {SHARED}; set KG_SHARED_DIR")
    found, regex = [], re.compile(pattern)
    for name, text in texts:
        for sent in re.split(r"(?<=[。；！？\n])", text):
            match = regex.search(sent)
            if match:
                found.append((name, sent.strip(), match))
    return found[:limit]

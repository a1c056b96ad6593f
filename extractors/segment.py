"""The one place that talks to jieba: a private tokenizer with per-document words.

jieba's global ``jieba.dt`` is never touched. Each :class:`Segmenter` owns a
``jieba.Tokenizer`` whose dictionary can be extended for one document (its
glossary terms and the names found in it) and restored afterwards, so that
雪亮工程 or 三供一业 stay whole in that document and nowhere else.

Part-of-speech tags come from jieba's dictionary by lookup (no second HMM
pass): they are hints for entity boundaries, never the entity decision.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate, repeat
from sys import intern
from pathlib import Path
from typing import NamedTuple

__all__ = ["Token", "Segmenter", "get_segmenter", "try_jieba_import"]

log = logging.getLogger(__name__)


class Token(NamedTuple):
    """A jieba token with its character offsets and dictionary POS tag ('x' if unknown)."""

    text: str
    start: int
    end: int
    tag: str


def try_jieba_import():
    """Import jieba lazily with an error that says how to get it (as spaCy does)."""
    try:
        import jieba  # noqa: PLC0415
        import jieba.posseg  # noqa: F401, PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("jieba is required: pip install jieba (or pip install -e . in this project)") from error
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _cache_dir() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "gov-report-kg")
    path = Path(base)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only home: jieba then works without a cache file
        pass
    return path


class Segmenter:
    """A private jieba tokenizer; :meth:`extra_words` extends it for one document."""

    def __init__(self) -> None:
        jieba = try_jieba_import()
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = str(_cache_dir())
        self._tokenizer.initialize()
        if not jieba.posseg.dt.word_tag_tab:
            jieba.posseg.dt.initialize()
        # our own copy: per-document tags go into it (and come out again) without touching jieba's
        self._tags: dict[str, str] = dict(jieba.posseg.dt.word_tag_tab)

    @property
    def tokenizer(self):
        """The private ``jieba.Tokenizer`` (for tests and advanced use)."""
        return self._tokenizer

    def tag_of(self, word: str) -> str:
        """The dictionary POS tag of a word (a per-document tag while one is set), or 'x' if unknown."""
        return self._tags.get(word, "x")

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary counts ``word`` as a word (0 if it is no word there)."""
        return int(self._tokenizer.FREQ.get(word) or 0)

    def tokens(self, text: str) -> list[Token]:
        """Segment ``text`` into tokens with offsets and POS hints.

        The same tokens as ``tokenize()`` (offsets are running sums of word lengths), built
        with C-level map/zip: this runs for every word of every report.
        """
        words = list(map(intern, self._tokenizer.cut(text)))  # one string per distinct word: memory
        ends = list(accumulate(map(len, words)))
        starts = [0, *ends[:-1]]
        labels = list(map(self._tags.get, words, repeat("x")))
        # tuple.__new__ builds the named tuples in C (Token(...) would call a Python __new__ per word)
        return list(map(tuple.__new__, repeat(Token), zip(words, starts, ends, labels)))

    def words(self, text: str) -> list[str]:
        """Segment ``text`` into words only."""
        return self._tokenizer.lcut(text)

    @contextmanager
    def extra_words(self, words: Iterable[tuple[str, str]]) -> Iterator[None]:
        """Add ``(word, tag)`` pairs to the dictionary for the ``with`` block only."""
        freq = self._tokenizer.FREQ
        saved_total = self._tokenizer.total
        saved: dict[str, int | None] = {}
        saved_tags: dict[str, str | None] = {}
        for word, tag in words:
            if len(word) < 2:
                continue
            for i in range(1, len(word) + 1):
                frag = word[:i]
                if frag not in saved:
                    saved[frag] = freq.get(frag)
            self._tokenizer.add_word(word, None, None)
            if tag and word not in saved_tags:
                saved_tags[word] = self._tags.get(word)
                self._tags[word] = tag
        try:
            yield
        finally:
            for frag, old in saved.items():
                if old is None:
                    freq.pop(frag, None)
                else:
                    freq[frag] = old
            self._tokenizer.total = saved_total
            for word, old_tag in saved_tags.items():
                if old_tag is None:
                    self._tags.pop(word, None)
                else:
                    self._tags[word] = old_tag


@lru_cache(maxsize=1)
def get_segmenter() -> Segmenter:
    """The process-wide segmenter (its dictionary loads once per process)."""
    return Segmenter()

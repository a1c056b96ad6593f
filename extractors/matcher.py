"""Find words of a fixed set in a text, fast.

The rules match thousands of words (a gazetteer of places, bodies, suffixes) at
every position of every report; a pure-Python or linear-child automaton spends
most of its time at the root. :class:`WordMatcher` (Aho–Corasick in Rust via
ahocorasick-rs) keeps the small interface the rule families use: ``iter(text)``
yields ``(end_index, word)`` pairs, the end index inclusive, ordered by end and,
for one end, longest word first.

:class:`Affixes` answers the other question the rules ask at one place of a text,
"which word of this list opens (or ends) the text here, longest first": by one set
look-up per word length instead of one ``startswith`` per word of the list, the same
answer as ``next(w for w in sorted(words, key=len, reverse=True) if text.startswith(w, at))``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter

import ahocorasick_rs

from extractors.derived import per_vocabulary

_BY_END_THEN_START = itemgetter(2, 1)  # of an (index, start, end) hit, in C
_INDEX, _END = itemgetter(0), itemgetter(2)

__all__ = ["WordMatcher", "Affixes", "affixes", "any_word"]


class WordMatcher:
    """Every (overlapping) occurrence of ``words`` in a text."""

    def __init__(self, words: Iterable[str]):
        self.words = list(dict.fromkeys(word for word in words if word))
        self._automaton = (ahocorasick_rs.AhoCorasick(self.words, matchkind=ahocorasick_rs.MatchKind.Standard)
                           if self.words else None)

    def __len__(self) -> int:
        return len(self.words)

    def iter(self, text: str) -> Iterator[tuple[int, str]]:
        """``(end index inclusive, word)`` for every occurrence, by end, longest first at one end."""
        if self._automaton is None:
            return iter(())
        hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        hits.sort(key=_BY_END_THEN_START)  # (end, start): the longest word first at one end
        words = self.words
        return ((end - 1, words[index]) for index, _start, end in hits)

    def longest_by_end(self, text: str) -> dict[int, str]:
        """End index (exclusive) → the longest word ending there, ends in increasing order: the longest of
        :meth:`iter`'s words at each end, gathered in C rather than by a Python loop over every hit."""
        if self._automaton is None:
            return {}
        hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        hits.sort(key=_BY_END_THEN_START)  # by end, the longest word first at one end
        # dict() keeps the last value given for a key: fed the hits backwards, it keeps each end's first (longest)
        # word, with the ends in decreasing order, turned back at the end
        longest = dict(zip(map(_END, reversed(hits)), map(_INDEX, reversed(hits))))
        return dict(zip(reversed(longest.keys()), map(self.words.__getitem__, reversed(longest.values()))))


class Affixes:
    """The longest word of ``words`` that opens a text at a position, or that ends a text.

    The same answer as scanning ``words`` sorted longest first with ``startswith``/``endswith``
    (two words of one length cannot both open a text at one place, so ties need no order), in one
    set look-up per distinct word length.
    """

    __slots__ = ("words", "lengths")

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        self.lengths = tuple(sorted({len(word) for word in self.words}, reverse=True))

    def prefix(self, text: str, at: int = 0) -> str | None:
        """The longest word that ``text`` has at ``at`` (``text.startswith(word, at)``), or None."""
        words, size = self.words, len(text)
        if at < 0:  # as str.startswith reads a negative start
            at = max(0, size + at)
        for length in self.lengths:
            if at + length <= size:
                piece = text[at:at + length]
                if piece in words:
                    return piece
        return None

    def suffix(self, text: str, end: int | None = None) -> str | None:
        """The longest word that ``text[:end]`` ends with (``text.endswith(word, 0, end)``), or None."""
        stop = len(text) if end is None else max(0, min(end, len(text)) if end >= 0 else len(text) + end)
        words = self.words
        for length in self.lengths:
            if length <= stop:
                piece = text[stop - length:stop]
                if piece in words:
                    return piece
        return None


@per_vocabulary
def affixes(words: tuple[str, ...]) -> Affixes:
    """The :class:`Affixes` of a vocabulary tuple, built once per tuple object (rule vocabularies are loaded
    once per process; the table is remembered by the tuple's identity, never by hashing its words per call)."""
    return Affixes(words)


@per_vocabulary
def any_word(words: Sequence[str]) -> re.Pattern[str]:
    """One pattern finding any of ``words`` in a text: ``any_word(words).search(s)`` answers
    ``any(w in s for w in words)`` in one C-level scan, built once per vocabulary object."""
    return re.compile("|".join(map(re.escape, words)) if words else r"(?!)")

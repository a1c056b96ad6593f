"""Find every occurrence of a fixed set of words, fast (Aho–Corasick in Rust via ahocorasick-rs).

The rules match thousands of words (a gazetteer of places, bodies, suffixes) at
every position of every report; a pure-Python or linear-child automaton spends
most of its time at the root. :class:`WordMatcher` keeps the small interface
the rule families use: ``iter(text)`` yields ``(end_index, word)`` pairs, the
end index inclusive, ordered by end and, for one end, longest word first.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import ahocorasick_rs

__all__ = ["WordMatcher"]


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
        hits.sort(key=lambda hit: (hit[2], hit[1]))
        words = self.words
        return ((end - 1, words[index]) for index, _start, end in hits)

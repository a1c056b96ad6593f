"""The word matcher behind every rule automaton."""
from __future__ import annotations

import pytest

from extractors.matcher import WordMatcher


@pytest.mark.parametrize("words, text, expected", [
    (["株洲", "株洲市", "市政府"], "在株洲市政府", [(2, "株洲"), (3, "株洲市"), (5, "市政府")]),
    (["工程", "雪亮工程"], "雪亮工程", [(3, "雪亮工程"), (3, "工程")]),  # one end: longest first
    (["路"], "金塘路、香榭路", [(2, "路"), (6, "路")]),
    ([], "任何文本", []),
])
def test_matcher_yields_inclusive_ends_longest_first(words, text, expected):
    assert list(WordMatcher(words).iter(text)) == expected


def test_matcher_ends_index_the_text():
    matcher = WordMatcher(["荷塘区", "区"])
    text = "“幸福荷塘”在荷塘区"
    for end, word in matcher.iter(text):
        assert text[end + 1 - len(word):end + 1] == word

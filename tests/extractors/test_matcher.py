"""The word matcher behind every rule automaton."""
from __future__ import annotations

import re

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


# --- Affixes: the longest word of a list at one place, by set look-ups -------------------------------------------

def _old_prefix(words, text, at=0):
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w, at)), None)


def _old_suffix(words, text, end=None):
    return next((w for w in sorted(words, key=len, reverse=True) if text.endswith(w, 0, end)), None)


@pytest.mark.parametrize("words, text, at", [
    (("开展", "广泛开展", "深化"), "广泛开展全民健身", 0),
    (("开展", "广泛开展"), "开展", 0),
    (("开展",), "开", 0),  # the word is longer than the text
    (("开展",), "", 0),
    ((), "广泛开展", 0),
    (("赛", "马拉松赛"), "“天下来宾”马拉松赛", 6),
    (("赛", "马拉松赛"), "马拉松赛", 9),  # past the end
    (("赛",), "赛马", -2),  # a negative start, as str.startswith reads it
    (("", "开"), "开展", 0),  # the empty word opens every text
    (("", "开"), "展", 0),
    (("a", "ab", "abc"), "xabc", 1),
])
def test_affixes_prefix_is_the_longest_first_scan(words, text, at):
    from extractors.matcher import Affixes

    assert Affixes(words).prefix(text, at) == _old_prefix(words, text, at)


@pytest.mark.parametrize("words, text, end", [
    (("水库", "大桥", "集散中心", "中心"), "西部物流集散中心", None),
    (("中心",), "中心", None),
    (("中心",), "心", None),
    ((), "中心", None),
    (("中心", "物流"), "西部物流集散中心", 4),
    (("中心",), "中心", -1),
    (("", "心"), "中心", None),
    (("中心",), "", None),
])
def test_affixes_suffix_is_the_longest_first_scan(words, text, end):
    from extractors.matcher import Affixes

    assert Affixes(words).suffix(text, end) == _old_suffix(words, text, end)


def test_affixes_agree_with_the_scans_on_real_report_text(corpus_dir):
    """Every place of a real report, with the vocabularies the rules use them for (lead verbs, works heads,
    event words): the same word as the longest-first scans they replace."""
    from extractors.documents import document_vocabulary
    from extractors.matcher import affixes
    from extractors.misfires import misfire_vocabulary
    from extractors.statuses import stage_words

    text = (corpus_dir / "hetang-2019.txt").read_text(encoding="utf-8")[:6000]
    pieces = [piece for line in text.splitlines() for piece in re.split(r"[，。；、]", line) if piece]
    vocabularies = (misfire_vocabulary().lead_verbs, stage_words().works_heads, document_vocabulary().event_words)
    hits = 0
    for words in vocabularies:
        table = affixes(words)
        assert affixes(words) is table  # built once per vocabulary
        for piece in pieces:
            for at in range(len(piece)):
                assert table.prefix(piece, at) == _old_prefix(words, piece, at)
                hits += table.prefix(piece, at) is not None
            assert table.suffix(piece) == _old_suffix(words, piece)
    assert hits > 50  # the vocabularies do occur in the report


# --- longest_by_end: the longest word at each end, as suffix_names reads the hits ---------------------------------

def _longest_by_loop(matcher: WordMatcher, text: str) -> dict[int, str]:
    """What suffix_names did with :meth:`WordMatcher.iter` before: a Python loop over every hit."""
    best: dict[int, str] = {}
    for end, word in matcher.iter(text):
        if len(word) > len(best.get(end + 1, "")):
            best[end + 1] = word
    return best


@pytest.mark.parametrize("words, text", [
    (["工程", "雪亮工程", "亮工程", "程"], "推进雪亮工程建设，雪亮工程"),
    (["路", "大道", "公路"], "金塘路、香榭大道和高速公路"),
    (["区", "新区", "示范区", "园区"], "湘江新区示范区，园区"),
    (["行动"], "没有后缀词"),
    ([], "任何文本"),
])
def test_longest_by_end_is_the_loop_over_every_hit(words, text):
    matcher = WordMatcher(words)
    found = matcher.longest_by_end(text)
    assert found == _longest_by_loop(matcher, text)
    assert list(found) == sorted(found)  # ends in increasing order, as the loop met them


def test_longest_by_end_on_a_real_report(corpus_dir):
    from extractors.rules import load_rules

    matcher = load_rules().suffix_automaton
    text = (corpus_dir / "hetang-2019.txt").read_text(encoding="utf-8")
    found = matcher.longest_by_end(text)
    assert len(found) > 100 and found == _longest_by_loop(matcher, text)
    assert list(found) == sorted(found)

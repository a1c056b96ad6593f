"""Term lookup: exact, alias, partial on a term, partial on a definition, nothing."""
from __future__ import annotations

import pytest

from glossary.lookup import closest_terms, lookup, normalise
from glossary.parse import parse_glossary


@pytest.fixture(scope="module")
def hetang_entries(hetang_text):
    return parse_glossary(hetang_text, doc="hetang-2019.txt").entries


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("三供一业", "三供一业"),
        (" 三供一业 ", "三供一业"),
        ("“三供一业”", "三供一业"),
        ("五个100", "省五个100"),
        ("“1093”行动", "制造强市“1093”行动"),
        ("五大行动", "市五个一批、五大行动"),
        ("瞪羚企业", "瞪羚企业"),
        ("１０９３行动", "制造强市“1093”行动"),
    ],
)
def test_lookup_exact_on_term_or_variant(hetang_entries, query, term):
    matches = lookup(query, hetang_entries)
    assert (matches[0].entry.term, matches[0].how, matches[0].score) == (term, "exact", 1.0)


@pytest.mark.parametrize("query", ["国企三供一业改革", "三供一业改造"])
def test_lookup_alias_from_mapping(hetang_entries, query):
    aliases = {"三供一业": ["国企三供一业改革", "三供一业改造"]}
    matches = lookup(query, hetang_entries, aliases=aliases)
    assert (matches[0].entry.term, matches[0].how) == ("三供一业", "alias")
    assert all(m.how != "alias" for m in lookup(query, hetang_entries))


@pytest.mark.parametrize(("query", "term"), [("一单", "一单四制"), ("瞪羚", "瞪羚企业"), ("制造强", "制造强市“1093”行动")])
def test_lookup_partial_on_term(hetang_entries, query, term):
    matches = lookup(query, hetang_entries)
    assert (matches[0].entry.term, matches[0].how) == (term, "partial")


@pytest.mark.parametrize(("query", "term"), [("供水", "三供一业"), ("台账制", "一单四制"), ("绿色食品", "三品一标")])
def test_lookup_partial_on_definition(hetang_entries, query, term):
    assert [m.entry.term for m in lookup(query, hetang_entries)] == [term]


def test_lookup_ranks_exact_over_alias_over_term_over_definition(hetang_entries):
    # 雪亮工程 is its own term (exact) and, here, an extra name of 一单四制 (alias).
    aliases = {"一单四制": ["雪亮工程"]}
    matches = lookup("雪亮工程", hetang_entries, aliases=aliases)
    assert [(m.entry.term, m.how) for m in matches] == [("雪亮工程", "exact"), ("一单四制", "alias")]
    ranked = lookup("企业", hetang_entries)
    hows = [m.how for m in ranked]
    assert hows == ["partial"] * len(ranked) and len(ranked) >= 3
    scores = [m.score for m in ranked]
    assert scores == sorted(scores, reverse=True)
    term_hits = [m for m in ranked if "企业" in normalise(m.entry.term)]
    definition_hits = [m for m in ranked if "企业" not in normalise(m.entry.term)]
    assert term_hits and definition_hits
    assert min(m.score for m in term_hits) > max(m.score for m in definition_hits)


@pytest.mark.parametrize("query", ["不存在的术语", "", "   ", "“”"])
def test_lookup_nothing_matches_gives_empty_list(hetang_entries, query):
    assert lookup(query, hetang_entries) == []


def test_closest_terms_suggests_similar_term(hetang_entries):
    assert closest_terms("三供二业", hetang_entries)[0] == "三供一业"

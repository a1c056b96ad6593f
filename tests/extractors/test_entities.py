"""The entity orchestrator and its simpler families: numeric abbreviations, brand firms, the lexicon.

Quotes, suffix names and list items have their own test modules (test_quotes.py,
test_suffixes.py, test_lists.py).
"""
from __future__ import annotations

import pytest

from extractors.entities import TokenIndex, find_mentions
from extractors.rules import load_rules
from extractors.segment import get_segmenter
from tests.extractors.entity_helpers import entities, report_entities, sentence


@pytest.mark.parametrize(("needle", "name", "label"), [
    ("瑞美包装", "瑞美包装", "Company"),  # a brand followed by an industry word
])
def test_rule_finds_name_in_report_sentence(hetang_text, needle, name, label):
    assert (name, label) in entities(sentence(hetang_text, needle))


@pytest.mark.parametrize(("text", "wrong"), [
    ("全市干部一心一意谋发展。", ("一心一意", "Program")),  # an idiom is not a numeric abbreviation
    ("双方签订合作协议。", ("作协", "Agency")),  # a short lexicon word must align with token boundaries
    ("大力发展科技创新。", ("大力发展科技", "Company")),
    ("建强科技支撑体系。", ("建强科技", "Company")),  # the industry word modifies a noun
])
def test_invented_line_gives_no_false_positive(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("加快建设株洲至广州高铁。", "株洲", "Place"),  # a gazetteer short form standing as a place word
])
def test_invented_line_gives_name(text, name, label):
    assert (name, label) in entities(text)


def test_find_mentions_returns_sorted_offsets_inside_text(hetang_text):
    index = TokenIndex(hetang_text, get_segmenter().tokens(hetang_text))
    mentions = find_mentions(index, load_rules())
    assert mentions == sorted(mentions, key=lambda m: (m.start, -m.end))
    assert all(hetang_text[m.start:m.end] == m.text for m in mentions)


@pytest.mark.parametrize(("text", "wrong"), [
    ("深入实施十个一体化工程。", ("十个一体", "Program")),  # the abbreviation must end on a word boundary
    ("着力建设一城五中心。", ("一城五中", "Program")),
    ("实施三个十万工程。", ("三个十万", "Program")),  # a counted number is a quantity
])
def test_numeric_abbreviation_misfire(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "name"), [
    ("jiangxi-2026", "“十百千万”工程", "十百千万"),  # all numerals, but an abbreviation
    ("hetang-2019", "三供一业", "三供一业"),
])
def test_numeric_abbreviation_found_in_report(corpus_dir, doc, needle, name):
    assert (name, "Program") in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize("name", ["北部生态区", "中部都市区", "南部产城融合区"])
def test_direction_zone_found_in_report(corpus_dir, name):
    text = (corpus_dir / "tianmen-2024.txt").read_text(encoding="utf-8")
    assert (name, "Place") in entities(sentence(text, name))


@pytest.mark.parametrize(("text", "wrong"), [
    ("西部陆海新通道建设提速。", "西部陆海新通道"),  # no zone word
    ("推动东部产业向西部地区转移。", "东部产业"),
])
def test_direction_zone_invented_misfire(text, wrong):
    assert (wrong, "Place") not in entities(text)


@pytest.mark.parametrize(("text", "name"), [
    ("统筹东部新城区、西部生态区和南部片区发展。", "西部生态区"),
])
def test_direction_zone_invented_line(text, name):
    assert (name, "Place") in entities(text)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # a one-character place suffix inside a quoted slogan ends a phrase word, not a place
    ("hailar-2016", "“村收镇运区处理”", ("村收镇运区", "Place")),
    ("hailar-2016", "“三到村三到户”", ("三到村", "Place")),
])
def test_no_place_inside_quoted_slogan(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    ("hainan-2026", "二期三号机组", ("二期三号", "Program")),  # phase and unit ordinals
    ("jiangxi-2026", "新一轮十大", ("一轮十大", "Program")),
    ("jiangxi-2026", "九江三地", ("九江三地", "Program")),  # the numeral opens a place name
    ("hainan-2026", "粤港澳大湾区", ("大湾区", "Place")),  # the tail of a lexicon region
])
def test_round6_rule_misfires_are_dropped(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "wrong"), [
    ("推进三期五号线建设。", ("三期五号", "Program")),
    ("融入粤港澳大湾区建设。", ("大湾区", "Place")),
])
def test_round6_invented_rule_misfires_are_dropped(text, wrong):
    assert wrong not in entities(text)

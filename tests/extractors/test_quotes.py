"""Quoted names (extractors.quotes): programmes in “…”, their tails, and quotes that are no names."""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities, sentence


@pytest.mark.parametrize(("text", "name", "label"), [
    ("全力推进“最多跑一次”改革。", "最多跑一次", "Program"),
    ("持续推进“一网通办”改革。", "一网通办", "Program"),  # a programme tail beats the 办 suffix
])
def test_quote_gives_programme(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("我市成功获评“全国文明城市”称号。", ("全国文明城市", "Program")),  # a title won is no programme
    ("广大“干部”要担当作为。", ("干部", "Program")),  # a common word quoted for emphasis
    ("开展“幸福青溪”系列民生行动。", ("民生行动", "Program")),  # the tail of a quote
])
def test_quote_invented_line_gives_no_false_positive(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("needle", "wrong"), [
    ("“招商办—项目办—企业服务中心”", ("招商办—项目办—企业服务中心", "Program")),  # a chain of bodies
])
def test_quote_does_not_misfire_in_report_sentence(hetang_text, needle, wrong):
    assert wrong not in entities(sentence(hetang_text, needle))


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # a short quote after a noun and before a pause or a verb is a figurative label
    ("tianmen-2024", "“烟火气”加速", ("烟火气", "Program")),
    ("tianmen-2024", "技能“匠才”", ("匠才", "Program")),
    ("tianmen-2024", "两条“网红街”", ("网红街", "Program")),
    # a numeric slogan the city is to become is a positioning target
    ("tianmen-2024", "着力打造“一城五中心”", ("一城五中心", "Program")),
    ("hainan-2026", "“三区一中心”战略定位", ("三区一中心", "Program")),
])
def test_quote_label_or_vision_is_no_programme(corpus_dir, doc, needle, wrong):
    text = (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8")
    assert wrong not in entities(sentence(text, needle))


@pytest.mark.parametrize(("text", "name", "label"), [
    ("城区“五小”车辆上牌率达98%。", "五小", "Program"),  # followed by a noun: a policy target class
    ("大力推进“三社联动”。", "三社联动", "Program"),  # after a verb: a programme
    ("获评全省“四好公园路”示范县。", "四好公园路", "Program"),  # a numeric start beats the facility suffix
])
def test_quote_cue_keeps_programme(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("推动企业“上规、上榜、上云、上市”。", ("上规、上榜、上云、上市", "Place")),  # an enumeration of slogans
    ("建设“无废城市”。", ("无废城市", "Place")),  # a kind ending in a common word
    ("培育“灯塔工厂”。", ("灯塔工厂", "Company")),
    ("打造“三江”品牌。", ("三江", "Place")),  # a numeric abbreviation
])
def test_quote_kind_is_no_place_or_firm(text, wrong):
    assert wrong not in entities(text)

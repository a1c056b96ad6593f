"""Quoted names (extractors.quotes): programmes in “…”, their tails, and quotes that are no names."""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities, report_entities, sentence


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
    assert wrong not in report_entities(corpus_dir, doc, needle)


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


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # a problem being fought, a quality, or a counted class is no programme
    ("hetang-2019", "“地沟油”治理", ("地沟油", "Program")),
    ("hetang-2019", "“入园难、入园贵”问题", ("入园难、入园贵", "Program")),
    ("hetang-2019", "确保“舌尖上”的安全", ("舌尖上", "Program")),
    ("tianmen-2024", "有“陆羽故里”的灵气", ("陆羽故里", "Program")),
    ("tianmen-2024", "“企业家就是衣食父母”理念", ("企业家就是衣食父母", "Program")),
    ("tianmen-2024", "培育一批“单打冠军”", ("单打冠军", "Program")),
    ("tianmen-2024", "流域“底图单元”", ("底图单元", "Program")),
    # a two-character quote before a longer tail names nothing alone
    ("tianmen-2024", "“三农”工作十大提升行动", ("三农", "Program")),
    # a quoted kind with a quality word is no place
    ("hainan-2026", "建设“智慧教育岛”", ("智慧教育岛", "Place")),
    ("hainan-2026", "“无废岛”", ("无废岛", "Place")),
])
def test_quote_problem_quality_or_class_is_no_programme(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "name", "wrong"), [
    ("开展产业项目建设“春雷”行动。", "春雷", "春雷行动"),  # a bare programme word: the core is the name
    ("建立有进有出的“活水”机制。", "活水", "活水机制"),
])
def test_quote_with_bare_programme_word_is_named_by_its_core(text, name, wrong):
    found = entities(text)
    assert (name, "Program") in found and (wrong, "Program") not in found


@pytest.mark.parametrize(("text", "name"), [
    ("坚决纠正“四风”问题。", "四风"),  # a numeric abbreviation stays a programme before 问题
    ("培育一批专精特新“小巨人”企业。", "小巨人"),  # a counted quote followed by a noun is a target class
    ("188项服务事项“一网通办”，群众满意。", "一网通办"),
])
def test_quote_cue_does_not_drop_programme(text, name):
    assert (name, "Program") in entities(text)


@pytest.mark.parametrize(("doc", "needle", "name"), [
    ("tianmen-2024", "“十四五”规划", "十四五"),  # a quoted plan number before 规划
    ("tianmen-2024", "“八五”普法", "八五"),  # a quoted campaign number before 普法
    ("tianmen-2024", "“131”工作举措", "131"),  # a quoted number before 工作举措
])
def test_quoted_number_before_plan_word_is_programme(corpus_dir, doc, needle, name):
    assert (name, "Program") in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "wrong"), [
    ("产值是“十一五”时期的2倍。", ("十一五", "Program")),  # a period, not a plan
    ("全年新增“500”家企业。", ("500", "Program")),  # a quoted count
])
def test_quoted_number_without_plan_word_is_no_programme(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("我区被评为自治区“六五”普法先进旗县区。", ("六五", "Program")),   # a title won at a level
    ("该校荣获全国“文明校园”称号。", ("文明校园", "Program")),
])
def test_quote_title_after_a_level_word_is_no_programme(text, wrong):
    assert wrong not in entities(text)


def test_quote_title_after_level_word_in_report(corpus_dir):
    text = (corpus_dir / "hailar-2017.txt").read_text(encoding="utf-8")
    assert ("六五", "Program") not in entities(sentence(text, "“六五”普法先进"))

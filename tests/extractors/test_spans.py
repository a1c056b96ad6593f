"""Span checks (extractors.spans): counted, capacity, generic and cut names after the rule families."""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities, sentence


def _report(corpus_dir, doc: str) -> str:
    return (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # a counted class is no name
    ("hailar-2016", "31条公路", ("31条公路", "Project")),
    ("hailar-2017", "19条污水管网", ("19条污水管网", "Project")),
    # a capacity phrase describes a kind of plant
    ("hailar-2016", "日处理3万吨水厂", ("日处理3万吨水厂", "Project")),
    ("hailar-2016", "日产500吨熟料生产线", ("日产500吨熟料生产线", "Project")),
    # a cut 'A至B' route
    ("hailar-2016", "红星桥连接线公路", ("桥至红星桥连接线公路", "Project")),
    ("hailar-2016", "红星桥连接线公路", ("桥至红星桥", "Project")),
    # a zone or office word before the real name
    ("hailar-2016", "海拉尔食品产业园", ("技术开发区海拉尔食品产业园", "Project")),
    ("hailar-2016", "金星村", ("办事处金星村", "Place")),
    # a kind named by generic or designation words
    ("hailar-2016", "大型商业综合体", ("大型商业综合体", "Project")),
    ("hailar-2018", "田园综合体", ("田园综合体", "Project")),
    ("hailar-2018", "高端旅游景区", ("高端旅游景区", "Project")),
    ("sichuan-2026", "国家现代农业产业园", ("国家现代农业产业园", "Project")),
    # a bare works word before 工程
    ("hailar-2016", "改扩建工程", ("改扩建工程", "Project")),
    ("hailar-2017", "提标改造工程进展", ("提标改造工程", "Project")),
    # a fragment left by a trimmed verb
    ("sichuan-2026", "万高铁", ("万高铁", "Project")),
])
def test_span_check_drops_misfire_in_report(corpus_dir, doc, needle, wrong):
    assert wrong not in entities(sentence(_report(corpus_dir, doc), needle))


@pytest.mark.parametrize(("doc", "needle", "right"), [
    ("hailar-2016", "红星桥连接线公路", ("呼达罕桥至红星桥连接线公路", "Project")),
    ("hailar-2016", "海拉尔食品产业园", ("海拉尔食品产业园", "Project")),
    ("hailar-2016", "主城区呼伦大街", ("呼伦大街", "Project")),
    ("hainan-2026", "母瑞山公路", ("羊山大道至母瑞山公路", "Project")),
    # crossing names join: 哈克镇 + 镇老年养护院
    ("hailar-2018", "老年养护院", ("哈克镇老年养护院", "Agency")),
    # a split unknown name and a name after a preposition are no fragments
    ("hetang-2019", "推广仙庾敬老院", ("仙庾敬老院", "Agency")),
])
def test_span_check_mends_name_in_report(corpus_dir, doc, needle, right):
    assert right in entities(sentence(_report(corpus_dir, doc), needle))


@pytest.mark.parametrize(("doc", "needle", "name"), [
    # 街道办事处|金星村: the village is named after the office word, whatever type the list gives it
    ("hailar-2016", "金星村", "金星村"),
])
def test_span_check_cuts_after_office_word(corpus_dir, doc, needle, name):
    names = {n for n, _ in entities(sentence(_report(corpus_dir, doc), needle))}
    assert name in names and "办事处" + name not in names


@pytest.mark.parametrize(("text", "name", "label"), [
    # invented: an 'A至B' route from a whole first place is one name
    ("今年建成青山大道至白石村公路。", "青山大道至白石村公路", "Project"),
    # invented: a proper word after a designation keeps the facility
    ("建成国家青山湖湿地公园。", "国家青山湖湿地公园", "Project"),
    # invented: a named complex is kept
    ("推进银泰城市商业综合体建设。", "银泰城市商业综合体", "Project"),
])
def test_span_check_keeps_invented_name(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("新建8条城市道路。", ("8条城市道路", "Project")),
    ("建成年产20万吨饲料加工厂。", ("年产20万吨饲料加工厂", "Company")),
    ("推进门户枢纽建设。", ("门户枢纽", "Project")),
    ("实施配套设施工程。", ("配套设施工程", "Program")),
])
def test_span_check_drops_invented_misfire(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "wrong", "right"), [
    # a build verb after 、 opens the item, not the name
    ("hailar-2016", "改造胜利大街", ("改造胜利大街", "Project"), ("胜利大街", "Project")),
])
def test_list_item_loses_leading_verb(corpus_dir, doc, needle, wrong, right):
    found = entities(sentence(_report(corpus_dir, doc), needle))
    assert wrong not in found and right in found


@pytest.mark.parametrize(("doc", "needle", "slogan"), [
    ("hailar-2016", "“退城入园”、", "退城入园"),
    ("hainan-2026", "“入园”", "入园"),
])
def test_quoted_motion_slogan_is_program(corpus_dir, doc, needle, slogan):
    found = entities(sentence(_report(corpus_dir, doc), needle))
    assert (slogan, "Program") in found and (slogan, "Project") not in found

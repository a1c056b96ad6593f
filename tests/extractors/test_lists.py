"""Enumeration items (extractors.lists): each item of `A、B等N个重点项目` typed by the head noun."""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities, report_entities


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    # 等项目: the list head 项目 is not eaten as a measure word; a project list item keeps 治理
    ("tianmen-2024", "张家湖综合治理", "张家湖综合治理", "Project"),
    ("tianmen-2024", "沉湖骨干河道治理", "沉湖骨干河道治理", "Project"),
])
def test_list_item_found_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("签约引进华锐科技等企业。", "华锐科技", "Company"),
    ("远航集团新材料基地、北辰医药等15个项目相继开工。", "远航集团新材料基地", "Project"),
    ("城市备用水源、九条河水生态修复等项目全面竣工。", "城市备用水源", "Project"),
    # a phase in brackets stays inside its item and does not end the list (round three)
    ("开工建设青岭、白溪（二期）风光互补、绿水抽蓄等3个电站项目。", "青岭", "Project"),
    ("开工建设青岭、白溪（二期）风光互补、绿水抽蓄等3个电站项目。", "白溪（二期）风光互补", "Project"),
    # a works head written once for the whole enumeration: the bare items before it are projects too
    ("加快青岭、白溪水电站建设。", "青岭", "Project"),
    ("加快推进青岭、白溪、绿坝高速公路建设。", "白溪", "Project"),
    # 升级改造 is one status word: the item is named without it
    ("青岭宾馆、白溪化工聚甲醛升级改造等项目进展顺利。", "白溪化工聚甲醛", "Project"),
])
def test_list_invented_line_gives_item(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("发展现代物流、软件信息等企业。", ("现代物流", "Company")),  # industries, not firms
    ("投资80亿元的锦纶丝产业园等项目开工。", ("投资80亿元的锦纶丝产业园", "Project")),  # no particle 的
    # the head goes on into a longer noun: no enumeration of works
    ("加快推进青岭、白溪专线铁路货运枢纽建设。", ("青岭", "Project")),
])
def test_list_invented_line_gives_no_false_positive(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    # an enumeration ended by a count and a head noun without 等 (A、B、C五大区域)
    ("tianmen-2024", "江浙沪", "江浙沪", "Place"),
])
def test_counted_list_item_found_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # a report verb between 等 and 项目 starts another clause: the items are fields, not projects
    ("jiangxi-2026", "人的全面发展等", ("全面发展", "Project")),
    # a place list item needs a proper-name element
    ("hetang-2019", "房前屋后", ("房前屋后路边", "Place")),
])
def test_list_misfire_in_report(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "wrong"), [
    ("坚持东部、中部、西部三大区域协同。", ("中部", "Place")),  # generic directions
    ("农业、工业两大板块。", ("农业", "Place")),
])
def test_counted_list_invented_misfire(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    ("hetang-2019", "华润万家、步步高、大润发", "华润万家", "Company"),  # a list of shops' brands
    ("hetang-2019", "华润万家、步步高、大润发", "大润发", "Company"),
    ("tianmen-2024", "天门河下段综合治理", "天门河下段综合治理", "Project"),  # 段 continues the first item
    ("hailar-2018", "海乳与蒙西煤矿等企业", "蒙西煤矿", "Company"),  # items joined by 与
])
def test_firm_list_item_found_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    ("hetang-2019", "银泰财富广场等时尚消费地标", ("银泰财富广场", "Company")),  # an item with its own suffix
    ("tianmen-2024", "研发设计等生产性服务业企业", ("研发设计", "Company")),  # industries, not firms
    ("sichuan-2026", "城市更新等一批主业企业", ("城市更新", "Company")),
    ("hailar-2016", "蒙西水泥有限公司日产", ("蒙西水泥有限公司日产500吨熟料生产线", "Company")),
])
def test_firm_list_misfire_in_report(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "wrong"), [
    ("培育卫星研发制造、卫星数据应用等企业。", ("卫星研发制造", "Company")),  # an activity ends the item
    ("引进软件信息、检验检测等现代服务业企业。", ("检验检测", "Company")),
])
def test_firm_list_invented_misfire(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("text", "name"), [
    ("推动青溪水泥有限公司日产5000吨熟料生产线等企业改造。", "青溪水泥有限公司"),  # cut after the firm word
])
def test_firm_list_invented_item(text, name):
    assert (name, "Company") in entities(text)

"""Firm names (extractors.firms): brand + industry word, and the firm inside a facility name."""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities, report_entities, sentence


@pytest.mark.parametrize(("doc", "needle", "name"), [
    ("tianmen-2024", "庄品健米业等29家企业", "庄品健米业"),  # a brand split by jieba (庄品|健) + 米业
    ("hetang-2019", "中天杭萧钢构完成厂房", "中天杭萧钢构"),  # a word opening the clause joins the brand
    ("hetang-2019", "金城华亿电商服饰产业园", "金城华亿"),  # a place-tagged word + an unknown word opens a firm
    ("hetang-2019", "千金湘药新药生产线", "千金湘药"),  # a common word + an unknown word
    ("hetang-2019", "飞鹿公司林荫停车场", "飞鹿公司"),  # the firm head after the brand belongs to it
    ("tianmen-2024", "白马服装原创电商基地", "白马服装"),  # brand + industry word opening a facility
])
def test_firm_found_in_report(corpus_dir, doc, needle, name):
    assert (name, "Company") in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    ("tianmen-2024", "龙腾服装小镇", "龙腾服装"),  # brand + industry before a facility word is the facility's
    ("tianmen-2024", "市域公共综合物流园", "市域"),  # a generic word is no brand
    ("jiangxi-2026", "锂电新能源", "锂电新能源"),  # an industry, not a firm
    ("hainan-2026", "医保、医药", "医保、医药"),  # punctuation is no piece of a brand
    ("hetang-2019", "怡亚通金巢现代工业园", "怡亚通金巢"),  # the firm seen alone elsewhere is the shorter one
])
def test_firm_does_not_misfire_in_report(corpus_dir, doc, needle, wrong):
    text = (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8")
    found = entities(text if doc == "hetang-2019" and needle.startswith("怡亚通") else sentence(text, needle))
    assert (wrong, "Company") not in found


@pytest.mark.parametrize(("text", "name"), [
    ("青松控股、白云米业等企业完成技改。", "白云米业"),
])
def test_firm_invented_line_gives_name(text, name):
    assert (name, "Company") in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("提振汽车、家电消费。", "提振汽车"),  # a verb is no brand
    ("发展铜基新材料、特医食品。", "铜基新材料"),  # a material word is no brand
    ("建设青溪镇生态奶源基地。", "生态奶源"),  # a common modifier opens no firm
    ("，2024年宝昂新材料投产。", "2024年宝昂新材料"),  # a date is no part of a brand
])
def test_firm_invented_line_gives_no_false_positive(text, wrong):
    assert (wrong, "Company") not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    ("hailar-2018", "哈克奶源基地", ("哈克奶源", "Company")),  # 哈克 is a town elsewhere in the report
    ("hailar-2018", "素质教育研学基地", ("素质教育研学", "Company")),  # a field, not a brand
    ("hainan-2026", "深儋合作产业园", ("深儋", "Company")),  # partners of a cooperation
    ("hailar-2016", "中俄蒙文化创意产业园", ("中俄蒙", "Company")),
])
def test_firm_in_facility_rejects_place_field_or_partners(corpus_dir, doc, needle, wrong):
    text = (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8")
    assert needle in text and wrong not in entities(text)  # the whole report: 哈克镇 is elsewhere in it


@pytest.mark.parametrize(("text", "wrong"), [
    ("推动京沪合作产业园建设。", ("京沪", "Company")),
    ("建设沙湾镇附近的沙湾茶叶基地。", ("沙湾茶叶", "Company")),
])
def test_firm_in_facility_invented_negatives(text, wrong):
    assert wrong not in entities(text)

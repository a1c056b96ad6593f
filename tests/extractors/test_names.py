"""Left edges of suffix names (extractors.names): the prefix cap, complements, postpositions, 向 + direction."""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities, report_entities


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    # a brand or transliteration at the prefix cap still belongs to the name
    ("hailar-2016", "美凯龙城市商贸综合体", "红星美凯龙城市商贸综合体", "Project"),
    ("hainan-2026", "费尔德应用科学大学", "海南比勒费尔德应用科学大学", "Agency"),
    # 向 + a direction is one phrase with the strategy it opens
    ("hailar-2018", "北开放战略", "向北开放战略", "Program"),
    # 中 after punctuation opens a firm's name; only a locative after a noun closes a phrase
    ("hailar-2016", "中网科技云计算基地数据楼", "中网科技云计算基地", "Project"),
])
def test_name_left_edge_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    ("hailar-2016", "美凯龙城市商贸综合体", "美凯龙城市商贸综合体"),
    ("hainan-2026", "费尔德应用科学大学", "费尔德应用科学大学"),
    ("sichuan-2026", "中医药综合改革", "好国家中医药综合改革"),  # 用好: a result complement
    ("sichuan-2026", "产业链上专项行动", "上专项行动"),  # 产业链上: a postposition
    ("hailar-2018", "北开放战略", "北开放战略"),
])
def test_name_left_edge_drops_cut_or_verb_start(corpus_dir, doc, needle, wrong):
    assert wrong not in {name for name, _ in report_entities(corpus_dir, doc, needle)}


@pytest.mark.parametrize(("text", "wrong"), [
    ("要管好用好乡村振兴示范工程。", "好乡村振兴示范工程"),
    ("把资源用在项目上专项行动要见效。", "上专项行动"),
    ("开展示范区规划学校建设。", "示范区规划学校"),  # a zone word inside: no growth past the cap
])
def test_name_left_edge_invented_negative(text, wrong):
    assert wrong not in {name for name, _ in entities(text)}

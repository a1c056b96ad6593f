"""Project statuses from review and plan clauses."""
from __future__ import annotations

import pytest

from extractors.ingest import read_document
from extractors.records import Entity, Mention
from extractors.statuses import find_statuses
from extractors.structure import annotate


def _doc_with(tmp_path, body: str):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n" + body + "\n二、2024年工作安排\n力推星河大桥建成通车。\n", encoding="utf-8")
    return annotate(read_document(path))


def _entity(doc, name, label="Project"):
    mentions = []
    start = doc.text.find(name)
    while start >= 0:
        mentions.append(Mention(start, start + len(name), name, label, "test", name))
        start = doc.text.find(name, start + 1)
    return Entity(name=name, type=label, mentions=mentions)


@pytest.mark.parametrize("body, name, expected", [
    ("云岭电池、启明光电等12个重点项目竣工投产。", "云岭电池", {("建成", 2023, "outcome"), ("投产", 2023, "outcome")}),
    ("松涛产业园一期等20个续建项目推进顺畅。", "松涛产业园一期", {("在建", 2023, "outcome")}),
    ("先后签约引进华瑞半导体等产业项目9个。", "华瑞半导体", {("签约", 2023, "outcome")}),
    ("青溪变电站启动建设。", "青溪变电站", {("开工", 2023, "outcome")}),
])
def test_status_review_clause(tmp_path, body, name, expected):
    doc = _doc_with(tmp_path, body)
    found = {(s.status, s.year, s.kind) for s in find_statuses(doc, [_entity(doc, name)])}
    assert expected <= found


def test_status_plan_part_is_plan_of_report_year(tmp_path):
    doc = _doc_with(tmp_path, "全年工作平稳。")
    found = {(s.project, s.status, s.year, s.kind) for s in find_statuses(doc, [_entity(doc, "星河大桥")])}
    assert ("星河大桥", "建成", 2024, "plan") in found


def test_status_needs_a_status_word(tmp_path):
    doc = _doc_with(tmp_path, "星河广场人流如织。")
    assert not [s for s in find_statuses(doc, [_entity(doc, "星河广场")]) if s.kind == "outcome"]


def test_status_hetang_gold_examples(hetang_path):
    from extractors.pipeline import extract_file

    statuses = {(s.project, s.status, s.year, s.kind) for s in extract_file(hetang_path).statuses}
    assert ("飞鹿高分子涂料", "投产", 2018, "outcome") in statuses
    assert ("青塘变电站", "开工", 2018, "outcome") in statuses


@pytest.mark.parametrize("clause, kind, expected", [
    ("飞鹿高分子涂料、朗润磁电科技等22个重点项目竣工投产", "outcome", ["建成", "投产"]),
    ("湖南建工集团装配式建筑基地即将竣工投产", "outcome", ["在建"]),
    ("顺利启动601中英文小学综合楼、红旗路小学改扩建", "outcome", ["开工"]),
    ("加快完成仙庾片区自来水管网等项目建设", "plan", ["建成"]),
    ("新建601幸福里等社区养老场所4处", "outcome", ["建成"]),
    ("启动芙蓉路等17条道路新建", "plan", ["开工"]),
    ("加快铁东路等20条道路续建", "plan", ["在建"]),
    ("群众满意度持续提升", "outcome", []),
])
def test_status_clause_rules(clause, kind, expected):
    from extractors.statuses import clause_stages

    assert clause_stages(clause, kind) == expected

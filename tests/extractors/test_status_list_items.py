"""List items with no head of their own that a status clause names as works (lines written for the family)."""
from __future__ import annotations

import pytest

from extractors.ingest import read_document
from extractors.statuses import find_statuses, works_named_by_status
from extractors.structure import annotate


def _statuses(tmp_path, body: str) -> tuple[set[str], set[tuple[str, str, int, str]]]:
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n" + body + "\n二、2024年工作安排\n全年工作平稳。\n", encoding="utf-8")
    doc = annotate(read_document(path))
    works = works_named_by_status(doc, [])
    return {e.name for e in works}, {(s.project, s.status, s.year, s.kind) for s in find_statuses(doc, works)}


@pytest.mark.parametrize("body, expected", [
    # a class noun after 等 says what the items are, even with the count after it (…等项目86个)
    ("新竣工云岭锂电等项目86个。", {("云岭锂电", "建成", 2023, "outcome")}),
    ("推进瑞丰智造、德隆动力等产业技术研究院建设。",
     {("瑞丰智造", "在建", 2023, "outcome"), ("德隆动力", "在建", 2023, "outcome")}),
    # the head the last works item shares with the short items before it (…、溪口港铁路物流枢纽)
    ("加快推进青川白鹭洲、溪口港铁路物流枢纽建设。",
     {("青川白鹭洲", "在建", 2023, "outcome"), ("溪口港铁路物流枢纽", "在建", 2023, "outcome")}),
    # a class of routes after 等 (高铁, 高速, 轨道交通线) names its items as works too (province and city lists)
    ("12号线西延伸、南汇支线等轨道交通线开工建设。",
     {("12号线西延伸", "开工", 2023, "outcome"), ("南汇支线", "开工", 2023, "outcome")}),
    ("龙溪芙蓉至县城段、新圩北至灌阳段等高速建成通车。",
     {("龙溪芙蓉至县城段", "建成", 2023, "outcome"), ("新圩北至灌阳段", "建成", 2023, "outcome")}),
])
def test_status_list_items_named_by_their_class(tmp_path, body, expected):
    _names, found = _statuses(tmp_path, body)
    assert expected <= found


@pytest.mark.parametrize("body, absent", [
    # industries and kinds are no works (one dictionary word, common nouns, 园区 as a class of parks)
    ("重点推进电子信息、绿色家居等特色园区建设。", "电子信息"),
    ("重点推进电子信息、绿色家居等特色园区建设。", "绿色家居"),
    ("重点招引电芯、正极材料等先进储能制造项目。", "电芯"),
    # a last item that is a phrase, not works, shares no head (…东南亚开展外资项目招引)
    ("赴欧洲、日韩、东南亚开展外资项目招引。", "赴欧洲"),
    # a counted class shares no head (…酒吧三条特色街区)
    ("建成运营小吃、茶饮、酒吧三条特色街区。", "茶饮"),
    ("建成运营小吃、茶饮、酒吧三条特色街区。", "酒吧三条特色街区"),
    # a series of numbers is no list of names (核电7、8号机组)
    ("加快建设核电7、8号机组和港口码头。", "核电7"),
    # the clause's own verb is no part of its first item
    ("促进华瑞新材等项目建成投产。", "促进华瑞新材"),
    # two names joined by 和 are no one name
    ("推动峡江灌区和遂川、永新抽水蓄能电站开工。", "峡江灌区和遂川"),
    # a description is no name (…新能源占比最高…)
    ("全国装机最大、新能源占比最高、总投资近千亿元的青海光伏基地建成投产。", "新能源占比最高"),
])
def test_status_list_items_not_works(tmp_path, body, absent):
    names, found = _statuses(tmp_path, body)
    assert absent not in names
    assert not {s for s in found if s[0] == absent}


@pytest.mark.parametrize("body, name", [
    pytest.param("建设峨眉金顶、翠屏湖等重点景区。", "峨眉金顶",
                 marks=pytest.mark.xfail(reason="a clause with only a weak verb names works only when it ends in 建设")),
])
def test_status_list_items_known_misses(tmp_path, body, name):
    names, _found = _statuses(tmp_path, body)
    assert name in names


@pytest.mark.parametrize("report, project, status", [
    ("meishan-2024.txt", "中创新航", "建成"),  # 新竣工X等项目137个
    ("laibin-2024.txt", "合山柳花岭", "在建"),  # 加快推进X、Y铁路货运枢纽建设
    ("ganzi-2024.txt", "雅江措拉", "投产"),  # 力争X、Y锂辉石矿采选项目建成投产
])
def test_status_list_items_in_corpus(corpus_dir, report, project, status):
    from extractors.pipeline import extract_file

    assert project in {s.project for s in extract_file(corpus_dir / report).statuses if s.status == status}


def _entity(doc, name: str, label: str = "Project"):
    from extractors.records import Entity, Mention

    mentions, start = [], doc.text.find(name)
    while start >= 0:
        mentions.append(Mention(start, start + len(name), name, label, "test", name))
        start = doc.text.find(name, start + 1)
    return Entity(name=name, type=label, mentions=mentions)


@pytest.mark.parametrize("body, name, label, expected", [
    # the main structure done is construction under way, not completion (like 主体完工)
    ("市人民医院完成主体结构，城东污水厂提标工程完工。", "市人民医院", "Agency", {"在建"}),
    ("星河大厦主体结构全面封顶。", "星河大厦", "Project", {"在建"}),
    ("滨江体育中心主体工程完工。", "滨江体育中心", "Project", {"在建"}),
    ("云岭学校新校区一期完成主体工程。", "云岭学校新校区一期", "Project", {"在建"}),
    # a counted name is a class of works, also with a quote between the count and the name
    ("新建25个“口袋公园”，城区绿地率提高2个百分点。", "口袋公园", "Project", set()),
])
def test_status_review_structure_and_classes(tmp_path, body, name, label, expected):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n" + body + "\n二、2024年工作安排\n全年工作平稳。\n", encoding="utf-8")
    doc = annotate(read_document(path))
    found = {s.status for s in find_statuses(doc, [_entity(doc, name, label)]) if s.kind == "outcome"}
    assert found == expected

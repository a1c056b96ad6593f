"""Relation rules: LOCATED_IN and PART_OF stated by the words around places, with evidence."""
from __future__ import annotations

import pytest

from extractors.ingest import read_document
from extractors.records import Entity, Mention
from extractors.relations import find_relations
from extractors.structure import annotate


def _doc(tmp_path, body: str):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n" + body + "\n", encoding="utf-8")
    return annotate(read_document(path))


def _entity(doc, name, label, forms=()):
    mentions = []
    for form in (name, *forms):
        start = doc.text.find(form)
        while start >= 0:
            mentions.append(Mention(start, start + len(form), form, label, "test", name))
            start = doc.text.find(form, start + 1)
    return Entity(name=name, type=label, mentions=sorted(mentions, key=lambda m: m.start))


def _edges(doc, spec, types=("LOCATED_IN", "PART_OF")):
    entities = [_entity(doc, *item) for item in spec]
    return {(r.source, r.type, r.target) for r in find_relations(doc, entities, types=types)}


@pytest.mark.parametrize("body, spec, expected", [
    # holders before 落户/位于 + a place, the whole list
    ("新材料产业园、锦纶丝产业园等一批重大项目落户青川。",
     [("新材料产业园", "Project"), ("锦纶丝产业园", "Project"), ("青川", "Place")],
     {("Project:新材料产业园", "LOCATED_IN", "Place:青川"), ("Project:锦纶丝产业园", "LOCATED_IN", "Place:青川")}),
    # 在 + place + 建设 + holder
    ("在金湾新城建设智能装备产业园。", [("金湾新城", "Place"), ("智能装备产业园", "Project")],
     {("Project:智能装备产业园", "LOCATED_IN", "Place:金湾新城")}),
    # place + 的 + holder
    ("金湾新城的智能装备产业园加快建设。", [("金湾新城", "Place"), ("智能装备产业园", "Project")],
     {("Project:智能装备产业园", "LOCATED_IN", "Place:金湾新城")}),
    # a place directly followed by a list of companies
    ("引导东风片区华腾机械、远达能源等企业提质升级。",
     [("东风片区", "Place"), ("华腾机械", "Company"), ("远达能源", "Company")],
     {("Company:华腾机械", "LOCATED_IN", "Place:东风片区"), ("Company:远达能源", "LOCATED_IN", "Place:东风片区")}),
    # a project named after a place lies in the longest such place
    ("推进青川河下段治理。", [("青川", "Place"), ("青川河", "Place"), ("青川河下段治理", "Project")],
     {("Project:青川河下段治理", "LOCATED_IN", "Place:青川河")}),
    # a written form of the place (海东 for 海东省) starts the name
    ("加快海东大学新校区建设。", [("海东省", "Place", ("海东",)), ("海东大学新校区", "Project")],
     {("Project:海东大学新校区", "LOCATED_IN", "Place:海东省")}),
    # a place right after the company in a project's name
    ("华腾机械青川制造基地开工。", [("华腾机械", "Company"), ("青川", "Place"), ("华腾机械青川制造基地", "Project")],
     {("Project:华腾机械青川制造基地", "LOCATED_IN", "Place:青川")}),
    # a place followed by a lower-level place contains it
    ("与乌兰市松岭区建立友城关系。", [("乌兰市", "Place"), ("松岭区", "Place")],
     {("Place:松岭区", "PART_OF", "Place:乌兰市")}),
    # a place named after a place is part of it
    ("青川新区加快发展。", [("青川", "Place"), ("青川新区", "Place")], {("Place:青川新区", "PART_OF", "Place:青川")}),
])
def test_relation_rules_find(tmp_path, body, spec, expected):
    assert expected <= _edges(_doc(tmp_path, body), spec)


@pytest.mark.parametrize("body, spec, unexpected", [
    # two peer cities without level words: no containment
    ("支持赣州吉安联动发展。", [("赣州", "Place"), ("吉安", "Place")], ("Place:吉安", "PART_OF", "Place:赣州")),
    # a river named after a town is not part of it
    ("治理青川河。", [("青川", "Place"), ("青川河", "Place")], ("Place:青川河", "PART_OF", "Place:青川")),
    # only the longest place prefix
    ("推进青川河下段治理。", [("青川", "Place"), ("青川河", "Place"), ("青川河下段治理", "Project")],
     ("Project:青川河下段治理", "LOCATED_IN", "Place:青川")),
    # 的 far from the holder, across a list, does not locate it
    ("金湾新城的道路、桥梁和智能装备产业园。", [("金湾新城", "Place"), ("智能装备产业园", "Project")],
     ("Project:智能装备产业园", "LOCATED_IN", "Place:金湾新城")),
])
def test_relation_rules_do_not_misfire(tmp_path, body, spec, unexpected):
    assert unexpected not in _edges(_doc(tmp_path, body), spec)


def test_relation_types_filter_and_evidence(tmp_path):
    doc = _doc(tmp_path, "新材料产业园落户青川。")
    entities = [_entity(doc, "新材料产业园", "Project"), _entity(doc, "青川", "Place")]
    relations = list(find_relations(doc, entities, types={"LOCATED_IN"}))
    assert {r.type for r in relations} == {"LOCATED_IN"}
    assert relations[0].evidence.sentence.startswith("新材料产业园落户青川")


@pytest.mark.parametrize("report, spec, expected", [
    ("tianmen-2024.txt", [("新材料产业园", "Project"), ("锦纶丝产业园", "Project"), ("天门", "Place")],
     ("Project:新材料产业园", "LOCATED_IN", "Place:天门")),
    ("hetang-2019.txt", [("430片区", "Place"), ("斯威铁路", "Company"), ("铁达能源", "Company")],
     ("Company:铁达能源", "LOCATED_IN", "Place:430片区")),
    ("hetang-2019.txt", [("荷塘区", "Place"), ("中车长江车辆株洲分公司", "Company")],
     ("Company:中车长江车辆株洲分公司", "LOCATED_IN", "Place:荷塘区")),
    ("hailar-2017.txt", [("蒙古国东方省", "Place"), ("乔巴山市", "Place")],
     ("Place:乔巴山市", "PART_OF", "Place:蒙古国东方省")),
])
def test_relation_rules_on_real_lines(corpus_dir, report, spec, expected):
    doc = annotate(read_document(corpus_dir / report))
    assert expected in _edges(doc, spec)

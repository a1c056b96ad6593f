"""Cross-document entity resolution: variants merge, different entities with a common short name do not.

The graphs are invented: two reports (2017, 2018) of one district, each writing an entity its own way.
"""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg.errors import KGError
from kg.merge import merge_nodes
from kg.model import add_edge, add_node, new_graph
from kg.resolution import DEFAULT_RULES, load_rules, name_forms, resolve_across

DOCS = (("a-2017.txt", 2017), ("b-2018.txt", 2018))


def two_report_graph(label: str, names: list[str], issuer: str = "示例区") -> nx.MultiDiGraph:
    """Each name in its own report (cycling over two reports), with a mention edge and a status."""
    g = new_graph()
    for doc, year in DOCS:
        add_node(g, f"Document:{doc}", label="Document", name=doc, doc=doc, year=year, issuer=issuer)
    for i, name in enumerate(names):
        doc, year = DOCS[i % 2]
        node = f"{label}:{name}"
        add_node(g, node, label=label, name=name, doc=doc, year=year, mentions=1,
                 evidence=[{"doc": doc, "section": None, "start": 0, "end": 5, "sentence": f"{name}句子{i}"}])
        add_edge(g, node, f"Document:{doc}", "MENTIONED_IN", doc=doc, year=year)
    return g


def entity_names(g: nx.MultiDiGraph, label: str) -> set[str]:
    return {d["name"] for _, d in g.nodes(data=True) if d["label"] == label}


@pytest.mark.parametrize(("label", "full", "short", "rule"), [
    ("Place", "株洲市", "株洲", "adcode"),
    ("Place", "成渝地区", "成渝", "admin-suffix"),
    ("Company", "湖南建工集团", "湖南建工", "company-suffix"),
    ("Company", "湖南建工集团有限公司", "湖南建工", "company-suffix"),
    ("Program", "第十四届全国冬运会", "十四冬", "edition-abbreviation"),
    ("Project", "第十四届全国冬运会主场馆", "十四冬主场馆", "edition-abbreviation"),
    ("Program", "第十四届全国冬季运动会", "十四冬", "abbreviation"),  # the user-editable pair list
    ("Project", "松涛智能装备产业园一期", "松涛智能装备产业园", "phase"),
    ("Project", "示例区中央公园", "中央公园", "issuer-prefix"),
])
def test_resolution_merges_variants_across_reports(label, full, short, rule):
    g = two_report_graph(label, [full, short])
    merges = resolve_across(g)
    done = [m for m in merges if not m.refused]
    assert [(m.kept, m.merged, m.rule) for m in done] == [(f"{label}:{full}", f"{label}:{short}", rule)]
    assert entity_names(g, label) == {full}
    node = g.nodes[f"{label}:{full}"]
    assert node["docs"] == ["a-2017.txt", "b-2018.txt"] and node["years"] == [2017, 2018]
    assert short in node["aliases"] and node["mentions"] == 2 and len(node["evidence"]) == 2
    assert g.has_edge(f"{label}:{full}", "Document:b-2018.txt", key="MENTIONED_IN")
    assert done[0].reason  # a human-readable why, for merges.json


@pytest.mark.parametrize(("label", "names", "why"), [
    # two different roads with the same short name in different places
    ("Project", ["株洲市建设路", "海拉尔区建设路"], None),
    ("Project", ["株洲市建设路", "海拉尔区建设路", "建设路"], None),
    # phases of one project are different projects; the bare name could be either
    ("Project", ["冬运会主场馆一期", "冬运会主场馆二期"], None),
    ("Project", ["冬运会主场馆一期", "冬运会主场馆二期", "冬运会主场馆"], "ambiguous"),
    # a short form two full names share (朝阳区 of 北京, 朝阳县 of 辽宁)
    ("Place", ["朝阳区", "朝阳县", "朝阳"], "ambiguous"),
    # a company name that only begins like another is not its short form (大唐电力 ≠ 大唐)
    ("Company", ["大唐电力有限公司", "大唐"], None),
    # different editions of a games
    ("Program", ["第十四届全国冬运会", "十三冬"], None),
    # the short name comes from a report of another place, so the issuer prefix proves nothing
    ("Project", ["示例区中央公园", "中央公园"], "other-issuer"),
])
def test_resolution_keeps_apart_entities_sharing_a_short_name(label, names, why):
    g = two_report_graph(label, names)
    if why == "other-issuer":
        g.nodes["Document:b-2018.txt"]["issuer"] = "另一区"
    merges = resolve_across(g)
    assert entity_names(g, label) == set(names)
    assert not [m for m in merges if not m.refused]
    if why == "ambiguous":
        # (朝阳 is also 辽宁's 朝阳市: refused as a city's short form before it can be ambiguous)
        assert any(m.refused and m.rule in ("ambiguous", "admin-suffix") for m in merges)


def test_resolution_refuses_short_forms_below_the_type_minimum():
    g = two_report_graph("Project", ["北站", "北站一期"])
    merges = resolve_across(g)
    assert entity_names(g, "Project") == {"北站", "北站一期"}
    assert [m.refused for m in merges] == [True] and "shorter than" in merges[0].reason


def test_resolution_keep_apart_pair_undoes_a_merge(tmp_path):
    data = json.loads(DEFAULT_RULES.read_text(encoding="utf-8"))
    data["keep_apart"] = [["湖南建工集团", "湖南建工"]]
    data["abbreviations_file"] = None
    rules_path = tmp_path / "resolution.json"
    rules_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    g = two_report_graph("Company", ["湖南建工集团", "湖南建工"])
    merges = resolve_across(g, rules_path)
    assert entity_names(g, "Company") == {"湖南建工集团", "湖南建工"}
    assert merges[0].refused and "keep_apart" in merges[0].reason


def test_resolution_renames_statuses_of_the_merged_project():
    g = two_report_graph("Project", ["松涛产业园一期", "松涛产业园"])
    status = "Status:Project:松涛产业园|建成|2017|outcome"
    add_node(g, status, label="Status", name="松涛产业园 建成 2017", doc="b-2018.txt", year=2017, stage="建成",
             kind="outcome", project="松涛产业园")
    add_edge(g, "Project:松涛产业园", status, "HAS_STATUS", doc="b-2018.txt", year=2017)
    resolve_across(g)
    renamed = "Status:Project:松涛产业园一期|建成|2017|outcome"
    assert status not in g and g.has_edge("Project:松涛产业园一期", renamed, key="HAS_STATUS")
    assert g.nodes[renamed]["project"] == "松涛产业园一期"


def test_merge_nodes_adds_weights_of_parallel_edges():
    g = two_report_graph("Company", ["甲公司", "乙公司"])
    add_node(g, "Project:丙项目", label="Project", name="丙项目")
    add_edge(g, "Company:甲公司", "Project:丙项目", "BUILDS", weight=2, doc="a-2017.txt")
    add_edge(g, "Company:乙公司", "Project:丙项目", "BUILDS", weight=3, doc="b-2018.txt")
    merge_nodes(g, "Company:甲公司", "Company:乙公司")
    edge = g.edges["Company:甲公司", "Project:丙项目", "BUILDS"]
    assert edge["weight"] == 5 and edge["docs"] == ["a-2017.txt", "b-2018.txt"]
    assert "Company:乙公司" not in g and g.nodes["Company:甲公司"]["merged_from"] == ["Company:乙公司"]


@pytest.mark.parametrize(("name", "label", "form"), [
    ("湖南建工集团有限公司", "Company", "湖南建工集团"),
    ("湖南建工集团有限公司", "Company", "湖南建工"),
    ("第十四届全国冬运会主场馆", "Project", "十四届全国冬运会主场馆"),
    ("第十四届全国冬季运动会", "Program", "十四冬"),
])
def test_name_forms_apply_rules_repeatedly(name, label, form):
    assert form in name_forms(name, label)


def test_resolution_rules_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "resolution.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(KGError, match="resolution.json"):
        load_rules(bad)


@pytest.mark.parametrize(("name", "issuer", "qualified"), [
    ("省委", "荷塘区", ("湖南省委", "湖南省")),
    ("市委", "荷塘区", ("株洲市委", "株洲市")),
    ("区人民政府", "荷塘区", ("荷塘区人民政府", "荷塘区")),
    ("州委", "甘孜藏族自治州", ("甘孜藏族自治州委", "甘孜藏族自治州")),
    ("省委", "甘孜藏族自治州", ("四川省委", "四川省")),
    ("自治区党委", "来宾市", ("广西壮族自治区党委", "广西壮族自治区")),
    ("市委", "天门市", ("天门市委", "天门市")),
    ("江西省委", "江西省", None),  # already named by its government
    ("省委", None, None),  # no issuer: nothing says whose
    ("州委", "荷塘区", None),  # no 州 above 荷塘区
])
def test_generic_body_is_qualified_by_the_issuing_government(name, issuer, qualified):
    from kg.resolution import qualified_body

    assert qualified_body(name, issuer) == qualified


def test_generic_bodies_of_two_governments_stay_apart_with_merge_records():
    from extractors.pipeline import extract_document
    from extractors.records import Document
    from extractors.structure import annotate
    from kg.build import graph_from_extractions

    def document(doc: str, issuer: str, text: str) -> Document:
        annotated = annotate(Document(id=doc, text=text, year=2025))
        annotated.issuer = issuer  # the issuer as the structure stage would find it in a whole report
        return annotated

    texts = {"a.txt": ("江西省", "在省委、省政府的坚强领导下，我省经济回升向好。"),
             "b.txt": ("四川省", "在省委、省政府的坚强领导下，全省经济回升向好。")}
    extractions = [extract_document(document(doc, issuer, text)) for doc, (issuer, text) in texts.items()]
    assert all("Agency:省委" in {e.id for e in x.entities} for x in extractions)  # one report: the plain name
    graph = graph_from_extractions(extractions)
    assert {"Agency:江西省委", "Agency:四川省委"} <= set(graph) and "Agency:省委" not in graph
    assert "省委" in graph.nodes["Agency:江西省委"]["aliases"]
    merges = [m for m in resolve_across(graph) if m.rule == "issuer-qualified"]
    assert {(m.kept, m.merged) for m in merges} >= {("Agency:江西省委", "Agency:省委"), ("Agency:四川省委", "Agency:省委")}
    assert all("江西省" in m.reason for m in merges if m.kept == "Agency:江西省委")


def test_resolution_keeps_a_citys_short_form_off_its_namesake_county():
    # 吉安 is 吉安市 (the prefecture city), not 吉安县
    g = two_report_graph("Place", ["吉安县", "吉安"])
    merges = resolve_across(g)
    assert entity_names(g, "Place") == {"吉安县", "吉安"}
    assert any(m.refused and m.rule == "admin-suffix" for m in merges)


@pytest.mark.parametrize(("rule", "problem"), [
    ({"id": "x", "typse": ["Agency"], "strip_suffix": ["办"]}, "unknown key typse"),  # a misspelt key
    ({"id": "x", "strip_suffix": ["办"]}, "no id or no types"),  # a rule that would never apply
])
def test_resolution_rule_with_unknown_or_missing_key_is_an_error(tmp_path, rule, problem):
    bad = tmp_path / "resolution.json"
    bad.write_text(json.dumps({"rules": [rule]}), encoding="utf-8")
    with pytest.raises(KGError, match=rf"resolution.json: rule 1 \(x\) has {problem}"):
        load_rules(bad)


@pytest.mark.parametrize("substitutions, names", [
    ([["第([一二三四五六七八九十百]+)届(?:全国)?冬季运动会", "\\1冬"], ["^第([一二三四五六七八九十百]+届)", "\\1"]],
     ["第十四届冬季运动会", "第三届", "三供一业", "推进第二届", ""]),
    ([["(a)\\1", "b"], ["x", "y"]], ["aa", "x", "q"]),  # a backreference: every name is tried
    ([["(?i)abc", "d"], ["z", "w"]], ["ABC", "z", "q"]),  # inline flags: every name is tried
])
def test_resolution_one_search_rules_names_out_as_the_substitutions_would(substitutions, names):
    from kg.resolution import _any_of, _one_step

    rule = {"substitute": substitutions}
    for name in names:
        expected = [(new, None) for pattern, replacement in substitutions
                    if (new := re.sub(pattern, replacement, name)) != name and new]
        assert _one_step(name, rule, {}) == expected
        if _any_of(substitutions).search(name) is None:
            assert expected == []


@pytest.mark.parametrize("seed", range(5))
def test_groups_are_the_connected_components_in_node_order(seed):
    import random

    import networkx as nx

    from kg.resolution import _groups

    chance = random.Random(seed)
    nodes = [f"n{i}" for i in range(60)]
    pairs = {frozenset(chance.sample(nodes, 2)): ("rule", "why") for _ in range(40)}
    linked = nx.Graph()
    linked.add_nodes_from(nodes)
    linked.add_edges_from(tuple(pair) for pair in pairs)
    assert _groups(nodes, pairs) == [set(c) for c in nx.connected_components(linked) if len(c) > 1]


def test_issuer_prefixes_are_found_however_long_the_name():
    # prefixes are looked up only up to the longest issuer form; a name as long as a prefix has no form from it
    from kg.resolution import name_forms

    issuers = {"示例区": "示例区", "示例": "示例区", "株洲市荷塘区": "荷塘区"}
    forms = name_forms("株洲市荷塘区中央公园二期工程", "Project", issuers=issuers)
    assert forms["中央公园二期工程"] == ("issuer-prefix", "荷塘区")
    assert name_forms("示例区中央公园", "Project", issuers=issuers)["中央公园"] == ("issuer-prefix", "示例区")
    assert name_forms("示例区", "Project", issuers=issuers).get("") is None and "区" in name_forms("示例区", "Project",
                                                                                                  issuers=issuers)

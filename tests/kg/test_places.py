"""Places resolved to administrative division codes, and PART_OF edges in the graph."""
from __future__ import annotations

import pytest

from kg.model import add_node, new_graph
from kg.places import UnknownDivisionError, attach_places, divisions, hierarchy, resolve_place


@pytest.mark.parametrize(
    ("name", "context", "code", "level"),
    [
        ("湖南省", None, "430000", "province"),
        ("湖南", None, "430000", "province"),
        ("株洲市", None, "430200", "city"),
        ("株洲", None, "430200", "city"),
        ("荷塘区", None, "430202", "county"),
        ("荷塘区", "株洲", "430202", "county"),
        ("湖南省株洲市荷塘区", None, "430202", "county"),
        ("海拉尔区", None, "150702", "county"),
        ("呼伦贝尔", None, "150700", "city"),
        ("天门市", None, "429006", "county"),  # county-level city directly under 湖北省
        ("湘西", None, "433100", "city"),  # 湘西土家族苗族自治州
        ("新疆", None, "650000", "province"),  # 新疆维吾尔自治区
        ("海南", None, "460000", "province"),  # not 海南藏族自治州
        ("北京", None, "110000", "province"),
        ("朝阳区", "北京", "110105", "county"),
        ("朝阳区", "吉林省长春市", "220104", "county"),
        ("鼓楼区", "江苏省南京市", "320106", "county"),
    ],
)
def test_resolve_place(name, context, code, level):
    division = resolve_place(name, context=context)
    assert division is not None and (division.code, division.level) == (code, level)


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("朝阳", None),  # 朝阳区 ×2, 朝阳市, 朝阳县
        ("鼓楼区", None),  # four cities have one
        ("朝阳区", "株洲"),  # context unrelated to every candidate
        ("金山新城", None),  # 金山 is a district, 新城 is not
        ("宋家桥街道", "株洲"),
        ("", None),
    ],
)
def test_ambiguous_or_unknown_name_stays_unresolved(name, context):
    assert resolve_place(name, context=context) is None


def test_zhuzhou_is_in_hunan():
    zhuzhou = resolve_place("株洲")
    assert zhuzhou.name == "株洲市" and zhuzhou.parent_code == "430000"
    assert divisions()[zhuzhou.parent_code].name == "湖南省"


def test_hierarchy_goes_county_city_province():
    chain = hierarchy("430202")
    assert [(d.code, d.name, d.level) for d in chain] == [
        ("430202", "荷塘区", "county"),
        ("430200", "株洲市", "city"),
        ("430000", "湖南省", "province"),
    ]


def test_every_code_has_six_digits_and_a_known_parent():
    table = divisions()
    assert len(table) > 3000
    assert all(len(code) == 6 and code.isdigit() for code in table)
    assert all(d.parent_code is None or d.parent_code in table for d in table.values())


def test_hierarchy_of_unknown_code_says_what_to_pass():
    with pytest.raises(UnknownDivisionError, match="6-digit"):
        hierarchy("999999")


def _place(graph, name):
    add_node(graph, f"Place:{name}", label="Place", name=name, doc="hetang-2019.txt")


def _part_of(graph, source):
    return [t for _, t, k in graph.out_edges(source, keys=True) if k == "PART_OF"]


def test_attach_places_adds_codes_and_part_of_up_to_hunan():
    graph = new_graph()
    for name in ("荷塘区", "株洲", "宋家桥街道", "金山新城", "朝阳"):
        _place(graph, name)
    resolved = attach_places(graph, issuer="荷塘区")
    assert resolved == {"Place:荷塘区": "430202", "Place:株洲": "430200"}
    assert graph.nodes["Place:荷塘区"]["adcode"] == "430202"
    assert graph.nodes["Place:荷塘区"]["level"] == "county"
    assert _part_of(graph, "Place:荷塘区") == ["Place:株洲"]  # the existing node with code 430200
    assert _part_of(graph, "Place:株洲") == ["Place:湖南省"]
    hunan = graph.nodes["Place:湖南省"]
    assert (hunan["label"], hunan["adcode"], hunan["level"]) == ("Place", "430000", "province")
    assert _part_of(graph, "Place:宋家桥街道") == ["Place:荷塘区"]
    assert _part_of(graph, "Place:金山新城") == ["Place:荷塘区"]
    assert "adcode" not in graph.nodes["Place:朝阳"] and _part_of(graph, "Place:朝阳") == []


def test_attach_places_creates_issuer_chain_for_sub_county_places():
    graph = new_graph()
    _place(graph, "仙庾镇")
    attach_places(graph, issuer="荷塘区")
    assert _part_of(graph, "Place:仙庾镇") == ["Place:荷塘区"]
    assert _part_of(graph, "Place:荷塘区") == ["Place:株洲市"]
    assert _part_of(graph, "Place:株洲市") == ["Place:湖南省"]


@pytest.mark.parametrize("issuer", [None, "重点区"])
def test_attach_places_without_resolvable_issuer_leaves_sub_county_places_alone(issuer):
    graph = new_graph()
    _place(graph, "宋家桥街道")
    _place(graph, "株洲市")
    attach_places(graph, issuer=issuer)
    assert _part_of(graph, "Place:宋家桥街道") == []
    assert _part_of(graph, "Place:株洲市") == ["Place:湖南省"]


def test_attach_places_is_idempotent():
    graph = new_graph()
    _place(graph, "荷塘区")
    attach_places(graph, issuer="荷塘区")
    before = (graph.number_of_nodes(), graph.number_of_edges())
    attach_places(graph, issuer="荷塘区")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == before


def test_resolve_place_prefers_the_issuers_own_short_form():
    # 长沙 is both 长沙市 and 长沙县; in a report of 长沙市 it is the city
    assert resolve_place("长沙", context="长沙市 湖南省") is None
    assert resolve_place("长沙", context="长沙市 湖南省", home="430100").name == "长沙市"


def _stated_part_of(graph, child, parent, doc):
    from kg.model import add_edge, add_node

    add_node(graph, child, label="Place", name=child.split(":", 1)[1])
    add_node(graph, parent, label="Place", name=parent.split(":", 1)[1])
    add_edge(graph, child, parent, "PART_OF", doc=doc,
             evidence={"doc": doc, "section": None, "start": 0, "end": 1, "sentence": "…"})


@pytest.mark.parametrize("issuer, child, parent, kept", [
    ("北京市", "Place:朝阳区", "Place:朝阳", False),  # Beijing's district, not a part of a same-named place
    ("长沙市", "Place:长沙县", "Place:长沙", True),  # a county of the issuing city
    ("福建省", "Place:鼓楼区", "Place:福州市", True),
    ("南京市", "Place:鼓楼区", "Place:福州市", False),  # Nanjing's 鼓楼区 read in a Nanjing report
    ("北京市", "Place:朝阳区", "Place:朝阳都市圈", True),  # not a division: left alone
])
def test_prune_namesake_parts(issuer, child, parent, kept):
    import networkx as nx

    from kg.model import add_node
    from kg.places import prune_namesake_parts

    graph = nx.MultiDiGraph()
    add_node(graph, "Document:r.txt", label="Document", name="r.txt", issuer=issuer)
    _stated_part_of(graph, child, parent, "r.txt")
    prune_namesake_parts(graph)
    assert graph.has_edge(child, parent, key="PART_OF") is kept


@pytest.mark.parametrize("issuer, holder, place, kept", [
    ("菏泽市", "Project:厦门海辰储能", "Place:厦门", False),  # a Xiamen firm's project in Heze
    ("湖南省", "Project:永州紫金锂业", "Place:永州", True),  # inside the issuing province
    (None, "Project:厦门海辰储能", "Place:厦门", True),  # no issuer: nothing to judge by
])
def test_prune_foreign_sites(issuer, holder, place, kept):
    import networkx as nx

    from kg.model import add_edge
    from kg.places import prune_foreign_sites

    graph = nx.MultiDiGraph()
    add_node(graph, "Document:r.txt", label="Document", name="r.txt", issuer=issuer)
    add_node(graph, holder, label="Project", name=holder.split(":", 1)[1])
    add_node(graph, place, label="Place", name=place.split(":", 1)[1])
    add_edge(graph, holder, place, "LOCATED_IN", doc="r.txt", cue="name",
             evidence={"doc": "r.txt", "section": None, "start": 0, "end": 1, "sentence": "…"})
    prune_foreign_sites(graph)
    assert graph.has_edge(holder, place, key="LOCATED_IN") is kept


@pytest.mark.parametrize("full, short", [("株洲市", "株洲"), ("湘西土家族苗族自治州", "湘西"), ("伊犁哈萨克自治州", "伊犁"),
                                         ("内蒙古自治区", "内蒙古"), ("黔西南布依族苗族自治州", "黔西南")])
def test_places_short_forms_are_the_extractors(full, short):
    """One rule makes a division's short form, for the extractors and for places in the graph alike."""
    from extractors.divisions import by_name

    assert [d.name for d in by_name(short)] == [full]
    assert resolve_place(short) == resolve_place(full) is not None


def test_names_in_a_context_are_remembered_and_cannot_be_changed():
    from kg.places import _names_in

    first = _names_in("湖南省 株洲市 荷塘区")
    assert first is _names_in("湖南省 株洲市 荷塘区") and isinstance(first, frozenset)
    assert {"430000", "430200", "430202"} <= first

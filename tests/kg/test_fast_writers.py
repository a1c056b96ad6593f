"""The fast paths of the writers (rows with nothing to escape written as they are, one JSON encoder made
once, keys found while writing GraphML) give the bytes of the careful paths on odd values."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.gexf import gephi_graph, gexf_bytes
from kg.model import (_NOT_XML, _write_graphml_networkx, _xml_bytes, add_edge, add_node, edge_items, json_text,
                      new_graph, write_graphml)


def _odd_graph() -> nx.MultiDiGraph:
    graph = new_graph()
    add_node(graph, "Program:甲工程", label="Program", name="甲工程", doc="a.txt", year=2024, mentions=3,
             aliases=["甲"], evidence=[{"doc": "a.txt", "sentence": "推进甲工程<建设>&完善"}])
    add_node(graph, "Place:p&q", label="Place", name="p", doc="b\x01.txt", year=2023, issuer=None, adcode="110000")
    graph.add_node("Company:无名", label="Company", name="", docs=["a.txt", None], years=[2024], mentions="7")
    graph.add_node("Agency:x", label="Agency", name="x", type="Other", reports=9, issuer=5, mentions=True, docs=("t",))
    graph.add_node("Status:s", label="Status", name="s\tt", stage="建成", kind="outcome", docs=[], years=[None, 2024])
    graph.add_node("Indicator:i", label="Indicator", name="i", value=1.5, growth=None, flag=False)
    graph.add_node("bare")
    add_edge(graph, "Program:甲工程", "Place:p&q", "LOCATED_IN", doc="a.txt", year=2024, evidence={"sentence": "x"})
    add_edge(graph, "Company:无名", "Program:甲工程", "BUILDS", doc="c\x0b.txt", year=2024, weight=2)
    graph.add_edge("Agency:x", "Status:s", key="HAS_STATUS", weight=None, docs=None, years=[2024, None])
    graph.add_edge("Status:s", "Indicator:i", key="CO_OCCURS", weight=1.5, docs=['q"uote'], years=[])
    return graph


def test_json_text_is_json_dumps() -> None:
    for value in ("a\"b\n中\u2028", [1, 2.5, None, True, "x"], {"a": [1, {"b": float("inf")}]}, [], {}, 3, None):
        assert json_text(value) == json.dumps(value, ensure_ascii=False)


def test_gexf_rows_written_as_they_are_equal_networkx() -> None:
    graph = _odd_graph()
    expected = io.BytesIO()
    nx.write_gexf(gephi_graph(graph), expected, encoding="utf-8")
    assert gexf_bytes(graph) == expected.getvalue()


def test_graphml_one_pass_equals_networkx(tmp_path: Path) -> None:
    graph = _odd_graph()
    graph.nodes["Agency:x"]["docs"] = ["t"]  # GraphML has no tuples, in networkx either
    for drop in (False, True):  # with a control character the fast writer hands the whole file to networkx
        if drop:
            graph.remove_node("Place:p&q")
        write_graphml(graph, tmp_path / "fast.graphml")
        _write_graphml_networkx(graph, tmp_path / "slow.graphml")
        assert (tmp_path / "fast.graphml").read_bytes() == (tmp_path / "slow.graphml").read_bytes()


def test_table_rows_as_dicts_and_as_written_agree(tmp_path: Path) -> None:
    # the writer takes rows as lists with list values already joined; table_rows keeps dicts with lists
    import csv

    from kg.tables import COLUMNS, MentionRecords, write_table, table_rows, write_tables

    graph = _odd_graph()
    mentions = MentionRecords()
    mentions.add_rows([("a.txt", "Program:甲工程", "Program", 3, 6, "甲工程", "suffix", "推进甲工程", "一、回顾", "review")])
    (tmp_path / "fast").mkdir()
    (tmp_path / "dicts").mkdir()
    write_tables(graph, tmp_path / "fast", mentions=mentions)
    for name, columns in COLUMNS.items():
        write_table(table_rows(graph, name, mentions=mentions), columns, tmp_path / "dicts" / name)
        assert (tmp_path / "fast" / name).read_bytes() == (tmp_path / "dicts" / name).read_bytes(), name
    relation = next(row for row in table_rows(graph, "relations.csv") if row["type"] == "BUILDS")
    assert relation["docs"] == ["c\x0b.txt"] and relation["years"] == [2024]
    with open(tmp_path / "fast" / "mentions.csv", encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[1][3:5] == ["3", "6"]


def test_moved_edge_attributes_are_a_deep_copy() -> None:
    import copy

    from kg.merge import _copied

    data = {"type": "CO_OCCURS", "weight": 2, "docs": ["a.txt"], "years": [2024, None],
            "evidence": [{"doc": "a.txt", "start": 1, "sentence": "x"}], "odd": {"nested": [1, [2]]}}
    copied = _copied(data)
    assert copied == copy.deepcopy(data) and list(copied) == list(data)
    assert all(copied[key] is not data[key] for key in ("docs", "years", "evidence", "odd"))
    assert copied["evidence"][0] is not data["evidence"][0] and copied["odd"]["nested"][1] is not data["odd"]["nested"][1]


def _csv_module_text(rows: list[list]) -> str:
    """What the careful path writes: the csv module over the cells of kg.tables._cell."""
    import csv

    from kg.tables import _PLAIN, _cell

    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([[value if value.__class__ in _PLAIN else _cell(value) for value in row] for row in rows])
    return buffer.getvalue()


class _Text(str):
    """A str subclass (the csv module writes it as the text it holds)."""


_ODD_ROWS = [
    ["Program:甲", "引号\"在中间", 3, None, ["a.txt", None, 2024], [2023, 2024]],
    ["逗号,在中间", "line\nend", 1.5, True, {"k": "值,\"q\""}, ""],
    ["回车\r", "tab\tand\x01control", 0, False, [], (1, 2)],
    [_Text("sub,class"), _Text("plain"), -7, float("inf"), 10**20, "  spaced  "],
    ["", "", None, None, "", None],
    ["简单", "行", 2, 3, "a|b", "x"],
]


def test_csv_lines_joined_at_once_equal_the_csv_module() -> None:
    from kg.tables import _plain_lines

    for rows in ([row] for row in _ODD_ROWS):  # each odd row alone, then all of them in one batch
        assert _plain_lines(rows, 6) == _csv_module_text(rows)
    assert _plain_lines(_ODD_ROWS, 6) == _csv_module_text(_ODD_ROWS)
    plain = [["a", "b", 1, None, [1, 2], 2.5]] * 3
    assert _plain_lines(plain, 6) == _csv_module_text(plain) == "a,b,1,,1|2,2.5\r\n" * 3


def test_csv_lines_leave_odd_shapes_to_the_csv_module() -> None:
    from kg.tables import _plain_lines

    assert _plain_lines([[""], [None]], 1) is None  # a lone empty cell is written '""'
    assert _plain_lines([["a", "b"], ["c"]], 2) is None  # ragged rows


def test_written_tables_equal_the_csv_module_on_odd_values(tmp_path: Path) -> None:
    from kg.tables import _write_lists

    columns = ("a", "b", "c", "d", "e", "f")
    _write_lists(iter(_ODD_ROWS * 400), columns, tmp_path / "t.csv")  # several batches, some with odd rows
    assert (tmp_path / "t.csv").read_bytes().decode("utf-8") == _csv_module_text([list(columns), *_ODD_ROWS * 400])


def test_json_records_written_in_batches_equal_one_record_at_a_time(tmp_path: Path) -> None:
    from kg.model import _records, write_json

    for graph in (new_graph(), _odd_graph(), nx.MultiDiGraph(nx.path_graph(4500))):  # empty, odd, several batches
        head = json_text({"directed": True, "multigraph": True, "graph": graph.graph})[:-1]
        expected = head + "".join(f',\n"{kind}": [' + ",".join("\n" + json_text(r) for r in _records(graph, kind)) + "\n]"
                                  for kind in ("nodes", "edges")) + "}\n"
        write_json(graph, tmp_path / "g.json")
        assert (tmp_path / "g.json").read_text(encoding="utf-8") == expected
        assert json.loads(expected)["edges"] == json.loads(json.dumps(nx.node_link_data(graph, edges="edges")))["edges"]


def test_mention_places_are_the_documents_own_lookups(corpus_dir: Path) -> None:
    from extractors.pipeline import extract_file
    from kg.build import add_extraction
    from kg.tables import MentionPlaces, mention_rows

    extraction = extract_file(corpus_dir / "hetang-2019.txt")
    doc = extraction.document
    places = MentionPlaces(doc)
    offsets = [m.start for e in extraction.entities for m in e.mentions] + [-1, 0, len(doc.text), len(doc.text) + 5]
    for offset in offsets * 2:  # asked twice: the remembered answer is the document's
        assert places.sentence(offset) is doc.sentence_at(offset) and places.section(offset) is doc.section_at(offset)
    assert list(mention_rows(extraction, None, places)) == list(mention_rows(extraction))
    shared, alone = new_graph(), new_graph()
    add_extraction(shared, extraction, MentionPlaces(doc))
    add_extraction(alone, extraction)
    assert json_text(nx.node_link_data(shared, edges="edges")) == json_text(nx.node_link_data(alone, edges="edges"))


def test_edge_items_walk_edges_as_networkx_does() -> None:
    graph = _odd_graph()
    graph.add_edge("bare", "Status:s", key=7, weight=1)  # a key of another type, a node added late
    assert [(u, v, k, id(d)) for u, v, k, d in edge_items(graph)] == \
        [(u, v, k, id(d)) for u, v, k, d in graph.edges(keys=True, data=True)]


@pytest.mark.parametrize("text", ["", "推进甲工程", "tab\tline\nreturn\r", "\x7f", "\x00", "a\x08", "\x0b", "\x1f中",
                                  "\ud800", "b\udfff", "\ufffe", "\uffff", "\ufffd", "\uff0c，"])
def test_xml_bytes_refuses_what_xml_cannot_hold(text: str) -> None:
    assert (_xml_bytes(text) is None) == (_NOT_XML.search(text) is not None)
    if _NOT_XML.search(text) is None:
        assert _xml_bytes(text) == text.encode("utf-8")


def test_graphml_templates_follow_types_and_odd_keys(tmp_path: Path) -> None:
    # the same names with values of other types are other keys; keys and ids with markup are escaped
    graph = new_graph()
    graph.add_node('a"&<b>', label="Program", mentions=3, docs=["x"])
    graph.add_node("b", label="Program", mentions="3", docs=None)
    graph.add_node("c", mentions=2.5, label="Place")
    graph.add_node("d")
    graph.add_edge('a"&<b>', "b", key='R"&<\n>', weight=1)
    graph.add_edge("b", "c", key=3, weight="2")
    graph.add_edge("c", 'a"&<b>', key='R"&<\n>', weight=1, docs=[1, 2])
    write_graphml(graph, tmp_path / "fast.graphml")
    _write_graphml_networkx(graph, tmp_path / "slow.graphml")
    assert (tmp_path / "fast.graphml").read_bytes() == (tmp_path / "slow.graphml").read_bytes()


def test_page_reads_vis_network_without_importing_pyvis() -> None:
    # pyvis's import pulls in IPython and jinja2; the page needs only its files
    code = ("import sys; from kg.model import new_graph; from kg.visualize import to_html; "
            "page = to_html(new_graph()); assert 'vis-network' in page and 'pyvis' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


#: Columns of one kind each (text, counts, either with gaps, lists of text or of years): the kinds
#: kg.tables turns into text a column at a time; each row also ends with a column of mixed kinds.
_UNIFORM_ROWS = [
    ["甲", 3, "x", None, ["a.txt", "b.txt"], [2023, 2024], 1.5],
    ["乙", 0, None, 7, [], [], None],
    ["丙", -2, "", 10**20, ["c|d"], [2024], "z"],
]


@pytest.mark.parametrize("rows", [_UNIFORM_ROWS, _UNIFORM_ROWS[:1], [[*row[:5], [2024, None], row[6]] for row in _UNIFORM_ROWS],
                                  [[*row[:4], ["a", 1], *row[5:]] for row in _UNIFORM_ROWS],
                                  # years of odd kinds: a bool, a float, big and negative ints, all empty
                                  [[*row[:5], years, row[6]] for row, years in zip(_UNIFORM_ROWS, ([True, 2024], [2024], []))],
                                  [[*row[:5], years, row[6]] for row, years in zip(_UNIFORM_ROWS, ([2024.0], [-1, 10**20], []))],
                                  [[*row[:5], [], row[6]] for row in _UNIFORM_ROWS]])
def test_csv_columns_of_one_kind_equal_the_csv_module(rows: list[list]) -> None:
    from kg.tables import _column_text, _cell_text, _plain_lines

    assert _plain_lines(rows, 7) == _csv_module_text(rows)
    for column in zip(*rows):
        assert list(_column_text(column)) == list(map(_cell_text, column))


def _plain_graph(edges: int) -> nx.MultiDiGraph:
    graph = new_graph()
    for number in range(edges):
        add_node(graph, f"Program:甲{number}", label="Program", name=f"甲{number}", doc="a.txt", year=2024, mentions=1)
        add_edge(graph, f"Program:甲{number}", f"Program:甲{number // 2}", "CO_OCCURS", doc="a.txt", year=2023 + number % 2,
                 weight=1 + number % 3)
    return graph


def test_gexf_edges_made_by_the_batch_equal_networkx() -> None:
    graph = _plain_graph(2100)  # two batches: the first made column by column
    add_edge(graph, "Program:甲2050", "Program:甲1", "BUILDS", doc="q<&>.txt", year=2024)  # the second one by one
    expected = io.BytesIO()
    nx.write_gexf(gephi_graph(graph), expected, encoding="utf-8")
    assert gexf_bytes(graph) == expected.getvalue()


@pytest.mark.parametrize(("attrs", "plain"), [
    ({"stage": None, "kind": "outcome", "issuer": "某市人民政府", "adcode": "110000"}, True),  # None is written as ""
    ({"name": ""}, False), ({"name": None}, False), ({"name": "a&b"}, False), ({"type": "Other"}, False),
    ({"reports": 9}, False), ({"docs": ("t",)}, False), ({"docs": ["a.txt", None]}, False), ({"docs": ['q"']}, False),
    ({"years": [None, 2024]}, False), ({"mentions": "7"}, False), ({"mentions": True}, False), ({"mentions": None}, False),
    ({"issuer": 5}, False), ({"adcode": "1\t0"}, False), ({"label": 3}, False),
])
def test_gexf_nodes_made_by_the_batch_equal_networkx(attrs: dict, plain: bool) -> None:
    from kg.gexf import _plain_nodes

    graph = _plain_graph(2100)  # two batches of nodes: the second holds the odd node
    graph.nodes["Program:甲2050"].update(attrs)
    ids, datas = zip(*list(graph.nodes(data=True))[2000:])
    assert (_plain_nodes(ids, datas) is not None) == plain  # an odd value: the batch is made node by node
    expected = io.BytesIO()
    nx.write_gexf(gephi_graph(graph), expected, encoding="utf-8")
    assert gexf_bytes(graph) == expected.getvalue()


def test_page_data_json_by_orjson_is_json_dumps() -> None:
    from kg.visualize import _json_for_script
    from kg.viz_data import page_data

    def numbers(value: object) -> list:
        if isinstance(value, dict):
            return [n for item in value.values() for n in numbers(item)]
        if isinstance(value, list):
            return [n for item in value for n in numbers(item)]
        return [value] if isinstance(value, (int, float)) else []

    for data in (page_data(_odd_graph()), page_data(_plain_graph(30)), {"big": 10**20, "text": "<&>\u2028\x01\"\\"}):
        expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
            expected = expected.replace(char, escape)
        assert _json_for_script(data) == expected
        # orjson writes floats its own way (1e-7, not 1e-07): the page data holds none, whatever the graph holds
        assert not any(isinstance(n, float) for n in numbers(data))


@pytest.mark.parametrize("column", [([2023, 2024], [2024], []), ([-3, 10**30],), ([],), ([1, True],), ([1, None],), (["a"], [1])])
def test_lists_of_ints_are_joined_as_each_list_alone(column: tuple) -> None:
    from kg.tables import _int_lists_text

    joined = _int_lists_text(column)
    if all(type(item) is int for value in column for item in value):
        assert joined == ["|".join(map(str, value)) for value in column]
    else:
        assert joined is None  # another kind of item: joined one list at a time

"""Tidy tables of a graph folder (kg.tables) and graph.gexf (kg.gexf): each loads in one call and matches the graph."""
from __future__ import annotations

import io
from collections import Counter

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.export import OUTPUT_FILES, write_outputs
from kg.gexf import gephi_graph, gexf_bytes, write_gexf
from kg.model import ENTITY_LABELS, add_node, new_graph
from kg.tables import COLUMNS, TABLE_FILES, write_tables


@pytest.fixture(scope="module")
def built(corpus_dir):
    return build([corpus_dir / name for name in ("hetang-2019.txt", "hailar-2016.txt", "hailar-2017.txt",
                                                 "hailar-2018.txt")], jobs=1)


@pytest.fixture(scope="module")
def folder(built, tmp_path_factory):
    return write_outputs(built.graph, tmp_path_factory.mktemp("tables") / "out", mentions=built.mentions)


@pytest.fixture(scope="module")
def tables(folder) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(folder / name, keep_default_na=False) for name in TABLE_FILES}


def _labels(graph: nx.MultiDiGraph) -> Counter:
    return Counter(data.get("label") for _, data in graph.nodes(data=True))


def test_every_table_is_in_the_folder_with_its_documented_columns(folder, tables):
    assert set(TABLE_FILES) <= set(OUTPUT_FILES) and all((folder / name).is_file() for name in OUTPUT_FILES)
    for name, table in tables.items():
        assert tuple(table.columns) == COLUMNS[name], name


def test_entities_and_relations_keep_their_historical_columns_first(tables):
    assert list(tables["entities.csv"].columns[:8]) == ["id", "type", "name", "aliases", "docs", "years", "mentions",
                                                        "definition"]
    assert list(tables["relations.csv"].columns[:7]) == ["source", "type", "target", "weight", "docs", "years",
                                                         "evidence"]


def test_entity_rows_match_the_graph_per_type(built, tables):
    labels = _labels(built.graph)
    assert tables["entities.csv"].groupby("type").size().to_dict() == {t: labels[t] for t in ENTITY_LABELS if labels[t]}
    assert tables["entities.csv"]["id"].is_unique


def test_relation_rows_match_the_graph_per_type(built, tables):
    keys = Counter(key for *_, key in built.graph.edges(keys=True))
    assert tables["relations.csv"].groupby("type").size().to_dict() == dict(keys)


def test_status_indicator_glossary_and_document_rows_match_the_graph(built, tables):
    labels = _labels(built.graph)
    assert len(tables["statuses.csv"]) == labels["Status"] > 0
    assert len(tables["indicators.csv"]) == labels["Indicator"] > 0
    assert len(tables["glossary.csv"]) == labels["GlossaryEntry"] > 0
    assert len(tables["documents.csv"]) == labels["Document"] == 4
    assert set(tables["statuses.csv"]["project_id"]) <= set(tables["entities.csv"]["id"])


def test_mentions_add_up_to_each_entitys_mention_count(built, tables):
    mentions, entities = tables["mentions.csv"], tables["entities.csv"]
    assert mentions.groupby("type").size().to_dict() == \
        entities[entities["mentions"] > 0].groupby("type")["mentions"].sum().to_dict()
    per_entity = mentions.groupby("entity").size()
    expected = entities.set_index("id")["mentions"]
    assert (per_entity == expected[per_entity.index]).all()
    assert set(mentions["section_role"]) >= {"review", "plan"}
    row = mentions[(mentions["document"] == "hetang-2019.txt") & (mentions["text"] == "三供一业")].iloc[0]
    text = built.graph.nodes["Document:hetang-2019.txt"]
    assert row["entity"] == "Program:三供一业" and "三供一业" in row["sentence"] and row["end"] - row["start"] == 4
    assert text["name"] == "hetang-2019.txt"


def test_documents_table_counts_each_reports_records(tables):
    docs = tables["documents.csv"].set_index("file")
    mentions = tables["mentions.csv"].groupby("document").size()
    for file, row in docs.iterrows():
        assert row["mentions"] == mentions[file], file
    hetang = docs.loc["hetang-2019.txt"]
    assert hetang["year"] == 2019 and hetang["glossary_entries"] > 0 and "glossary" in hetang["roles"].split("|")
    assert len(hetang["parts"].split("|")) == len(hetang["roles"].split("|"))
    assert docs.loc["hailar-2016.txt", "indicators"] == (tables["indicators.csv"]["document"] == "hailar-2016.txt").sum()


def test_indicators_table_keeps_raw_values_unit_basis_and_period(tables):
    ind = tables["indicators.csv"]
    gdp = ind[(ind["document"] == "hetang-2019.txt") & (ind["name"] == "地区生产总值") & (ind["kind"] == "outcome")].iloc[0]
    assert (gdp["value"], gdp["unit"], gdp["growth"]) == ("21940000000", "元", "0.08")
    average = ind[(ind["document"] == "hailar-2016.txt") & (ind["basis"] == "年均")]
    assert "2010" in set(average["period_start"])


def test_documents_table_reads_new_document_attributes_when_present(tmp_path):
    """Document nodes may carry issuer, adcode, level, parts and warnings (the layout work) or not."""
    graph = new_graph()
    add_node(graph, "Document:city-2024/北京.txt", label="Document", name="北京.txt", doc="city-2024/北京.txt",
             year=2024, path="/data/city-2024/北京.txt", issuer="北京市", adcode="110000", level="province",
             parts=[{"title": "一、2023年工作回顾", "role": "review", "year": 2023}], warnings=["no glossary"])
    add_node(graph, "Document:bare.txt", label="Document", name="bare.txt", doc="bare.txt")
    add_node(graph, "Program:示例工程", label="Program", name="示例工程", doc="city-2024/北京.txt", year=2024)
    write_tables(graph, tmp_path)
    docs = pd.read_csv(tmp_path / "documents.csv", dtype=str, keep_default_na=False).set_index("id")
    beijing = docs.loc["Document:city-2024/北京.txt"]
    assert (beijing["document"], beijing["file"], beijing["adcode"], beijing["roles"], beijing["warnings"]) == \
        ("city-2024/北京.txt", "北京.txt", "110000", "review", "no glossary")
    assert (beijing["entities"], docs.loc["Document:bare.txt", "entities"]) == ("1", "0")
    assert beijing["part_years"] == "2023"
    assert docs.loc["Document:bare.txt", "issuer"] == ""


def test_kg_build_excel_writes_a_byte_order_mark_pandas_reads(runner_folder):
    folder, plain = runner_folder
    for name in TABLE_FILES:
        assert (folder / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert not (plain / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert pd.read_csv(folder / name).columns[0] == COLUMNS[name][0]


@pytest.fixture(scope="module")
def runner_folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("excel")
    sample = "examples/sample-report.txt"
    for args, name in ((["--excel"], "excel"), ([], "plain")):
        result = CliRunner().invoke(cli, ["build", sample, "--out", str(base / name), *args])
        assert result.exit_code == 0, result.output
    return base / "excel", base / "plain"


def test_gexf_reads_back_with_its_attributes(built, folder):
    back = nx.read_gexf(folder / "graph.gexf")
    assert back.number_of_nodes() == built.graph.number_of_nodes()
    assert back.number_of_edges() == built.graph.number_of_edges()
    node = back.nodes["Program:三供一业"]
    original = built.graph.nodes["Program:三供一业"]
    assert (node["type"], node["label"], node["mentions"], node["reports"]) == \
        ("Program", "三供一业", original["mentions"], len(original["docs"]))
    assert node["years"] == "|".join(map(str, original["years"]))
    relations = Counter(data["relation"] for *_, data in back.edges(data=True))
    assert relations == Counter(key for *_, key in built.graph.edges(keys=True))
    assert all(isinstance(data["weight"], float) and data["weight"] >= 1 for *_, data in back.edges(data=True))


def test_gexf_strips_control_characters(tmp_path):
    graph = new_graph()
    add_node(graph, "Program:示例\x0b工程", label="Program", name="示例\x0b工程", doc="a\x01.txt", year=2024)
    write_gexf(graph, tmp_path / "graph.gexf")
    back = nx.read_gexf(tmp_path / "graph.gexf")
    assert list(back.nodes(data="label")) == [("Program:示例工程", "示例工程")]


def test_gexf_text_writer_gives_the_bytes_of_networkx(built, folder):
    # the text writer replaces networkx's element tree (slow on an archive); the file must not change
    expected = io.BytesIO()
    nx.write_gexf(gephi_graph(built.graph), expected, encoding="utf-8")
    assert (folder / "graph.gexf").read_bytes() == gexf_bytes(built.graph) == expected.getvalue()
    # odd values: markup characters, tabs and newlines in names, floats and missing attributes
    graph = new_graph()
    add_node(graph, "Program:a&b<c>", label="Program", name='say "x"\tand\ny', doc="d&.txt", year=2024)
    add_node(graph, "Place:p", label="Place", name="p")
    graph.add_edge("Program:a&b<c>", "Place:p", key="LOCATED_IN", weight=2.5, docs=["d&.txt"], years=[2024])
    expected = io.BytesIO()
    nx.write_gexf(gephi_graph(graph), expected, encoding="utf-8")
    assert gexf_bytes(graph) == expected.getvalue()


def test_mention_records_give_back_every_cell_as_csv_would():
    # the records keep rows in their own temporary file; the text they give back is what a CSV round trip gives
    import csv
    from enum import StrEnum
    from pathlib import Path

    from kg.tables import MentionRecords

    class Label(StrEnum):
        PROGRAM = "Program"

    rows = [("a.txt", "Program:甲工程", "Program", 3, 6, "甲工程", "suffix", "推进甲工程，\n“乙”", "一、回顾", "review"),
            ("b.txt", "Place:乙", Label.PROGRAM, 10, 12, "乙", "place", "在乙,", None, Path("x/y")),
            ("c.txt", "Company:丙", "Company", 0, 1, "丙", "firm", "", "", "")]
    records = MentionRecords()
    records.add_rows(rows[:1])
    records.add_rows(iter(rows[1:]))
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    assert list(records.text_rows()) == list(csv.reader(buffer))
    assert len(records) == 3
    assert [row[3:5] for row in records] == [(3, 6), (10, 12), (0, 1)]
    records.add_rows([rows[0]])  # adds after reading go on at the end
    assert len(list(records.text_rows())) == 4


def _mentions_row_by_row(graph, records, path) -> None:
    """mentions.csv as it was written before it was read column by column: the renamed rows, one at a time."""
    from kg.tables import _mentions, _write_lists

    _write_lists(_mentions(graph, records), COLUMNS["mentions.csv"], path)


def test_mentions_read_column_by_column_equal_the_rows_written_one_by_one(tmp_path):
    # a batch of records is read as columns (each entity looked up once): the bytes of the rows made one by one,
    # with merged entities, entities without a node or a label, cells the csv module quotes and cells not text
    from kg.tables import MentionRecords, _write_mentions

    graph = new_graph()
    add_node(graph, "Program:甲工程", label="Program", name="甲工程", merged_from=["Program:甲", "Program:老甲"])
    add_node(graph, "Place:乙", label="Place", name="乙", merged_from=["Place:乙地"])
    graph.nodes["Place:乙"]["merged_from"].append("Place:乙乙")
    graph.add_node("Place:乙乙")  # a node that was kept under a merged id: a row names it as it is
    graph.add_node("Agency:无标签", name="无标签")  # no label: the type recorded stays
    graph.add_node("Agency:空标签", label=None, name="空标签")
    rows = [("a.txt", "Program:甲", "Project", 3, 6, "甲", "suffix", "推进甲，“乙”", "一、回顾", "review"),
            ("a.txt", "Program:老甲", "Program", 8, 10, "老甲", "suffix", '说"是",好', "一、回顾", "review"),
            ("b.txt", "Place:乙地", "Place", 0, 2, "乙地", "place", "在乙地\n建设", None, None),
            ("b.txt", "Place:乙乙", "Place", 4, 6, "乙乙", "place", "在乙乙\r", "", ""),
            ("b.txt", "Company:无名", "Company", 1, 2, "无名", "firm", "无名公司", "", ""),
            ("c.txt", "Agency:无标签", "Agency", 1, 2, "无标签", "body", "无标签", "", ""),
            ("c.txt", "Agency:空标签", "Agency", 1, 2, "空标签", "body", "空标签", "", ""),
            ("c.txt", None, None, 1.5, True, 7, None, 10**20, 2.5, False),
            ("d.txt", "Program:甲工程", "Program", 0, 3, "甲工程", "quoted", "", "", "")]
    records = MentionRecords()
    for _ in range(1200):  # several recorded batches, each read column by column
        records.add_rows(rows)
    records.add_rows([("e.txt", "Program:甲", "Program", 1, 2), ("e.txt", "Program:甲", "Program", 1, 2, "甲", "r", "", "", "", "x")])
    records.add_rows(rows)  # rows of other widths in a batch of their own, then the usual ones
    assert _write_mentions(graph, records, tmp_path / "columns.csv") == len(records)
    _mentions_row_by_row(graph, records, tmp_path / "rows.csv")
    assert (tmp_path / "columns.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()
    for name in ("columns.csv", "rows.csv"):  # and without records: the header only
        assert _write_mentions(graph, None, tmp_path / name) == 0
    assert (tmp_path / "columns.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes() == \
        (",".join(COLUMNS["mentions.csv"]) + "\r\n").encode()


def test_mentions_table_of_a_build_equals_the_rows_written_one_by_one(built, folder, tmp_path):
    _mentions_row_by_row(built.graph, built.mentions, tmp_path / "rows.csv")
    assert (folder / "mentions.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()

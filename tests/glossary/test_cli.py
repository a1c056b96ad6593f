"""`kg glossary`: lookup from a report's glossary and from a graph folder, and its failures."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import add_edge, add_node, new_graph, write_json


@pytest.fixture()
def graph_dir(tmp_path):
    """A small invented graph: two glossary entries, the programme one defines, and its document."""
    graph = new_graph()
    doc = "sample-2020.txt"
    add_node(graph, f"Document:{doc}", label="Document", name=doc, doc=doc, year=2020)
    for term, page, definition in [("两供一修", "P4", "供水、供电和维修服务。"), ("甲乙工程", None, "一项测试工程。")]:
        node = f"GlossaryEntry:{doc}#{term}"
        add_node(graph, node, label="GlossaryEntry", name=term, doc=doc, term=term, page=page,
                 definition=definition)
        add_edge(graph, node, f"Document:{doc}", "PART_OF", doc=doc)
    add_node(graph, "Program:两供一修", label="Program", name="两供一修", doc=doc, aliases=["老旧小区两供一修"])
    add_edge(graph, "Program:两供一修", f"GlossaryEntry:{doc}#两供一修", "DEFINED_BY", doc=doc)
    folder = tmp_path / "out"
    folder.mkdir()
    write_json(graph, folder / "graph.json")
    return folder


def run(*args, env=None):
    return CliRunner().invoke(cli, ["glossary", *args], env=env)


@pytest.mark.parametrize(
    ("query", "how", "page"),
    [("三供一业", "exact", "P7"), ("一单", "partial", "P21"), ("供水", "partial", "P7"), ("“1093”行动", "exact", "P12")],
)
def test_cli_glossary_from_report(hetang_path, query, how, page):
    result = run(query, "--report", str(hetang_path))
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert f"[hetang-2019.txt, {page}]" in first and f"({how} match)" in first


def test_cli_glossary_prints_definition(hetang_path, hetang_text):
    result = run("瞪羚企业", "--report", str(hetang_path))
    definition = result.output.splitlines()[1].strip()
    assert definition and definition in hetang_text


def test_cli_glossary_no_match_exit_1_with_closest_terms(hetang_path):
    result = run("三供二业", "--report", str(hetang_path))
    assert result.exit_code == 1
    assert "no glossary term matches '三供二业'; try a shorter part of the name" in result.output
    assert "closest terms: 三供一业" in result.output


@pytest.mark.parametrize(
    ("query", "how"), [("两供一修", "exact"), ("老旧小区两供一修", "alias"), ("一修", "partial"), ("维修服务", "partial")]
)
def test_cli_glossary_from_graph_shows_related_entities(graph_dir, query, how):
    result = run(query, "--graph", str(graph_dir))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"两供一修  [sample-2020.txt, P4]  ({how} match)"
    assert lines[1].strip() == "供水、供电和维修服务。"
    assert lines[2] == "  related: 两供一修 (Program); sample-2020.txt (Document)"


def test_cli_glossary_graph_dir_from_environment(graph_dir):
    result = run("甲乙", env={"KG_GRAPH_DIR": str(graph_dir)})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("甲乙工程  [sample-2020.txt]  (partial match)")


def test_cli_glossary_missing_graph_folder_is_clear_error(tmp_path):
    missing = tmp_path / "nowhere"
    result = run("两供一修", "--graph", str(missing))
    assert result.exit_code == 1
    assert result.output.startswith("Error: graph folder")
    assert f"run `kg build REPORT --out {missing}` first" in result.output
    assert "Traceback" not in result.output


def test_cli_glossary_report_and_graph_combined(hetang_path, graph_dir):
    result = run("供", "--report", str(hetang_path), "--graph", str(graph_dir))
    assert result.exit_code == 0
    assert "三供一业  [hetang-2019.txt, P7]" in result.output
    assert "两供一修  [sample-2020.txt, P4]" in result.output


def test_cli_glossary_help_has_example():
    result = CliRunner().invoke(cli, ["glossary", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--report" in result.output


def test_cli_glossary_related_lists_definition_parts(hetang_path, tmp_path):
    from kg.build import build
    from kg.export import write_outputs

    write_outputs(build([hetang_path], jobs=1).graph, tmp_path / "out")
    result = CliRunner().invoke(cli, ["glossary", "三供一业", "--graph", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    related = next(line for line in result.output.splitlines() if line.strip().startswith("related:"))
    assert related.split("related: ")[1].startswith("三供一业 (Program)")  # the defined entity first
    for part in ("供水", "供电", "供热", "物业管理"):
        assert f"{part} (Program)" in related

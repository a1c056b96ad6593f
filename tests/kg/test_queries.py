"""kg.queries and `kg query` / `kg load` against the real Neo4j server, on the invented sample graph."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import DatabaseError
from kg.model import write_json
from kg.neo4j_load import load_graph
from kg.queries import QueryError, format_table, list_queries, parse_params, run_cypher, run_query
from tests.kg.conftest import Neo4jProbe, make_report_graph

pytestmark = pytest.mark.neo4j

# query name -> (parameters, column, a value that column must hold in some row)
EXPECTED = {
    "neighbourhood": ({"name": "三供一业"}, "neighbour", "星河智能制造产业园"),
    "projects_in_place": ({"place": "示例区"}, "stage", "建成"),
    "company_projects": ({}, "company", "星河科技有限公司"),
    "programme_definitions": ({}, "page", "P7"),
    "shortest_path": ({"from": "星河科技有限公司", "to": "示例区"}, "hops", 3),
    "search": ({"q": "供水"}, "name", "三供一业"),
}


@pytest.fixture
def loaded(neo4j_db: Neo4jProbe) -> Neo4jProbe:
    """The database holding the invented sample report."""
    load_graph(make_report_graph(), uri=neo4j_db.conf.uri, user=neo4j_db.conf.user,
               password=neo4j_db.conf.password, database=neo4j_db.conf.database)
    return neo4j_db


def _connection(probe: Neo4jProbe) -> dict:
    conf = probe.conf
    return {"uri": conf.uri, "user": conf.user, "password": conf.password, "database": conf.database}


def test_list_queries_has_a_test_for_every_query_file() -> None:
    assert sorted(q.name for q in list_queries()) == sorted(EXPECTED)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_list_queries_each_file_is_commented_and_declares_its_parameters(query) -> None:
    assert len(query.description) > 40
    assert set(query.parameters) == set(EXPECTED[query.name][0])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_run_query_returns_rows_on_the_sample(loaded: Neo4jProbe, name: str) -> None:
    params, column, value = EXPECTED[name]
    columns, rows = run_query(name, params, **_connection(loaded))
    assert rows, f"{name} returned no rows"
    assert value in [row[columns.index(column)] for row in rows]


def test_run_query_projects_in_place_gives_status_by_year(loaded: Neo4jProbe) -> None:
    columns, rows = run_query("projects_in_place", {"place": "东湖街道"}, **_connection(loaded))
    assert [dict(zip(columns, row)) for row in rows] == [
        {"project": "星河智能制造产业园", "place": "东湖街道", "year": 2018, "stage": "建成", "kind": "outcome"}]


@pytest.mark.parametrize(("name", "params", "message"), [
    ("nosuch", {}, "no query named 'nosuch'; choose one of: company_projects"),
    ("search", {}, "missing q"),
    ("search", {"q": "x", "qq": "y"}, "unknown qq"),
])
def test_run_query_bad_name_or_parameters(name: str, params: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(name, params)


@pytest.mark.parametrize("cypher", ["CREATE (n:Program {id: 'x'})", "MATCH (n) DETACH DELETE n"])
def test_run_cypher_is_read_only(loaded: Neo4jProbe, cypher: str) -> None:
    before = loaded.counts()
    with pytest.raises(DatabaseError, match="read-only"):
        run_cypher(cypher, **_connection(loaded))
    assert loaded.counts() == before


def test_run_cypher_returns_columns_and_plain_values(loaded: Neo4jProbe) -> None:
    columns, rows = run_cypher("MATCH (n:Program) RETURN n.name AS name, n LIMIT 1", **_connection(loaded))
    assert columns == ["name", "n"]
    assert rows[0][0] == "三供一业" and rows[0][1]["labels"] == ["Entity", "Program"]


@pytest.mark.parametrize(("items", "expected"), [
    (["name=三供一业"], {"name": "三供一业"}),
    (["year=2019", "flag=true"], {"year": 2019, "flag": True}),
    (["q=a=b"], {"q": "a=b"}),
    (["q={\"x\": 1}"], {"q": "{\"x\": 1}"}),
])
def test_parse_params(items: list[str], expected: dict) -> None:
    assert parse_params(items) == expected


def test_parse_params_refuses_missing_equals() -> None:
    with pytest.raises(QueryError, match="not key=value"):
        parse_params(["name"])


def test_format_table_aligns_chinese_by_display_width() -> None:
    lines = format_table(["name", "n"], [["三供一业", 1], ["ab", 22]]).splitlines()
    display = [sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in line[:line.rindex(" ") + 1]) for line in lines[2:4]]
    assert display == [len("三供一业") * 2 + 2] * 2
    assert lines[-1] == "(2 rows)"


def test_cli_load_then_query_prints_counts_and_table(neo4j_db: Neo4jProbe, tmp_path, monkeypatch) -> None:
    graph = make_report_graph()
    write_json(graph, tmp_path / "graph.json")
    for key, value in _connection(neo4j_db).items():
        monkeypatch.setenv(f"NEO4J_{key.upper()}", value)
    runner = CliRunner()
    loaded = runner.invoke(cli, ["load", str(tmp_path), "--batch-size", "2"])
    assert loaded.exit_code == 0, loaded.output
    assert f"loaded {graph.number_of_nodes()} nodes and {graph.number_of_edges()} relationships" in loaded.output
    assert neo4j_db.conf.password not in loaded.output
    found = runner.invoke(cli, ["query", "search", "-p", "q=供水"])
    assert found.exit_code == 0 and "三供一业" in found.output
    listed = runner.invoke(cli, ["query", "--list"])
    assert all(name in listed.output for name in EXPECTED)


@pytest.mark.parametrize(("args", "message"), [
    (["load", "{tmp}"], "graph.json does not exist"),
    (["query", "--cypher", "CREATE (n)"], "read-only"),
    (["query"], "give either a query NAME or --cypher TEXT"),
])
def test_cli_errors_are_one_line(neo4j_conf, tmp_path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert result.output.count("\n") == 1

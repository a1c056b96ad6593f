"""kg.neo4j_load against the real Neo4j server (scripts/neo4j-local start; CI starts it)."""
from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import DatabaseError, GraphFileError
from kg.model import add_node, new_graph
from kg.neo4j_connect import settings
from kg.neo4j_load import load_graph
from tests.kg.conftest import DEFINITION, Neo4jProbe, make_large_graph, make_report_graph

pytestmark = pytest.mark.neo4j

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-local"
HOSTILE = ["O'Brien工程", 'say "hi"', "back`tick", "}) DETACH DELETE n //", "<script>alert(1)</script>",
           "x'}) MATCH (m) DETACH DELETE m //"]


def _connection(conf) -> dict:
    return {"uri": conf.uri, "user": conf.user, "password": conf.password, "database": conf.database}


@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_load_counts_equal_the_networkx_graph(neo4j_db: Neo4jProbe, report_graph: nx.MultiDiGraph,
                                              batch_size: int) -> None:
    stats = load_graph(report_graph, batch_size=batch_size, **_connection(neo4j_db.conf))
    assert (stats.nodes, stats.relationships) == (report_graph.number_of_nodes(), report_graph.number_of_edges())
    assert neo4j_db.counts() == (report_graph.number_of_nodes(), report_graph.number_of_edges())


def test_load_entities_get_entity_and_type_labels_others_only_theirs(neo4j_db: Neo4jProbe, report_graph) -> None:
    load_graph(report_graph, **_connection(neo4j_db.conf))
    labels = {row["id"]: sorted(row["labels"]) for row in neo4j_db.run("MATCH (n) RETURN n.id AS id, labels(n) AS labels")}
    assert labels["Program:三供一业"] == ["Entity", "Program"]
    assert labels["Place:示例区"] == ["Entity", "Place"]
    assert labels["Document:示例区-2019.txt"] == ["Document"]
    assert labels["GlossaryEntry:示例区-2019.txt#三供一业"] == ["GlossaryEntry"]


def test_load_flattens_evidence_and_keeps_lists(neo4j_db: Neo4jProbe, report_graph) -> None:
    load_graph(report_graph, **_connection(neo4j_db.conf))
    node = neo4j_db.run("MATCH (n:Program {id: 'Program:三供一业'}) RETURN properties(n) AS p")[0]["p"]
    assert node["aliases"] == ["三供一业改造"]
    assert node["evidence"] == ["推进三供一业改造，星河科技有限公司建成星河智能制造产业园。"]
    assert '"start": 0' in node["evidence_json"]
    assert (node["docs"], node["years"], node["definition"]) == (["示例区-2019.txt"], [2019], DEFINITION)
    rel = neo4j_db.run("MATCH (:Company)-[r:BUILDS]->(:Project) RETURN properties(r) AS p")[0]["p"]
    assert (rel["weight"], rel["docs"], len(rel["evidence"])) == (1, ["示例区-2019.txt"], 1)


def test_load_twice_changes_nothing(neo4j_db: Neo4jProbe, report_graph) -> None:
    load_graph(report_graph, **_connection(neo4j_db.conf))
    first = neo4j_db.snapshot()
    load_graph(report_graph, batch_size=2, **_connection(neo4j_db.conf))
    assert neo4j_db.snapshot() == first


def test_load_second_report_merges_shared_entities(neo4j_db: Neo4jProbe) -> None:
    first = make_report_graph()
    second = make_report_graph("示例区-2020.txt", 2020, project="云溪污水处理厂", company="云溪水务有限公司",
                               place="西湖街道")
    load_graph(first, **_connection(neo4j_db.conf))
    load_graph(second, **_connection(neo4j_db.conf))
    merged = nx.compose(first, second)
    assert neo4j_db.counts() == (merged.number_of_nodes(), merged.number_of_edges())
    assert merged.number_of_nodes() < first.number_of_nodes() + second.number_of_nodes()
    shared = neo4j_db.run("MATCH (n:Entity {id: 'Program:三供一业'}) RETURN n.docs AS docs, n.years AS years")
    assert shared == [{"docs": ["示例区-2019.txt", "示例区-2020.txt"], "years": [2019, 2020]}]


@pytest.mark.parametrize("name", HOSTILE)
def test_load_hostile_names_stored_verbatim_and_harm_nothing(neo4j_db: Neo4jProbe, report_graph, name: str) -> None:
    add_node(report_graph, f"Program:{name}", label="Program", name=name, aliases=[name + "'"], definition=name)
    report_graph.add_edge(f"Program:{name}", "Program:三供一业", key="RELATED_TO", type="RELATED_TO", weight=1,
                          docs=[name], years=[], evidence=[{"sentence": name}])
    load_graph(report_graph, **_connection(neo4j_db.conf))
    assert neo4j_db.counts() == (report_graph.number_of_nodes(), report_graph.number_of_edges())
    row = neo4j_db.run("MATCH (n:Entity {id: $id})-[r:RELATED_TO]->() RETURN n.name AS name, n.aliases AS aliases, "
                       "n.definition AS definition, r.docs AS docs, r.evidence AS evidence", id=f"Program:{name}")
    assert row == [{"name": name, "aliases": [name + "'"], "definition": name, "docs": [name], "evidence": [name]}]


def test_load_fulltext_finds_chinese_partial_term_through_definition(neo4j_db: Neo4jProbe, report_graph) -> None:
    load_graph(report_graph, **_connection(neo4j_db.conf))
    rows = neo4j_db.run("CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node RETURN node.id AS id", q="供水")
    assert "Program:三供一业" in {row["id"] for row in rows}


@pytest.mark.parametrize("label", ["Unknown", None])
def test_load_refuses_labels_outside_the_model(neo4j_conf, label) -> None:
    graph = new_graph()
    graph.add_node("X:1", label=label, name="x")
    with pytest.raises(GraphFileError, match="not one of Program"):
        load_graph(graph, **_connection(neo4j_conf))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(("override", "expected"), [
    ({"uri": f"bolt://127.0.0.1:{_free_port()}"}, "cannot reach Neo4j at bolt://127.0.0.1:"),
    ({"password": "not-the-password-123"}, "refused user 'neo4j'"),
    ({"database": "nosuchdb"}, "has no database 'nosuchdb'"),
])
def test_load_connection_errors_are_one_clear_line(neo4j_conf, report_graph, override, expected) -> None:
    connection = {**_connection(neo4j_conf), **override}
    with pytest.raises(DatabaseError, match=expected) as caught:
        load_graph(report_graph, **connection)
    message = str(caught.value)
    assert "\n" not in message
    assert connection["password"] not in message


@pytest.fixture
def throwaway_server(tmp_path: Path):
    """A second Neo4j instance of our own, on free ports, in a temporary folder; stopped at the end."""
    env = {**os.environ, "NEO4J_INSTANCE_DIR": str(tmp_path / "neo4j"), "NEO4J_BOLT_PORT": str(_free_port()),
           "NEO4J_HTTP_PORT": str(_free_port()), "NEO4J_HEAP": "512m", "NEO4J_PAGECACHE": "64m",
           "NEO4J_PASSWORD": "throwaway-pass"}

    def control(command: str) -> None:
        done = subprocess.run([str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=200)
        if done.returncode != 0:
            pytest.fail(f"scripts/neo4j-local {command} failed:\n{done.stdout}{done.stderr}")

    control("start")
    try:
        yield control, settings(f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}", "neo4j", "throwaway-pass", "neo4j",
                                retry_seconds=1.0)
    finally:
        control("stop")


def test_load_interrupted_mid_way_can_be_finished_by_running_again(neo4j_db: Neo4jProbe, throwaway_server) -> None:
    control, conf = throwaway_server
    graph = make_large_graph()
    connection = {**_connection(conf)}

    def stop_after_three(done: int, total: int) -> None:
        if done == 3:
            control("stop")

    with pytest.raises(DatabaseError, match=r"the load stopped after 3 of \d+ batches: cannot reach Neo4j .*"
                                            r"run the same command again to finish it"):
        load_graph(graph, batch_size=10, progress=stop_after_three, retry_seconds=1.0, **connection)
    control("start")
    partial = Neo4jProbe(conf)
    assert 0 < partial.counts()[0] < graph.number_of_nodes()
    load_graph(graph, batch_size=10, retry_seconds=1.0, **connection)
    load_graph(graph, batch_size=1000, **_connection(neo4j_db.conf))
    assert partial.counts() == (graph.number_of_nodes(), graph.number_of_edges())
    assert partial.snapshot() == neo4j_db.snapshot()


def test_load_real_report_graph_counts(neo4j_db: Neo4jProbe, hetang_path: Path) -> None:
    from kg.build import build_graph

    graph = build_graph([hetang_path])
    stats = load_graph(graph, **_connection(neo4j_db.conf))
    assert neo4j_db.counts() == (graph.number_of_nodes(), graph.number_of_edges()) == (stats.nodes, stats.relationships)
    assert neo4j_db.counts()[0] > 100

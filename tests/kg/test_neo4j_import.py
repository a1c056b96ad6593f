"""kg export neo4j-import and scripts/neo4j-local import (Neo4j's own bulk importer)."""
from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.build import build_graph
from kg.cli import cli
from kg.errors import KGError
from kg.model import add_node, write_json
from kg.neo4j_connect import connect, settings
from kg.neo4j_import import export_graph_dir, write_import_files
from kg.neo4j_load import load_graph
from tests.kg.conftest import Neo4jProbe, make_report_graph

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-local"


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_import_files_have_the_importer_headers_and_every_node_and_edge(tmp_path: Path) -> None:
    graph = make_report_graph()
    files = write_import_files(graph, tmp_path)
    assert (files.nodes, files.relationships) == (graph.number_of_nodes(), graph.number_of_edges())
    programs = _rows(tmp_path / "nodes-Program.csv")
    header = programs[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "docs:string[]" in header and "years:long[]" in header and "mentions:long" in header
    row = dict(zip(header, programs[1]))
    assert row["id:ID"] == "Program:三供一业" and row[":LABEL"] == "Program;Entity"
    assert row["aliases:string[]"] == "三供一业改造"
    assert _rows(tmp_path / "nodes-Document.csv")[1][1] == "Document"  # no :Entity outside entity types
    rels = _rows(tmp_path / "relationships-BUILDS.csv")
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and "weight:long" in rels[0]
    assert rels[1][2] == "BUILDS"
    total = sum(len(_rows(path)) - 1 for path in files.relationship_files)
    assert total == graph.number_of_edges()


def test_array_items_never_break_on_the_delimiter(tmp_path: Path) -> None:
    graph = make_report_graph()
    add_node(graph, "Program:甲;乙", label="Program", name="甲;乙", aliases=["丙;丁", "戊"])
    write_import_files(graph, tmp_path)
    rows = _rows(tmp_path / "nodes-Program.csv")
    row = dict(zip(rows[0], next(r for r in rows if r[0] == "Program:甲;乙")))
    assert row["name:string"] == "甲;乙"  # scalars keep the character
    assert row["aliases:string[]"].split(";") == ["丙；丁", "戊"]


def test_export_refuses_to_replace_a_folder_of_other_files(tmp_path: Path) -> None:
    write_json(make_report_graph(), tmp_path / "graph.json")
    mine = tmp_path / "neo4j-import"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(KGError, match="holds other files"):
        export_graph_dir(tmp_path)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_kg_export_neo4j_import_command(tmp_path: Path) -> None:
    write_json(make_report_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["export", "neo4j-import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "relationships in" in result.output
    assert sorted(p.name for p in (tmp_path / "neo4j-import").iterdir())[0] == "nodes-Agency.csv"
    again = CliRunner().invoke(cli, ["export", "neo4j-import", str(tmp_path)])  # our own files: replaced
    assert again.exit_code == 0, again.output
    missing = CliRunner().invoke(cli, ["export", "neo4j-import", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "Error:" in missing.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def throwaway_instance(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment of a second, empty Neo4j instance (ports and folder of its own); stopped afterwards."""
    env = {**os.environ, "NEO4J_INSTANCE_DIR": str(tmp_path / "bulk-neo4j"),
           "NEO4J_BOLT_PORT": str(_free_port()), "NEO4J_HTTP_PORT": str(_free_port()),
           "KG_PYTHON": sys.executable, "NEO4J_HEAP": "512m", "NEO4J_PAGECACHE": "128m"}
    try:
        yield env
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=180, check=False)


def _counts(probe: Neo4jProbe) -> tuple[Counter, Counter, list, list]:
    labels = Counter(":".join(sorted(r["labels"])) for r in probe.run("MATCH (n) RETURN labels(n) AS labels"))
    types = Counter(r["t"] for r in probe.run("MATCH ()-[r]->() RETURN type(r) AS t"))
    ids = sorted(r["id"] for r in probe.run("MATCH (n) RETURN n.id AS id"))
    rels = sorted((r["a"], r["t"], r["b"]) for r in probe.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, "
                                                              "b.id AS b"))
    return labels, types, ids, rels


@pytest.mark.neo4j
def test_bulk_import_equals_a_bolt_load_of_the_corpus_graph(neo4j_db: Neo4jProbe, corpus_dir: Path, tmp_path: Path,
                                                              throwaway_instance: dict[str, str]) -> None:
    graph: nx.MultiDiGraph = build_graph([corpus_dir], jobs=1)
    load_graph(graph, uri=neo4j_db.conf.uri, user=neo4j_db.conf.user, password=neo4j_db.conf.password,
               database=neo4j_db.conf.database)
    write_import_files(graph, tmp_path / "csv")
    done = subprocess.run(["bash", str(SCRIPT), "import", str(tmp_path / "csv")], env=throwaway_instance,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    imported = Neo4jProbe(settings(uri=f"bolt://127.0.0.1:{throwaway_instance['NEO4J_BOLT_PORT']}",
                                   password=neo4j_db.conf.password, retry_seconds=60))
    assert imported.counts() == neo4j_db.counts() == (graph.number_of_nodes(), graph.number_of_edges())
    assert _counts(imported) == _counts(neo4j_db)
    search = "CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node RETURN node.id AS id"
    found = {row["id"] for row in imported.run(search, q="供水")}
    assert "Program:三供一业" in found
    assert found == {row["id"] for row in neo4j_db.run(search, q="供水")}
    constraints = {row["name"] for row in imported.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert "program_id" in constraints and "entity_id" in constraints
    with connect(imported.conf):
        pass
    again = subprocess.run(["bash", str(SCRIPT), "import", str(tmp_path / "csv")], env=throwaway_instance,
                           capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode != 0 and "--overwrite" in again.stderr  # an existing database is never replaced silently


@pytest.mark.neo4j
def test_bulk_import_takes_every_bucket_file_of_a_streaming_build(corpus_dir: Path, tmp_path: Path,
                                                                  throwaway_instance: dict[str, str]) -> None:
    from kg.stream_build import stream_build  # noqa: PLC0415

    inputs = [corpus_dir / name for name in ("hailar-2016.txt", "hailar-2017.txt", "hetang-2019.txt")]
    whole = build_graph(inputs, jobs=1)
    result = stream_build(inputs, tmp_path / "out", max_graph_nodes=50, jobs=2)
    assert result.import_files is not None
    files = sorted((tmp_path / "out" / "neo4j-import").iterdir())
    assert len({path.name.rsplit("-", 1)[1] for path in files}) >= 4  # several buckets, one set of files each
    done = subprocess.run(["bash", str(SCRIPT), "import", str(tmp_path / "out")], env=throwaway_instance,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    imported = Neo4jProbe(settings(uri=f"bolt://127.0.0.1:{throwaway_instance['NEO4J_BOLT_PORT']}",
                                   retry_seconds=60))
    assert imported.counts() == (result.import_files.nodes, result.import_files.relationships)
    _, _, ids, rels = _counts(imported)
    assert ids == sorted(whole.nodes)
    assert rels == sorted((u, k, v) for u, v, k in whole.edges(keys=True))
    found = {row["id"] for row in imported.run(
        "CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node RETURN node.id AS id", q="呼伦贝尔")}
    assert found

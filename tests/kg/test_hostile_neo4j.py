"""The hostile-input battery (issue 8), Neo4j side: the read-only query never reads the server's disk.

Cases 5, 8, 9 and 12 of the issue. Tests marked ``neo4j`` use the real server started by
scripts/neo4j-local (settings from the NEO4J_* environment, see conftest.py); the others check
what kg refuses before any connection.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j.exceptions import ClientError, DatabaseError as ServerDatabaseError

from kg.cypher_guard import RefusedQuery, check_read_only
from kg.errors import DatabaseError
from kg.ids import MAX_INDEXED_BYTES, indexable_id
from kg.model import add_edge, add_node, new_graph
from kg.neo4j_connect import Settings, connect, mask_uri, settings
from kg.neo4j_load import load_graph
from kg.queries import run_cypher, run_query
from tests.kg.conftest import Neo4jProbe

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "neo4j-local"


@pytest.mark.parametrize("cypher", [
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load  csv with headers from 'file:///data/dbms/auth.ini' as l return l",
    "LOAD /* a comment */ CSV FROM 'https://example.org/x.csv' AS l RETURN l",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
], ids=["passwd", "auth-ini", "comment-between", "after-match"])
def test_load_csv_refused(cypher):
    with pytest.raises(RefusedQuery, match="refuses LOAD CSV"):
        run_cypher(cypher, uri="bolt://127.0.0.1:1")  # refused before any connection is tried


@pytest.mark.parametrize("cypher", [
    "CALL dbms.listConfig()",
    "CALL dbms.security.listUsers()",
    "CALL `dbms`.`listConfig`() YIELD name RETURN name",
    "CALL db.index.fulltext.queryNodes('entity_text', 'x') YIELD node CALL dbms.components() YIELD name RETURN name",
    "CALL apoc.load.json('file:///etc/passwd')",
], ids=["dbms-config", "users", "backticks", "second-call", "apoc"])
def test_procedures_outside_allow_list_refused(cypher):
    with pytest.raises(RefusedQuery, match="refuses CALL"):
        check_read_only(cypher)


@pytest.mark.parametrize("cypher", [
    "MATCH (n) WHERE n.name CONTAINS 'LOAD CSV' RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "CALL { MATCH (n) RETURN n } RETURN count(n)",
    "// LOAD CSV in a comment\nMATCH (n) RETURN n",
])
def test_plain_reads_and_allowed_procedures_pass(cypher):
    check_read_only(cypher)


def test_named_queries_pass_the_guard():
    from kg.queries import list_queries

    for query in list_queries():
        check_read_only(query.text)


@pytest.mark.neo4j
def test_server_confines_file_imports(neo4j_conf: Settings):
    """Even past kg's guard (a direct write session), the server reads no file outside its import/ folder."""
    with connect(neo4j_conf) as driver:
        with pytest.raises((ClientError, ServerDatabaseError)) as caught:
            driver.execute_query("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line LIMIT 1",
                                 database_=neo4j_conf.database)
    assert "root:" not in str(caught.value)


@pytest.mark.neo4j
def test_load_csv_refused_against_the_server(neo4j_conf: Settings):
    with pytest.raises(RefusedQuery):
        run_cypher("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line")


@pytest.mark.neo4j
def test_ten_thousand_character_name_loads(neo4j_db: Neo4jProbe):
    name = "超长名称" * 2500  # 10,000 characters, 30 kB in UTF-8: far over the index key limit
    g = new_graph()
    add_node(g, f"Project:{name}", label="Project", name=name, doc="示例.txt", year=2024)
    add_node(g, "Place:示例区", label="Place", name="示例区", doc="示例.txt", year=2024)
    add_edge(g, f"Project:{name}", "Place:示例区", "LOCATED_IN", doc="示例.txt", year=2024)
    load_graph(g)
    load_graph(g)  # idempotent like any other load
    rows = neo4j_db.run("MATCH (p:Project)-[:LOCATED_IN]->(q:Place) RETURN p.id AS id, p.name AS name, "
                        "p.full_id AS full_id")
    assert len(rows) == 1
    assert rows[0]["name"] == name and rows[0]["full_id"] == f"Project:{name}"
    assert rows[0]["id"] == indexable_id(f"Project:{name}") and len(rows[0]["id"].encode()) <= MAX_INDEXED_BYTES
    assert run_query("search", {"q": "超长名称"})[1], "the full name is still found by full-text search"


def test_load_error_on_refused_data_promises_no_rerun(monkeypatch):
    """A load the server refuses for its data says so, without "run the same command again"."""
    from kg import neo4j_load

    class Refusing:
        def execute_query(self, query, **kwargs):
            if "UNWIND" in query:
                raise ClientError("Property value is too large to index")
            return None

    class Connected:
        def __enter__(self):
            return Refusing()

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(neo4j_load, "connect", lambda conf: Connected())
    g = new_graph()
    add_node(g, "Program:甲", label="Program", name="甲")
    with pytest.raises(DatabaseError) as caught:
        load_graph(g)
    assert "refused the data" in str(caught.value) and "again" not in str(caught.value)


def test_uri_password_masked():
    conf = settings(uri="bolt://neo4j:s3cret-pw@127.0.0.1:1")
    assert "s3cret-pw" not in conf.shown_uri and mask_uri("bolt://u:p@h:1") == "bolt://***@h:1"
    with pytest.raises(DatabaseError) as caught:
        with connect(conf):
            pass
    assert "s3cret-pw" not in str(caught.value) and "NEO4J_USER and NEO4J_PASSWORD" in str(caught.value)


def test_password_on_command_line_warns():
    result = subprocess.run([sys.executable, "-m", "kg", "query", "--uri", "bolt://127.0.0.1:1", "--password",
                             "s3cret-pw", "--cypher", "RETURN 1"], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "visible to every user" in result.stderr and "s3cret-pw" not in result.stderr
    assert result.returncode == 1


def test_initial_password_never_on_a_command_line():
    """scripts/neo4j-local hands the password to neo4j-admin in a private @file, never as an argument."""
    script = SCRIPT.read_text(encoding="utf-8")
    calls = [line for line in script.splitlines() if "set-initial-password" in line and "java" in line]
    assert calls and all('"@$argfile"' in line and "PASSWORD" not in line for line in calls)
    assert "umask 077" in script and 'rm -f "$argfile"' in script


@pytest.mark.neo4j
def test_stale_instance_password_named(neo4j_conf: Settings):
    """`start` against a running instance made with another password says so and how to reset it."""
    port = re.search(r":(\d+)$", neo4j_conf.uri)
    instance = Path(os.environ.get("NEO4J_INSTANCE_DIR")
                    or Path(os.environ.get("KG_CACHE_DIR", Path.home() / ".cache" / "gov-report-kg")) / "neo4j-instance")
    if port is None or not (instance / "run" / "neo4j-local.pid").is_file():
        pytest.fail(f"the test server must be the one scripts/neo4j-local started in {instance} "
                    "(set NEO4J_INSTANCE_DIR and NEO4J_URI to it)", pytrace=False)
    env = {**os.environ, "NEO4J_INSTANCE_DIR": str(instance), "NEO4J_BOLT_PORT": port.group(1),
           "NEO4J_PASSWORD": neo4j_conf.password + "-not-it"}
    result = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "created with another password" in result.stderr and "rm -rf" in result.stderr
    with connect(neo4j_conf):  # the running server was left alone
        pass

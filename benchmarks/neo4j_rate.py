"""Benchmark 3: Neo4j load rate of a built graph, beside a plain reference load.

WARNING: this benchmark DELETES EVERYTHING in the database it is given (NEO4J_URI,
NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). Point it at a throwaway server, e.g.
``NEO4J_INSTANCE_DIR=/tmp/kg-bench NEO4J_BOLT_PORT=7688 NEO4J_HTTP_PORT=7475
scripts/neo4j-local start`` and ``NEO4J_URI=bolt://127.0.0.1:7688``.

For each batch size the database is emptied and :func:`kg.neo4j_load.load_graph` loads the
graph (MERGE, idempotent). The reference sends the very same rows (the loader's own plan)
through plain ``UNWIND $rows AS row CREATE …`` into the emptied database, 10,000 rows per
query, with the same uniqueness constraints in place so relationships find their ends by
index. The ratio loader/reference does not depend on the machine.
"""
from __future__ import annotations

import time
from collections.abc import Sequence

import networkx as nx

__all__ = ["run_neo4j", "WARNING"]

WARNING = "Neo4j benchmark: every node and relationship in the target database is deleted."
_REFERENCE_BATCH = 10_000


def _wipe(driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def _reference_query(query: str) -> str:
    """The CREATE twin of one loader query (same label or type and ends, same rows, no MERGE)."""
    from kg.model import ENTITY_LABELS  # noqa: PLC0415
    from kg.neo4j_load import NODE_QUERIES, REL_QUERIES  # noqa: PLC0415

    labels = {q: label for label, q in NODE_QUERIES.items()}
    if query in labels:
        label = labels[query]
        both = f"Entity:{label}" if label in ENTITY_LABELS else label
        return (f"UNWIND $rows AS row CREATE (n:{both}) "
                "SET n += row.props, n.docs = row.docs, n.years = row.years, n.aliases = row.aliases")
    rel_type, source, target = next(group for group, q in REL_QUERIES.items() if q == query)
    return (f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) MATCH (b:{target} {{id: row.target}}) "
            f"CREATE (a)-[r:{rel_type}]->(b) SET r += row.props, r.docs = row.docs, r.years = row.years")


def _reference_load(driver, graph: nx.MultiDiGraph, database: str) -> dict:
    from kg.neo4j_load import plan_batches  # noqa: PLC0415 - the loader's own rows, so both loads write the same

    plan, node_batches = plan_batches(graph, _REFERENCE_BATCH)
    started = time.perf_counter()
    split = started
    for done, (query, rows) in enumerate(plan):
        if done == node_batches:
            split = time.perf_counter()
        driver.execute_query(_reference_query(query), rows=rows, database_=database)
    ended = time.perf_counter()
    return _rates(graph, split - started, ended - split)


def _rates(graph: nx.MultiDiGraph, node_s: float, rel_s: float) -> dict:
    nodes, rels = graph.number_of_nodes(), graph.number_of_edges()
    return {"node_s": round(node_s, 3), "rel_s": round(rel_s, 3),
            "nodes_per_s": round(nodes / node_s) if node_s else None,
            "rels_per_s": round(rels / rel_s) if rel_s else None}


def run_neo4j(graph: nx.MultiDiGraph, batch_sizes: Sequence[int] = (100, 1000, 10_000)) -> dict:
    """Load rates per batch size and of the reference load; ``skipped`` when the server is unreachable."""
    from kg.errors import KGError  # noqa: PLC0415

    try:
        from kg.neo4j_connect import connect, settings  # noqa: PLC0415
        from kg.neo4j_load import SCHEMA_QUERIES, load_graph  # noqa: PLC0415
    except ImportError as error:
        return {"skipped": f"no Neo4j loader ({error})"}
    conf = settings()
    result: dict = {"uri": conf.uri, "database": conf.database, "nodes": graph.number_of_nodes(),
                    "relationships": graph.number_of_edges(), "warning": WARNING, "loads": []}
    try:
        with connect(conf) as driver:
            for batch_size in batch_sizes:
                _wipe(driver, conf.database)
                stats = load_graph(graph, batch_size=batch_size)
                result["loads"].append({"batch_size": batch_size,
                                        **_rates(graph, stats.node_seconds, stats.relationship_seconds)})
            _wipe(driver, conf.database)
            for query in SCHEMA_QUERIES:
                driver.execute_query(query, database_=conf.database)
            result["reference"] = {"batch_size": _REFERENCE_BATCH, **_reference_load(driver, graph, conf.database)}
            _wipe(driver, conf.database)
    except KGError as error:
        return {"skipped": f"Neo4j not reachable: {error}"}
    ref = result["reference"]
    for load in result["loads"]:
        load["nodes_ratio"] = round(load["nodes_per_s"] / ref["nodes_per_s"], 3) if ref["nodes_per_s"] else None
        load["rels_ratio"] = round(load["rels_per_s"] / ref["rels_per_s"], 3) if ref["rels_per_s"] else None
    return result

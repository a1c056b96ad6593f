"""Load a knowledge graph into Neo4j: batched, idempotent, labels only from the model's allow-lists.

Every node is ``MERGE``d on its ``id`` (under a uniqueness constraint), every relationship on
its two end nodes and type, so loading the same graph twice changes nothing and loading a
second report's graph merges the entities both share. ``docs``, ``years`` and ``aliases``
are unioned with what the database already holds; other properties take the new value.

Labels and relationship types never come from data: each query below is built once, at
import, from :class:`kg.model.NodeLabel` and :class:`kg.model.RelType`, and every value
travels as a parameter. Entity nodes (Program, Project, Company, Place, Agency) carry the
extra label ``:Entity``. Neo4j properties cannot hold maps or lists of maps, so evidence is
stored twice: ``evidence`` (the list of sentences) and ``evidence_json`` (the full records).
An id too long for Neo4j's index (a 10,000-character name) is stored as a prefix plus a hash
(:func:`kg.ids.indexable_id`), with the whole id in ``full_id``.

Example:
    >>> from kg.model import new_graph, add_node
    >>> g = new_graph(); add_node(g, "Program:三供一业", label="Program", name="三供一业")
    >>> stats = load_graph(g)                      # doctest: +SKIP
    >>> stats.nodes, stats.relationships           # doctest: +SKIP
    (1, 0)
"""
from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from kg.errors import DatabaseError, GraphFileError
from kg.ids import indexable_id
from kg.model import ENTITY_LABELS, NodeLabel, RelType
from kg.neo4j_connect import connect, explain, settings

__all__ = ["LoadStats", "load_graph", "plan_batches", "SCHEMA_QUERIES", "NODE_QUERIES", "REL_QUERIES", "FULLTEXT_INDEX",
           "storable_properties", "create_schema"]

log = logging.getLogger(__name__)

#: Name of the full-text index over entity names, aliases, definitions and glossary entries.
FULLTEXT_INDEX = "entity_text"
#: List properties unioned with the stored value instead of replaced.
UNION_KEYS = ("docs", "years", "aliases")

_ALL_LABELS = [label.value for label in NodeLabel] + ["Entity"]
_LABELS = frozenset(label.value for label in NodeLabel)
_TYPES = frozenset(rel.value for rel in RelType)

SCHEMA_QUERIES: list[str] = [
    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    for label in _ALL_LABELS
] + [
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity|GlossaryEntry) "
    "ON EACH [n.name, n.aliases, n.definition, n.term] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
]


def _union(var: str, keys: Iterable[str]) -> str:
    return ", ".join(
        f"{var}.{key} = CASE WHEN row.{key} IS NULL THEN {var}.{key} "
        f"ELSE coalesce({var}.{key}, []) + [x IN row.{key} WHERE NOT x IN coalesce({var}.{key}, [])] END"
        for key in keys)


def _merge_key(label: str) -> str:
    """The label a node is MERGEd and MATCHed under: :Entity for entity types, else its own."""
    return "Entity" if label in ENTITY_LABELS else label


def _node_query(label: str) -> str:
    extra = f"n:{label}, " if label in ENTITY_LABELS else ""
    return (f"UNWIND $rows AS row MERGE (n:{_merge_key(label)} {{id: row.id}}) "
            f"SET {extra}n += row.props, {_union('n', UNION_KEYS)}")


def _rel_query(rel_type: str, source: str, target: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) MATCH (b:{target} {{id: row.target}}) "
            f"MERGE (a)-[r:{rel_type}]->(b) SET r += row.props, {_union('r', ('docs', 'years'))}")


#: One query per node label (from the NodeLabel allow-list).
NODE_QUERIES: dict[str, str] = {label.value: _node_query(label.value) for label in NodeLabel}
_KEYS = sorted({_merge_key(label.value) for label in NodeLabel})
#: One query per (relationship type, source merge label, target merge label).
REL_QUERIES: dict[tuple[str, str, str], str] = {
    (rel.value, source, target): _rel_query(rel.value, source, target)
    for rel in RelType for source in _KEYS for target in _KEYS
}


@dataclass(frozen=True)
class LoadStats:
    """What a load wrote and how fast: counts are the graph's, seconds are wall time."""

    nodes: int
    relationships: int
    batches: int
    node_seconds: float
    relationship_seconds: float

    def __str__(self) -> str:
        return (f"loaded {self.nodes} nodes and {self.relationships} relationships in {self.batches} batches, "
                f"{self.seconds:.2f}s ({self.nodes_per_second:.0f} nodes/s, "
                f"{self.relationships_per_second:.0f} relationships/s)")

    @property
    def seconds(self) -> float:
        """Total wall time of the node and relationship phases."""
        return self.node_seconds + self.relationship_seconds

    @property
    def nodes_per_second(self) -> float:
        """Nodes written per second of the node phase."""
        return self.nodes / self.node_seconds if self.node_seconds else 0.0

    @property
    def relationships_per_second(self) -> float:
        """Relationships written per second of the relationship phase."""
        return self.relationships / self.relationship_seconds if self.relationship_seconds else 0.0


def _value(key: str, value: Any) -> dict[str, Any]:
    """Neo4j-storable properties for one attribute (maps and lists of maps become JSON)."""
    if value is None:
        return {}
    if key == "evidence":
        records = value if isinstance(value, list) else [value]
        sentences = [str(r.get("sentence", "")) if isinstance(r, dict) else str(r) for r in records]
        return {"evidence": sentences, "evidence_json": json.dumps(records, ensure_ascii=False)}
    if isinstance(value, dict):
        return {key: json.dumps(value, ensure_ascii=False)}
    if isinstance(value, (list, tuple)):
        items = [v for v in value if v is not None]
        if any(isinstance(v, (dict, list, tuple)) for v in items):
            return {key: json.dumps(list(value), ensure_ascii=False)}
        if len({type(v) for v in items}) > 1:
            return {key: [str(v) for v in items]}
        return {key: items}
    return {key: value}


def storable_properties(data: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The properties a node or relationship gets in Neo4j (the bulk importer writes the same ones)."""
    props: dict[str, Any] = {}
    for key, value in data.items():
        if key not in skip:
            props.update(_value(key, value))
    return props


def _row(data: dict[str, Any], skip: tuple[str, ...]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    row: dict[str, Any] = {}
    for key, value in data.items():
        if key in skip:
            continue
        flat = _value(key, value)
        if key in UNION_KEYS and key in flat:
            row[key] = flat.pop(key)
        props.update(flat)
    row["props"] = props
    return row


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    label = graph.nodes[node].get("label")
    if label not in _LABELS:
        raise GraphFileError(f"graph node {node!r} has label {label!r}, not one of {', '.join(NodeLabel)}; "
                             "rebuild the graph with kg build")
    return label


def _batched(rows: list[dict], size: int) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def plan_batches(graph: nx.MultiDiGraph, batch_size: int) -> tuple[list[tuple[str, list[dict]]], int]:
    """The (query, rows) batches a load sends, and how many of them are node batches.

    All node batches come first, then relationship batches, so every MATCH finds its nodes.
    Public so a benchmark can send the very same rows through other queries.
    """
    nodes: dict[str, list[dict]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        row = _row(data, skip=("id",))
        row["id"] = row["props"]["id"] = indexable_id(str(node))
        if row["id"] != str(node):  # too long for the id index: the whole id is kept beside it
            row["props"]["full_id"] = str(node)
        nodes[_label(graph, node)].append(row)
    rels: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, key, data in graph.edges(keys=True, data=True):
        rel_type = data.get("type", key)
        if rel_type not in _TYPES:
            raise GraphFileError(f"graph edge {source!r} -> {target!r} has type {rel_type!r}, not one of "
                                 f"{', '.join(RelType)}; rebuild the graph with kg build")
        row = _row(data, skip=("type",))
        row["source"], row["target"] = indexable_id(str(source)), indexable_id(str(target))
        group = (rel_type, _merge_key(_label(graph, source)), _merge_key(_label(graph, target)))
        rels[group].append(row)
    plan = [(NODE_QUERIES[label], batch) for label, rows in nodes.items() for batch in _batched(rows, batch_size)]
    node_batches = len(plan)
    plan += [(REL_QUERIES[group], batch) for group, rows in rels.items() for batch in _batched(rows, batch_size)]
    return plan, node_batches


def create_schema(driver: Any, database: str | None = None) -> None:
    """Create the uniqueness constraints and the ``cjk`` full-text index (:data:`SCHEMA_QUERIES`), idempotently."""
    for query in SCHEMA_QUERIES:
        driver.execute_query(query, database_=database)


def load_graph(graph: nx.MultiDiGraph, *, uri: str | None = None, user: str | None = None,
               password: str | None = None, database: str | None = None, batch_size: int = 1000,
               progress: Callable[[int, int], None] | None = None, retry_seconds: float = 15.0) -> LoadStats:
    """Write ``graph`` into Neo4j (idempotently) and return counts and rates.

    Connection settings default to the NEO4J_* environment (see :mod:`kg.neo4j_connect`).
    ``progress(done, total)`` is called after each batch. A failure part way raises
    :class:`kg.errors.DatabaseError` saying how many batches were written; running the
    same load again finishes it, because every write is a MERGE.
    """
    if batch_size < 1:
        raise DatabaseError(f"batch size must be at least 1, not {batch_size}; pass --batch-size 1000")
    conf = settings(uri, user, password, database, retry_seconds=retry_seconds)
    plan, node_batches = plan_batches(graph, batch_size)
    total = len(plan)
    with connect(conf) as driver:
        try:
            create_schema(driver, conf.database)
        except (DriverError, Neo4jError, OSError) as error:
            raise DatabaseError(explain(error, conf)) from None
        started = time.perf_counter()
        split = started
        for done, (query, batch) in enumerate(plan):
            if done == node_batches:
                split = time.perf_counter()
            try:
                driver.execute_query(query, rows=batch, database_=conf.database)
            except (DriverError, Neo4jError, OSError) as error:
                if isinstance(error, ClientError):  # the data or the query, not the connection: a rerun fails alike
                    raise DatabaseError(f"the load stopped after {done} of {total} batches because Neo4j refused "
                                        f"the data: {explain(error, conf)}") from None
                raise DatabaseError(f"the load stopped after {done} of {total} batches: {explain(error, conf)}; "
                                    "once Neo4j is reachable, run the same command again to finish it") from None
            if progress is not None:
                progress(done + 1, total)
        ended = time.perf_counter()
        if node_batches == total:
            split = ended
        try:
            driver.execute_query("CALL db.awaitIndexes(300)", database_=conf.database)
        except (DriverError, Neo4jError, OSError) as error:
            raise DatabaseError(explain(error, conf)) from None
    stats = LoadStats(graph.number_of_nodes(), graph.number_of_edges(), total, split - started, ended - split)
    log.info("loaded %d nodes and %d relationships into %s in %.2fs", stats.nodes, stats.relationships,
             conf.shown_uri, stats.seconds)
    return stats

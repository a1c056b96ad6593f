"""Files for Neo4j's own bulk importer (``neo4j-admin database import full``) and the schema after it.

The Bolt loader (:mod:`kg.neo4j_load`) MERGEs row by row into a live database, which suits
incremental adds; a whole archive goes faster through the offline importer, which writes the
store files directly. :func:`write_import_files` writes one CSV per node label
(``nodes-Program.csv`` …) and one per relationship type (``relationships-CO_OCCURS.csv`` …)
with the importer's header format::

    id:ID,:LABEL,name,docs:string[],years:long[],mentions:long,…
    :START_ID,:END_ID,:TYPE,weight:long,docs:string[],…

Nodes and relationships get exactly the labels and properties the Bolt loader gives them
(:func:`kg.neo4j_load.storable_properties`; entity nodes also carry ``:Entity``), so both
give the same database. Arrays use the importer's default delimiter ``;``; an array item
that itself contains ``;`` has it written as the full-width ``；`` (the importer has no
escape for its array delimiter). Fields may span lines (run the importer with
``--multiline-fields=true``, as ``scripts/neo4j-local import`` does).

Rows are written as they come (a graph or a stream of records, see :class:`ImportWriter`):
each file's body goes to a temporary JSON-lines file first, and the CSV with its final
header is written when the columns and their types are known, so memory holds only the
column list, never the rows. ``scripts/neo4j-local import DIR`` runs the importer on these
files and then :func:`apply_schema` (the constraints and the ``cjk`` full-text index of
:data:`kg.neo4j_load.SCHEMA_QUERIES`: one place for the schema).
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from kg.errors import GraphFileError, KGError
from kg.model import ENTITY_LABELS, NodeLabel, RelType

__all__ = ["ARRAY_DELIMITER", "ImportFiles", "ImportWriter", "write_import_files", "export_graph_dir",
           "write_graph_atomically", "apply_schema", "IMPORT_FOLDER"]

#: The importer's default array delimiter (``--array-delimiter``).
ARRAY_DELIMITER = ";"
#: The folder ``kg export neo4j-import DIR`` writes into, inside DIR, unless told otherwise.
IMPORT_FOLDER = "neo4j-import"

_LABELS = frozenset(label.value for label in NodeLabel)
_TYPES = frozenset(rel.value for rel in RelType)
_OURS = ("nodes-", "relationships-")


def _kind(value: Any) -> str | None:
    """The importer type of one value (``None`` for an empty list, which fits any array type)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        kinds = {_kind(item) for item in value}
        if not kinds:
            return None
        if kinds <= {"long"}:
            return "long[]"
        if kinds <= {"long", "double"}:
            return "double[]"
        if kinds <= {"boolean"}:
            return "boolean[]"
        return "string[]"
    return "string"


def _combine(old: str | None, new: str | None) -> str | None:
    if old is None or old == new:
        return new
    if new is None:
        return old
    if {old, new} == {"long", "double"}:
        return "double"
    if {old, new} == {"long[]", "double[]"}:
        return "double[]"
    if old.endswith("[]") and new.endswith("[]"):
        return "string[]"
    return "string"


def _scalar(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "double") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(float(value)) if kind == "double" else str(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _field(value: Any, kind: str | None) -> str:
    """One CSV field of ``value`` written as ``kind`` (arrays joined by the array delimiter)."""
    if value is None or kind is None:
        return ""
    if kind.endswith("[]"):
        if not isinstance(value, list):
            value = [value]
        item_kind = kind[:-2]
        return ARRAY_DELIMITER.join(_scalar(item, item_kind).replace(ARRAY_DELIMITER, "；") for item in value)
    return _scalar(value, kind)


@dataclass
class _Table:
    """One CSV being written: fixed leading columns, then properties in first-seen order."""

    path: Path
    fixed: tuple[str, ...]
    body: TextIO | None  # None: the rows are kept in memory (a writer of one bucket)
    kinds: dict[str, str | None] = field(default_factory=dict)
    rows: int = 0
    kept: list[tuple[list[str], dict[str, Any]]] = field(default_factory=list)

    def add(self, fixed: list[str], props: dict[str, Any]) -> None:
        for key, value in props.items():
            self.kinds[key] = _combine(self.kinds[key], _kind(value)) if key in self.kinds else _kind(value)
        if self.body is None:
            self.kept.append((fixed, props))
        else:
            self.body.write(json.dumps([fixed, props], ensure_ascii=False) + "\n")
        self.rows += 1

    def _stored(self) -> Iterator[tuple[list[str], dict[str, Any]]]:
        if self.body is None:
            yield from self.kept
            return
        self.body.flush()
        self.body.seek(0)
        for line in self.body:
            fixed, props = json.loads(line)
            yield fixed, props

    def finish(self) -> None:
        columns = list(self.kinds)
        kinds = {key: kind or "string[]" for key, kind in self.kinds.items()}
        header = list(self.fixed) + [f"{key}:{kinds[key]}" for key in columns]
        with open(self.path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            for fixed, props in self._stored():
                writer.writerow(fixed + [_field(props.get(key), kinds[key]) for key in columns])
        if self.body is not None:
            self.body.close()
        self.kept = []


@dataclass(frozen=True)
class ImportFiles:
    """What :func:`write_import_files` wrote: the folder, the files, and the counts."""

    folder: Path
    node_files: tuple[Path, ...]
    relationship_files: tuple[Path, ...]
    nodes: int
    relationships: int

    def __str__(self) -> str:
        return (f"wrote {self.nodes} nodes in {len(self.node_files)} files and {self.relationships} relationships "
                f"in {len(self.relationship_files)} files to {self.folder}")


class ImportWriter:
    """Write importer CSVs record by record: ``add_node``/``add_relationship``, then ``close``.

    Each id must be given once (the importer rejects duplicate ids); labels and types must be
    in the model's vocabulary. Memory holds the column types only, so it serves a streaming
    build as well as a graph in memory; ``in_memory`` keeps the rows in memory instead of a
    scratch file (one bucket of a streaming build, in memory anyway). With ``suffix`` the files
    are ``nodes-LABEL{suffix}.csv`` (a streaming build writes one set per bucket,
    ``nodes-Program-00012.csv``).
    """

    def __init__(self, folder: str | Path, suffix: str = "", *, in_memory: bool = False) -> None:
        self.folder = Path(folder)
        self.suffix = suffix  # file names end in it: nodes-Program-00012.csv (one set of files per bucket)
        self.in_memory = in_memory
        self.folder.mkdir(parents=True, exist_ok=True)
        self._scratch = Path(tempfile.mkdtemp(prefix=".rows.", dir=self.folder))
        self._nodes: dict[str, _Table] = {}
        self._rels: dict[str, _Table] = {}

    def _table(self, tables: dict[str, _Table], prefix: str, name: str, fixed: tuple[str, ...]) -> _Table:
        table = tables.get(name)
        if table is None:
            body = None if self.in_memory else open(self._scratch / f"{prefix}{name}.jsonl", "w+",  # noqa: SIM115
                                                    encoding="utf-8")
            table = tables[name] = _Table(self.folder / f"{prefix}{name}{self.suffix}.csv", fixed, body)
        return table

    def add_node(self, node_id: str, data: dict[str, Any]) -> None:
        """One node: ``data`` is its graph attributes (``label`` among them)."""
        from kg.neo4j_load import storable_properties  # noqa: PLC0415 - one place for Neo4j properties

        label = data.get("label")
        if label not in _LABELS:
            raise GraphFileError(f"graph node {node_id!r} has label {label!r}, not one of {', '.join(NodeLabel)}; "
                                 "rebuild the graph with kg build")
        labels = f"{label}{ARRAY_DELIMITER}Entity" if label in ENTITY_LABELS else str(label)
        props = storable_properties(data, skip=("id",))
        self._table(self._nodes, "nodes-", str(label), ("id:ID", ":LABEL")).add([node_id, labels], props)

    def add_relationship(self, source: str, target: str, rel_type: str, data: dict[str, Any]) -> None:
        """One relationship ``source -[rel_type]-> target`` with its graph attributes."""
        from kg.neo4j_load import storable_properties  # noqa: PLC0415

        if rel_type not in _TYPES:
            raise GraphFileError(f"graph edge {source!r} -> {target!r} has type {rel_type!r}, not one of "
                                 f"{', '.join(RelType)}; rebuild the graph with kg build")
        props = storable_properties(data, skip=("type",))
        self._table(self._rels, "relationships-", rel_type, (":START_ID", ":END_ID", ":TYPE")).add(
            [source, target, rel_type], props)

    def close(self) -> ImportFiles:
        """Write every CSV with its final header and remove the scratch rows."""
        try:
            for table in [*self._nodes.values(), *self._rels.values()]:
                table.finish()
        finally:
            shutil.rmtree(self._scratch, ignore_errors=True)
        return ImportFiles(self.folder, tuple(t.path for t in self._nodes.values()),
                           tuple(t.path for t in self._rels.values()),
                           sum(t.rows for t in self._nodes.values()), sum(t.rows for t in self._rels.values()))


def write_import_files(graph: nx.MultiDiGraph, folder: str | Path) -> ImportFiles:
    """Write ``graph`` as bulk-importer CSVs into ``folder`` (created; our files in it are replaced)."""
    writer = ImportWriter(folder)
    for node, data in graph.nodes(data=True):
        writer.add_node(str(node), data)
    for source, target, key, data in graph.edges(keys=True, data=True):
        writer.add_relationship(str(source), str(target), str(data.get("type", key)), data)
    return writer.close()


def _replaceable(folder: Path) -> bool:
    """A folder we may replace: missing, or holding only importer files we wrote."""
    return not folder.exists() or (folder.is_dir() and all(
        child.is_file() and child.name.startswith(_OURS) and child.suffix == ".csv" for child in folder.iterdir()))


def export_graph_dir(graph_dir: str | Path, out: str | Path | None = None) -> ImportFiles:
    """``kg export neo4j-import DIR``: the importer CSVs of ``DIR/graph.json`` in ``DIR/neo4j-import`` (or ``out``).

    The files are written to a temporary sibling folder and renamed into place; a folder
    holding anything else than files this function wrote is never replaced.
    """
    from kg.model import read_graph_dir  # noqa: PLC0415

    graph = read_graph_dir(graph_dir)
    target = Path(out) if out is not None else Path(graph_dir) / IMPORT_FOLDER
    return write_graph_atomically(graph, target)


def write_graph_atomically(graph: nx.MultiDiGraph | None, target: str | Path,
                           writer: Callable[[Path], ImportFiles] | None = None) -> ImportFiles:
    """Write the importer files of ``graph`` (or what ``writer(folder)`` writes) into ``target`` atomically."""
    target = Path(target).resolve()
    if not _replaceable(target):
        raise KGError(f"{target} exists and holds other files than nodes-*.csv/relationships-*.csv; "
                      "choose another --out or empty it")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        if writer is not None:
            files = writer(tmp)
        elif graph is not None:
            files = write_import_files(graph, tmp)
        else:
            raise ValueError("write_graph_atomically needs a graph or a writer")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; the folder gets normal permissions
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ImportFiles(target, tuple(target / p.name for p in files.node_files),
                       tuple(target / p.name for p in files.relationship_files), files.nodes, files.relationships)


def apply_schema(*, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None, retry_seconds: float = 60.0) -> None:
    """After an import: the constraints and the ``cjk`` full-text index, then wait until they are online."""
    from neo4j.exceptions import DriverError, Neo4jError  # noqa: PLC0415

    from kg.errors import DatabaseError  # noqa: PLC0415
    from kg.neo4j_connect import connect, explain, settings  # noqa: PLC0415
    from kg.neo4j_load import create_schema  # noqa: PLC0415

    conf = settings(uri, user, password, database, retry_seconds=retry_seconds)
    with connect(conf) as driver:
        try:
            create_schema(driver, conf.database)
            driver.execute_query("CALL db.awaitIndexes(600)", database_=conf.database)
        except (DriverError, Neo4jError, OSError) as error:
            raise DatabaseError(explain(error, conf)) from None


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.neo4j_import schema``: apply the schema to the database at NEO4J_URI (used by the script)."""
    import sys  # noqa: PLC0415

    args = sys.argv[1:] if argv is None else argv
    if args != ["schema"]:
        print("usage: python -m kg.neo4j_import schema   (connection: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)",
              file=sys.stderr)
        return 2
    try:
        apply_schema()
    except KGError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Named, read-only Cypher queries: the commented ``queries/*.cypher`` files, run with parameters.

Each file's leading ``//`` comment says what it answers and which ``$parameters`` it takes.
Queries and ad-hoc Cypher run in a READ access-mode transaction, so the server itself
refuses any write, and are first checked by :mod:`kg.cypher_guard` (no ``LOAD CSV``, only
allow-listed procedures), so they cannot read the server's files.

Example:
    >>> [q.name for q in list_queries()][:2]
    ['company_projects', 'neighbourhood']
    >>> columns, rows = run_query("search", {"q": "供水"})   # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import RoutingControl
from neo4j.exceptions import DriverError, Neo4jError
from neo4j.graph import Node, Path as GraphPath, Relationship

from kg.cypher_guard import check_read_only
from kg.errors import DatabaseError, KGError
from kg.neo4j_connect import connect, explain, settings
from kg.text_table import align_columns, display_width

__all__ = ["NamedQuery", "QueryError", "QUERIES_DIR", "list_queries", "get_query", "run_query", "run_cypher",
           "parse_params", "format_table"]

#: The folder of named queries (``queries/`` at the project root; KG_QUERIES_DIR overrides it).
QUERIES_DIR = Path(os.environ.get("KG_QUERIES_DIR", Path(__file__).resolve().parent.parent / "queries"))

_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


class QueryError(KGError):
    """A named query does not exist or was given the wrong parameters."""


@dataclass(frozen=True)
class NamedQuery:
    """One ``queries/NAME.cypher`` file: its name, what it answers, its parameters and its text."""

    name: str
    description: str
    parameters: tuple[str, ...]
    text: str


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    comments: list[str] = []
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        (comments if stripped.startswith("//") else body).append(stripped.lstrip("/").strip())
    summary = " ".join(c for c in comments if c and not c.lower().startswith("parameters"))
    code = "\n".join(body)
    params = tuple(dict.fromkeys(_PARAM.findall(code)))
    return NamedQuery(path.stem, summary, params, text)


def list_queries(queries_dir: str | Path | None = None) -> list[NamedQuery]:
    """Every named query in ``queries_dir`` (default :data:`QUERIES_DIR`), sorted by name."""
    folder = Path(queries_dir) if queries_dir is not None else QUERIES_DIR
    if not folder.is_dir():
        raise QueryError(f"no query folder at {folder}; set KG_QUERIES_DIR to the project's queries/ folder")
    return [_parse(path) for path in sorted(folder.glob("*.cypher"))]


def get_query(name: str, queries_dir: str | Path | None = None) -> NamedQuery:
    """The named query ``name``; QueryError listing the valid names if there is none."""
    queries = {q.name: q for q in list_queries(queries_dir)}
    if name not in queries:
        raise QueryError(f"no query named {name!r}; choose one of: {', '.join(queries)}")
    return queries[name]


def _plain(value: Any) -> Any:
    """Nodes, relationships and paths as plain Python values (for printing and JSON)."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value.items())}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value.items())}
    if isinstance(value, GraphPath):
        return [_plain(node) for node in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def run_cypher(text: str, params: dict[str, Any] | None = None, *, uri: str | None = None,
               user: str | None = None, password: str | None = None,
               database: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """Run Cypher read-only (a READ transaction: the server refuses writes); return (columns, rows).

    Raises :class:`kg.cypher_guard.RefusedQuery` for LOAD CSV and procedures outside the allow-list.
    """
    check_read_only(text)  # before any connection: no LOAD CSV, only allow-listed procedures
    conf = settings(uri, user, password, database, retry_seconds=5.0)
    with connect(conf) as driver:
        try:
            result = driver.execute_query(text, params or {}, database_=conf.database,
                                          routing_=RoutingControl.READ)
        except (DriverError, Neo4jError, OSError) as error:
            raise DatabaseError(explain(error, conf)) from None
    columns = list(result.keys)
    return columns, [[_plain(record[c]) for c in columns] for record in result.records]


def run_query(name: str, params: dict[str, Any] | None = None, *, uri: str | None = None,
              user: str | None = None, password: str | None = None, database: str | None = None,
              queries_dir: str | Path | None = None) -> tuple[list[str], list[list[Any]]]:
    """Run the named query with ``params``, checking that exactly its $parameters are given."""
    query = get_query(name, queries_dir)
    given = dict(params or {})
    missing = [p for p in query.parameters if p not in given]
    unknown = [p for p in given if p not in query.parameters]
    if missing or unknown:
        wanted = ", ".join(f"-p {p}=…" for p in query.parameters) or "no parameters"
        raise QueryError(f"query {name!r} takes {wanted}; "
                         + (f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"))
    return run_cypher(query.text, given, uri=uri, user=user, password=password, database=database)


def parse_params(items: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` strings as query parameters; numbers, booleans and JSON lists are decoded, the rest stay text."""
    params: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {item!r} is not key=value; write it like -p name=三供一业")
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = value
        params[key.strip()] = decoded if isinstance(decoded, (int, float, bool, list)) else value
    return params


def _cell(value: Any, limit: int) -> str:
    text = value if isinstance(value, str) else "" if value is None else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    while display_width(text) > limit:
        text = text[:-2] + "…"
    return text


def format_table(columns: list[str], rows: list[list[Any]], *, max_width: int = 48) -> str:
    """A plain-text table (CJK-aware column widths, long cells cut to ``max_width``) with a row count."""
    cells = [[_cell(c, max_width) for c in columns]] + [[_cell(v, max_width) for v in row] for row in rows]
    lines = align_columns(cells)
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(columns))]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)

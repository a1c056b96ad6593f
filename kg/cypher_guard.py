"""What ``kg query`` lets through: read-only Cypher that cannot reach the server's disk or admin procedures.

The READ access mode of the transaction stops writes, but not reads of the server's own files
(``LOAD CSV FROM 'file:///etc/passwd'``) or procedures that reveal or change the server
(``CALL dbms.…``). So before a query is sent, its text — with string literals and comments
removed, so a search for the words "LOAD CSV" still works — must not contain ``LOAD CSV``, and
every procedure it ``CALL``s must be on :data:`ALLOWED_PROCEDURES`. Subqueries (``CALL {…}``,
``CALL (x) {…}``) are plain Cypher and allowed.

Example:
    >>> check_read_only("MATCH (p:Program) RETURN p.name")
    >>> check_read_only("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")
    Traceback (most recent call last):
    ...
    kg.cypher_guard.RefusedQuery: kg query refuses LOAD CSV (it reads files on the database server); query the graph instead
"""
from __future__ import annotations

import re

from kg.errors import KGError

__all__ = ["ALLOWED_PROCEDURES", "RefusedQuery", "check_read_only", "procedures_called"]

#: Procedures a read-only query may call: full-text search and schema listings, nothing else.
ALLOWED_PROCEDURES: frozenset[str] = frozenset({
    "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships",
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
    "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties",
})

# string literals ('…', "…" with backslash escapes) and comments (// to end of line, /* … */)
_NOISE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/""", re.DOTALL)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_CALL = re.compile(r"\bCALL\s+(?![({])((?:`[^`]*`|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:`[^`]*`|[A-Za-z_][\w$]*))*)",
                   re.IGNORECASE)


class RefusedQuery(KGError):
    """A query kg will not send: it could read the server's files or call a procedure outside the allow-list."""


def _code(text: str) -> str:
    """The query without string literals and comments (they are replaced by a space)."""
    return _NOISE.sub(" ", text)


def procedures_called(text: str) -> list[str]:
    """The procedure names a query CALLs (lower case, backticks and spaces removed), in order."""
    names = []
    for match in _CALL.finditer(_code(text)):
        names.append(re.sub(r"[`\s]", "", match.group(1)).lower())
    return names


def check_read_only(text: str) -> None:
    """Raise RefusedQuery when ``text`` uses LOAD CSV or CALLs a procedure outside :data:`ALLOWED_PROCEDURES`."""
    code = _code(text)
    if _LOAD_CSV.search(code):
        raise RefusedQuery("kg query refuses LOAD CSV (it reads files on the database server); query the graph instead")
    for name in procedures_called(text):
        if name not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            raise RefusedQuery(f"kg query refuses CALL {name}: only these procedures are allowed: {allowed}")

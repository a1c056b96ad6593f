"""The project's error hierarchy (one base class, as in networkx.exception)."""
from __future__ import annotations

from extractors.errors import GlossaryFormatError, InputError, KGError

__all__ = ["KGError", "InputError", "GlossaryFormatError", "GraphFileError", "DatabaseError"]


class GraphFileError(KGError):
    """A graph folder written by ``kg build`` is missing or unreadable."""


class DatabaseError(KGError):
    """Neo4j is unreachable, refuses the credentials, or a load failed part way."""

"""Extraction stages: ingest → structure → segment → entities → glossary → relations.

``extract_file``, ``extract_document`` and ``Extraction`` are available here and imported on
first use; the stages live in their modules (``extractors.pipeline`` registers them by name).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"extract_file": "extractors.pipeline", "extract_document": "extractors.pipeline",
            "Extraction": "extractors.pipeline"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is used (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'extractors' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value

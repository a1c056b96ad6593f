"""Extraction stages: ingest → structure → segment → entities → glossary → relations.

``extract_file``, ``extract_document`` and ``Extraction`` are available here and imported on
first use; the stages live in their modules (``extractors.pipeline`` registers them by name).
"""
from __future__ import annotations

from extractors.lazy import lazy_exports

_EXPORTS = {"extract_file": "extractors.pipeline", "extract_document": "extractors.pipeline",
            "Extraction": "extractors.pipeline"}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)

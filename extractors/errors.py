"""Errors the extractors raise; the CLI turns each into one line and a non-zero exit."""
from __future__ import annotations

__all__ = ["KGError", "InputError", "GlossaryFormatError"]


class KGError(Exception):
    """Base class of every error this project raises on purpose."""


class InputError(KGError):
    """A file cannot be read as a report (empty, binary, unknown encoding, too large…)."""


class GlossaryFormatError(KGError):
    """A glossary (名词解释) entry does not have the shape ``N.术语（P3）：定义``."""

"""One validating loader for the rule data files (JSON tables and JSONL rows).

Every error names the file (and the line for JSONL) and what to fix: a file
that cannot be parsed, a missing key, an unknown key (a misspelt key must not
silently disable a rule), a value of the wrong kind, a label that is not an
entity type, or a pattern listed twice.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from extractors.errors import KGError
from extractors.records import ENTITY_TYPES

__all__ = ["load_table", "load_rows", "load_patterns", "VocabularyError"]


class VocabularyError(KGError):
    """A rule data file is malformed (its message names the file, the line and the fix)."""


def _kind_ok(value: Any, kind: type | tuple[type, ...]) -> bool:
    if kind is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def load_table(path: Path, fields: Mapping[str, type | tuple[type, ...]]) -> dict[str, Any]:
    """A JSON object whose keys are exactly ``fields`` (plus ``_comment``/``_…`` notes), each of its kind.

    ``list`` means a list of strings. Raises :class:`VocabularyError` naming the file and the key.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise VocabularyError(f"{path}: cannot be read ({error.strerror}); restore it from the repository") from None
    except json.JSONDecodeError as error:
        raise VocabularyError(f"{path} at line {error.lineno}: invalid JSON ({error.msg}); fix the file") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: expected a JSON object with keys {', '.join(fields)}")
    keys = {key for key in data if not key.startswith("_")}
    missing, unknown = sorted(set(fields) - keys), sorted(keys - set(fields))
    if missing:
        raise VocabularyError(f"{path}: missing key {', '.join(missing)}; expected {', '.join(fields)}")
    if unknown:
        raise VocabularyError(f"{path}: unknown key {', '.join(unknown)}; expected {', '.join(fields)}")
    for key, kind in fields.items():
        if not _kind_ok(data[key], kind):
            name = "a list of strings" if kind is list else getattr(kind, "__name__", str(kind))
            raise VocabularyError(f"{path}: key {key!r} must be {name}")
    return {key: data[key] for key in fields}


def load_patterns(path: Path, what: str) -> re.Pattern[str] | None:
    """The regular expressions of a text file, one a line (blank and ``#`` lines skipped), as one alternation.

    ``None`` when the file lists none. An invalid line raises :class:`VocabularyError` naming the
    file, the line and ``what`` the patterns are for.
    """
    parts = []
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                re.compile(line)
            except re.error as error:
                raise VocabularyError(f"{path}:{lineno}: invalid {what} pattern {line!r} ({error}); "
                                      "fix or remove that line.") from None
            parts.append(f"(?:{line})")
    return re.compile("|".join(parts)) if parts else None


def load_rows(paths: Iterable[Path], required: tuple[str, ...], optional: tuple[str, ...] = (),
              unique: str | None = None) -> list[dict[str, Any]]:
    """The rows of JSONL files (``#`` lines are comments), each with the ``required`` keys.

    A key outside ``required + optional`` is an error, as is a ``label`` that is not an entity
    type and, with ``unique``, a value of that key listed twice (in any of the files).
    """
    allowed = set(required) | set(optional)
    first: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise VocabularyError(f"{path}: cannot be read ({error.strerror}); restore it from the repository") from None
        for lineno, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path} at line {lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise VocabularyError(f"invalid rule in {where}: {error.msg}; fix the JSON") from None
            if not isinstance(row, dict):
                raise VocabularyError(f"invalid rule in {where}: expected a JSON object")
            missing = [key for key in required if key not in row]
            if missing:
                raise VocabularyError(f"invalid rule in {where}: missing {', '.join(missing)}")
            unknown = sorted(set(row) - allowed)
            if unknown:
                raise VocabularyError(f"invalid rule in {where}: unknown key {', '.join(unknown)}; "
                                      f"allowed: {', '.join(sorted(allowed))}")
            if "label" in row and row["label"] not in ENTITY_TYPES:
                raise VocabularyError(f"invalid rule in {where}: label {row['label']!r} is not one of "
                                      f"{', '.join(ENTITY_TYPES)}")
            if unique is not None:
                value = str(row[unique])
                if value in first:
                    raise VocabularyError(f"invalid rule in {where}: {unique} {value!r} is already listed in "
                                          f"{first[value]}; keep one")
                first[value] = where
            rows.append(row)
    return rows

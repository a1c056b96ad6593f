"""One validating loader for the rule data files (JSON tables and JSONL rows).

Every error names the file, the line and what to fix: a file
that cannot be parsed, a missing key, an unknown key (a misspelt key must not
silently disable a rule), a value of the wrong kind, a label that is not an
entity type, or a pattern listed twice.
"""
from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from extractors.errors import KGError
from extractors.records import ENTITY_TYPES

__all__ = ["load_table", "load_rows", "load_patterns", "alternation", "VocabularyError", "WORD_LISTS"]


class VocabularyError(KGError):
    """A rule data file is malformed (its message names the file, the line and the fix)."""


#: a kind in a table schema: an object whose keys are free (entity types, ``default``) and whose
#: values are lists of strings (``{"Program": ["重点", …], "default": […]}``)
WORD_LISTS = "word lists"
#: a kind in a table schema: a list of lists of strings (``[["省", "自治区"], ["市", "州"]]``)
LIST_OF_LISTS = "list of lists"

Kind = Any  # list (of strings), str, int, bool, WORD_LISTS, or a nested schema (a Mapping of key → kind)


def _kind_ok(value: Any, kind: Kind) -> bool:
    if kind is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == WORD_LISTS:
        return isinstance(value, dict) and all(_kind_ok(words, list) for words in value.values())
    if kind == LIST_OF_LISTS:
        return isinstance(value, list) and all(_kind_ok(words, list) for words in value)
    if isinstance(kind, Mapping):
        return isinstance(value, dict)
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def _kind_name(kind: Kind) -> str:
    if kind is list:
        return "a list of strings"
    if kind == WORD_LISTS:
        return "an object of lists of strings"
    if kind == LIST_OF_LISTS:
        return "a list of lists of strings"
    if isinstance(kind, Mapping):
        return f"an object with keys {', '.join(kind)}"
    return getattr(kind, "__name__", str(kind))


def _line_of(lines: list[str], key: str | None, after: int = 0) -> int:
    """The 1-based line where ``"key":`` first appears after line ``after`` (the object's first
    line when ``key`` is None or not found)."""
    if key is not None:
        pattern = re.compile(rf'"{re.escape(key)}"\s*:')
        for number in range(after, len(lines)):
            if pattern.search(lines[number]):
                return number + 1
    return after + 1 if after < len(lines) else 1


def _check_object(data: dict[str, Any], fields: Mapping[str, Kind], path: Path, lines: list[str],
                  start: int, where: str) -> None:
    """Raise naming file and line unless ``data`` has exactly the keys of ``fields``, each of its kind."""
    keys = {key for key in data if not key.startswith("_")}
    missing, unknown = sorted(set(fields) - keys), sorted(keys - set(fields))
    expected = ", ".join(fields)
    if unknown:  # a misspelt key is unknown and its right spelling missing: name both
        also = f"; missing key {', '.join(missing)}" if missing else ""
        raise VocabularyError(f"{path} at line {_line_of(lines, unknown[0], start)}: unknown key "
                              f"{', '.join(unknown)}{where}{also}; expected {expected}")
    if missing:
        raise VocabularyError(f"{path} at line {start + 1}: missing key {', '.join(missing)}{where}; "
                              f"expected {expected} (an optional value is present and empty)")
    for key, kind in fields.items():
        if not _kind_ok(data[key], kind):
            raise VocabularyError(f"{path} at line {_line_of(lines, key, start)}: key {key!r}{where} "
                                  f"must be {_kind_name(kind)}")
        if isinstance(kind, Mapping):
            _check_object(data[key], kind, path, lines, _line_of(lines, key, start) - 1, f" (in {key!r})")


def load_table(path: Path, fields: Mapping[str, Kind]) -> dict[str, Any]:
    """A JSON object whose keys are exactly ``fields`` (plus ``_comment``/``_…`` notes), each of its kind.

    A kind is ``list`` (a list of strings), ``str``, ``int``, ``bool``, :data:`WORD_LISTS`,
    :data:`LIST_OF_LISTS` or a nested
    schema (a mapping of key → kind, checked the same way). There are no defaults: a missing key,
    an unknown (misspelt) key and a value of the wrong kind raise :class:`VocabularyError` naming
    the file and the line.
    """
    text = _read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise VocabularyError(f"{path} at line {error.lineno}: invalid JSON ({error.msg}); fix the file") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{path} at line 1: expected a JSON object with keys {', '.join(fields)}")
    _check_object(data, fields, path, text.splitlines(), 0, "")
    return {key: data[key] for key in fields}


def _read_text(path: Path) -> str:
    """The text of a rule file, or a :class:`VocabularyError` naming it when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise VocabularyError(f"{path}: cannot be read ({error.strerror}); restore it from the repository") from None
    except UnicodeDecodeError as error:
        raise VocabularyError(f"{path}: cannot be read (not UTF-8 at byte {error.start}); "
                              "save it as UTF-8") from None


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (escaped), longest first: 投资建设 before 建设.

    Each word appears once (a word listed twice never changes what matches), in the order given
    among words of one length; no words give the empty pattern.
    """
    return "|".join(map(re.escape, sorted(dict.fromkeys(words), key=len, reverse=True)))


def load_patterns(path: Path, what: str) -> re.Pattern[str] | None:
    """The regular expressions of a text file, one a line (blank and ``#`` lines skipped), as one alternation.

    ``None`` when the file lists none. An invalid line raises :class:`VocabularyError` naming the
    file, the line and ``what`` the patterns are for; so does a file that cannot be read.
    """
    parts = []
    for lineno, line in enumerate(_read_text(path).split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            re.compile(line)
        except re.error as error:
            raise VocabularyError(f"{path} at line {lineno}: invalid {what} pattern {line!r} ({error}); "
                                  "fix or remove that line.") from None
        parts.append(f"(?:{line})")
    return re.compile("|".join(parts)) if parts else None


def load_rows(paths: Iterable[Path], required: tuple[str, ...],
              optional: tuple[str, ...] | Mapping[str, Any] = (), unique: str | None = None,
              labels: Collection[str] = ENTITY_TYPES) -> list[dict[str, Any]]:
    """The rows of JSONL files (``#`` lines are comments), each with the ``required`` keys.

    A key outside ``required + optional`` is an error, as is a ``label`` outside ``labels`` (by
    default the entity types) and, with ``unique``, a value of that key listed twice (in any of the files). When
    ``optional`` maps keys to defaults, a row without one of them gets its default, so the
    rule code reads ``row[key]``, never ``row.get(key, …)``.
    """
    defaults = dict(optional) if isinstance(optional, Mapping) else {}
    allowed = set(required) | set(optional)
    first: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for path in paths:
        lines = _read_text(path).splitlines()
        for lineno, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path} at line {lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise VocabularyError(f"{where}: invalid JSON ({error.msg}); fix the JSON") from None
            if not isinstance(row, dict):
                raise VocabularyError(f"{where}: expected a JSON object")
            missing = [key for key in required if key not in row]
            if missing:
                raise VocabularyError(f"{where}: missing {', '.join(missing)}")
            unknown = sorted(set(row) - allowed)
            if unknown:
                raise VocabularyError(f"{where}: unknown key {', '.join(unknown)}; "
                                      f"allowed: {', '.join(sorted(allowed))}")
            if "label" in row and row["label"] not in labels:
                raise VocabularyError(f"{where}: label {row['label']!r} is not one of "
                                      f"{', '.join(labels)}")
            if unique is not None:
                value = str(row[unique])
                if value in first:
                    raise VocabularyError(f"{where}: {unique} {value!r} is already listed in "
                                          f"{first[value]}; keep one")
                first[value] = where
            rows.append({**defaults, **row})
    return rows

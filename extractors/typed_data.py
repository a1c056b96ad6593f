"""Typed vocabularies: a rule family's JSON data file read into a frozen dataclass.

The file is read and checked by the one loader, :func:`extractors.vocabulary.load_table`
(missing or unknown keys and values of the wrong kind are errors naming the file and the
line); this module only turns the checked values into the family's dataclass, by the type
each field declares:

- ``tuple[str, ...]`` and ``frozenset[str]``: a list of strings in the file;
- ``str`` and ``int``: a string or a number;
- ``re.Pattern[str]`` (or any field whose name ends in ``_pattern``): a regular expression;
- ``dict[str, frozenset[str]]`` / ``dict[str, tuple[str, ...]]``: an object of lists of strings
  keyed by entity type (or ``default``).
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, TypeVar

from extractors.vocabulary import WORD_LISTS, VocabularyError, load_table

__all__ = ["load_vocabulary"]

V = TypeVar("V")
_KINDS = {"int": int, "str": str}


def _kind(field: dataclasses.Field) -> Any:
    declared = str(field.type)
    if field.name.endswith("_pattern") or declared.startswith("re.Pattern"):
        return str
    if declared.startswith("dict["):
        return WORD_LISTS
    return _KINDS.get(declared, list)


def _convert(path: Path, field: dataclasses.Field, value: Any) -> Any:
    declared = str(field.type)
    if field.name.endswith("_pattern") or declared.startswith("re.Pattern"):
        try:
            return re.compile(value)
        except re.error as error:
            raise VocabularyError(f"{path}: key {field.name!r} is not a valid pattern ({error})") from None
    collection = frozenset if "frozenset[" in declared else tuple
    if declared.startswith("dict["):
        return {key: collection(words) for key, words in value.items()}
    return collection(value) if isinstance(value, list) else value


def load_vocabulary(path: Path, schema: type[V]) -> V:
    """The vocabulary in ``path`` as an instance of the dataclass ``schema`` (see the module docstring)."""
    fields = dataclasses.fields(schema)  # type: ignore[arg-type]
    data = load_table(path, {field.name: _kind(field) for field in fields})
    return schema(**{field.name: _convert(path, field, data[field.name]) for field in fields})

"""Typed vocabularies: a rule family's JSON data file read into a frozen dataclass.

The file is read and checked by the one loader, :func:`extractors.vocabulary.load_table`
(missing or unknown keys and values of the wrong kind are errors naming the file and the
line); this module only turns the checked values into the family's dataclass, by the type
each field declares:

- ``tuple[str, ...]`` and ``frozenset[str]``: a list of strings in the file;
- ``tuple[tuple[str, ...], ...]``: a list of lists of strings;
- ``str`` and ``int``: a string or a number;
- ``re.Pattern[str]`` (or any field whose name ends in ``_pattern``): a regular expression;
- ``dict[str, frozenset[str]]`` / ``dict[str, tuple[str, ...]]``: an object of lists of strings
  keyed by entity type (or ``default``);
- another dataclass: an object whose keys are that dataclass's fields, read the same way.

The file's keys are the dataclass's ``init`` fields, one each. A field declared with
``field(init=False)`` is derived: no key in the file, computed by the dataclass's
``__post_init__`` from the loaded fields.
"""
from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path
from typing import Any, TypeVar

from extractors.vocabulary import LIST_OF_LISTS, WORD_LISTS, VocabularyError, load_table

__all__ = ["load_vocabulary"]

V = TypeVar("V")
_KINDS = {"int": int, "str": str}


def _file_fields(schema: Any) -> list[dataclasses.Field]:
    """The fields of ``schema`` that are keys of the file (derived ``init=False`` fields are not)."""
    return [field for field in dataclasses.fields(schema) if field.init]


def _nested(schema: Any) -> dict[str, Any]:
    """Field name → the dataclass it declares, for the fields that are nested objects."""
    hints = typing.get_type_hints(schema)
    return {field.name: hints[field.name] for field in _file_fields(schema)
            if dataclasses.is_dataclass(hints[field.name])}


def _kind(field: dataclasses.Field) -> Any:
    declared = str(field.type)
    if field.name.endswith("_pattern") or declared.startswith("re.Pattern"):
        return str
    if declared.startswith("dict["):
        return WORD_LISTS
    if declared.startswith("tuple[tuple["):
        return LIST_OF_LISTS
    return _KINDS.get(declared, list)


def _schema(schema: Any) -> dict[str, Any]:
    """The :func:`~extractors.vocabulary.load_table` schema of the dataclass ``schema``."""
    nested = _nested(schema)
    return {field.name: _schema(nested[field.name]) if field.name in nested else _kind(field)
            for field in _file_fields(schema)}


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
    if declared.startswith("tuple[tuple["):
        return tuple(tuple(words) for words in value)
    return collection(value) if isinstance(value, list) else value


def _build(path: Path, schema: type[V], data: dict[str, Any]) -> V:
    nested = _nested(schema)
    return schema(**{field.name: _build(path, nested[field.name], data[field.name]) if field.name in nested
                     else _convert(path, field, data[field.name]) for field in _file_fields(schema)})


def load_vocabulary(path: Path, schema: type[V]) -> V:
    """The vocabulary in ``path`` as an instance of the dataclass ``schema`` (see the module docstring)."""
    return _build(path, schema, load_table(path, _schema(schema)))

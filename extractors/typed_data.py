"""Typed vocabularies: one JSON data file per rule family, checked against a dataclass when loaded.

A rule family declares its vocabulary as a frozen dataclass whose fields are
tuples of words (or strings and integers); :func:`load_vocabulary` reads the
family's JSON file and fails with the file's name on a missing key, an unknown
key (a misspelt key must not silently disable a rule) or a value of the wrong
shape. Keys starting with ``_`` are comments.
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any, TypeVar

from extractors.errors import KGError

__all__ = ["load_vocabulary"]

V = TypeVar("V")


def load_vocabulary(path: Path, schema: type[V]) -> V:
    """The vocabulary in ``path`` as an instance of the dataclass ``schema``.

    Lists become tuples; a field whose name ends in ``_pattern`` is compiled as a
    regular expression. Raises KGError naming the file for missing or unknown keys,
    wrong value types and invalid patterns.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise KGError(f"cannot read rule data {path}: {error.strerror}; reinstall the package") from None
    except json.JSONDecodeError as error:
        raise KGError(f"invalid rule data in {path} at line {error.lineno}: {error.msg}; fix the JSON") from None
    if not isinstance(data, dict):
        raise KGError(f"invalid rule data in {path}: the file must hold one JSON object")
    fields = {f.name: f for f in dataclasses.fields(schema)}  # type: ignore[arg-type]
    keys = {key for key in data if not key.startswith("_")}
    unknown, missing = sorted(keys - set(fields)), sorted(set(fields) - keys)
    if unknown or missing:
        problems = ([f"unknown key {', '.join(unknown)}"] if unknown else []) + \
                   ([f"missing key {', '.join(missing)}"] if missing else [])
        raise KGError(f"invalid rule data in {path}: {'; '.join(problems)}")
    values: dict[str, Any] = {}
    for name in fields:
        value = data[name]
        if name.endswith("_pattern"):
            if not isinstance(value, str):
                raise KGError(f"invalid rule data in {path}: {name} must be a regular expression string")
            try:
                values[name] = re.compile(value)
            except re.error as error:
                raise KGError(f"invalid rule data in {path}: {name} is not a valid pattern ({error})") from None
        elif isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise KGError(f"invalid rule data in {path}: every item of {name} must be a string")
            values[name] = tuple(value)
        elif isinstance(value, (str, int)):
            values[name] = value
        else:
            raise KGError(f"invalid rule data in {path}: {name} must be a list of strings, a string or a number")
    return schema(**values)

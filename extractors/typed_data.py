"""Typed vocabularies: a rule family's JSON data file read into a frozen dataclass.

The file is read and checked by the one loader, :func:`extractors.vocabulary.load_table`
(missing or unknown keys and values of the wrong kind are errors naming the file); this
module only turns the checked values into the family's dataclass: lists become tuples and
a field whose name ends in ``_pattern`` is compiled as a regular expression.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, TypeVar

from extractors.vocabulary import VocabularyError, load_table

__all__ = ["load_vocabulary"]

V = TypeVar("V")
_KINDS = {"int": int, "str": str}


def load_vocabulary(path: Path, schema: type[V]) -> V:
    """The vocabulary in ``path`` as an instance of the dataclass ``schema`` (see the module docstring)."""
    fields = dataclasses.fields(schema)  # type: ignore[arg-type]
    kinds: dict[str, type] = {f.name: (str if f.name.endswith("_pattern") else _KINDS.get(str(f.type), list))
                              for f in fields}
    data = load_table(path, kinds)
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name.endswith("_pattern"):
            try:
                values[name] = re.compile(value)
            except re.error as error:
                raise VocabularyError(f"{path}: key {name!r} is not a valid pattern ({error})") from None
        else:
            values[name] = tuple(value) if isinstance(value, list) else value
    return schema(**values)

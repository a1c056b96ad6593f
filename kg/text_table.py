"""Plain-text tables whose columns line up in a terminal even with Chinese text.

A CJK character takes two terminal columns, so ``str.ljust`` misaligns tables of
Chinese names. Every table the CLI prints (``kg indicators``, ``kg query``,
``kg timeline``, ``kg compare``) is aligned here; each caller only turns its
values into strings.

Example:
    >>> print("\\n".join(align_columns([["名称", "n"], ["三供一业", "1"], ["ab", "22"]])))
    名称      n
    三供一业  1
    ab        22
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "align_columns"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def align_columns(rows: Sequence[Sequence[str]], *, gap: str = "  ") -> list[str]:
    """The rows (first row the header) as lines with columns padded to the widest cell."""
    if not rows:
        return []
    widths = [max(display_width(row[k]) for row in rows) for k in range(len(rows[0]))]
    return [gap.join(cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths)).rstrip()
            for row in rows]

"""Terminal tables line up by display width, Chinese characters counting two columns."""
from __future__ import annotations

import pytest

from kg.text_table import align_columns, display_width


@pytest.mark.parametrize("text, width", [("ab", 2), ("三供一业", 8), ("供水，a", 7), ("", 0)])
def test_text_table_display_width_counts_wide_characters_twice(text: str, width: int) -> None:
    assert display_width(text) == width


@pytest.mark.parametrize("rows", [
    [["name", "n"], ["三供一业", "1"], ["ab", "22"]],
    [["项目", "状态", "年份"], ["青塘变电站", "开工", "2018"], ["x", "", "2019"]],
])
def test_text_table_second_column_starts_at_one_display_column(rows: list[list[str]]) -> None:
    lines = align_columns(rows)
    first_width = max(display_width(row[0]) for row in rows)
    starts = {display_width(line[: len(row[0]) + 2 + (first_width - display_width(row[0]))]) for line, row in zip(lines, rows)}
    assert starts == {first_width + 2}
    assert all(line == line.rstrip() for line in lines)


def test_text_table_no_rows_gives_no_lines() -> None:
    assert align_columns([]) == []

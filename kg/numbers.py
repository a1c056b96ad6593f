"""Numbers as people write them: 219.4亿元, 8.0%, 80.3%, 11,794人, 年均12.1%（2010–2015）.

Extraction keeps values in base units (``21940000000`` 元, growth ``0.08``, rates as
``ratio``) so machines can compute with them; every human-facing output (terminal
tables, notebook charts, the page) turns them back into the way a report writes them
with the functions here. Machine outputs (CSV, JSON) keep the raw value, unit and basis
in their own columns and never go through this module.

The rules:

* an amount of 100,000,000 or more is written in 亿, of 1,000,000 or more in 万, with at
  most two decimals (trailing zeros dropped); a smaller one in full with thousands
  separators: 219.4亿元, 545万元, 11,794人;
* a rate (unit ``ratio``) and a growth are percentages with at least one decimal and at
  most two: 80.3%, 8.0%, 23.53%; a fall carries a minus sign (−2.0%);
* the basis comes first (同口径8.5%, 年均12.1%（2010–2015） when the base year is known),
  a sentence qualifier first (预计8.0%), a bound after (8.0%左右, 20.0%以上, 2.2%以内);
  a range stated in the report (4%-5%) is shown as written.

Example:
    >>> format_amount(21940000000, "元")
    '219.4亿元'
    >>> format_growth(0.121, basis="年均", period_start=2010, year=2015)
    '年均12.1%（2010–2015）'
    >>> format_indicator({"name": "地区生产总值", "value": 21940000000, "unit": "元", "growth": 0.08})
    '地区生产总值 219.4亿元，增长8.0%'
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = ["AFTER_QUALIFIERS", "BEFORE_QUALIFIERS", "format_decimal", "format_amount", "format_percent",
           "format_growth", "format_points", "display_scale", "indicator_cells", "format_indicator"]

#: Qualifiers written after the number (8%左右) and before it (预计8%); others are shown after.
AFTER_QUALIFIERS: frozenset[str] = frozenset({"左右", "以上", "以内", "以下", "之内", "上下"})
BEFORE_QUALIFIERS: frozenset[str] = frozenset({"预计", "约"})

# (smallest value, divisor, prefix): 亿 from one 亿, 万 from a million (below, the full number reads well)
_SCALES: tuple[tuple[int, int, str], ...] = ((100_000_000, 100_000_000, "亿"), (1_000_000, 10_000, "万"))
_PREFIXED = {"元", "美元", "人", "人次", "户", "亩", "平方米", "吨", "斤", "千瓦"}  # units that take 万 / 亿


def format_decimal(number: float, *, least: int = 0, most: int = 2) -> str:
    """``number`` rounded half up to ``most`` decimals, trailing zeros dropped down to ``least``.

    >>> format_decimal(219.4), format_decimal(8, least=1), format_decimal(23.534, least=1)
    ('219.4', '8.0', '23.53')
    """
    text = f"{Decimal(repr(float(number))).quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP):f}"
    if "." in text:
        head, tail = text.split(".")
        tail = tail.rstrip("0").ljust(least, "0")
        text = f"{head}.{tail}" if tail else head
    return "0" if text in ("-0", "-0.0") else text.replace("-", "−")


def _thousands(number: float) -> str:
    rounded = round(number, 2)
    whole = int(rounded)
    if rounded == whole:
        return f"{whole:,}".replace("-", "−")
    return f"{rounded:,.2f}".rstrip("0").rstrip(".").replace("-", "−")


def format_percent(fraction: float) -> str:
    """A fraction as a percentage with one or two decimals.

    >>> format_percent(0.803), format_percent(0.08), format_percent(0.2353), format_percent(-0.02)
    ('80.3%', '8.0%', '23.53%', '−2.0%')
    """
    return f"{format_decimal(fraction * 100, least=1)}%"


def format_amount(value: float | int | None, unit: str | None) -> str:
    """A value in its base unit as a report writes it; ``ratio`` becomes a percentage; None → "".

    >>> format_amount(21940000000, "元"), format_amount(5450000, "元"), format_amount(11794, "人")
    ('219.4亿元', '545万元', '11,794人')
    >>> format_amount(0.803, "ratio"), format_amount(45243, "元"), format_amount(1507000000, "元")
    ('80.3%', '45,243元', '15.07亿元')
    """
    if value is None:
        return ""
    unit = unit or ""
    if unit == "ratio":
        return format_percent(value)
    if unit in _PREFIXED:
        for least, factor, prefix in _SCALES:
            if abs(value) >= least:
                return f"{format_decimal(value / factor)}{prefix}{unit}"
    return f"{_thousands(value)}{unit}"


def display_scale(values: list[float], unit: str | None) -> tuple[float, str]:
    """The divisor and unit label a chart axis of ``values`` (base unit ``unit``) uses.

    >>> display_scale([21940000000, 19600000000], "元"), display_scale([0.8], "ratio")
    ((100000000, '亿元'), (0.01, '%'))
    """
    unit = unit or ""
    if unit == "ratio":
        return 0.01, "%"
    biggest = max((abs(v) for v in values), default=0)
    if unit in _PREFIXED:
        for least, factor, prefix in _SCALES:
            if biggest >= least:
                return factor, f"{prefix}{unit}"
    return 1, unit


def _qualified(text: str, qualifier: str | None) -> str:
    if not qualifier:
        return text
    if qualifier in BEFORE_QUALIFIERS:
        return f"{qualifier}{text}"
    return f"{text}{qualifier}"


def format_growth(growth: float | None, *, basis: str | None = None, period_start: int | None = None,
                  year: int | None = None, qualifier: str | None = None) -> str:
    """A growth rate with its basis, period and qualifier; None → "".

    >>> format_growth(0.08), format_growth(0.08, qualifier="左右"), format_growth(0.085, basis="同口径")
    ('8.0%', '8.0%左右', '同口径8.5%')
    >>> format_growth(0.121, basis="年均", period_start=2010, year=2015), format_growth(0.2026, basis="年均")
    ('年均12.1%（2010–2015）', '年均20.26%')
    >>> format_growth(0.04, qualifier="4%-5%"), format_growth(0.07, qualifier="预计")
    ('4%–5%', '预计7.0%')
    """
    if growth is None:
        return ""
    if qualifier and "%" in qualifier:  # a range as the report states it
        return qualifier.replace("-", "–")
    text = _qualified(format_percent(growth), qualifier)
    if basis:
        text = f"{basis}{text}"
    if basis == "年均" and period_start is not None:
        text += f"（{period_start}–{year}）" if year is not None else f"（{period_start}起）"
    return text


def format_points(difference: float | None) -> str:
    """A difference of two rates in percentage points, signed.

    >>> format_points(0.014), format_points(-0.005), format_points(0.0)
    ('+1.4个百分点', '−0.5个百分点', '0.0个百分点')
    """
    if difference is None:
        return ""
    text = format_decimal(difference * 100, least=1)
    return f"{'+' if difference > 0 else ''}{text}个百分点"


def _get(indicator: Mapping[str, Any] | Any, key: str) -> Any:
    if isinstance(indicator, Mapping):
        return indicator.get(key)
    return getattr(indicator, key, None)


def indicator_cells(indicator: Mapping[str, Any] | Any) -> dict[str, str]:
    """The display strings of an indicator (a graph node's attributes, a dict or an ``Indicator``).

    Returns ``value`` and ``growth``; the qualifier goes with the growth when there is one,
    else with the value; 预计 goes before the first number shown.

    >>> indicator_cells({"value": 0.022, "unit": "ratio", "qualifier": "以内"})
    {'value': '2.2%以内', 'growth': ''}
    >>> indicator_cells({"value": 30900000000, "unit": "元", "growth": 0.075, "qualifier": "预计"})
    {'value': '预计309亿元', 'growth': '7.5%'}
    """
    value, growth, qualifier = _get(indicator, "value"), _get(indicator, "growth"), _get(indicator, "qualifier")
    before = qualifier if qualifier in BEFORE_QUALIFIERS else None
    after = None if before else qualifier
    value_text = format_amount(value, _get(indicator, "unit"))
    growth_text = format_growth(growth, basis=_get(indicator, "basis"), period_start=_get(indicator, "period_start"),
                                year=_get(indicator, "year"), qualifier=after)
    if after and not growth_text and value_text:
        value_text = _qualified(value_text, after)
    if before:
        if value_text:
            value_text = f"{before}{value_text}"
        elif growth_text:
            growth_text = f"{before}{growth_text}"
    return {"value": value_text, "growth": growth_text}


def format_indicator(indicator: Mapping[str, Any] | Any) -> str:
    """One indicator as a phrase: name, value and growth (下降 for a fall).

    >>> format_indicator({"name": "城镇登记失业率", "value": 0.045, "unit": "ratio", "qualifier": "以内"})
    '城镇登记失业率 4.5%以内'
    >>> format_indicator({"name": "税收收入", "growth": -0.02})
    '税收收入 下降2.0%'
    >>> format_indicator({"name": "地区生产总值", "growth": 0.121, "basis": "年均", "period_start": 2010, "year": 2015})
    '地区生产总值 年均增长12.1%（2010–2015）'
    """
    cells = indicator_cells(indicator)
    growth = _get(indicator, "growth")
    phrase = ""
    if growth is not None:
        qualifier = _get(indicator, "qualifier")
        amount = format_growth(abs(growth), qualifier=None if qualifier in BEFORE_QUALIFIERS else qualifier)
        basis, start, year = _get(indicator, "basis"), _get(indicator, "period_start"), _get(indicator, "year")
        period = f"（{start}–{year}）" if basis == "年均" and start is not None and year is not None else ""
        phrase = f"{basis or ''}{'下降' if growth < 0 else '增长'}{amount}{period}"
        if cells["growth"].startswith(tuple(BEFORE_QUALIFIERS)) and not cells["value"]:
            phrase = f"{qualifier}{phrase}"
    parts = [part for part in (cells["value"], phrase) if part]
    return f"{_get(indicator, 'name') or ''} {'，'.join(parts)}".strip()

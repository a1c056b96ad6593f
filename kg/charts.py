"""Matplotlib charts of indicators: targets beside outcomes, year by year.

matplotlib is an optional (dev) dependency: it is imported when a chart is drawn, and a
missing install is one clear error. Chinese labels need a CJK font; when none is installed
the chart still draws (labels may show as boxes), so the indicator name is also the title.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.numbers import display_scale
from kg.timeline import indicator_series

__all__ = ["plot_indicator", "plot_growth_targets", "CJK_FONTS"]

#: Fonts tried, in order, for Chinese labels (the first one installed is used).
CJK_FONTS: tuple[str, ...] = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
                              "SimHei", "PingFang SC", "Heiti SC", "Noto Sans CJK JP")


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError:
        raise KGError("charts need matplotlib: pip install -e '.[dev]' (or pip install matplotlib)") from None
    return plt


def _cjk_family() -> str | None:
    from matplotlib import font_manager  # noqa: PLC0415

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def plot_indicator(graph: nx.MultiDiGraph, name: str, *, issuer: str | None = None, measure: str = "value",
                   ax: Any = None) -> Any:
    """Plot ``name``'s outcomes (line) and targets (markers) per year; ``measure`` is value or growth.

    ``issuer`` keeps one district's reports. Returns the matplotlib Axes. The axis is in the
    unit a report writes (亿元, 万人, %), growth in percent; averages over several years (年均)
    are not plotted as one year's figure.
    """
    if measure not in ("value", "growth"):
        raise KGError(f"measure must be 'value' or 'growth', not {measure!r}; pass one of those two")
    series = indicator_series(graph, name, issuer=issuer)
    if not series:
        raise KGError(f"no indicator named {name!r} in the graph; `kg indicators REPORT` lists the names found")
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    divisor, unit = display_scale([s[measure] for s in series if s[measure] is not None],
                                  "ratio" if measure == "growth" else series[0]["unit"])
    for kind, style in (("outcome", "-o"), ("target", "--s")):
        points = [(s["year"], s[measure] / divisor) for s in series if s["kind"] == kind and s[measure] is not None]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], style, label=kind)
    family = _cjk_family()
    ax.set_title(f"{issuer + ' ' if issuer else ''}{name} ({measure}, {unit})", **({"fontfamily": family} if family else {}))
    ax.set_xlabel("year")
    ax.set_ylabel(unit, **({"fontfamily": family} if family else {}))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.ticklabel_format(axis="y", style="plain", useOffset=False)
    ax.legend()
    return ax


def plot_growth_targets(rows: list[dict], *, ax: Any = None) -> Any:
    """A horizontal bar chart of growth targets in percent, one bar per row (``label``, ``growth``).

    ``rows`` is what :func:`kg.explore.growth_targets` returns; each bar is labelled with the
    target as the report writes it (7.5%, 6%左右).
    """
    if not rows:
        raise KGError("no growth target to plot; build the graph from reports that state targets")
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * len(rows) + 1))
    family = _cjk_family()
    font = {"fontfamily": family} if family else {}
    labels = [row["label"] for row in rows]
    values = [row["growth"] * 100 for row in rows]
    bars = ax.barh(range(len(rows)), values)
    ax.set_yticks(range(len(rows)), labels, **font)
    ax.invert_yaxis()
    for bar, row in zip(bars, rows):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + row["display"], va="center", **font)
    ax.set_xlabel("%")
    return ax

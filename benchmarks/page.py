"""Benchmark 4: the offline page for graphs of 100, 1,000 and 5,000 nodes.

For each size the page is written with :func:`kg.visualize.write_html` and the options a
big graph needs (``max_nodes`` keeps the best-connected nodes; physics is off above
:data:`kg.visualize.PHYSICS_LIMIT` nodes), then opened offline in headless Chromium
(``/usr/bin/chromium`` through Playwright, as the browser tests do) and timed until the
page reports a stable layout (``window.kgPage.ready``, set after the first drawing once the
bounded simulation, if any, has stopped).
"""
from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

__all__ = ["run_page", "CHROMIUM"]

CHROMIUM = "/usr/bin/chromium"
_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _open_times(paths: list[Path], timeout_s: float) -> list[float | str]:
    """Seconds until each page is ready in headless Chromium, or the reason it could not be timed."""
    if not Path(CHROMIUM).exists():
        return [f"skipped: {CHROMIUM} missing (scripts/install-chromium)"] * len(paths)
    from playwright.sync_api import Error as PlaywrightError  # noqa: PLC0415
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    times: list[float | str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=_ARGS, headless=True)
        try:
            for path in paths:
                context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
                page = context.new_page()
                try:
                    started = time.perf_counter()
                    page.goto(path.as_uri())
                    page.wait_for_function("window.kgPage && window.kgPage.ready === true",
                                           timeout=timeout_s * 1000)
                    times.append(round(time.perf_counter() - started, 3))
                except PlaywrightError as error:
                    times.append(f"failed: {str(error).splitlines()[0]}")
                finally:
                    context.close()
        finally:
            browser.close()
    return times


def run_page(graph: nx.MultiDiGraph, sizes: Sequence[int] = (100, 1000, 5000), *, browser: bool = True,
             out_dir: str | Path | None = None, timeout_s: float = 180) -> dict:
    """Write time, size and (with ``browser``) time to a stable layout of the page at each node count."""
    from kg.visualize import PHYSICS_LIMIT, write_html  # noqa: PLC0415

    folder = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="kg-bench-page-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    paths: list[Path] = []
    for size in sizes:
        shown = min(size, graph.number_of_nodes())
        started = time.perf_counter()
        path = write_html(graph, folder / f"page-{size}.html", max_nodes=size)
        seconds = time.perf_counter() - started
        paths.append(path)
        rows.append({"nodes": shown, "requested": size, "write_s": round(seconds, 3),
                     "bytes": path.stat().st_size, "physics": shown <= PHYSICS_LIMIT})
    opened = _open_times(paths, timeout_s) if browser else ["skipped: --no-browser"] * len(rows)
    for row, result in zip(rows, opened):
        row["ready_s" if isinstance(result, float) else "browser"] = result
    return {"graph_nodes": graph.number_of_nodes(), "pages": rows, "folder": str(folder)}

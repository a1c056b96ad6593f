"""Benchmark 4: the explorer page of the corpus (baseline) and of the whole archive, in headless Chromium.

For each graph the page is written with :func:`kg.visualize.write_html` (``graph.html`` plus
``graph.data.js``) and opened offline from ``file://`` in headless Chromium
(``/usr/bin/chromium`` through Playwright, as the browser tests do), every outside request
refused and counted. Printed, never judged:

* size of the page and of its data file;
* time to first paint (the browser's ``first-contentful-paint``, after one unrecorded warm-up open) and time until the page is
  usable (``window.kgPage.ready``: data parsed, indexes built, overview drawn);
* time to answer a search: the page's own search function (median over a few queries,
  in-page ``performance.now()``), and typing a query into the box until the list shows.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

__all__ = ["run_page", "archive_reports", "CHROMIUM", "QUERIES"]

CHROMIUM = "/usr/bin/chromium"
QUERIES = ("乡村", "工程", "产业园", "一带一路", "三供一业", "新区")
_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
_SEARCH_JS = """queries => queries.map(q => { const t = performance.now(); const r = window.kgPage.search(q);
                                             return [performance.now() - t, r.length]; })"""


def archive_reports(archive: str | Path) -> list[Path]:
    """The archive's reports: every ``.txt`` below it (its ``docx/`` copies are left out)."""
    return sorted(Path(archive).rglob("*.txt"))


def _measure(browser, path: Path, timeout_s: float) -> dict:
    """Open one page and time paint, readiness and searches."""
    from playwright.sync_api import Error as PlaywrightError  # noqa: PLC0415

    outside: list[str] = []
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()

    def route(request_route):
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    try:
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.kgPage && window.kgPage.ready === true", timeout=timeout_s * 1000)
        ready = time.perf_counter() - started
        paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
        timings = page.evaluate(_SEARCH_JS, list(QUERIES))
        started = time.perf_counter()
        page.fill("#kg-q", QUERIES[0])
        page.wait_for_selector("#kg-results li", timeout=timeout_s * 1000)
        typed = time.perf_counter() - started
        return {"first_paint_s": round(paint / 1000, 3) if paint else None, "ready_s": round(ready, 3),
                "search_ms": round(statistics.median(t for t, _ in timings), 2),
                "search_typed_s": round(typed, 3), "matches": [n for _, n in timings], "outside_requests": len(outside)}
    except PlaywrightError as error:
        return {"browser": f"failed: {str(error).splitlines()[0]}"}
    finally:
        context.close()


def run_page(graphs: Sequence[tuple[str, nx.MultiDiGraph]], *, browser: bool = True,
             out_dir: str | Path | None = None, timeout_s: float = 180) -> dict:
    """Write each ``(label, graph)``'s page and (with ``browser``) time it in headless Chromium."""
    from kg.visualize import data_path, write_html  # noqa: PLC0415

    folder = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="kg-bench-page-"))
    rows: list[dict] = []
    paths: list[Path] = []
    for label, graph in graphs:
        started = time.perf_counter()
        path = write_html(graph, folder / label / "graph.html")
        seconds = time.perf_counter() - started
        html_bytes, data_bytes = path.stat().st_size, data_path(path).stat().st_size
        reports = sum(1 for _, kind in graph.nodes(data="label") if kind == "Document")
        entities = sum(1 for _, kind in graph.nodes(data="label") if kind in ("Program", "Project", "Company", "Place", "Agency"))
        rows.append({"graph": label, "reports": reports, "entities": entities, "nodes": graph.number_of_nodes(),
                     "write_s": round(seconds, 3), "html_bytes": html_bytes, "data_bytes": data_bytes,
                     "bytes": html_bytes + data_bytes})
        paths.append(path)
    if not browser:
        for row in rows:
            row["browser"] = "skipped: --no-browser"
    elif not Path(CHROMIUM).exists():
        for row in rows:
            row["browser"] = f"skipped: {CHROMIUM} missing (scripts/install-chromium)"
    else:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=_ARGS, headless=True)
            try:
                _measure(chromium, paths[0], timeout_s)  # warm-up (browser start, font cache): not recorded
                for row, path in zip(rows, paths):
                    row.update(_measure(chromium, path, timeout_s))
            finally:
                chromium.close()
    return {"pages": rows, "folder": str(folder)}

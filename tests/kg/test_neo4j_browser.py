"""The Neo4j Browser that scripts/neo4j-local serves at http://127.0.0.1:$NEO4J_HTTP_PORT/browser/.

The HTTP address is ``NEO4J_HTTP_URL`` if set, else the host of ``NEO4J_URI`` with
``NEO4J_HTTP_PORT`` (default 7474), the same variables the script reads.
"""
from __future__ import annotations

import os
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


def browser_url() -> str:
    """Where the local server serves the Neo4j Browser."""
    if os.environ.get("NEO4J_HTTP_URL"):
        return os.environ["NEO4J_HTTP_URL"].rstrip("/") + "/browser/"
    host = urlsplit(os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")).hostname or "127.0.0.1"
    return f"http://{host}:{os.environ.get('NEO4J_HTTP_PORT', '7474')}/browser/"


def test_browser_path_answers_200():
    try:
        with urllib.request.urlopen(browser_url(), timeout=10) as response:
            status, body = response.status, response.read().decode("utf-8", "replace")
    except OSError as error:
        pytest.fail(f"{browser_url()} does not answer ({error}): start scripts/neo4j-local", pytrace=False)
    assert status == 200
    assert "<title>Neo4j Browser</title>" in body


def test_browser_page_loads_in_chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-chromium")
    url = browser_url()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    outside: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(origin):
            request_route.continue_()
        else:  # the test machine is offline: anything else is recorded and refused
            outside.append(request_route.request.url)
            request_route.abort()

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = chromium.new_page(viewport={"width": 1300, "height": 850})
            page.route("**/*", route)
            response = page.goto(url)
            assert response is not None and response.status == 200
            # The single-page app has rendered its editor or its connect form (both need its scripts to run).
            page.wait_for_selector("[data-testid='activeEditor'], [data-testid='boltaddress'], input[name='password']",
                                   timeout=60_000)
            assert page.title() == "Neo4j Browser"
        finally:
            chromium.close()
    print(f"\nrequests outside {origin} (refused): {len(outside)} {outside[:5]}")

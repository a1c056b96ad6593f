"""The offline graph page: string-level checks, the CLI, and real headless-Chromium checks.

Browser tests (marked ``browser``) need /usr/bin/chromium (``scripts/install-chromium``).
Every page is opened from a file:// URL in an offline context with every other
request aborted and recorded.
"""
from __future__ import annotations

import copy
import json
import random
import re
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import add_edge, add_node, new_graph, to_data, write_json
from kg.visualize import PHYSICS_LIMIT, PageOptionError, to_html, write_html

HOSTILE_NAMES = ["<img src=x onerror=alert(1)>", "<script>window.__pwned=1</script>"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def evidence(sentence: str, section: str = "一、2018年工作回顾") -> dict:
    return {"doc": "demo-2019", "section": section, "start": 0, "end": len(sentence), "sentence": sentence}


def small_graph() -> nx.MultiDiGraph:
    """A small invented report graph with every common type and two hostile names."""
    g = new_graph()
    add_node(g, "Document:demo-2019", label="Document", name="demo-2019", year=2019, doc="demo-2019")
    add_node(g, "Section:demo-2019#1", label="Section", name="一、2018年工作回顾", title="一、2018年工作回顾", doc="demo-2019")
    add_node(g, "Program:三供一业", label="Program", name="三供一业", doc="demo-2019", year=2019,
             definition="国有企业职工家属区供水、供电、供热和物业管理。",
             evidence=[evidence("全面完成三供一业分离移交。")])
    add_node(g, "Project:雪亮工程", label="Project", name="雪亮工程", aliases=["公共安全视频监控工程"], doc="demo-2019",
             evidence=[evidence("推进雪亮工程建设。")])
    add_node(g, "Company:示范新材料公司", label="Company", name="示范新材料公司", doc="demo-2019")
    add_node(g, "Place:东湖新区", label="Place", name="东湖新区", doc="demo-2019")
    add_node(g, "Agency:市发展改革委", label="Agency", name="市发展改革委", doc="demo-2019")
    add_node(g, "GlossaryEntry:demo-2019#三供一业", label="GlossaryEntry", name="三供一业", term="三供一业",
             definition="国有企业职工家属区供水、供电、供热和物业管理。", doc="demo-2019")
    add_node(g, "Status:Project:雪亮工程|建成|2018|outcome", label="Status", name="雪亮工程 建成 2018", stage="建成",
             year=2018, kind="outcome")
    for i, name in enumerate(HOSTILE_NAMES):
        add_node(g, f"Place:{name}", label="Place", name=name, aliases=[name + "别名"], definition=name,
                 evidence=[evidence(f"在{name}</script><!--建设。")])
        add_edge(g, f"Place:{name}", "Section:demo-2019#1", "MENTIONED_IN")
    for node in ("Program:三供一业", "Project:雪亮工程", "Company:示范新材料公司", "Place:东湖新区", "Agency:市发展改革委"):
        add_edge(g, node, "Section:demo-2019#1", "MENTIONED_IN", evidence=evidence("推进雪亮工程建设。"))
    add_edge(g, "Section:demo-2019#1", "Document:demo-2019", "PART_OF")
    add_edge(g, "Program:三供一业", "GlossaryEntry:demo-2019#三供一业", "DEFINED_BY")
    add_edge(g, "Company:示范新材料公司", "Place:东湖新区", "LOCATED_IN")
    add_edge(g, "Company:示范新材料公司", "Project:雪亮工程", "BUILDS")
    add_edge(g, "Project:雪亮工程", "Place:东湖新区", "LOCATED_IN")
    add_edge(g, "Project:雪亮工程", "Status:Project:雪亮工程|建成|2018|outcome", "HAS_STATUS")
    add_edge(g, "Agency:市发展改革委", "Program:三供一业", "RELATED_TO")
    return g


def big_graph(n_entities: int, seed: int = 0) -> nx.MultiDiGraph:
    """An invented graph shaped like many reports: documents, sections, entities, co-occurrence."""
    rng = random.Random(seed)
    g = new_graph()
    sections = []
    for d in range(6):
        doc = f"城市{d}-2019"
        add_node(g, f"Document:{doc}", label="Document", name=doc, doc=doc)
        for s in range(10):
            sid = f"Section:{doc}#{s}"
            add_node(g, sid, label="Section", name=f"第{s}部分", doc=doc)
            add_edge(g, sid, f"Document:{doc}", "PART_OF")
            sections.append(sid)
    types = ["Program", "Project", "Company", "Place", "Agency"]
    entities = []
    for i in range(n_entities):
        kind = types[i % len(types)]
        node = f"{kind}:实体{i}号"
        add_node(g, node, label=kind, name=f"实体{i}号", evidence=[evidence(f"推进实体{i}号建设。")])
        for sid in rng.sample(sections, rng.choice([1, 1, 2, 3])):
            add_edge(g, node, sid, "MENTIONED_IN")
        entities.append(node)
    for _ in range(n_entities):
        a, b = rng.sample(entities, 2)
        add_edge(g, a, b, "CO_OCCURS")
    return g


def data_block(page: str) -> str:
    match = DATA_BLOCK.search(page)
    assert match, "no kg-data block in the page"
    return match.group(1)


def page_data(page: str) -> dict:
    return json.loads(data_block(page))


# ---------------------------------------------------------------- string level


@pytest.mark.parametrize("needle", ['src="http', "href=\"http", "https://cdn", "<link", "bootstrap", "src=\"lib/"])
def test_page_loads_nothing_from_outside(needle):
    assert needle not in to_html(small_graph()).lower()


def test_page_inlines_vis_network_and_keeps_chinese_labels():
    page = to_html(small_graph(), title="示范市政府工作报告")
    assert "vis.DataSet" in page and "vis.Network" in page
    assert "<title>示范市政府工作报告</title>" in page
    labels = {node["label"] for node in page_data(page)["nodes"]}
    assert {"三供一业", "雪亮工程", "东湖新区"} <= labels


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_are_escaped_in_the_data_block(name):
    page = to_html(small_graph())
    block = data_block(page)
    assert "<" not in block and ">" not in block and "&" not in block.replace("\\u0026", "")
    assert name not in page
    names = [info["name"] for info in json.loads(block)["details"]]
    assert name in names
    assert page.count("</script>") == 3  # data, vis-network, page script: nothing broke out


def test_title_is_html_escaped():
    page = to_html(small_graph(), title="<b>报告</b>")
    assert "<b>报告</b>" not in page and "&lt;b&gt;报告&lt;/b&gt;" in page


@pytest.mark.parametrize("max_nodes, expected", [
    (1, {"一、2018年工作回顾"}),
    (2, {"一、2018年工作回顾", "雪亮工程"}),
])
def test_max_nodes_keeps_the_highest_degree_nodes(max_nodes, expected):
    graph = small_graph()
    data = page_data(to_html(graph, max_nodes=max_nodes))
    assert {info["name"] for info in data["details"]} == expected
    assert data["shown"] == max_nodes and data["total"] == graph.number_of_nodes()


@pytest.mark.parametrize("types, expected", [
    (["Program"], {"Program"}),
    (["Place", "Company"], {"Place", "Company"}),
])
def test_type_option_keeps_only_those_types(types, expected):
    data = page_data(to_html(small_graph(), types=types))
    assert {info["type"] for info in data["details"]} == expected
    assert {item["type"] for item in data["legend"]} == expected


@pytest.mark.parametrize("options, message", [
    ({"types": ["Planet"]}, "unknown node type"),
    ({"max_nodes": 0}, "max_nodes must be"),
])
def test_bad_options_raise_one_clear_error(options, message):
    with pytest.raises(PageOptionError, match=message):
        to_html(small_graph(), **options)


def test_to_html_leaves_the_callers_graph_unchanged():
    graph = small_graph()
    before = copy.deepcopy(to_data(graph))
    to_html(graph, max_nodes=3)
    assert to_data(graph) == before


@pytest.mark.parametrize("n_entities, physics, expected", [
    (20, None, True),
    (PHYSICS_LIMIT + 50, None, False),
    (PHYSICS_LIMIT + 50, True, True),
    (20, False, False),
])
def test_physics_is_bounded_to_small_pages_unless_forced(n_entities, physics, expected):
    data = page_data(to_html(big_graph(n_entities), physics=physics))
    assert data["physics"] is expected
    assert all("x" in node and "y" in node for node in data["nodes"])


def test_node_size_grows_with_degree():
    data = page_data(to_html(small_graph()))
    size = {info["name"]: node["size"] for info, node in zip(data["details"], data["nodes"])}
    assert size["一、2018年工作回顾"] > size["雪亮工程"] > size["市发展改革委"]


def test_node_colour_matches_its_legend_entry():
    data = page_data(to_html(small_graph()))
    colour = {item["type"]: item["color"] for item in data["legend"]}
    assert len(set(colour.values())) == len(colour)
    for info, node in zip(data["details"], data["nodes"]):
        assert node["color"] == colour[info["type"]]


def test_write_html_writes_utf8(tmp_path):
    path = write_html(small_graph(), tmp_path / "sub" / "graph.html")
    assert path == tmp_path / "sub" / "graph.html"
    assert "三供一业" in path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("args, out_name, types", [
    ([], "graph.html", None),
    (["--out", "{dir}/p.html", "--type", "Program", "--max-nodes", "5"], "p.html", {"Program"}),
])
def test_cli_viz_writes_the_page(tmp_path, args, out_name, types):
    write_json(small_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["viz", str(tmp_path), *[a.format(dir=tmp_path) for a in args]])
    assert result.exit_code == 0, result.output
    data = page_data((tmp_path / out_name).read_text(encoding="utf-8"))
    if types:
        assert {info["type"] for info in data["details"]} == types


@pytest.mark.parametrize("content", [None, "not json"])
def test_cli_viz_reports_a_missing_or_broken_graph(tmp_path, content):
    if content is not None:
        (tmp_path / "graph.json").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["viz", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "graph.json" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- real browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class OpenPage:
    """A page opened offline from a file, with outside requests and dialogs recorded."""

    def __init__(self, browser, path: Path):
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgPage && window.kgPage.ready === true", timeout=120_000)
        self.seconds = time.perf_counter() - started

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def painted_pixels(self) -> int:
        """Canvas pixels that are drawn and not white."""
        return self.page.evaluate("""() => {
            const canvas = document.querySelector('#kg-graph canvas');
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 0; i < pixels.length; i += 4) {
                if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) painted++;
            }
            return painted;
        }""")

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def opener(graph, **options) -> OpenPage:
        path = write_html(graph, tmp_path / f"page{len(pages)}.html", **options)
        pages.append(OpenPage(browser, path))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


@pytest.mark.browser
def test_browser_page_draws_the_graph_offline(open_page, tmp_path):
    opened = open_page(small_graph())
    opened.page.screenshot(path=str(tmp_path / "small.png"))
    assert (tmp_path / "small.png").stat().st_size > 0
    assert opened.painted_pixels() > 2000
    assert opened.outside == [] and opened.dialogs == []


@pytest.mark.browser
def test_browser_legend_lists_every_type(open_page):
    opened = open_page(small_graph())
    legend = opened.page.locator("#kg-legend-list").inner_text()
    for kind in ("Program", "Project", "Company", "Place", "Agency", "Document", "Section", "GlossaryEntry", "Status"):
        assert kind in legend


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [("雪亮工程", "雪亮工程"), ("公共安全视频", "雪亮工程"), ("东湖", "东湖新区")])
def test_browser_search_selects_and_focuses_the_node(open_page, query, expected):
    opened = open_page(small_graph())
    opened.page.fill("#kg-search-input", query)
    opened.page.press("#kg-search-input", "Enter")
    selected = opened.page.evaluate("window.kgPage.network.getSelectedNodes()")
    assert [opened.page.evaluate(f"window.kgPage.data.details[{selected[0]}].name")] == [expected]
    assert opened.page.locator("#kg-details .kg-name").inner_text() == expected


@pytest.mark.browser
def test_browser_filter_hides_a_type(open_page):
    opened = open_page(small_graph())
    opened.page.locator('#kg-legend-list input[data-type="Place"]').uncheck()
    hidden = opened.page.evaluate(
        "window.kgPage.nodes.get({filter: n => n.hidden === true}).map(n => window.kgPage.data.details[n.id].type)")
    assert hidden and set(hidden) == {"Place"}
    assert len(hidden) == 3


@pytest.mark.browser
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_browser_hostile_name_shows_as_text_and_never_runs(open_page, name):
    opened = open_page(small_graph())
    page = opened.page
    node_id = page.evaluate("name => window.kgPage.search(name)", name)
    assert node_id is not None
    assert page.locator("#kg-details .kg-name").inner_text() == name
    # Hover the node: the tooltip shows the name as text too.
    page.wait_for_timeout(500)  # focus animation
    x, y = page.evaluate("""id => {
        const net = window.kgPage.network, box = document.getElementById('kg-graph').getBoundingClientRect();
        const p = net.canvasToDOM(net.getPosition(id));
        return [box.left + p.x, box.top + p.y];
    }""", node_id)
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5000)
    assert name in page.locator("#kg-tooltip").inner_text()
    assert page.locator("img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.dialogs == [] and opened.outside == []


@pytest.mark.browser
@pytest.mark.parametrize("n_entities, max_nodes", [(1434, 1500), (4934, None)])
def test_browser_big_pages_open_and_draw(open_page, tmp_path, n_entities, max_nodes):
    graph = big_graph(n_entities)
    opened = open_page(graph, max_nodes=max_nodes)
    shown = opened.page.evaluate("window.kgPage.data.shown")
    print(f"\n{shown} nodes: ready in {opened.seconds:.2f} s")
    opened.page.screenshot(path=str(tmp_path / f"big-{shown}.png"))
    assert shown == graph.number_of_nodes()
    assert opened.painted_pixels() > 2000
    assert opened.outside == []

"""The offline explorer page: its data (kg.viz_data), the files, the CLI, and real headless Chromium.

Browser tests (marked ``browser``) need /usr/bin/chromium (``scripts/install-chromium``).
Every page is opened from a file:// URL in an offline context with every other
request aborted and recorded; each test asserts that none was made.
"""
from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.build import build_graph
from kg.cli import cli
from kg.model import add_edge, add_node, new_graph, to_data, write_json
from kg.viz_data import format_amount, format_ratio, page_data
from kg.visualize import DATA_SIGNATURE, PageOptionError, data_path, to_html, write_html

HOSTILE_NAMES = ["<img src=x onerror=alert(1)>", "<script>window.__pwned=1</script>"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DATA_BLOCK = re.compile(r'<script id="kg-data">window\.KG_DATA=(.*?);\n</script>', re.S)
DOC = "demo-2019.txt"


def evidence(sentence: str, section: str = "一、2018年工作回顾", doc: str = DOC) -> dict:
    return {"doc": doc, "section": section, "start": 0, "end": len(sentence), "sentence": sentence}


def small_graph() -> nx.MultiDiGraph:
    """A small invented report graph with every common type and two hostile names."""
    g = new_graph()
    add_node(g, f"Document:{DOC}", label="Document", name=DOC, year=2019, doc=DOC, issuer="示范区")
    add_node(g, f"Section:{DOC}#1", label="Section", name="一、2018年工作回顾", title="一、2018年工作回顾", doc=DOC)
    add_node(g, "Program:三供一业", label="Program", name="三供一业", doc=DOC, year=2019, mentions=3,
             definition="国有企业职工家属区供水、供电、供热和物业管理。",
             evidence=[evidence("全面完成三供一业分离移交。")])
    add_node(g, "Project:雪亮工程", label="Project", name="雪亮工程", aliases=["公共安全视频监控工程"], doc=DOC, mentions=2,
             evidence=[evidence("推进雪亮工程建设。")])
    add_node(g, "Company:示范新材料公司", label="Company", name="示范新材料公司", doc=DOC, mentions=1)
    add_node(g, "Place:东湖新区", label="Place", name="东湖新区", doc=DOC, mentions=1)
    add_node(g, "Agency:市发展改革委", label="Agency", name="市发展改革委", doc=DOC, mentions=1)
    add_node(g, f"GlossaryEntry:{DOC}#三供一业", label="GlossaryEntry", name="三供一业", term="三供一业", page="P7",
             definition="国有企业职工家属区供水、供电、供热和物业管理。", doc=DOC)
    add_node(g, "Status:Project:雪亮工程|建成|2018|outcome", label="Status", name="雪亮工程 建成 2018", stage="建成",
             year=2018, kind="outcome", doc=DOC, evidence=[evidence("雪亮工程建成投用。")])
    add_node(g, "Status:Project:雪亮工程|开工|2017|outcome", label="Status", name="雪亮工程 开工 2017", stage="开工",
             year=2017, kind="outcome", doc=DOC, evidence=[evidence("雪亮工程开工。")])
    add_node(g, f"Indicator:{DOC}#0", label="Indicator", name="地区生产总值", value=21940000000, unit="元",
             growth=0.08, kind="outcome", year=2018, doc=DOC)
    add_edge(g, f"Document:{DOC}", f"Indicator:{DOC}#0", "REPORTS", doc=DOC,
             evidence=evidence("地区生产总值219.4亿元，增长8%。"))
    for name in HOSTILE_NAMES:
        add_node(g, f"Place:{name}", label="Place", name=name, aliases=[name + "别名"], definition=name, doc=DOC,
                 mentions=1, evidence=[evidence(f"在{name}</script><!--建设。")])
        add_edge(g, f"Place:{name}", f"Section:{DOC}#1", "MENTIONED_IN", doc=DOC)
        add_edge(g, f"Place:{name}", "Project:雪亮工程", "CO_OCCURS", doc=DOC, evidence=evidence(f"{name}和雪亮工程。"))
    for node in ("Program:三供一业", "Project:雪亮工程", "Company:示范新材料公司", "Place:东湖新区", "Agency:市发展改革委"):
        add_edge(g, node, f"Section:{DOC}#1", "MENTIONED_IN", doc=DOC, weight=2 if node == "Program:三供一业" else 1)
    add_edge(g, f"Section:{DOC}#1", f"Document:{DOC}", "PART_OF", doc=DOC)
    add_edge(g, "Program:三供一业", f"GlossaryEntry:{DOC}#三供一业", "DEFINED_BY", doc=DOC)
    add_edge(g, "Company:示范新材料公司", "Place:东湖新区", "LOCATED_IN", doc=DOC, evidence=evidence("示范新材料公司落户东湖新区。"))
    add_edge(g, "Company:示范新材料公司", "Project:雪亮工程", "BUILDS", doc=DOC, evidence=evidence("示范新材料公司承建雪亮工程。"))
    add_edge(g, "Project:雪亮工程", "Place:东湖新区", "LOCATED_IN", doc=DOC, evidence=evidence("东湖新区雪亮工程。"))
    add_edge(g, "Project:雪亮工程", "Status:Project:雪亮工程|建成|2018|outcome", "HAS_STATUS", doc=DOC)
    add_edge(g, "Project:雪亮工程", "Status:Project:雪亮工程|开工|2017|outcome", "HAS_STATUS", doc=DOC)
    add_edge(g, "Agency:市发展改革委", "Program:三供一业", "RELATED_TO", doc=DOC, evidence=evidence("市发展改革委牵头三供一业。"))
    add_edge(g, "Program:三供一业", "Project:雪亮工程", "CO_OCCURS", doc=DOC, evidence=evidence("三供一业和雪亮工程。"))
    return g


def inline_data(page: str) -> dict:
    match = DATA_BLOCK.search(page)
    assert match, "no kg-data block in the page"
    return json.loads(match.group(1))


def file_data(page_path: Path) -> dict:
    signature, text = data_path(page_path).read_text(encoding="utf-8").split("\n", 1)
    assert signature == DATA_SIGNATURE
    assert text.startswith("window.KG_DATA=") and text.rstrip().endswith(";")
    return json.loads(text.rstrip()[len("window.KG_DATA="):-1])


def entity(data: dict, node_id: str) -> dict:
    return next(e for e in data["ents"] if e["id"] == node_id)


# ---------------------------------------------------------------- the data


@pytest.mark.parametrize("value, unit, expected", [
    (21940000000, "元", "219.4亿元"), (31500, "元", "3.15万元"), (8000, "元", "8000元"), (0.08, "ratio", "8%"),
    (0.0315, "ratio", "3.15%"), (41332800, "人次", "4133.28万人次"), (None, "元", ""), (12, "个", "12个"),
])
def test_numbers_are_written_as_people_write_them(value, unit, expected):
    assert format_amount(value, unit) == expected


def test_growth_is_a_percentage():
    assert format_ratio(0.062) == "6.2%"
    doc = page_data(small_graph())["docs"][0]
    assert doc["ind"][0][:5] == ["地区生产总值", "219.4亿元", "增长8%", "实绩", 2018]


def test_entity_rows_carry_reports_mentions_definition_and_statuses():
    data = page_data(small_graph())
    doc = next(i for i, d in enumerate(data["docs"]) if d["id"] == f"Document:{DOC}")
    assert data["docs"][doc]["title"] == "示范区 2019年"
    programme = entity(data, "Program:三供一业")
    assert programme["d"] == [[doc, 2]]  # mentions in the report, from MENTIONED_IN weights
    term, page, definition, gloss_doc, gloss_entity, gloss_id = data["gloss"][programme["g"][0]]
    assert (term, page, gloss_doc, gloss_id) == ("三供一业", "P7", doc, f"GlossaryEntry:{DOC}#三供一业") and "供水" in definition
    assert data["ents"][gloss_entity]["id"] == "Program:三供一业"
    project = entity(data, "Project:雪亮工程")
    assert [(s[0], s[1], s[2]) for s in project["s"]] == [(2017, "开工", "实绩"), (2018, "建成", "实绩")]
    assert data["strings"][project["s"][0][4]] == "雪亮工程开工。"
    assert [data["strings"][row[1]] for row in project["e"]] == ["推进雪亮工程建设。"]


def test_links_between_entities_keep_relation_and_sentence():
    data = page_data(small_graph())
    names = [e["n"] for e in data["ents"]]
    links = {(names[a], names[b], rel): [data["strings"][s] for s in sentences] for a, b, rel, _, _, sentences in data["edges"]}
    assert links[("示范新材料公司", "雪亮工程", "BUILDS")] == ["示范新材料公司承建雪亮工程。"]
    assert ("雪亮工程", "东湖新区", "LOCATED_IN") in links
    assert all(rel in data["relations"] for *_, rel in links)  # no MENTIONED_IN, HAS_STATUS… between entities


def test_document_attributes_are_read_defensively():
    g = new_graph()
    add_node(g, "Document:city-2024/北京.txt", label="Document", name="city-2024/北京.txt", doc="city-2024/北京.txt")
    add_node(g, "Program:京津冀协同发展", label="Program", name="京津冀协同发展", doc="city-2024/北京.txt",
             evidence=[evidence("推进京津冀协同发展。", doc="city-2024/北京.txt")])
    add_node(g, "Place:通州", label="Place", name="通州", doc="elsewhere.txt")
    data = page_data(g)
    titles = {d["key"]: d["title"] for d in data["docs"]}
    assert titles["city-2024/北京.txt"] == "北京"
    assert titles["elsewhere.txt"] == "elsewhere"  # a report named only in an entity's docs
    assert entity(data, "Program:京津冀协同发展")["e"][0][0] == 0


def test_types_and_max_nodes_choose_the_entities():
    assert {e["t"] for e in inline_data(to_html(small_graph(), types=["Place", "Company"]))["ents"]} == {"Place", "Company"}
    assert [e["n"] for e in inline_data(to_html(small_graph(), max_nodes=1))["ents"]] == ["三供一业"]


@pytest.mark.parametrize("options, message", [
    ({"types": ["Planet"]}, "unknown node type"),
    ({"max_nodes": 0}, "max_nodes must be"),
])
def test_bad_options_raise_one_clear_error(options, message):
    with pytest.raises(PageOptionError, match=message):
        to_html(small_graph(), **options)


def test_the_callers_graph_is_unchanged():
    graph = small_graph()
    before = copy.deepcopy(to_data(graph))
    to_html(graph, max_nodes=3)
    assert to_data(graph) == before


# ---------------------------------------------------------------- the files


@pytest.mark.parametrize("needle", ['src="http', "href=\"http", "https://cdn", "<link", "bootstrap", "src=\"lib/"])
def test_page_loads_nothing_from_outside(needle, tmp_path):
    assert needle not in to_html(small_graph()).lower()
    assert needle not in write_html(small_graph(), tmp_path / "graph.html").read_text(encoding="utf-8").lower()


def test_page_inlines_vis_network_and_keeps_the_chinese_title():
    page = to_html(small_graph(), title="示范市政府工作报告")
    assert "vis.DataSet" in page and "vis.Network" in page
    assert "<title>示范市政府工作报告</title>" in page
    assert {"三供一业", "雪亮工程", "东湖新区"} <= {e["n"] for e in inline_data(page)["ents"]}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_are_escaped_in_the_data(name, tmp_path):
    page = to_html(small_graph())
    block = DATA_BLOCK.search(page).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert name not in page and page.count("</script>") == 3  # data, vis-network, page script: nothing broke out
    assert name in [e["n"] for e in inline_data(page)["ents"]]
    written = write_html(small_graph(), tmp_path / "graph.html")
    assert name not in data_path(written).read_text(encoding="utf-8")
    assert name in [e["n"] for e in file_data(written)["ents"]]


def test_title_is_html_escaped():
    page = to_html(small_graph(), title="<b>报告</b>")
    assert "<b>报告</b>" not in page and "&lt;b&gt;报告&lt;/b&gt;" in page


def test_write_html_writes_the_page_and_its_data_file_next_to_it(tmp_path):
    path = write_html(small_graph(), tmp_path / "sub" / "graph.html")
    assert path == tmp_path / "sub" / "graph.html" and data_path(path) == tmp_path / "sub" / "graph.data.js"
    page = path.read_text(encoding="utf-8")
    assert '<script src="graph.data.js" charset="utf-8"></script>' in page
    assert "三供一业" in data_path(path).read_text(encoding="utf-8") and "三供一业" not in page


@pytest.mark.parametrize("args, out_name, types", [
    ([], "graph.html", None),
    (["--out", "{dir}/p.html", "--type", "Program", "--max-nodes", "5"], "p.html", {"Program"}),
])
def test_cli_viz_rebuilds_the_page_from_the_graph(tmp_path, args, out_name, types):
    write_json(small_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["viz", str(tmp_path), *[a.format(dir=tmp_path) for a in args]])
    assert result.exit_code == 0, result.output
    data = file_data(tmp_path / out_name)
    assert {e["t"] for e in data["ents"]} == (types or {"Program", "Project", "Company", "Place", "Agency"})


def test_cli_viz_never_replaces_a_data_file_kg_did_not_write(tmp_path):
    write_json(small_graph(), tmp_path / "graph.json")
    (tmp_path / "p.data.js").write_text("my own script", encoding="utf-8")
    result = CliRunner().invoke(cli, ["viz", str(tmp_path), "--out", str(tmp_path / "p.html")])
    assert result.exit_code == 1 and result.output.startswith("Error:") and "p.data.js" in result.output
    assert (tmp_path / "p.data.js").read_text(encoding="utf-8") == "my own script" and not (tmp_path / "p.html").exists()
    assert CliRunner().invoke(cli, ["viz", str(tmp_path), "--out", str(tmp_path / "p.html"), "--force"]).exit_code == 0
    assert CliRunner().invoke(cli, ["viz", str(tmp_path), "--out", str(tmp_path / "p.html")]).exit_code == 0  # kg's now


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
    """A page opened offline from a file, with outside requests, dialogs and script errors recorded."""

    def __init__(self, browser, path: Path, fragment: str = ""):
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        started = time.perf_counter()
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function("window.kgPage && window.kgPage.ready === true", timeout=60_000)
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

    def card(self) -> str:
        return self.page.locator("#kg-card").inner_text()

    def choose(self, node_id: str) -> None:
        self.page.evaluate("id => window.kgPage.choose(id)", node_id)
        self.page.wait_for_function("id => document.querySelector('#kg-card .kg-name') && "
                                    "new URLSearchParams(location.hash.slice(1)).get('e') === id", arg=node_id)

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Screen position of the drawn node of entity ``node_id``."""
        return tuple(self.page.evaluate("""id => {
            const k = window.kgPage.netNodes.get({filter: n => n.entity === id})[0].id;
            const net = window.kgPage.network, box = document.getElementById('kg-graph').getBoundingClientRect();
            const p = net.canvasToDOM(net.getPosition(k));
            return [box.left + p.x, box.top + p.y];
        }""", node_id))

    def clean(self) -> bool:
        return self.outside == [] and self.dialogs == [] and self.errors == []

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory, corpus_dir) -> Path:
    """The page of the corpus reports, written as `kg build` writes it."""
    graph = build_graph(sorted(corpus_dir.glob("*.txt")), jobs=1)
    return write_html(graph, tmp_path_factory.mktemp("corpus") / "graph.html")


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def opener(graph_or_path, fragment: str = "", **options) -> OpenPage:
        path = graph_or_path if isinstance(graph_or_path, Path) else \
            write_html(graph_or_path, tmp_path / f"page{len(pages)}.html", **options)
        pages.append(OpenPage(browser, path, fragment))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


@pytest.mark.browser
def test_browser_opens_on_search_and_a_readable_overview(open_page, corpus_page):
    opened = open_page(corpus_page)
    page = opened.page
    assert page.locator("#kg-q").is_visible() and page.evaluate("document.activeElement.id") == "kg-q"
    assert page.locator("#kg-netpane").is_hidden() and page.locator("#kg-card").is_hidden()
    overview = page.locator("#kg-overview").inner_text()
    for text in ("报告（11份）", "海拉尔区 2016年", "荷塘区", "2019年", "提及最多", "政策举措", "项目", "地点", "企业"):
        assert text in overview
    assert re.search(r"\d+次", overview)
    page.screenshot(path=str(corpus_page.parent / "overview.png"))
    assert opened.clean()


@pytest.mark.browser
def test_browser_partial_name_lists_ranked_matches_and_the_keyboard_chooses(open_page, corpus_page):
    opened = open_page(corpus_page)
    page = opened.page
    page.locator("#kg-q").press_sequentially("三供")
    items = page.locator("#kg-results li")
    assert page.locator("#kg-results").is_visible() and items.count() >= 1
    first = items.nth(0).inner_text()
    assert "三供一业" in first and "政策举措" in first and "提及" in first and "荷塘区 2019年" in first
    if items.count() > 1:
        page.keyboard.press("ArrowDown")
        assert "kg-active" in items.nth(1).get_attribute("class")
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_selector("#kg-card .kg-name")
    assert page.locator("#kg-card .kg-name").inner_text() == "三供一业"
    assert page.locator("#kg-results").is_hidden()
    # A short query lists the best 20 and says how many more there are.
    page.fill("#kg-q", "工程")
    assert items.count() == 21 and re.search(r"另有 \d+ 个匹配未列出", items.nth(20).inner_text())
    assert opened.clean()


@pytest.mark.browser
def test_browser_an_alias_finds_its_entity_first(open_page, corpus_page):
    opened = open_page(corpus_page)
    results = opened.page.evaluate("window.kgPage.search('黑羊站水厂')")
    assert results[0]["id"] == "Project:黑羊站水厂改扩建工程"
    assert all(r["type"] in ("Program", "Project", "Company", "Place", "Agency", "Document") for r in results)
    opened.page.fill("#kg-q", "黑羊站水厂")
    assert "别名：黑羊站水厂" in opened.page.locator("#kg-results li").nth(0).inner_text()


@pytest.mark.browser
def test_browser_a_programme_ranks_above_longer_names_and_sections_never_match(open_page, corpus_page):
    opened = open_page(corpus_page)
    results = opened.page.evaluate("window.kgPage.search('乡村振兴')")
    assert results[0]["name"] == "乡村振兴战略" and results[0]["type"] == "Program"
    # every match holds the words in its name or in the alias / glossary term it matched by (r["via"])
    assert all("乡村振兴" in r["name"] or (r["via"] and "乡村振兴" in r["via"][1]) for r in results)
    assert opened.page.evaluate("window.kgPage.search('工作回顾')") == []


@pytest.mark.browser
def test_browser_a_glossary_term_and_a_section_title_word(open_page):
    opened = open_page(small_graph())
    assert opened.page.evaluate("window.kgPage.search('公共安全视频')")[0]["id"] == "Project:雪亮工程"
    assert [r["id"] for r in opened.page.evaluate("window.kgPage.search('工作回顾')")] == []  # sections are not entities


@pytest.mark.browser
def test_browser_programme_card_shows_definition_reports_sentences_and_neighbours(open_page, corpus_page):
    opened = open_page(corpus_page)
    opened.choose("Program:三供一业")
    page = opened.page
    card = opened.card()
    assert "类型" in card and "政策举措" in card and "名称" in card
    definition = page.locator("#kg-card dd").nth(2).inner_text()
    assert "供水" in definition and "来源：荷塘区 2019年" in definition and "第7页" in definition
    assert "出现于" in card and "荷塘区 2019年" in card
    assert page.locator("#kg-card .kg-evidence mark.kg-hl", has_text="三供一业").count() >= 1
    assert "关联" in card and page.locator("#kg-card .kg-group").count() >= 1
    page.screenshot(path=str(corpus_page.parent / "programme.png"))
    # The drawing: the programme and its neighbours, readable at the default zoom.
    drawn = page.evaluate("window.kgPage.netNodes.get().map(n => n.entity)")
    assert drawn[0] == "Program:三供一业" and len(drawn) >= 3
    assert page.evaluate("window.kgPage.network.getScale()") >= 0.7
    # Click a neighbour in the card: it becomes the chosen entity, and the URL says so.
    link = page.locator("#kg-card .kg-group li .kg-link").first
    name = link.inner_text()
    link.click()
    page.wait_for_function("name => document.querySelector('#kg-card .kg-name').textContent === name", arg=name)
    assert "三供一业" in opened.card()  # the way back: it is a neighbour of the neighbour
    page.go_back()
    page.wait_for_function("document.querySelector('#kg-card .kg-name').textContent === '三供一业'")
    assert opened.clean()


@pytest.mark.browser
def test_browser_click_a_neighbour_in_the_drawing(open_page, corpus_page):
    opened = open_page(corpus_page)
    opened.choose("Program:三供一业")
    neighbour = opened.page.evaluate("window.kgPage.netNodes.get().map(n => n.entity)")[1]
    x, y = opened.node_point(neighbour)
    opened.page.mouse.click(x, y)
    opened.page.wait_for_function("id => new URLSearchParams(location.hash.slice(1)).get('e') === id", arg=neighbour)
    assert opened.page.evaluate("window.kgPage.netNodes.get()[0].entity") == neighbour
    assert opened.clean()


@pytest.mark.browser
def test_browser_two_hops_on_demand(open_page, corpus_page):
    opened = open_page(corpus_page)
    opened.choose("Program:三供一业")
    one = opened.page.evaluate("window.kgPage.netNodes.length")
    opened.page.click("#kg-hops")
    opened.page.wait_for_function("location.hash.includes('hops=2')")
    two = opened.page.evaluate("window.kgPage.netNodes.length")
    assert one < two <= 80


@pytest.mark.browser
def test_browser_project_status_timeline_across_three_reports(open_page, corpus_page):
    opened = open_page(corpus_page)
    opened.choose("Project:黑羊站水厂改扩建工程")
    page = opened.page
    rows = page.locator("#kg-card table.kg-timeline tr").all_inner_texts()[1:]
    assert len(rows) >= 3
    years = [int(re.match(r"(\d{4})年", row).group(1)) for row in rows]
    assert years == sorted(years) and len(set(years)) >= 2
    assert all(("计划" in row) or ("实绩" in row) for row in rows)
    assert all(any(stage in row for stage in ("签约", "开工", "在建", "建成", "投产")) for row in rows)
    assert {"海拉尔区 2016年", "海拉尔区 2017年"} <= {r for row in rows for r in re.findall(r"海拉尔区 \d{4}年", row)}
    assert page.locator("#kg-card table.kg-timeline mark").count() >= len(rows)
    page.screenshot(path=str(corpus_page.parent / "project.png"))
    assert opened.clean()


@pytest.mark.browser
def test_browser_filters_by_year_and_report_apply_everywhere_and_live_in_the_url(open_page, corpus_page, browser):
    opened = open_page(corpus_page)
    opened.choose("Project:黑羊站水厂改扩建工程")
    page = opened.page
    page.select_option("#kg-f-year", "2016")
    page.wait_for_function("location.hash.includes('year=2016')")
    where = page.locator("#kg-card dd").nth(3).inner_text()
    assert "海拉尔区 2016年" in where and "2017年" not in where
    rows = page.locator("#kg-card table.kg-timeline tr").all_inner_texts()[1:]
    assert rows and all("海拉尔区 2016年" in row for row in rows)
    # The same URL opened afresh restores the view.
    url = page.url
    again = OpenPage(browser, corpus_page, "#" + url.split("#", 1)[1])
    try:
        assert again.page.locator("#kg-f-year").input_value() == "2016"
        assert again.page.locator("#kg-card .kg-name").inner_text() == "黑羊站水厂改扩建工程"
    finally:
        again.close()
    # A report filter narrows the search: 三供一业 is in hetang-2019 only.
    page.select_option("#kg-f-year", "")
    page.select_option("#kg-f-doc", label="海拉尔区 2017年")
    page.wait_for_function("location.hash.includes('doc=') && location.hash.includes('hailar-2017')")
    assert page.evaluate("window.kgPage.search('三供一业')") == []
    assert page.evaluate("window.kgPage.search('黑羊站')")[0]["id"] == "Project:黑羊站水厂改扩建工程"
    page.fill("#kg-q", "三供一业")
    assert "已筛选" in page.locator("#kg-results").inner_text()
    assert opened.clean()


@pytest.mark.browser
def test_browser_type_and_relation_filters(open_page):
    opened = open_page(small_graph(), "#e=Project:雪亮工程")
    page = opened.page
    assert "示范新材料公司" in opened.card()
    page.locator('#kg-f-types input[value="Company"]').uncheck()
    page.wait_for_function("location.hash.includes('types=')")
    assert "示范新材料公司" not in opened.card()
    assert "Company:示范新材料公司" not in page.evaluate("window.kgPage.netNodes.get().map(n => n.entity)")
    page.locator('#kg-f-rels input[value="LOCATED_IN"]').uncheck()
    page.wait_for_function("location.hash.includes('rels=')")
    assert "东湖新区" not in page.locator("#kg-card .kg-group").all_inner_texts().__str__()
    # Search lists only entities that take part in a chosen relation.
    assert page.evaluate("window.kgPage.search('东湖新区')") == []
    assert page.evaluate("window.kgPage.search('雪亮')")[0]["id"] == "Project:雪亮工程"
    page.click("#kg-f-clear")
    page.wait_for_function("!location.hash.includes('types=')")
    assert "示范新材料公司" in opened.card()


@pytest.mark.browser
def test_browser_no_tooltip_is_left_over_another_control(open_page, corpus_page):
    opened = open_page(corpus_page)
    opened.choose("Program:三供一业")
    page = opened.page
    neighbour = page.evaluate("window.kgPage.netNodes.get().map(n => n.entity)")[1]
    x, y = opened.node_point(neighbour)
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5000)
    page.mouse.move(300, 20)  # to the search box, over the header
    page.wait_for_selector("#kg-tooltip", state="hidden", timeout=2000)
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5000)
    page.keyboard.press("/")
    page.click("#kg-q")
    page.locator("#kg-q").press_sequentially("供")
    assert page.locator("#kg-tooltip").is_hidden() and page.locator("#kg-results").is_visible()
    assert opened.clean()


@pytest.mark.browser
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_browser_hostile_name_shows_as_text_and_never_runs(open_page, name):
    opened = open_page(small_graph())
    page = opened.page
    page.fill("#kg-q", name[:6])
    assert name in page.locator("#kg-results").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_selector("#kg-card .kg-name")
    assert page.locator("#kg-card .kg-name").inner_text() == name
    assert name in page.locator("#kg-card .kg-evidence").first.inner_text()
    x, y = opened.node_point(f"Place:{name}")
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5000)
    assert name in page.locator("#kg-tooltip").inner_text()
    assert page.locator("img").count() == 0 and page.locator("#kg-card script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.clean()


@pytest.mark.browser
def test_browser_report_card_writes_numbers_as_people_do(open_page):
    opened = open_page(small_graph(), f"#e=Document:{DOC}")
    card = opened.card()
    assert "示范区 2019年" in card and "219.4亿元" in card and "增长8%" in card and "实绩" in card
    assert opened.clean()


@pytest.mark.browser
def test_browser_missing_data_file_says_what_to_do(open_page, tmp_path):
    path = write_html(small_graph(), tmp_path / "alone.html")
    data_path(path).unlink()
    opened = open_page(path)
    message = opened.page.locator("#kg-nodata").inner_text()
    assert "graph.data.js" in message or "alone.data.js" in message or "kg viz" in message
    assert opened.outside == []


@pytest.mark.browser
def test_browser_a_page_with_a_chinese_file_name_finds_its_data(open_page, tmp_path):
    opened = open_page(write_html(small_graph(), tmp_path / "示范 页面.html"))
    assert opened.page.evaluate("window.kgPage.search('三供一业')")[0]["id"] == "Program:三供一业"
    assert opened.page.locator("#kg-nodata").is_hidden() and opened.clean()


@pytest.mark.browser
def test_browser_a_glossary_entry_that_defines_no_entity_has_its_own_card(open_page):
    graph = small_graph()
    add_node(graph, f"GlossaryEntry:{DOC}#一网通办", label="GlossaryEntry", name="一网通办", term="一网通办", page="P9",
             definition="政务服务事项网上一次办结。", doc=DOC)
    opened = open_page(graph)
    opened.page.fill("#kg-q", "网通")
    assert "名词解释" in opened.page.locator("#kg-results li").nth(0).inner_text()
    opened.page.keyboard.press("Enter")
    opened.page.wait_for_selector("#kg-card .kg-name")
    card = opened.card()
    assert "一网通办" in card and "政务服务事项网上一次办结。" in card and "第9页" in card
    assert opened.clean()


@pytest.mark.browser
def test_browser_a_link_to_an_unknown_entity_shows_the_overview_and_says_so(open_page):
    opened = open_page(small_graph(), "#e=Program:%3Cb%3E不存在%3C/b%3E")
    assert opened.page.locator("#kg-overview").is_visible()
    assert "本图谱中没有“Program:<b>不存在</b>”" in opened.page.locator("#kg-overview .kg-notice").inner_text()
    assert opened.page.locator("#kg-overview b").count() == 0 and opened.clean()


def test_edge_report_rows_one_report_several_and_one_without_a_node():
    # an edge named in one report (the usual case) gets its row without a set; a report with no Document node
    # gets a row of its own, once, whichever edge names it first
    graph = new_graph()
    add_node(graph, "Document:a.txt", label="Document", name="a.txt", doc="a.txt", year=2024)
    add_node(graph, "Document:b.txt", label="Document", name="b.txt", doc="b.txt", year=2024)
    for name in ("甲工程", "乙工程", "丙工程"):
        add_node(graph, f"Project:{name}", label="Project", name=name, doc="a.txt", year=2024)
    add_edge(graph, "Project:甲工程", "Project:乙工程", "CO_OCCURS", doc="b.txt", year=2024,
             evidence={"doc": "b.txt", "sentence": "甲工程和乙工程"})
    add_edge(graph, "Project:甲工程", "Project:丙工程", "CO_OCCURS", doc="c.txt", year=2024)
    add_edge(graph, "Project:乙工程", "Project:丙工程", "CO_OCCURS", doc="c.txt", year=2024)
    add_edge(graph, "Project:乙工程", "Project:丙工程", "CO_OCCURS", doc="a.txt", year=2024)
    data = page_data(graph)
    rows = {doc["key"]: number for number, doc in enumerate(data["docs"])}
    assert list(rows) == ["a.txt", "b.txt", "c.txt"] and data["docs"][2]["id"] == ""
    assert [edge[4] for edge in data["edges"]] == [[rows["b.txt"]], [rows["c.txt"]], [rows["a.txt"], rows["c.txt"]]]
    assert data["strings"][data["edges"][0][5][0]] == "甲工程和乙工程" and data["edges"][1][5] == []


@pytest.mark.parametrize("odd", [{}, {"name": "<&>\u2028\u2029\"\\\x01甲"}, {"mentions": 10**20}, {"aliases": ["</script>", "\u2029"]}])
def test_page_data_file_written_from_bytes_is_the_data_script(odd: dict, tmp_path: Path) -> None:
    # the data file is made from orjson's bytes with the escapes replaced in them: the text of data_script, in UTF-8
    # (10**20 is past orjson: json writes it)
    from kg.visualize import data_script

    graph = new_graph()
    add_node(graph, "Program:甲", label="Program", name="甲", doc=DOC, year=2019,
             evidence=[{"doc": DOC, "sentence": "推进甲<b>&建设\u2028", "section": "一、"}])
    add_node(graph, "Place:乙", label="Place", name="乙", doc=DOC, year=2019)
    graph.nodes["Program:甲"].update(odd)
    add_edge(graph, "Program:甲", "Place:乙", "LOCATED_IN", doc=DOC, year=2019, evidence={"doc": DOC, "sentence": "甲在乙>"})
    for options in ({}, {"max_nodes": 1}, {"types": ["Place"]}):
        page = write_html(graph, tmp_path / "g.html", title="图<&>", **options)
        expected = DATA_SIGNATURE + "\n" + data_script(graph, title="图<&>", **options)
        assert data_path(page).read_bytes() == expected.encode("utf-8")
    with pytest.raises(TypeError):
        write_html(graph, tmp_path / "g.html", max_node=3)  # an option that does not exist is refused, as before

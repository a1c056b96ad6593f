"""Neo4j fixtures: the real server started by scripts/neo4j-local (CI starts it), and small invented graphs.

The sample reports below are invented (示例区, 星河…); only the 三供一业 definition follows the
wording of a real glossary entry, as the issue asks.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx
import pytest

from kg.errors import DatabaseError
from kg.model import add_edge, add_node, new_graph
from kg.neo4j_connect import Settings, connect, settings

DEFINITION = "国有企业职工家属区供水、供电、供热（供气）和物业管理"


@dataclass
class Neo4jProbe:
    """Direct read access to the test database, to check what a load wrote."""

    conf: Settings

    def run(self, query: str, **params) -> list[dict]:
        with connect(self.conf) as driver:
            records = driver.execute_query(query, params, database_=self.conf.database).records
        return [record.data() for record in records]

    def counts(self) -> tuple[int, int]:
        nodes = self.run("MATCH (n) RETURN count(n) AS c")[0]["c"]
        rels = self.run("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
        return nodes, rels

    def snapshot(self) -> list[tuple]:
        """Every node and relationship with labels and properties, sorted: equal snapshots, equal databases."""
        nodes = self.run("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")
        rels = self.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props")
        return sorted((n["id"], sorted(n["labels"]), sorted(n["props"].items())) for n in nodes) + \
            sorted((r["a"], r["t"], r["b"], sorted(r["props"].items())) for r in rels)

    def clean(self) -> None:
        self.run("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="session")
def neo4j_conf() -> Settings:
    """Settings from the NEO4J_* environment; fails (never skips) when the server is not up."""
    conf = settings()
    try:
        with connect(conf):
            pass
    except DatabaseError as error:
        pytest.fail(f"these tests need the real Neo4j server: {error}", pytrace=False)
    return conf


@pytest.fixture
def neo4j_db(neo4j_conf: Settings) -> Iterator[Neo4jProbe]:
    """An empty database (everything deleted before and after the test)."""
    probe = Neo4jProbe(neo4j_conf)
    probe.clean()
    yield probe
    probe.clean()


def _evidence(doc: str, sentence: str, start: int = 0) -> dict:
    return {"doc": doc, "section": 1, "start": start, "end": start + len(sentence), "sentence": sentence}


def make_report_graph(doc: str = "示例区-2019.txt", year: int = 2019, *, project: str = "星河智能制造产业园",
                      company: str = "星河科技有限公司", place: str = "东湖街道") -> nx.MultiDiGraph:
    """An invented one-report graph with every node label and relationship type of kg.model."""
    g = new_graph()
    sec = f"Section:{doc}#1"
    sentence = f"推进三供一业改造，{company}建成{project}。"
    ev = _evidence(doc, sentence)
    add_node(g, f"Document:{doc}", label="Document", name=doc, doc=doc, year=year, path=doc, issuer="示例区", chars=900)
    add_node(g, sec, label="Section", name="二、工作安排", doc=doc, year=year, title="二、工作安排", role="plan", level=1)
    add_node(g, "Program:三供一业", label="Program", name="三供一业", doc=doc, year=year, aliases=["三供一业改造"],
             mentions=2, definition=DEFINITION, evidence=[ev])
    add_node(g, f"GlossaryEntry:{doc}#三供一业", label="GlossaryEntry", name="三供一业", doc=doc, year=year,
             term="三供一业", page="P7", definition=DEFINITION)
    add_node(g, f"Project:{project}", label="Project", name=project, doc=doc, year=year, evidence=[ev])
    add_node(g, f"Company:{company}", label="Company", name=company, doc=doc, year=year, evidence=[ev])
    add_node(g, "Place:示例区", label="Place", name="示例区", doc=doc, year=year)
    add_node(g, f"Place:{place}", label="Place", name=place, doc=doc, year=year)
    add_node(g, "Agency:区发改局", label="Agency", name="区发改局", doc=doc, year=year)
    status = f"Status:Project:{project}|建成|{year - 1}|outcome"
    add_node(g, status, label="Status", name="建成", doc=doc, year=year - 1, stage="建成", kind="outcome", evidence=ev)
    add_node(g, f"Indicator:{doc}#地区生产总值", label="Indicator", name="地区生产总值", doc=doc, year=year,
             value=21900000000, unit="元")
    add_edge(g, sec, f"Document:{doc}", "PART_OF", doc=doc, year=year)
    add_edge(g, f"Place:{place}", "Place:示例区", "PART_OF", doc=doc, year=year)
    for entity in ("Program:三供一业", f"Project:{project}", f"Company:{company}", "Agency:区发改局"):
        add_edge(g, entity, sec, "MENTIONED_IN", doc=doc, year=year, evidence=ev)
    add_edge(g, "Program:三供一业", f"GlossaryEntry:{doc}#三供一业", "DEFINED_BY", doc=doc, year=year)
    add_edge(g, "Program:三供一业", f"Project:{project}", "CO_OCCURS", doc=doc, year=year, evidence=ev)
    add_edge(g, f"Project:{project}", f"Place:{place}", "LOCATED_IN", doc=doc, year=year, evidence=ev)
    add_edge(g, f"Company:{company}", f"Project:{project}", "BUILDS", doc=doc, year=year, evidence=ev)
    add_edge(g, f"Project:{project}", status, "HAS_STATUS", doc=doc, year=year, evidence=ev)
    add_edge(g, f"Document:{doc}", f"Indicator:{doc}#地区生产总值", "REPORTS", doc=doc, year=year)
    add_edge(g, "Agency:区发改局", "Program:三供一业", "RELATED_TO", doc=doc, year=year, evidence=ev)
    return g


def make_large_graph(entities: int = 60) -> nx.MultiDiGraph:
    """The sample report plus a chain of invented programmes, for loads of many batches."""
    g = make_report_graph()
    for i in range(entities):
        add_node(g, f"Program:示例工程{i}", label="Program", name=f"示例工程{i}", doc="示例区-2019.txt", year=2019)
        if i:
            add_edge(g, f"Program:示例工程{i - 1}", f"Program:示例工程{i}", "CO_OCCURS", doc="示例区-2019.txt")
    return g


@pytest.fixture
def report_graph() -> nx.MultiDiGraph:
    """The invented one-report sample graph."""
    return make_report_graph()

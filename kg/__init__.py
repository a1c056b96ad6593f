"""Knowledge graphs of government work reports: model, build, exports, Neo4j, page and the ``kg`` CLI.

The few names a notebook needs are available here (``from kg import build_graph, write_outputs``);
they are imported on first use, so ``kg --help`` starts without loading networkx, spaCy or jieba.
Everything else lives in its module (``kg.model``, ``kg.build``, ``kg.export``, ``kg.neo4j_load``,
``kg.visualize``, ``kg.glossary_query``, ``kg.timeline``, ``kg.explore``).
"""
from __future__ import annotations

from extractors.lazy import lazy_exports

_EXPORTS = {
    "extract_file": "extractors.pipeline",
    "extraction_to_json": "extractors.pipeline",
    "build_graph": "kg.build",
    "write_outputs": "kg.export",
    "read_graph_dir": "kg.model",
    "load_graph": "kg.neo4j_load",
    "to_html": "kg.visualize",
    "query_glossary": "kg.glossary_query",
    "plan_vs_outcome": "kg.timeline",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)

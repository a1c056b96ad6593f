"""Knowledge graphs of government work reports: model, build, exports, Neo4j, page and the ``kg`` CLI.

Import the module you need (``kg.model``, ``kg.build``, ``kg.export``, ``kg.neo4j_load``,
``kg.visualize``, ``kg.glossary_query``, ``kg.timeline``, ``kg.explore``); nothing is
re-exported here, so ``kg --help`` starts without importing networkx, spaCy or jieba.
"""

__all__: list[str] = []

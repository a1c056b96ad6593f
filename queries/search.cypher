// Full-text search over entity names, aliases and definitions and glossary terms and
// definitions (index entity_text, CJK analyser: a part of a Chinese word finds it, so 供水
// finds 三供一业 through its definition). $q uses Lucene syntax; quote it for a phrase.
// Parameters: $q  the search text, e.g. 供水
CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node, score
RETURN [l IN labels(node) WHERE l <> 'Entity'][0] AS label,
       coalesce(node.name, node.term) AS name,
       node.id AS id,
       left(coalesce(node.definition, ''), 80) AS definition,
       round(score, 3) AS score
ORDER BY score DESC
LIMIT 20

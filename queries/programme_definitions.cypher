// Programmes with their glossary definition: each Program, the glossary entry
// (名词解释) it is DEFINED_BY with its page, or the definition kept on the programme itself;
// programmes with a definition come first.
// Parameters: none
MATCH (p:Program)
OPTIONAL MATCH (p)-[:DEFINED_BY]->(g:GlossaryEntry)
WITH p, g, coalesce(g.definition, p.definition) AS definition
RETURN p.name AS programme,
       g.term AS term,
       g.page AS page,
       definition,
       p.docs AS docs
ORDER BY definition IS NULL, programme

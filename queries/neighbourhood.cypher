// Entity neighbourhood with evidence: every node one step from the entity called $name
// (by name or alias), the relation's type and direction, how often it is stated, and
// the sentences that state it.
// Parameters: $name  the entity's name or one of its aliases, e.g. 三供一业
MATCH (e:Entity)
WHERE e.name = $name OR $name IN coalesce(e.aliases, [])
MATCH (e)-[r]-(n)
RETURN e.id AS entity,
       type(r) AS relation,
       CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
       coalesce(n.name, n.term, n.title, n.id) AS neighbour,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS neighbour_label,
       r.weight AS weight,
       r.evidence AS evidence
ORDER BY weight DESC, relation, neighbour
LIMIT 100

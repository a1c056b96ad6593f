// Shortest path between two entities: the fewest relationships (at most 6, any type and
// direction) linking the entity called $from to the entity called $to (names or aliases).
// Parameters: $from, $to  entity names, e.g. 三供一业 and 荷塘区
MATCH (a:Entity) WHERE a.name = $from OR $from IN coalesce(a.aliases, [])
MATCH (b:Entity) WHERE (b.name = $to OR $to IN coalesce(b.aliases, [])) AND b <> a
MATCH path = shortestPath((a)-[*..6]-(b))
RETURN [n IN nodes(path) | coalesce(n.name, n.term, n.title, n.id)] AS nodes,
       [r IN relationships(path) | type(r)] AS relations,
       length(path) AS hops
ORDER BY hops
LIMIT 1

// Projects in a place and their status by year: projects LOCATED_IN the place $place or in
// a place that is PART_OF it (up to three levels down), each with the status records
// (stage 签约/开工/在建/建成/投产, year, kind) it HAS_STATUS; one row per project and status.
// Parameters: $place  the place's name or alias, e.g. 荷塘区
MATCH (top:Place)
WHERE top.name = $place OR $place IN coalesce(top.aliases, [])
MATCH (p:Project)-[:LOCATED_IN]->(pl:Place)-[:PART_OF*0..3]->(top)
OPTIONAL MATCH (p)-[:HAS_STATUS]->(s:Status)
RETURN p.name AS project,
       pl.name AS place,
       coalesce(s.year, head(s.years)) AS year,
       s.stage AS stage,
       s.kind AS kind
ORDER BY project, year, stage

// Companies connected to projects: each company, the project it is linked to, how
// (BUILDS, CO_OCCURS, ...), how often the reports state it, in which years, and one sentence.
// Parameters: none
MATCH (c:Company)-[r]-(p:Project)
RETURN c.name AS company,
       type(r) AS relation,
       p.name AS project,
       r.weight AS weight,
       r.years AS years,
       r.evidence[0] AS evidence
ORDER BY company, weight DESC, project

"""The report's own glossary (名词解释): parsing, term lookup and linking to entities."""

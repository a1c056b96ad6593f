"""Extraction stages: ingest → structure → segment → entities → glossary → relations."""

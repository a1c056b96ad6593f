"""The report's own glossary (名词解释): parsing (``glossary.parse``), term variants and
parts (``glossary.variants``) and lookup (``glossary.lookup``). Import those modules directly."""

__all__: list[str] = []

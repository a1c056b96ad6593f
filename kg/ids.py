"""The one place node ids of documents and of the records inside them are made.

A document's id is its path relative to the input folder it was found in (see
:mod:`extractors.walk`): ``Document:city-2024/北京.txt``; a file named on the command line is
known by its base name (``Document:hetang-2019.txt``). Sections, glossary entries and
indicators hang off that id, so two reports never share one of theirs.

Example:
    >>> section_id("city-2024/北京.txt", 3)
    'Section:city-2024/北京.txt#3'
"""
from __future__ import annotations

import hashlib

__all__ = ["document_id", "section_id", "glossary_id", "indicator_id", "status_id", "indexable_id",
           "MAX_INDEXED_BYTES"]


def document_id(doc: str) -> str:
    """The node id of the document ``doc`` (its relative path or file name)."""
    return f"Document:{doc}"


def section_id(doc: str, index: int) -> str:
    """The node id of section number ``index`` of ``doc``."""
    return f"Section:{doc}#{index}"


def glossary_id(doc: str, term: str) -> str:
    """The node id of the glossary (名词解释) entry ``term`` of ``doc``."""
    return f"GlossaryEntry:{doc}#{term}"


def indicator_id(doc: str, number: int) -> str:
    """The node id of the ``number``-th indicator of ``doc``."""
    return f"Indicator:{doc}#{number}"


def status_id(project_id: str, stage: str, year: int | None, kind: str) -> str:
    """The node id of one project status (shared by every report that states it)."""
    return f"Status:{project_id}|{stage}|{year}|{kind}"


#: Longest id (in UTF-8 bytes) stored as is in Neo4j; its index keys hold about 8 kB at most.
MAX_INDEXED_BYTES = 4000


def indexable_id(node_id: str) -> str:
    """``node_id`` itself, or for an id too long for Neo4j's index, a prefix plus a hash of the whole.

    The result is unique for each different id (the hash covers all of it) and stays readable;
    the loader keeps the full id in the node's ``full_id`` property.

    Example:
        >>> indexable_id("Program:三供一业")
        'Program:三供一业'
        >>> long = indexable_id("Project:" + "长" * 10000)
        >>> len(long.encode("utf-8")) <= MAX_INDEXED_BYTES, long.startswith("Project:长长"), "#sha256:" in long
        (True, True, True)
    """
    data = node_id.encode("utf-8")
    if len(data) <= MAX_INDEXED_BYTES:
        return node_id
    digest = hashlib.sha256(data).hexdigest()[:32]
    prefix = data[:MAX_INDEXED_BYTES - 64].decode("utf-8", errors="ignore")
    return f"{prefix}…#sha256:{digest}"

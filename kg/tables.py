"""Tidy tables of a graph folder: one CSV per kind of record, one row per record.

``kg build`` writes, next to ``graph.json``:

=================  ==========================================================================
``documents.csv``  one row per report: file, path, issuer, division code, level, year, the parts
                   found with their roles, counts of entities, mentions, statuses, glossary
                   entries and indicators, warnings
``entities.csv``   one row per entity node (Program, Project, Company, Place, Agency)
``mentions.csv``   one row per mention of an entity in a report (offsets, sentence, section role)
``relations.csv``  one row per edge of the graph (every relation type)
``statuses.csv``   one row per status node (project, stage, year, plan or outcome)
``indicators.csv`` one row per indicator node (raw value, unit, growth, basis, period, qualifier)
``glossary.csv``   one row per glossary entry (term, page, definition, entity it defines)
=================  ==========================================================================

The columns of every table are :data:`COLUMNS` (the README's data dictionary lists them with
their meaning). Values are raw, as machines want them: amounts in base units (元, 人), growth
and rates as fractions, lists joined with ``|``; numbers written for people are the job of
:mod:`kg.numbers`. Files are UTF-8; ``excel=True`` adds a byte-order mark so Excel shows the
Chinese. Each table loads with one ``pandas.read_csv(path)``.

Everything is read from the graph except the mentions, which the graph only counts: the
build collects them per report in :class:`MentionRecords` as each extraction is merged.
Mentions of an entity merged across reports are listed under the id it was merged into.

Example:
    >>> from kg.model import new_graph
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_tables(new_graph(), folder)["entities.csv"]
    0
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import marshal
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import networkx as nx

from kg.edge_batches import EdgeBatch, edge_batches
from kg.model import ENTITY_LABELS

if TYPE_CHECKING:
    from extractors.pipeline import Extraction
    from extractors.records import Document, Section, Sentence

__all__ = ["COLUMNS", "TABLE_FILES", "MentionRecords", "MentionPlaces", "mention_rows", "table_rows", "write_table", "write_tables"]

#: Every table's columns, in order (the data dictionary of the README describes each).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents.csv": ("id", "document", "file", "path", "issuer", "adcode", "level", "year", "chars", "parts", "roles", "part_years",
                      "entities", "mentions", "statuses", "glossary_entries", "indicators", "warnings"),
    # the first eight columns are the historical entities.csv: kept in place for scripts that read them
    "entities.csv": ("id", "type", "name", "aliases", "docs", "years", "mentions", "definition",
                     "reports", "alt_types", "adcode", "level", "merged_from"),
    "mentions.csv": ("document", "entity", "type", "start", "end", "text", "rule", "sentence", "section",
                     "section_role"),
    # the first seven columns are the historical relations.csv
    "relations.csv": ("source", "type", "target", "weight", "docs", "years", "evidence",
                      "source_type", "target_type", "evidence_doc", "evidence_start", "evidence_end"),
    "statuses.csv": ("id", "project_id", "project", "stage", "year", "kind", "docs", "document", "sentence",
                     "start", "end"),
    "indicators.csv": ("id", "document", "name", "value", "unit", "growth", "basis", "period_start", "qualifier",
                       "kind", "year", "sentence", "start", "end"),
    "glossary.csv": ("id", "document", "term", "page", "definition", "entity"),
}
TABLE_FILES: tuple[str, ...] = tuple(COLUMNS)


_PLAIN = frozenset({str, int, float, type(None)})


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined with |, dicts as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        if None not in value:
            return "|".join(map(str, value))
        return "|".join("" if item is None else str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _year(data: dict) -> int | None:
    if data.get("year") is not None:
        return data["year"]
    years = [y for y in data.get("years") or [] if y is not None]
    return years[0] if years else None


def _evidence(data: dict) -> dict:
    evidence = data.get("evidence") or []
    if isinstance(evidence, dict):
        return evidence
    return evidence[0] if evidence and isinstance(evidence[0], dict) else {}


def _doc_of(data: dict) -> str:
    return data.get("doc") or (data.get("docs") or [""])[0]


class MentionRecords:
    """The mentions of every report of a build, as rows of ``mentions.csv`` (the graph only counts them).

    ``add`` is called with each extraction as it is merged, so extractions need not be kept;
    rows go to a temporary file as they come, so memory does not grow with the archive. They go
    there as they are (a batch of tuples in :mod:`marshal`'s format, its length before it): the
    temporary file is read back only by this class, so the rows are not quoted and encoded as CSV
    to be parsed again (a mention's sentence, most of a row, is shared by the mentions in it and
    stored once per batch); the CSV is written once, by the writer.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile("w+b")
        self.count = 0

    def add(self, extraction: Extraction, renamed: dict[str, str] | None = None,
            places: MentionPlaces | None = None) -> None:
        """Record the mentions of one extraction (``renamed``: the graph ids of entities stored under another id;
        ``places``: the document's lookups, when the build has made them)."""
        self.add_rows(mention_rows(extraction, renamed, places))

    def add_rows(self, rows: Iterable[tuple]) -> None:
        """Record rows already made by :func:`mention_rows` (a worker made them, as the streaming build does)."""
        rows = iter(rows)
        while batch := list(itertools.islice(rows, 10000)):  # one batch per write, memory bounded
            try:
                data = marshal.dumps(batch)
            except ValueError:  # a cell marshal cannot store (a str subclass, a Path): its text, as CSV would have it
                data = marshal.dumps([tuple(cell if cell is None or type(cell) in _MARSHALLED else str(cell) for cell in row)
                                      for row in batch])
            self._file.write(_BATCH_SIZE.pack(len(data)))
            self._file.write(data)
            self.count += len(batch)

    def __len__(self) -> int:
        return self.count

    def _batches(self) -> Iterator[list[tuple]]:
        """The batches recorded so far, in order."""
        self._file.flush()
        self._file.seek(0)
        try:
            while head := self._file.read(_BATCH_SIZE.size):
                yield marshal.loads(self._file.read(_BATCH_SIZE.unpack(head)[0]))
        finally:
            self._file.seek(0, 2)  # later adds append at the end

    def text_rows(self) -> Iterator[list[str]]:
        """The rows recorded so far, in order, every cell as text (as they are written to CSV: None empty)."""
        for batch in self._batches():
            for row in batch:
                yield list(map(str, row)) if None not in row else ["" if cell is None else str(cell) for cell in row]

    def __iter__(self) -> Iterator[tuple]:
        """The rows recorded so far, in order (offsets as ints)."""
        for row in self.text_rows():
            yield (*row[:3], int(row[3]), int(row[4]), *row[5:])


_BATCH_SIZE = struct.Struct("<q")  # the byte length of a marshalled batch of mention rows
_MARSHALLED = (str, int, float, bool)  # the cell types stored as they are


_MISSING = object()


class MentionPlaces:
    """The sentence and the section at each offset of one document, each looked up once: the build
    asks for them twice per mention (the graph's evidence and mention counts, then ``mentions.csv``)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._sentences: dict[int, Any] = {}
        self._sections: dict[int, Any] = {}

    def sentence(self, offset: int) -> Sentence | None:
        """``doc.sentence_at(offset)``, remembered."""
        found = self._sentences.get(offset, _MISSING)
        if found is _MISSING:
            found = self._sentences[offset] = self.doc.sentence_at(offset)
        return found

    def section(self, offset: int) -> Section | None:
        """``doc.section_at(offset)``, remembered."""
        found = self._sections.get(offset, _MISSING)
        if found is _MISSING:
            found = self._sections[offset] = self.doc.section_at(offset)
        return found


def mention_rows(extraction: Extraction, renamed: dict[str, str] | None = None,
                 places: MentionPlaces | None = None) -> Iterator[tuple]:
    """One tuple per mention: (document, entity id, type, start, end, text, rule, sentence, section, role).

    ``renamed`` maps an extraction's entity id to the id the graph stores it under, when they differ;
    ``places`` are the document's sentence and section lookups when the caller has made them already.
    """
    doc = extraction.document
    renamed = renamed or {}
    places = places if places is not None and places.doc is doc else MentionPlaces(doc)
    sentence_at, section_at = places.sentence, places.section
    for entity in extraction.entities:
        entity_id = renamed.get(entity.id, entity.id)
        for mention in entity.mentions:
            sentence = sentence_at(mention.start)
            section = section_at(mention.start)
            yield (doc.id, entity_id, entity.type, mention.start, mention.end, mention.text, mention.rule,
                   sentence.text if sentence else "", section.title if section else "",
                   section.role if section else "")


def _merged_into(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Old entity id → the id it was merged into (from the kept nodes' ``merged_from``)."""
    return {old: node for node, data in graph.nodes(data=True) for old in data.get("merged_from") or []}


def _part(part: Any) -> tuple[str, str, str]:
    """(title, role, year) of one part of a report, whether a dict, a [title, role] pair or a title."""
    if isinstance(part, dict):
        year = part.get("year")
        return (str(part.get("title") or part.get("name") or ""), str(part.get("role") or ""),
                "" if year is None else str(year))
    if isinstance(part, (list, tuple)) and part:
        return str(part[0]), str(part[1]) if len(part) > 1 else "", ""
    return str(part), "", ""


def _documents(graph: nx.MultiDiGraph) -> Iterator[dict]:
    labels = {node: data.get("label") for node, data in graph.nodes(data=True)}
    counts: dict[str, dict[str, int]] = {}
    section_doc = {}
    for node, data in graph.nodes(data=True):
        label = str(data.get("label"))
        if label == "Section":
            section_doc[node] = _doc_of(data)
            continue
        key = {"Status": "statuses", "GlossaryEntry": "glossary_entries", "Indicator": "indicators"}.get(
            label, "entities" if label in ENTITY_LABELS else "")
        if key:
            for doc in data.get("docs") or []:
                counts.setdefault(doc, {}).setdefault(key, 0)
                counts[doc][key] += 1
    into: dict = graph._pred  # type: ignore[attr-defined]  # node → source → key → data: only the edges into sections
    for section, doc in section_doc.items():
        found = counts.setdefault(doc, {})
        total = found.get("mentions", 0)  # the report's count so far, added to edge by edge
        for source, keyed in into[section].items():
            if "MENTIONED_IN" in keyed and labels.get(source) in ENTITY_LABELS:
                total += keyed["MENTIONED_IN"].get("weight", 1)
        found["mentions"] = total
    for node, data in graph.nodes(data=True):
        if data.get("label") != "Document":
            continue
        name = data.get("name") or node.split(":", 1)[-1]
        key = (data.get("docs") or [name])[0]  # the id other nodes list in docs (a relative path)
        parts = data.get("parts")
        if parts is None:  # the top-level sections of the report, in order
            tops = sorted((s for s, _, k in graph.in_edges(node, keys=True) if k == "PART_OF"
                           and labels.get(s) == "Section"), key=lambda s: int(s.rsplit("#", 1)[-1])
                          if s.rsplit("#", 1)[-1].isdigit() else 0)
            parts = [{"title": graph.nodes[s].get("title") or graph.nodes[s].get("name"),
                      "role": graph.nodes[s].get("role")} for s in tops]
        titles = [_part(p)[0] for p in parts]
        roles = [_part(p)[1] for p in parts]
        part_years = [_part(p)[2] for p in parts]
        found = counts.get(key, {})
        yield {"id": node, "document": key, "file": Path(str(data.get("path") or name)).name, "path": data.get("path"),
               "issuer": data.get("issuer"), "adcode": data.get("adcode"), "level": data.get("level"),
               "year": _year(data), "chars": data.get("chars"), "parts": titles, "roles": roles, "part_years": part_years,
               "entities": found.get("entities", 0), "mentions": found.get("mentions", 0),
               "statuses": found.get("statuses", 0), "glossary_entries": found.get("glossary_entries", 0),
               "indicators": found.get("indicators", 0), "warnings": data.get("warnings") or []}


def _entities(graph: nx.MultiDiGraph) -> Iterator[list]:
    """Rows in column order, list values as they are (the writer makes them cells, column by column)."""
    nodes: dict = graph._node  # type: ignore[attr-defined]
    for node in sorted(node for node, data in nodes.items() if data.get("label") in ENTITY_LABELS):  # ids: no ties
        data = nodes[node]
        get = data.get
        yield [node, data["label"], get("name", ""), get("aliases", []), get("docs", []),
               get("years", []), get("mentions", 0), get("definition") or "", len(get("docs") or []),
               get("alt_types", []), get("adcode"), get("level"), get("merged_from", [])]


def _renamer(graph: nx.MultiDiGraph) -> Callable[[list], list]:
    """A function that puts a recorded mention row (its cells as text) under the id its entity was merged
    into, with that node's type, in place."""
    moved = _merged_into(graph)
    nodes: dict = graph._node  # type: ignore[attr-defined]  # id → attributes, one lookup per row

    def rename(row: list) -> list:
        entity = row[1]
        while entity not in nodes and entity in moved:
            entity = moved[entity]
        data = nodes.get(entity)
        if data is not None:
            row[2] = data.get("label", row[2])
        row[1] = entity
        return row

    return rename


def _mentions(graph: nx.MultiDiGraph, records: MentionRecords | None) -> Iterator[list]:
    if records is None:
        return
    yield from map(_renamer(graph), records.text_rows())


def _text_cells(column: tuple) -> Sequence:
    """The cells of a column of recorded mentions as :meth:`MentionRecords.text_rows` gives them (None empty)."""
    kinds = set(map(type, column))
    if kinds == {str}:
        return column
    if kinds == {int}:
        return list(map(str, column))
    return ["" if cell is None else str(cell) for cell in column]


def _mention_batches(graph: nx.MultiDiGraph, records: MentionRecords) -> Iterator[tuple[list[Sequence], list[tuple]]]:
    """The recorded mentions a batch at a time, as the text columns :func:`_mentions` gives their rows
    (entities under the id they were merged into, with that node's type), with the batch's rows.

    A batch is read column by column: each distinct entity is looked up once, not once per row, and
    no list is made per row (the rows are a batch as :mod:`marshal` gives it back). A batch whose
    rows are not all of the table's width yields no columns (an empty list): it is read row by row.
    """
    width = len(COLUMNS["mentions.csv"])
    moved = _merged_into(graph)
    nodes: dict = graph._node  # type: ignore[attr-defined]
    ids: dict[str, Any] = {}  # an entity as recorded → the id it is listed under
    labels: dict[str, Any] = {}  # → that node's label, _MISSING when no node has that id
    for batch in records._batches():
        if set(map(len, batch)) != {width}:
            yield [], batch
            continue
        columns: list[Sequence] = [_text_cells(column) for column in zip(*batch)]
        entities = columns[1]
        for entity in set(entities).difference(ids):
            final = entity
            while final not in nodes and final in moved:
                final = moved[final]
            data = nodes.get(final)
            ids[entity] = final
            labels[entity] = _MISSING if data is None else data.get("label", _MISSING)
        kinds = list(map(labels.__getitem__, entities))
        if _MISSING in kinds:  # no node, or one without a label: the type recorded stays
            kinds = [recorded if kind is _MISSING else kind for kind, recorded in zip(kinds, columns[2])]
        columns[1] = _column_text(tuple(map(ids.__getitem__, entities)))
        columns[2] = _column_text(tuple(kinds))
        yield columns, batch


def _relations(graph: nx.MultiDiGraph) -> Iterator[list]:
    """Rows in column order, as for :func:`_entities`."""
    labels = dict(graph.nodes(data="label"))  # one lookup table, not two node views per edge
    for batch in edge_batches(graph):
        yield from _relation_rows(batch, labels)


def _relation_rows(batch: EdgeBatch, labels: dict) -> list[list]:
    """The rows of a batch of edges (``labels``: node → label)."""
    rows: list[list] = []
    append = rows.append
    for source, target, key, data in zip(batch.sources, batch.targets, batch.keys, batch.datas):
        evidence = data.get("evidence")
        if not evidence:  # (most edges: MENTIONED_IN, PART_OF) what _evidence reads there
            first = _NO_EVIDENCE
        elif evidence.__class__ is list and evidence[0].__class__ is dict:
            first = evidence[0]
        else:
            first = _evidence(data)
        get = first.get
        append([source, key, target, data.get("weight", 1), data.get("docs", []), data.get("years", []),
                get("sentence", ""), labels[source], labels[target], get("doc"), get("start"), get("end")])
    return rows


def _relations_text(batch: EdgeBatch, labels: dict) -> str:
    """The ``relations.csv`` lines of a batch of edges, as :func:`_write_lists` writes its rows; the docs and years
    cells are the texts the batch joined once for this table and the GEXF (:meth:`EdgeBatch.lists`) when
    every year is an int (this table joins other years its own way)."""
    rows = _relation_rows(batch, labels)
    width = len(COLUMNS["relations.csv"])
    lists = batch.lists()
    if lists is None or not batch.int_years():
        text = _plain_lines(rows, width)
        return text if text is not None else _csv_text(rows)
    columns: list[Any] = list(zip(*rows))
    for number, column in enumerate(columns):
        columns[number] = _column_text(column) if number not in (4, 5) else lists[number - 3]
    return _column_lines(columns, width, rows.__getitem__)


def _csv_text(rows: list[list]) -> str:
    """Rows as the csv module writes them (cells made as :func:`_write_lists` makes them)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(_csv_cells(rows))
    return buffer.getvalue()


def relation_lines(graph: nx.MultiDiGraph, handle: TextIO) -> Iterator[EdgeBatch]:
    """Write ``relations.csv`` into ``handle`` (open for writing, newline=""): its header, then each batch of
    :func:`kg.edge_batches.edge_batches`, yielded once written (another writer reads it on: the GEXF). Read
    the generator to its end to write every row."""
    csv.writer(handle).writerow(COLUMNS["relations.csv"])
    labels = dict(graph.nodes(data="label"))
    for batch in edge_batches(graph):
        handle.write(_relations_text(batch, labels))
        yield batch


_NO_EVIDENCE: dict = {}  # the first evidence of an edge without any (read only)


def _statuses(graph: nx.MultiDiGraph) -> Iterator[dict]:
    into: dict = graph._pred  # type: ignore[attr-defined]  # node → source → key → data, without a view per node
    for node, data in graph.nodes(data=True):
        if data.get("label") != "Status":
            continue
        projects = [s for s, keyed in into[node].items() if "HAS_STATUS" in keyed]
        evidence = _evidence(data)
        yield {"id": node, "project_id": projects[0] if projects else None, "project": data.get("project"),
               "stage": data.get("stage"), "year": _year(data), "kind": data.get("kind"), "docs": data.get("docs", []),
               "document": evidence.get("doc") or _doc_of(data), "sentence": evidence.get("sentence", ""),
               "start": evidence.get("start"), "end": evidence.get("end")}


def _indicators(graph: nx.MultiDiGraph) -> Iterator[dict]:
    into: dict = graph._pred  # type: ignore[attr-defined]
    for node, data in graph.nodes(data=True):
        if data.get("label") != "Indicator":
            continue
        reports = [keyed["REPORTS"] for keyed in into[node].values() if "REPORTS" in keyed]
        evidence = _evidence(reports[0]) if reports else {}
        yield {"id": node, "document": _doc_of(data), "name": data.get("name"), "value": data.get("value"),
               "unit": data.get("unit"), "growth": data.get("growth"), "basis": data.get("basis"),
               "period_start": data.get("period_start"), "qualifier": data.get("qualifier"), "kind": data.get("kind"),
               "year": _year(data), "sentence": evidence.get("sentence", ""), "start": evidence.get("start"),
               "end": evidence.get("end")}


def _glossary(graph: nx.MultiDiGraph) -> Iterator[dict]:
    into: dict = graph._pred  # type: ignore[attr-defined]
    for node, data in graph.nodes(data=True):
        if data.get("label") != "GlossaryEntry":
            continue
        defines = [s for s, keyed in into[node].items() if "DEFINED_BY" in keyed]
        yield {"id": node, "document": _doc_of(data), "term": data.get("term") or data.get("name"),
               "page": data.get("page"), "definition": data.get("definition"), "entity": defines[0] if defines else None}


#: Tables whose makers yield rows as lists in column order (the writer needs no dict per row).
_LIST_ROWS = frozenset({"entities.csv", "relations.csv", "mentions.csv"})


def _rows(graph: nx.MultiDiGraph, name: str, mentions: MentionRecords | None) -> Iterator:
    """The rows of table ``name``: lists for :data:`_LIST_ROWS`, dicts for the others."""
    makers = {"documents.csv": _documents, "statuses.csv": _statuses, "indicators.csv": _indicators,
              "glossary.csv": _glossary}
    if name == "mentions.csv":
        return _mentions(graph, mentions)
    if name in ("entities.csv", "relations.csv"):
        return (_entities if name == "entities.csv" else _relations)(graph)
    if name not in makers:
        raise ValueError(f"no table named {name!r}; the tables are {', '.join(TABLE_FILES)}")
    return makers[name](graph)


def table_rows(graph: nx.MultiDiGraph, name: str, *, mentions: MentionRecords | None = None) -> Iterator[dict]:
    """The rows of table ``name`` (a file name of :data:`TABLE_FILES`) as dicts keyed by its columns."""
    rows = _rows(graph, name, mentions)
    if name not in _LIST_ROWS:
        return rows
    columns = COLUMNS[name]
    if name == "mentions.csv":
        return (dict(zip(columns, (*row[:3], int(row[3]), int(row[4]), *row[5:]))) for row in rows)
    return (dict(zip(columns, row)) for row in rows)


def write_table(rows: Iterable[dict], columns: tuple[str, ...], path: str | Path, *, excel: bool = False) -> int:
    """Write ``rows`` as CSV with a header (UTF-8, with a BOM when ``excel``); returns the row count."""
    return _write_lists((list(map(row.get, columns)) for row in rows), columns, path, excel=excel)


def _csv_cells(rows: Iterable[Sequence]) -> list[Sequence]:
    """Rows with each cell as :func:`_cell` makes it, for the csv module (a row of plain cells as it is:
    the csv module writes those as :func:`_cell` would, None as an empty cell)."""
    plain = _PLAIN.issuperset
    return [row if plain(map(type, row)) else [value if value.__class__ in _PLAIN else _cell(value) for value in row]
            for row in rows]


def _write_lists(rows: Iterable[list], columns: tuple[str, ...], path: str | Path, *, excel: bool = False) -> int:
    """Write rows given as lists in column order (see :func:`write_table`).

    A batch of rows none of whose cells needs quoting is joined into text at once (:func:`_plain_lines`);
    any other batch goes through the csv module, which writes the same bytes either way.
    """
    count = 0
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for batch in iter(lambda: list(itertools.islice(rows, 1000)), []):
            text = _plain_lines(batch, len(columns))
            if text is not None:
                handle.write(text)
            else:
                writer.writerows(_csv_cells(batch))
            count += len(batch)
    return count


_NONE = type(None)


def _cell_text(value: Any) -> str:
    """The text the csv module writes for a cell (after :func:`_cell`): None empty, floats by repr."""
    value = value if value.__class__ in _PLAIN else _cell(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return repr(value) if isinstance(value, float) else str(value)


def _int_lists_text(column: Sequence[list]) -> list[str] | None:
    """``"|".join(map(str, value))`` of each list of a column of lists of ints (years), made at C speed: the
    lists' own text (``[2023, 2024]``: the same digits) without brackets, ``, `` made ``|``; None when an
    item is no int (only ints are written so, without a bracket or a comma of their own)."""
    if not set(map(type, itertools.chain.from_iterable(column))) <= {int}:
        return None
    return "\n".join(map(str, column)).replace("[", "").replace("]", "").replace(", ", "|").split("\n")


def _column_text(column: tuple) -> tuple | list[str]:
    """The cells of one column of a batch as text (:func:`_cell_text` of each), made without a
    Python call per cell for the usual columns: text, counts, either with gaps (None), lists of text."""
    kinds = set(map(type, column))
    if kinds == {str}:
        return column
    if kinds == {int}:
        return list(map(str, column))
    if kinds == {str, _NONE}:
        return ["" if value is None else value for value in column]
    if kinds == {int, _NONE}:
        return ["" if value is None else str(value) for value in column]
    if kinds == {list}:
        try:
            return list(map("|".join, column))  # lists of text: _cell joins them with |
        except TypeError:  # an item that is not text: years, or None (an empty item)
            joined = _int_lists_text(column)
            if joined is not None:
                return joined
            return ["|".join(map(str, value)) if None not in value else _cell(value) for value in column]
    return list(map(_cell_text, column))


def _plain_lines(batch: list[list], width: int) -> str | None:
    """The CSV lines of ``batch`` as ``csv.writer`` writes them, joined column by column at C speed;
    None when the batch is not a table of ``width`` columns (the csv module writes it).

    Cells become text column by column (a column of strings is kept as it is) and the lines are
    joined by :func:`_column_lines`.
    """
    if width < 2 or set(map(len, batch)) != {width}:  # a lone empty cell is quoted: the csv module knows that
        return None
    columns: list[Any] = list(zip(*batch))
    for number, column in enumerate(columns):
        columns[number] = _column_text(column)
    return _column_lines(columns, width, batch.__getitem__)


def _column_lines(columns: list[Sequence[str]], width: int, row: Callable[[int], Sequence]) -> str:
    """The CSV lines of ``width`` columns of cell texts (at least two columns), as ``csv.writer`` writes the
    rows (``row(number)``: the cells of a row, for the csv module).

    Each line is joined with commas; a line whose count of commas, quotes and line ends shows that
    a cell held one (it needs quoting) is written by the csv module instead.
    """
    lines = list(map(",".join, zip(*columns)))
    text = "\r\n".join(lines)
    count = len(lines)
    if (text.count(",") == count * (width - 1) and text.count("\n") == count - 1 and text.count("\r") == count - 1
            and '"' not in text):
        return text + "\r\n"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for number, line in enumerate(lines):
        if line.count(",") != width - 1 or '"' in line or "\n" in line or "\r" in line:
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(_csv_cells([row(number)]))
            lines[number] = buffer.getvalue()[:-2]
    return "\r\n".join(lines) + "\r\n"


def _write_mentions(graph: nx.MultiDiGraph, records: MentionRecords | None, path: str | Path, *,
                    excel: bool = False) -> int:
    """Write ``mentions.csv`` (the rows of :func:`_mentions`, as :func:`_write_lists` writes them) a recorded
    batch at a time, from the columns of :func:`_mention_batches`."""
    columns = COLUMNS["mentions.csv"]
    if records is None:
        return _write_lists(iter(()), columns, path, excel=excel)
    width = len(columns)
    rename = _renamer(graph)
    count = 0
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for texts, batch in _mention_batches(graph, records):
            if texts:
                handle.write(_column_lines(texts, width, lambda number: [column[number] for column in texts]))
            else:  # rows of another width: the csv module writes them as _write_lists would
                rows = [list(map(str, row)) if None not in row else ["" if cell is None else str(cell) for cell in row]
                        for row in batch]
                writer.writerows(_csv_cells(map(rename, rows)))
            count += len(batch)
    return count


def write_tables(graph: nx.MultiDiGraph, folder: str | Path, *, mentions: MentionRecords | None = None,
                 excel: bool = False, skip: Iterable[str] = ()) -> dict[str, int]:
    """Write every table of :data:`TABLE_FILES` into ``folder``; returns the rows written per file.

    Without ``mentions`` (a graph read back from ``graph.json``) ``mentions.csv`` has its
    header only: the graph keeps mention counts, not every mention. The tables named in ``skip``
    are not written (``relations.csv`` when :func:`relation_lines` wrote it beside the GEXF).
    """
    folder = Path(folder)
    written = {}
    skipped = set(skip)
    for name, columns in COLUMNS.items():
        if name in skipped:
            continue
        if name == "relations.csv":
            with open(folder / name, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
                written[name] = sum(map(len, relation_lines(graph, handle)))
            continue
        if name == "mentions.csv":
            written[name] = _write_mentions(graph, mentions, folder / name, excel=excel)
            continue
        rows = _rows(graph, name, mentions)
        if name not in _LIST_ROWS:
            rows = (list(map(row.get, columns)) for row in rows)
        written[name] = _write_lists(rows, columns, folder / name, excel=excel)
    return written

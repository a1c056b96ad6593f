"""Stage 1, ingest: read one report file (.txt .md .html .docx) into a clean :class:`Document`.

Reading is strict on purpose: every way a file can be unusable (missing, a folder, empty,
binary, an unknown encoding, too large, an unsupported type) raises
:class:`~extractors.errors.InputError` with one sentence naming the file and what to do.
Cleaning only deletes known Word-conversion debris (``extractors/patterns/debris.txt``) and
normalises line ends; it never changes characters, and :class:`OffsetMap` maps every offset
of the cleaned text back to the decoded raw text.
"""
from __future__ import annotations

import bisect
import codecs
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from extractors.chrome import chrome_spans
from extractors.errors import InputError
from extractors.formats import docx_to_text, html_to_text
from extractors.records import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "OffsetMap",
    "decode_bytes",
    "clean_text",
    "read_document",
    "collect_inputs",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx")
_TEXT_SUFFIXES = {".txt", ".md"}
_HTML_SUFFIXES = {".html", ".htm"}
_DEBRIS_FILE = Path(__file__).parent / "patterns" / "debris.txt"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MB = 1024 * 1024


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a cleaned text back to the raw text it was cleaned from.

    Cleaning only deletes spans, so the map is a sorted list of breakpoints: from clean
    offset ``clean_starts[i]`` on, ``raw = clean + shifts[i]``.
    """

    clean_starts: tuple[int, ...] = ()
    shifts: tuple[int, ...] = ()
    deleted: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def to_raw(self, offset: int) -> int:
        """The raw offset of the character at clean ``offset`` (end offsets: see span_to_raw)."""
        if offset < 0:
            raise ValueError(f"offset must be >= 0, got {offset}")
        i = bisect.bisect_right(self.clean_starts, offset) - 1
        return offset + (self.shifts[i] if i >= 0 else 0)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean half-open span so that deleted debris after its last character stays out."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1


@lru_cache(maxsize=1)
def _debris_regex() -> re.Pattern[str] | None:
    """Compile the debris patterns of ``patterns/debris.txt`` into one alternation."""
    parts = []
    with open(_DEBRIS_FILE, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                re.compile(line)
            except re.error as error:
                raise InputError(f"{_DEBRIS_FILE}:{lineno}: invalid debris pattern {line!r} ({error}); fix or remove that line.") from None
            parts.append(f"(?:{line})")
    return re.compile("|".join(parts)) if parts else None


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def clean_text(raw: str) -> tuple[str, OffsetMap]:
    """Delete Word-conversion debris and web-page chrome, turn CRLF/CR into LF, keep a map back to ``raw``.

    Nothing else changes (no NFKC, no whitespace folding), so offsets stay meaningful.
    """
    spans = [(m.start(), m.start() + 1) for m in re.finditer(r"\r(?=\n)", raw)]
    regex = _debris_regex()
    if regex is not None:
        spans.extend((m.start(), m.end()) for m in regex.finditer(raw) if m.end() > m.start())
    spans.extend(chrome_spans(raw))  # 来源：, 【字号：, 相关报道： around a scraped page
    deleted = _merge(spans)
    pieces, clean_starts, shifts = [], [], []
    position = shift = clean_length = 0
    for start, end in deleted:
        pieces.append(raw[position:start])
        clean_length += start - position
        shift += end - start
        clean_starts.append(clean_length)
        shifts.append(shift)
        position = end
    pieces.append(raw[position:])
    text = "".join(pieces).replace("\r", "\n")  # lone CRs: same length, no offset change
    return text, OffsetMap(tuple(clean_starts), tuple(shifts), tuple(deleted))


def decode_bytes(data: bytes, source: str) -> str:
    """Decode report bytes: a BOM decides first, then strict UTF-8, then strict GB18030.

    GB18030 is a superset of GBK and GB2312, the encodings older Chinese files use.
    Anything else raises InputError naming ``source``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{source} starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}; re-save it as UTF-8.") from None
    if b"\x00" in data:
        raise InputError(f"{source} looks like a binary file (it contains NUL bytes); pass a text, HTML or .docx report.")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source} is neither UTF-8 nor GB18030/GBK text; re-save it as UTF-8.")


def _check_file(path: Path, max_bytes: int) -> None:
    if not path.exists():
        raise InputError(f"{path} does not exist; check the path.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a report file; pass the report files inside it.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = suffix or "no extension"
        raise InputError(f"{path} has an unsupported file type ({kind}); convert it to .txt, .md, .html or .docx.")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path} is {size / _MB:.1f} MB, over the {max_bytes / _MB:.3g} MB limit for one report; split it or raise --max-size.")


def read_document(path: str | Path, *, max_bytes: int = 10 * _MB) -> Document:
    """Read one report file into a Document whose ``text`` is decoded and cleaned.

    The id is the file name (``hetang-2019.txt``), so documents stay recognisable in the graph.
    """
    path = Path(path)
    _check_file(path, max_bytes)
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx":
        raw = docx_to_text(data, str(path))
    else:
        decoded = decode_bytes(data, str(path))
        raw = html_to_text(decoded) if suffix in _HTML_SUFFIXES else decoded
    text, offsets = clean_text(raw)
    if not text.strip():
        raise InputError(f"{path} is empty (no text after reading it); pass a report with text in it.")
    if offsets.deleted:
        log.debug("%s: removed %d pieces of conversion debris", path, len(offsets.deleted))
    return Document(id=path.name, text=text, path=str(path))


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def collect_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand folders (recursively, sorted) into report files, with one warning per skipped file.

    Hidden files and folders (names starting with ".") are skipped silently; a missing input
    raises InputError, since a typo in a path should not silently shrink a corpus.
    """
    files: list[Path] = []
    warnings: list[str] = []
    seen: set[Path] = set()

    def add(candidate: Path, shown: str) -> None:
        suffix = candidate.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            kind = suffix or "no extension"
            warnings.append(f"skipped {shown}: unsupported file type ({kind}); convert it to .txt or .docx")
            return
        key = candidate.resolve()
        if key not in seen:
            seen.add(key)
            files.append(candidate)

    for item in inputs:
        path = Path(item)
        if not path.exists():
            raise InputError(f"{path} does not exist; check the path.")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _is_hidden(child, path):
                    add(child, child.relative_to(path).as_posix())
        else:
            add(path, path.name)
    return files, warnings

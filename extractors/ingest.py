"""Stage 1, ingest: read one report file (.txt .md .html .docx) into a clean :class:`Document`.

Reading is strict on purpose: every way a file can be unusable (missing, a folder, empty,
binary, an unknown encoding, too large, an unsupported type) raises
:class:`~extractors.errors.InputError` with one sentence naming the file and what to do.
Cleaning only deletes known Word-conversion debris and control characters
(``extractors/patterns/debris.txt``) and normalises line ends; it never changes characters, and :class:`OffsetMap` maps every offset
of the cleaned text back to the decoded raw text.
"""
from __future__ import annotations

import bisect
import codecs
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from extractors.chrome import chrome_spans
from extractors.errors import InputError
from extractors.formats import docx_to_text, html_to_text
from extractors.records import Document
from extractors.vocabulary import load_patterns
from extractors.walk import SUPPORTED_SUFFIXES, special_kind, walk_inputs

__all__ = [
    "SUPPORTED_SUFFIXES",
    "OffsetMap",
    "decode_bytes",
    "clean_text",
    "read_document",
    "collect_inputs",
]

log = logging.getLogger(__name__)

_TEXT_SUFFIXES = {".txt", ".md"}
_HTML_SUFFIXES = {".html", ".htm"}
_DEBRIS_FILE = Path(__file__).parent / "patterns" / "debris.txt"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MB = 1024 * 1024
_MIN_DETECT_BYTES = 200  # shorter texts valid as both GB18030 and Big5 are read as GB18030
_MIN_CJK_SHARE = 0.05  # below this share of Chinese characters a text is not a Chinese report


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
    return load_patterns(_DEBRIS_FILE, "debris")


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def clean_text(raw: str) -> tuple[str, OffsetMap]:
    """Delete Word-conversion debris, control characters and web-page chrome, turn CRLF/CR into LF,
    keeping a map back to ``raw``.

    Nothing else changes (no NFKC, no whitespace folding), so offsets stay meaningful.
    Control characters (C0 other than tab and line ends, DEL, C1) are debris too
    (``patterns/debris.txt``): no report needs them and XML cannot hold them.
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


_SAMPLE_CHARS = 20000  # the share is measured on the text's first characters
_QUICK_CHARS = 2500  # …whose own start usually decides it (see _clearly_chinese)


def _cjk_share(text: str) -> float:
    """The share of CJK ideographs among the visible characters of ``text`` (a sample of it)."""
    sample = text[:_SAMPLE_CHARS]
    visible = len(sample) - len(_SPACE.findall(sample))  # (re's \s is str.isspace: the same characters)
    if not visible:
        return 0.0
    return len(_IDEOGRAPH.findall(sample)) / visible


_SPACE = re.compile(r"\s")
_IDEOGRAPH = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _detect(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) by strict decoding where that is unambiguous, else by charset-normalizer."""
    text: str | None = None
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            try:
                data.decode("big5")
            except UnicodeDecodeError:
                return text, "GB18030"  # not Big5 as well: no doubt left
            if len(data) < _MIN_DETECT_BYTES:
                return text, "GB18030"  # too short to tell; mainland reports are the usual case
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only files that are not plain UTF-8/GB18030

    both = text is not None if b"\x00" not in data else False
    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best() if both else None
    if best is None:  # neither Chinese encoding makes sense of it (or only one decodes): ask without limits
        best = from_bytes(data).best()
    if best is None:
        return None
    encoding = best.encoding.replace("_", "-").upper()
    wide = encoding.startswith(("UTF-16", "UTF-32"))
    if (b"\x00" in data) != wide:  # wide encodings have NUL bytes (line ends, digits); others never do
        return None
    return str(best), encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding name) of report bytes; InputError when they decode as nothing."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding.upper()
            except UnicodeDecodeError:
                raise InputError(f"{source} starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}; re-save it as UTF-8.") from None
    found = _detect(data)
    if found is None:
        if b"\x00" in data:
            raise InputError(f"{source} looks like a binary file (it contains NUL bytes); pass a text, HTML or .docx report.")
        raise InputError(f"{source} is in no encoding kg recognises (tried UTF-8, GB18030, Big5, UTF-16); re-save it as UTF-8.")
    if found[1] not in ("UTF-8", "GB18030"):
        log.info("%s: decoded as %s", source, found[1])
    return found


def _clearly_chinese(text: str) -> bool:
    """Whether the ideographs of the sample's first few thousand characters alone make the share at least
    :data:`_MIN_CJK_SHARE`: they are a part of the sample's ideographs, and the sample's length is at least its
    visible characters, so their count over that length is a lower bound of :func:`_cjk_share` (a Chinese
    report passes on its first page instead of its first 20,000 characters being counted one by one)."""
    sample = min(len(text), _SAMPLE_CHARS)
    return sample > 0 and len(_IDEOGRAPH.findall(text, 0, min(_QUICK_CHARS, sample))) / sample >= _MIN_CJK_SHARE


def _require_chinese(text: str, source: str, encoding: str | None) -> None:
    """InputError when ``text`` has visible characters but almost none of them Chinese."""
    if _clearly_chinese(text):
        return
    if any(not c.isspace() for c in text[:_SAMPLE_CHARS]) and _cjk_share(text) < _MIN_CJK_SHARE:
        read = f"reads as {encoding} but " if encoding else ""
        raise InputError(f"{source} {read}is not Chinese text (almost no Chinese characters); "
                         "kg reads Chinese reports, so it is skipped.")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode report bytes: a BOM decides first, then strict UTF-8, then GB18030, then detection.

    GB18030 is a superset of GBK and GB2312, the encodings older Chinese files use; bytes that
    are both valid GB18030 and valid Big5, UTF-16 without a BOM and single-byte encodings are
    told apart by ``charset-normalizer``. Text that decodes but is not Chinese (a Latin-1 file)
    and bytes that decode as nothing raise InputError naming ``source``.
    """
    text, encoding = _decode(data, source)
    _require_chinese(text, source, encoding)
    return text


def _check_file(path: Path, max_bytes: int) -> None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path} is a link to nothing (dangling symbolic link); check the path.") from None
        raise InputError(f"{path} does not exist; check the path.") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}; check the path and its permissions.") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder, not a report file; pass the report files inside it.")
    kind = special_kind(info.st_mode)
    if kind is not None:
        raise InputError(f"{path} is {kind}, not a report file; it is not opened. Pass a saved report file.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = suffix or "no extension"
        raise InputError(f"{path} has an unsupported file type ({kind}); convert it to .txt, .md, .html or .docx.")
    size = info.st_size
    if size > max_bytes:
        raise InputError(f"{path} is {size / _MB:.1f} MB, over the {max_bytes / _MB:.3g} MB limit for one report; split it or raise --max-size.")


def read_document(path: str | Path, *, max_bytes: int = 10 * _MB, doc_id: str | None = None) -> Document:
    """Read one report file into a Document whose ``text`` is decoded and cleaned.

    The id is ``doc_id`` (a folder build passes the path relative to the input folder, see
    :mod:`extractors.walk`), else the file name (``hetang-2019.txt``). FIFOs, sockets and
    devices are refused without being opened; any OSError becomes an InputError naming the file.
    """
    path = Path(path)
    _check_file(path, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}; check its permissions.") from None
    suffix = path.suffix.lower()
    encoding: str | None = None
    if suffix == ".docx":
        raw = docx_to_text(data, str(path))
    else:
        decoded, encoding = _decode(data, str(path))
        raw = html_to_text(decoded) if suffix in _HTML_SUFFIXES else decoded
    text, offsets = clean_text(raw)
    if not text.strip():
        raise InputError(f"{path} is empty (no text after reading it); pass a report with text in it.")
    _require_chinese(text, str(path), encoding)
    if offsets.deleted:
        log.debug("%s: removed %d pieces of conversion debris", path, len(offsets.deleted))
    return Document(id=doc_id or path.name, text=text, path=str(path))


def collect_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand folders (recursively, sorted) into report files, with one warning per skipped file.

    The paths of :func:`extractors.walk.walk_inputs` (which also gives each its document id).
    """
    files, warnings = walk_inputs(inputs)
    return [item.path for item in files], warnings

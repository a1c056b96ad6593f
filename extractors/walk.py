"""Which files of the command line are reports, and the id each document gets.

Folders are searched recursively and in sorted order. Every file that is passed over gets one
line saying which and why: a FIFO, socket or device (never opened, so a build never hangs on
one), a symbolic-link loop, a link to nothing, an unreadable file or folder, a file that is not
a report (``patterns/not_reports.txt``: SOURCES.md, README, LICENSE, images), an unsupported
type, a graph folder kg wrote or the build's own output folder. Hidden names (".…") are passed
over silently, as a shell does.

A document's id is its path relative to the input folder it was found in
(``city-2024/北京.txt`` when the input is the archive folder); a file named on the command line
is known by its base name. Two inputs that would get the same id are told apart by their
parent folders, and a line says so — two reports are never merged because of their names.
"""
from __future__ import annotations

import fnmatch
import os
import stat
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.errors import InputError

__all__ = ["GRAPH_MARKER", "SUPPORTED_SUFFIXES", "InputFile", "walk_inputs", "special_kind", "not_a_report"]

#: The file kg writes into every graph folder it makes (kg.outdir); folders carrying it are output, not input.
GRAPH_MARKER = ".kg-graph"
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx")
_NOT_REPORTS = Path(__file__).parent / "patterns" / "not_reports.txt"


@dataclass(frozen=True)
class InputFile:
    """One report file to read and the id its document gets in the graph."""

    path: Path
    doc_id: str


@lru_cache(maxsize=1)
def _not_report_rules() -> tuple[tuple[str, str], ...]:
    rules = []
    with open(_NOT_REPORTS, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            pattern, tab, reason = line.partition("\t")
            if not tab or not pattern.strip() or not reason.strip():
                raise InputError(f"{_NOT_REPORTS}:{lineno}: expected 'PATTERN<tab>reason', got {line!r}; fix that line.")
            rules.append((pattern.strip().lower(), reason.strip()))
    return tuple(rules)


def not_a_report(name: str) -> str | None:
    """Why a file called ``name`` is not a report (SOURCES.md, README, images…), or None."""
    lowered = name.lower()
    for pattern, reason in _not_report_rules():
        if fnmatch.fnmatchcase(lowered, pattern):
            return reason
    return None


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is (FIFO, socket, device), or None for a regular file or folder."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "not a regular file"


def _link_problem(path: Path) -> str | None:
    """Why a symbolic link cannot be followed (loop, nothing at the other end), or None."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return "a link to nothing (dangling symbolic link)"
    except OSError as error:
        if error.errno == 40:  # ELOOP
            return "a symbolic-link loop"
        return f"cannot follow the link ({error.strerror})"
    return None


class _Walker:
    def __init__(self, exclude: Iterable[str | Path]) -> None:
        self.exclude = {os.path.realpath(str(path)) for path in exclude}
        self.files: list[tuple[Path, str, str]] = []  # (path, id, shown)
        self.warnings: list[str] = []
        self.seen: set[str] = set()

    def skip(self, shown: str, why: str) -> None:
        self.warnings.append(f"skipped {shown}: {why}")

    def file(self, path: Path, doc_id: str, shown: str, mode: int, *, in_folder: bool = True) -> None:
        kind = special_kind(mode)
        if kind is not None:
            self.skip(shown, f"{kind}, not a report file; it is never opened")
            return
        reason = not_a_report(path.name) if in_folder else None  # named on the command line: the user says it is one
        if reason is not None:
            self.skip(shown, reason)
            return
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            self.skip(shown, f"unsupported file type ({suffix or 'no extension'}); convert it to .txt or .docx")
            return
        if not os.access(path, os.R_OK):
            self.skip(shown, "not readable (permission denied); fix its permissions to include it")
            return
        key = os.path.realpath(path)
        if key not in self.seen:
            self.seen.add(key)
            self.files.append((path, doc_id, shown))

    def folder(self, folder: Path, root: Path, visiting: frozenset[str]) -> None:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            shown = folder.relative_to(root).as_posix() if folder != root else str(folder)
            self.skip(f"{shown}/", f"cannot open the folder ({error.strerror}); fix its permissions to include it")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            rel = path.relative_to(root).as_posix()
            if entry.is_symlink():
                problem = _link_problem(path)
                if problem is not None:
                    self.skip(rel, problem)
                    continue
            try:
                mode = os.stat(path).st_mode
            except OSError as error:
                self.skip(rel, f"cannot read it ({error.strerror})")
                continue
            if stat.S_ISDIR(mode):
                real = os.path.realpath(path)
                if real in self.exclude:
                    self.skip(f"{rel}/", "the output folder of this build")
                elif (path / GRAPH_MARKER).exists():
                    self.skip(f"{rel}/", "a graph folder written by kg, not reports")
                elif real in visiting:
                    self.skip(f"{rel}/", "a link back to a folder above it (a loop)")
                else:
                    self.folder(path, root, visiting | {real})
            else:
                self.file(path, rel, rel, mode)


def _unique_ids(files: list[tuple[Path, str, str]], warnings: list[str]) -> list[InputFile]:
    """Ids made unique: clashing ones are lengthened with parent folders until they differ."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for index, (_, doc_id, _) in enumerate(files):
        by_id[doc_id].append(index)
    ids = [doc_id for _, doc_id, _ in files]
    for doc_id, indexes in by_id.items():
        if len(indexes) < 2:
            continue
        parts = [Path(os.path.abspath(files[i][0])).parts for i in indexes]
        depth = len(Path(doc_id).parts) + 1
        while depth <= max(len(p) for p in parts):
            longer = ["/".join(p[-depth:]) for p in parts]
            if len(set(longer)) == len(longer):
                break
            depth += 1
        else:
            longer = ["/".join(p[1:]) for p in parts]
        for i, new in zip(indexes, longer):
            ids[i] = new
        warnings.append(f"{len(indexes)} inputs are named {doc_id}; they are kept apart as "
                        + ", ".join(longer))
    return [InputFile(path, doc_id) for (path, _, _), doc_id in zip(files, ids)]


def walk_inputs(inputs: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> tuple[list[InputFile], list[str]]:
    """The report files of ``inputs`` (folders searched) with their document ids, and one warning per file passed over.

    A missing input raises InputError (a typo in a path should not silently shrink a corpus);
    ``exclude`` names folders never searched (the build's own output folder).
    """
    walker = _Walker(exclude)
    for item in inputs:
        path = Path(item)
        if path.is_symlink():
            problem = _link_problem(path)
            if problem is not None:
                walker.skip(str(path), problem)
                continue
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise InputError(f"{path} does not exist; check the path.") from None
        except OSError as error:
            walker.skip(str(path), f"cannot read it ({error.strerror})")
            continue
        if stat.S_ISDIR(mode):
            walker.folder(path, path, frozenset({os.path.realpath(path)}))
        else:
            walker.file(path, path.name, str(path), mode, in_folder=False)
    return _unique_ids(walker.files, walker.warnings), walker.warnings

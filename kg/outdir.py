"""The rules for what kg may write, replace and delete on the user's disk.

A graph folder is the tool's own: :data:`MARKER` is written into every folder ``kg build``
makes, and only a folder carrying it (or an empty one) is ever replaced. ``--out`` may never
be the current folder, an empty string, an input, or a folder holding an input. A folder is
written into a temporary sibling named ``.NAME.kg-tmp-PID-…`` and swapped in through a
sibling ``.NAME.kg-old-PID-…``; both carry the marker and the writer's process id, so a run
killed half way leaves only names a later run recognises as its own debris and removes (when
their process is gone). No other sibling is ever touched.

Single files (``kg viz --out``, ``kg indicators --csv``) follow the same rule: never an input,
never an existing file kg did not write (recognised by a signature at its start) unless the
caller forces it, and always written to a unique temporary name then renamed into place, so
several processes writing at once never collide.

Every failure of the disk (read-only folder, disk full, ``--out`` under a file) becomes one
:class:`~kg.errors.KGError` line naming the path.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from extractors.walk import GRAPH_MARKER
from kg.errors import KGError

__all__ = ["MARKER", "TEMP_TAG", "OutputError", "is_kg_folder", "check_out_dir", "check_out_file",
           "graph_folder", "write_file", "disk_error", "own_leftovers"]

#: The file kg writes into every graph folder; only a folder carrying it is ever replaced.
MARKER = GRAPH_MARKER  # defined beside the folder walker, which must skip such folders too
#: Part of the names of kg's temporary siblings (``.NAME.kg-tmp-PID-XXXX``, ``.NAME.kg-old-PID-XXXX``).
TEMP_TAG = ".kg-"
_MARKER_TEXT = "written by kg (gov-report-kg); kg build replaces this folder only because this file is here\n"
_RETRIES = 50


class OutputError(KGError):
    """kg refuses to write (or cannot write) an output file or folder."""


def disk_error(path: str | Path, error: OSError) -> OutputError:
    """One line for an OSError while writing ``path``: what the disk said and what to do."""
    code = error.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        hint = "the disk is full; free some space or choose another --out"
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "no permission to write there; choose another --out"
    elif code == errno.ENOTDIR:
        hint = "a part of that path is a file, not a folder; choose another --out"
    elif code == errno.ENAMETOOLONG:
        hint = "the path is too long; choose a shorter --out"
    else:
        hint = "choose another --out"
    reason = error.strerror or str(error)
    return OutputError(f"cannot write {path}: {reason}; {hint}")


#: What a graph folder held before the marker existed (kg 0.1 builds): such a folder is kg's too.
_BEFORE_MARKER = frozenset({"graph.json", "graph.graphml", "graph.html", "entities.csv", "relations.csv",
                            "merges.json"})


def _foreign(target: Path) -> bool:
    """True when ``target`` is a file, or a folder neither empty nor kg's; False when gone (another writer)."""
    try:
        if not target.is_dir():
            return target.exists()
        if (target / MARKER).is_file():
            return False
        names = os.listdir(target)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise disk_error(target, error) from None
    return bool(names) and not is_kg_folder(target)


def is_kg_folder(path: str | Path) -> bool:
    """True when ``path`` is a folder kg wrote: it carries :data:`MARKER` (or holds only an older build's files)."""
    folder = Path(path)
    if (folder / MARKER).is_file():
        return True
    try:
        names = set(os.listdir(folder))
    except OSError:
        return False
    return "graph.json" in names and names <= _BEFORE_MARKER and all((folder / n).is_file() for n in names)


def _resolved(path: str | Path) -> Path:
    return Path(os.path.abspath(os.path.expanduser(str(path))))


def _real(path: str | Path) -> Path:
    try:
        return Path(os.path.realpath(str(path)))
    except (OSError, ValueError):
        return _resolved(path)


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_out_dir(out: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """The absolute graph folder for ``--out``, or OutputError when kg must not write there.

    Refused: an empty string or the current folder; an input itself or a folder that holds an
    input; an existing file; an existing non-empty folder without :data:`MARKER`.
    """
    text = str(out)
    if not text.strip():
        raise OutputError("--out is empty (an unset shell variable?); give a new folder name such as --out out")
    target = _resolved(text)
    real = _real(target)
    cwd = _real(os.getcwd())
    if _inside(cwd, real):
        raise OutputError(f"--out {text} is the current folder or holds it; give a new folder such as --out out")
    for item in inputs:
        source = _real(item)
        if _inside(source, real):
            raise OutputError(f"--out {text} is the input {item} or holds it; kg never replaces its inputs, "
                              "choose another --out")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"--out {text} is under {parent}, which is a file, not a folder; "
                                  "choose another --out")
            break
    if target.exists() or target.is_symlink():
        if not target.is_dir() and (target.exists() or target.is_symlink()):
            raise OutputError(f"{target} exists and is not a folder; choose another --out")
        if _foreign(target):
            raise OutputError(f"{target} exists and was not written by kg; choose another --out or empty it")
    return target


def _entries(folder: Path) -> Iterator[str]:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                yield entry.name
    except OSError as error:
        raise disk_error(folder, error) from None


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def own_leftovers(target: Path) -> list[Path]:
    """kg's temporary siblings of ``target`` left by runs that died (process gone; folders must carry the marker)."""
    pattern = re.compile(re.escape(f".{target.name}{TEMP_TAG}") + r"(?:tmp|old)-(\d+)-")
    found = []
    try:
        names = list(_entries(target.parent))
    except OutputError:
        return []
    for name in names:
        match = pattern.match(name)
        if match is None:
            continue
        path = target.parent / name
        if path.is_symlink() or _pid_alive(int(match.group(1))):
            continue
        if (path.is_dir() and (path / MARKER).is_file()) or path.is_file():
            found.append(path)
    return found


def _mkdtemp(target: Path, kind: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f".{target.name}{TEMP_TAG}{kind}-{os.getpid()}-", dir=target.parent))


def _swap_in(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` to ``target``, moving a kg folder already there aside first (retried under contention)."""
    for _ in range(_RETRIES):
        if target.exists():
            if _foreign(target):
                raise OutputError(f"{target} exists and was not written by kg; choose another --out or empty it")
            old = _mkdtemp(target, "old")
            try:
                os.replace(target, old)  # replaces the empty folder mkdtemp made
            except FileNotFoundError:  # another writer moved it first
                os.rmdir(old)
                continue
            except OSError as error:
                os.rmdir(old)
                if error.errno in (errno.ENOTEMPTY, errno.EEXIST):
                    continue
                raise
            try:
                os.replace(tmp, target)
            except OSError as error:
                if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
                shutil.rmtree(old, ignore_errors=True)
                continue
            shutil.rmtree(old, ignore_errors=True)
            return
        try:
            os.replace(tmp, target)
            return
        except OSError as error:
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    raise OutputError(f"{target} kept changing while kg wrote it (another writer?); run again")


@contextmanager
def graph_folder(out: str | Path, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """A temporary folder to write a graph into; on success it becomes ``out`` (checked first).

    Leftovers of earlier runs that died are removed first; on any failure the temporary
    folder is removed and ``out`` is untouched. Disk errors become one OutputError line.
    """
    target = check_out_dir(out, inputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in own_leftovers(target):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
        tmp = _mkdtemp(target, "tmp")
    except OSError as error:
        raise disk_error(target, error) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; the output folder gets normal permissions
        (tmp / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        yield tmp
        _swap_in(tmp, target)
    except OSError as error:
        shutil.rmtree(tmp, ignore_errors=True)
        raise disk_error(target, error) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def check_out_file(path: str | Path, *, inputs: Iterable[str | Path] = (), signature: str | None = None,
                   force: bool = False, option: str = "--out") -> Path:
    """The absolute file to write for ``option``, or OutputError when kg must not write it.

    Never an input (even with ``force``); never a folder; an existing file only when it starts
    with ``signature`` (kg wrote it) or ``force`` is given.
    """
    text = str(path)
    if not text.strip():
        raise OutputError(f"{option} is empty; give a file name")
    target = _resolved(text)
    real = _real(target)
    for item in inputs:
        if _real(item) == real:
            raise OutputError(f"{option} {text} is the input {item}; kg never overwrites its inputs, "
                              "choose another file")
    if target.is_dir():
        raise OutputError(f"{option} {text} is a folder; give a file name")
    if target.exists() and not force:
        if signature is None or not _starts_with(target, signature):
            raise OutputError(f"{target} exists and was not written by kg; choose another {option} "
                              "or pass --force to replace it")
    return target


def _starts_with(path: Path, signature: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return signature.encode("utf-8") in head


def write_file(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a unique temporary sibling of ``path``, then rename it into place.

    Several processes writing the same path at once never collide (last one wins, each
    complete); disk errors become one OutputError line and leave ``path`` untouched.
    """
    target = _resolved(path)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in own_leftovers(target):
            if leftover.is_file():
                leftover.unlink(missing_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}{TEMP_TAG}tmp-{os.getpid()}-", dir=target.parent)
        os.close(handle)
        tmp = Path(name)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        write(tmp)
        os.replace(tmp, target)
    except OSError as error:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise disk_error(target, error) from None
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    return target

"""The hostile-input battery (issue 8), input side: one bad file never stops a folder build.

Cases 2, 3, 4, 6 and 10 of the issue: same-named reports, unreadable and corrupt files, control
bytes, FIFOs, link loops, files that are not reports, wrong encodings, Ctrl-C and killed builds.
Report text is read from ../shared at run time, never copied into the repository.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from extractors.errors import InputError
from extractors.ingest import clean_text, decode_bytes, read_document
from extractors.walk import walk_inputs
from kg.build import build
from kg.export import write_outputs

ROOT = Path(__file__).resolve().parents[2]
KG = [sys.executable, "-m", "kg"]


def _run(*args: str, timeout: float = 300, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes())
    return dst


def _corrupt_docx(path: Path) -> Path:
    """A zip with the parts of a .docx whose document.xml is broken XML."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                   'openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", "<w:document <broken")
    return path


def test_same_name_reports_kept_apart(tmp_path, corpus_dir):
    _copy(corpus_dir / "hailar-2017.txt", tmp_path / "a" / "report.txt")
    _copy(corpus_dir / "hailar-2018.txt", tmp_path / "b" / "report.txt")
    result = build([tmp_path], jobs=1)
    g = result.graph
    assert {"Document:a/report.txt", "Document:b/report.txt"} <= set(g)
    assert result.documents == 2
    for doc, year in (("a/report.txt", 2017), ("b/report.txt", 2018)):
        node = g.nodes[f"Document:{doc}"]
        assert node["name"] == "report.txt" and node["path"].endswith(doc) and node["years"] == [year]
        assert any(n.startswith(f"Section:{doc}#") for n in g) and any(n.startswith(f"Indicator:{doc}#") for n in g)


def test_same_name_arguments_kept_apart_and_said(tmp_path, corpus_dir):
    a = _copy(corpus_dir / "hailar-2017.txt", tmp_path / "a" / "report.txt")
    b = _copy(corpus_dir / "hailar-2018.txt", tmp_path / "b" / "report.txt")
    files, warnings = walk_inputs([a, b])
    assert [f.doc_id for f in files] == ["a/report.txt", "b/report.txt"]
    assert any("2 inputs are named report.txt" in w and "kept apart" in w for w in warnings)


def test_single_file_known_by_base_name(corpus_dir):
    files, _ = walk_inputs([corpus_dir / "hetang-2019.txt"])
    assert files[0].doc_id == "hetang-2019.txt"


def test_unreadable_file_skipped_with_its_name(tmp_path, corpus_dir, monkeypatch):
    """Permission denied at read time (simulated: tests may run as root, whom chmod 000 does not stop)."""
    _copy(corpus_dir / "tianmen-2024.txt", tmp_path / "good.txt")
    locked = _copy(corpus_dir / "hailar-2017.txt", tmp_path / "locked.txt")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = build([tmp_path], jobs=1)
    assert result.documents == 1
    assert [p for p in result.problems if "locked.txt" in p and "Permission denied" in p]


def test_unreadable_file_seen_when_walking(tmp_path, corpus_dir, monkeypatch):
    locked = _copy(corpus_dir / "hailar-2017.txt", tmp_path / "locked.txt")
    real = os.access
    monkeypatch.setattr("extractors.walk.os.access", lambda p, mode: False if Path(p) == locked else real(p, mode))
    files, warnings = walk_inputs([tmp_path])
    assert files == [] and warnings == ["skipped locked.txt: not readable (permission denied); fix its permissions to include it"]


def test_unreadable_subfolder_skipped_with_a_word(tmp_path, corpus_dir, monkeypatch):
    _copy(corpus_dir / "tianmen-2024.txt", tmp_path / "ok" / "good.txt")
    _copy(corpus_dir / "hailar-2017.txt", tmp_path / "closed" / "r.txt")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr("extractors.walk.os.scandir", scandir)
    files, warnings = walk_inputs([tmp_path])
    assert [f.doc_id for f in files] == ["ok/good.txt"]
    assert warnings == ["skipped closed/: cannot open the folder (Permission denied); fix its permissions to include it"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_corrupt_docx_skipped_with_its_name(tmp_path, corpus_dir, jobs):
    _copy(corpus_dir / "tianmen-2024.txt", tmp_path / "good.txt")
    _copy(corpus_dir / "hailar-2017.txt", tmp_path / "other.txt")
    _corrupt_docx(tmp_path / "broken.docx")
    result = build([tmp_path], jobs=jobs)
    assert result.documents == 2
    assert [p for p in result.problems if "broken.docx" in p and "not a readable Word document" in p]


def test_control_bytes_removed_with_offsets_kept():
    raw = "第一句。\x1b[0m第二\x01句。\x85\n"
    text, offsets = clean_text(raw)
    assert text == "第一句。[0m第二句。\n"
    second = text.index("句", 5)
    assert raw[offsets.to_raw(second)] == "句" and offsets.to_raw(second) == raw.index("句", 5)


def test_control_bytes_report_builds_with_corpus_and_writes_graphml(tmp_path, corpus_dir):
    """Built with corpus reports through the CLI, in worker processes: exit 0 (the issue saw exit 139)."""
    text = (corpus_dir / "hetang-2019.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ctrl.txt").write_text(text.replace("。", "。\x1b\x01").replace("，", "\x7f，"), encoding="utf-8")
    for name in ("hailar-2017.txt", "tianmen-2024.txt"):
        _copy(corpus_dir / name, folder / name)
    result = _run("build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert "Document:ctrl.txt" in graph
    assert not any(c in str(data) for _, data in graph.nodes(data=True) for c in "\x1b\x01\x7f")


def test_fifo_input_returns_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = _run("build", str(fifo), "--out", str(tmp_path / "out"), timeout=120)
    assert result.returncode == 1 and "FIFO" in result.stderr and "pipe.txt" in result.stderr
    assert time.monotonic() - started < 120  # (the build hung forever)
    with pytest.raises(InputError, match="FIFO"):
        read_document(fifo)


def test_folder_skips_special_files_with_a_word(tmp_path, corpus_dir):
    _copy(corpus_dir / "tianmen-2024.txt", tmp_path / "good.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    files, warnings = walk_inputs([tmp_path])
    assert [f.doc_id for f in files] == ["good.txt"]
    assert warnings == [
        "skipped dangling.txt: a link to nothing (dangling symbolic link)",
        "skipped loop-a.txt: a symbolic-link loop",
        "skipped loop-b.txt: a symbolic-link loop",
        "skipped pipe.txt: a FIFO (named pipe), not a report file; it is never opened",
        "skipped sub/up/: a link back to a folder above it (a loop)",
    ]


def test_sources_and_own_output_not_read_as_reports(tmp_path, corpus_dir):
    folder = tmp_path / "reports"
    _copy(corpus_dir / "tianmen-2024.txt", folder / "tianmen.txt")
    _copy(corpus_dir / "SOURCES.md", folder / "SOURCES.md")
    (folder / "README.md").write_text("# 说明\n这些是报告。\n", encoding="utf-8")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n")
    report_md = _copy(corpus_dir / "hailar-2017.txt", folder / "hailar.md")  # a .md that is a report
    first = build([folder], jobs=1)
    write_outputs(first.graph, folder / "out")
    (folder / "page.html").write_text((folder / "out" / "graph.html").read_text(encoding="utf-8"), encoding="utf-8")
    again = build([folder], jobs=1, exclude=[folder / "out"])
    docs = sorted(n for n in again.graph if n.startswith("Document:"))
    assert docs == ["Document:hailar.md", "Document:tianmen.txt"] and report_md.exists()
    assert "skipped SOURCES.md: a list of sources, not a report" in again.problems
    assert "skipped README.md: a read-me file, not a report" in again.problems
    assert "skipped scan.png: an image, not a report" in again.problems
    assert "skipped out/: the output folder of this build" in again.problems
    assert any("page.html" in p for p in again.problems)  # kg's own page: no Chinese report text in it


def _report_text(corpus_dir: Path) -> str:
    return (corpus_dir / "hetang-2019.txt").read_text(encoding="utf-8")


def test_big5_report_read_as_big5(corpus_dir):
    text = _report_text(corpus_dir)
    data = text.encode("big5", errors="ignore")
    decoded = decode_bytes(data, "big5.txt")
    assert decoded == data.decode("big5")


def test_gb18030_report_still_read_as_gb18030(corpus_dir):
    data = _report_text(corpus_dir).encode("gb18030")
    assert decode_bytes(data, "gb.txt") == _report_text(corpus_dir)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_read(corpus_dir, codec):
    text = _report_text(corpus_dir)
    assert decode_bytes(text.encode(codec), "wide.txt") == text


def test_latin1_report_skipped_with_a_line(tmp_path, corpus_dir):
    latin = tmp_path / "rapport.txt"
    latin.write_bytes(("Le rapport du gouvernement présente les résultats économiques de l'année. " * 40)
                      .encode("latin-1"))
    _copy(corpus_dir / "tianmen-2024.txt", tmp_path / "good.txt")
    result = build([tmp_path], jobs=1)
    assert result.documents == 1
    assert [p for p in result.problems if "rapport.txt" in p and "is not Chinese text" in p]


def _wait_for_children(pid: int, count: int, seconds: float = 120) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kids = [int(k) for k in subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True,
                                                text=True).stdout.split()]
        if len(kids) >= count:
            return kids
        time.sleep(0.1)
    pytest.fail(f"the build did not start {count} workers within {seconds}s")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def many_reports(tmp_path, corpus_dir) -> Path:
    """A folder of enough reports (copies of the corpus) for a build that lasts several seconds."""
    folder = tmp_path / "many"
    for copy in range(4):
        for path in sorted(corpus_dir.glob("*.txt")):
            _copy(path, folder / f"c{copy}" / path.name)
    return folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and ps")
def test_ctrl_c_prints_one_line(tmp_path, many_reports):
    process = subprocess.Popen([*KG, "build", str(many_reports), "--out", str(tmp_path / "out"), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    kids = _wait_for_children(process.pid, 2)
    time.sleep(1)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    _, err = process.communicate(timeout=60)
    lines = [line for line in err.replace("\r", "\n").splitlines() if line.strip() and "extracting" not in line]
    assert process.returncode == 130, err
    assert lines == ["Error: interrupted (Ctrl-C); an output being written is left as it was"], err
    deadline = time.monotonic() + 10
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(k) for k in kids)
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses prctl, /proc and ps")
def test_killed_parent_takes_its_workers(tmp_path, many_reports):
    process = subprocess.Popen([*KG, "build", str(many_reports), "--out", str(tmp_path / "out"), "--jobs", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    kids = _wait_for_children(process.pid, 2)
    time.sleep(1)
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(k) for k in kids)

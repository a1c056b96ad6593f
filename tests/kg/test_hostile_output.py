"""The hostile-input battery (issue 8), output side: kg never loses a user's file.

Cases 1, 10 and 11 of the issue: ``--out`` pointing at a user's folder, the current folder,
an empty string or the input; leftovers of killed runs; files that are not kg's; disks that
refuse; several processes writing at once. Each test is named for its case.
"""
from __future__ import annotations

import errno
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import KGError
from kg.export import write_outputs
from kg.model import add_node, new_graph, read_json
from kg.outdir import MARKER, check_out_dir, own_leftovers, write_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-report.txt"
KG = [sys.executable, "-m", "kg"]


def _graph(name: str = "三供一业"):
    g = new_graph()
    add_node(g, f"Program:{name}", label="Program", name=name, doc="示例.txt", year=2019)
    return g


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _no_bug_line(text: str) -> None:
    assert "unexpected" not in text and "report it" not in text and "Traceback" not in text, text


@pytest.fixture(scope="module")
def sample_graph_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    result = _run("build", str(SAMPLE), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_out_refuses_foreign_folder(tmp_path):
    user = tmp_path / "userdir"
    (user / "sub").mkdir(parents=True)
    (user / "thesis.docx").write_bytes(b"my thesis")
    (user / "sub" / "notes.txt").write_text("notes", encoding="utf-8")
    (tmp_path / ".userdir.old").mkdir()
    (tmp_path / ".userdir.old" / "keep.txt").write_text("keep", encoding="utf-8")
    result = _run("build", str(SAMPLE), "--out", str(user))
    assert result.returncode == 1
    assert "exists and was not written by kg; choose another --out or empty it" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (user / "thesis.docx").read_bytes() == b"my thesis"
    assert (user / "sub" / "notes.txt").read_text(encoding="utf-8") == "notes"
    assert (tmp_path / ".userdir.old" / "keep.txt").exists()


@pytest.mark.parametrize("out", [".", ""], ids=["dot", "empty-string"])
def test_out_refuses_current_folder(tmp_path, out):
    report = tmp_path / "report.txt"
    report.write_bytes(SAMPLE.read_bytes())
    result = _run("build", "report.txt", "--out", out, cwd=tmp_path)
    assert result.returncode == 1 and result.stderr.startswith("Error: --out")
    assert report.read_bytes() == SAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_out_refuses_empty_string_in_the_library():
    with pytest.raises(KGError, match="--out is empty"):
        check_out_dir("")


@pytest.mark.parametrize("which", ["the-input-folder", "its-parent", "the-input-file"])
def test_out_refuses_input(tmp_path, which):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.txt").write_bytes(SAMPLE.read_bytes())
    inputs, out = {"the-input-folder": ("reports", "reports"), "its-parent": ("reports", "."),
                   "the-input-file": ("reports/report.txt", "reports/report.txt")}[which]
    result = _run("build", inputs, "--out", out, cwd=tmp_path)
    assert result.returncode != 0
    assert (reports / "report.txt").read_bytes() == SAMPLE.read_bytes()
    _no_bug_line(result.stderr)


def test_out_empty_folder_is_fine_and_own_folder_is_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    first = write_outputs(_graph("甲工程"), out)
    assert (first / MARKER).is_file()
    second = write_outputs(_graph("乙工程"), out)
    assert "Program:乙工程" in read_json(second / "graph.json") and "Program:甲工程" not in read_json(out / "graph.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_crash_leftovers_cleaned_on_next_run(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    ours = tmp_path / f".out.kg-tmp-{dead}-abc123"
    ours.mkdir()
    (ours / MARKER).write_text("x", encoding="utf-8")
    half_old = tmp_path / f".out.kg-old-{dead}-def456"
    half_old.mkdir()
    (half_old / MARKER).write_text("x", encoding="utf-8")
    foreign = tmp_path / f".out.kg-tmp-{dead}-nomarker"  # looks like ours but carries no marker
    foreign.mkdir()
    user_old = tmp_path / ".out.old"
    user_old.mkdir()
    assert set(own_leftovers(tmp_path / "out")) == {ours, half_old}
    write_outputs(_graph(), tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", foreign.name, ".out.old"])
    page_tmp = tmp_path / f".page.html.kg-tmp-{dead}-xyz"  # a single file's temporary copy, killed mid-write
    page_tmp.write_text("half", encoding="utf-8")
    write_file(tmp_path / "page.html", lambda tmp: tmp.write_text("whole", encoding="utf-8"))
    assert not page_tmp.exists() and (tmp_path / "page.html").read_text(encoding="utf-8") == "whole"


def test_viz_never_overwrites_graph_json(sample_graph_dir):
    before = (sample_graph_dir / "graph.json").read_bytes()
    result = _run("viz", str(sample_graph_dir), "--out", str(sample_graph_dir / "graph.json"))
    assert result.returncode == 1 and "is the input" in result.stderr
    result = _run("viz", str(sample_graph_dir), "--out", str(sample_graph_dir / "graph.json"), "--force")
    assert result.returncode == 1  # an input stays an input, even with --force
    assert (sample_graph_dir / "graph.json").read_bytes() == before


def test_viz_refuses_foreign_file_without_force(tmp_path, sample_graph_dir):
    page = tmp_path / "mine.html"
    page.write_text("<html>my page</html>", encoding="utf-8")
    result = _run("viz", str(sample_graph_dir), "--out", str(page))
    assert result.returncode == 1 and "was not written by kg" in result.stderr and "--force" in result.stderr
    assert page.read_text(encoding="utf-8") == "<html>my page</html>"
    assert _run("viz", str(sample_graph_dir), "--out", str(page), "--force").returncode == 0
    assert _run("viz", str(sample_graph_dir), "--out", str(page)).returncode == 0  # now it is kg's page


def test_indicators_csv_never_overwrites_input(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(SAMPLE.read_bytes())
    result = _run("indicators", str(report), "--csv", str(report))
    assert result.returncode == 1 and "is the input" in result.stderr
    assert report.read_bytes() == SAMPLE.read_bytes()
    other = tmp_path / "budget.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    result = _run("indicators", str(report), "--csv", str(other))
    assert result.returncode == 1 and "was not written by kg" in result.stderr
    assert other.read_text(encoding="utf-8") == "a,b\n1,2\n"
    mine = tmp_path / "indicators.csv"
    assert _run("indicators", str(report), "--csv", str(mine)).returncode == 0
    assert _run("indicators", str(report), "--csv", str(mine)).returncode == 0  # kg's own file: replaced


def test_out_under_a_file_one_line(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(SAMPLE.read_bytes())
    result = _run("build", str(report), "--out", str(report / "out"))
    assert result.returncode == 1 and "is a file, not a folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("code, words", [(errno.EROFS, "no permission"), (errno.EACCES, "no permission"),
                                         (errno.ENOSPC, "the disk is full")],
                         ids=["read-only-folder", "permission-denied", "disk-full"])
def test_disk_refusals_one_line(tmp_path, monkeypatch, code, words):
    """The disk's refusal at any step (simulated: tests may run as root, whom permissions do not stop)."""
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("kg.outdir.tempfile.mkdtemp", refuse)
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write") and words in result.output
    _no_bug_line(result.output)


def test_disk_full_while_writing_a_page(tmp_path, sample_graph_dir, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kg.visualize.to_html", lambda *a, **k: "x")
    monkeypatch.setattr(Path, "write_text", full)
    monkeypatch.setattr(Path, "write_bytes", full)  # (the data file is written as bytes)
    result = CliRunner().invoke(cli, ["viz", str(sample_graph_dir), "--out", str(tmp_path / "p.html")])
    assert result.exit_code == 1 and "the disk is full" in result.output
    assert list(tmp_path.iterdir()) == []  # no temporary file left


def test_http_uri_one_line():
    result = _run("query", "--uri", "http://user:secret@127.0.0.1:7474", "--cypher", "RETURN 1")
    assert result.returncode == 1 and "kg speaks Bolt only" in result.stderr
    assert "secret" not in result.stderr
    _no_bug_line(result.stderr)


def _write_many(args: tuple[str, int]) -> int:
    folder, worker = args
    failures = 0
    for n in range(5):
        try:
            write_outputs(_graph(f"工程{worker}-{n}"), Path(folder) / "out")
            write_file(Path(folder) / "page.html", lambda tmp: tmp.write_text(f"{worker}-{n}", encoding="utf-8"))
        except Exception:  # noqa: BLE001 - counted, asserted below
            failures += 1
    return failures


def test_concurrent_writers_do_not_collide(tmp_path):
    with multiprocessing.get_context("fork").Pool(4) as pool:
        failures = sum(pool.map(_write_many, [(str(tmp_path), w) for w in range(4)]))
    assert failures == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "page.html"]
    assert len(read_json(tmp_path / "out" / "graph.json")) == 1  # one complete graph, the last writer's


def test_out_folder_of_an_older_build_is_still_kgs(tmp_path):
    old = tmp_path / "out"
    old.mkdir()
    for name in ("graph.json", "graph.graphml", "graph.html", "entities.csv", "relations.csv"):
        (old / name).write_text("{}", encoding="utf-8")
    write_outputs(_graph(), old)
    assert (old / MARKER).is_file() and "Program:三供一业" in read_json(old / "graph.json")
    (old / "thesis.docx").write_bytes(b"mine")  # a user's file inside: no longer kg's alone
    (old / MARKER).unlink()
    with pytest.raises(KGError, match="not written by kg"):
        write_outputs(_graph(), old)
    assert (old / "thesis.docx").read_bytes() == b"mine"

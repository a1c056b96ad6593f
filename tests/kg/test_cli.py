"""The `kg` command end to end, including bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-report.txt"


@pytest.fixture()
def runner():
    return CliRunner()


def test_cli_build_sample_writes_outputs_and_counts(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Program" in result.output and "relations" in result.output
    assert {p.name for p in out.iterdir()} >= {"graph.json", "graph.graphml", "graph.html", "entities.csv",
                                               "relations.csv"}


def test_cli_extract_json(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["doc"] == "sample-report.txt" and data["year"] == 2025
    assert {g["term"] for g in data["glossary"]} == {"三查一改", "“双河清”行动", "一网通办"}


def test_cli_eval_prints_per_type_and_micro(runner, gold_dir, hetang_path):
    result = runner.invoke(cli, ["eval", str(gold_dir / "hetang-2019.json"), str(hetang_path)])
    assert result.exit_code == 0, result.output
    for label in ("Program", "Project", "Company", "Place", "Agency", "statuses", "micro"):
        assert label in result.output


def test_cli_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "build" in done.stdout


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "encoding": tmp_path / "latin.txt",
        "missing": tmp_path / "missing.txt",
        "huge": tmp_path / "huge.txt",
    }
    files["empty"].write_text("", encoding="utf-8")
    files["binary"].write_bytes(bytes(range(256)) * 4)
    files["encoding"].write_bytes(b"report \x80\xff\x80\xff " * 100)
    with open(files["huge"], "wb") as handle:
        handle.write(("各位代表：" * 1000 + "\n").encode("utf-8") * 1400)  # ~21 MB
    return files


@pytest.mark.parametrize("case", ["empty", "binary", "encoding", "missing", "huge"])
@pytest.mark.parametrize("command", ["build", "extract"])
def test_cli_bad_input_one_clear_line(runner, tmp_path, case, command):
    path = _bad_inputs(tmp_path)[case]
    args = [command, str(path)] + (["--out", str(tmp_path / "out")] if command == "build" else [])
    result = runner.invoke(cli, args)
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("Error:") and path.name in lines[-1]
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_cli_mixed_folder_builds_readable_files(runner, tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.output and "scan.pdf" in result.output
    assert (tmp_path / "out" / "graph.json").exists()


def test_cli_every_command_has_help_and_is_in_readme(runner):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, name
        assert f"kg {name}" in readme, f"README does not mention `kg {name}`"


def test_cli_build_reports_malformed_glossary_entry_and_keeps_the_rest(runner, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("各位代表：\n一、2023年工作回顾\n推进雪亮工程建设。\n\n名词解释：\n1.雪亮工程（P1）：群众性治安防控工程。\n"
                      "2.这一条没有冒号也没有定义\n3.一单四制（P2）：交办制、台账制。\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(report), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "r.txt:7" in result.output and "glossary entry" in result.output
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    terms = {n.get("term") for n in graph["nodes"] if n.get("label") == "GlossaryEntry"}
    assert terms == {"雪亮工程", "一单四制"}


@pytest.fixture(scope="module")
def sample_graph_dir(tmp_path_factory) -> Path:
    """The sample report built once for the tests of commands that read a graph folder."""
    out = tmp_path_factory.mktemp("sample") / "out"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("options, label", [([], None), (["--type", "Program"], "Program"),
                                            (["--max-nodes", "5"], None)])
def test_cli_viz_reports_the_entities_the_page_holds(runner, sample_graph_dir, tmp_path, options, label):
    graph = json.loads((sample_graph_dir / "graph.json").read_text(encoding="utf-8"))
    entities = [n for n in graph["nodes"] if n["label"] in ("Program", "Project", "Company", "Place", "Agency")]
    expected = 5 if "--max-nodes" in options else sum(1 for n in entities if label in (None, n["label"]))
    result = runner.invoke(cli, ["viz", str(sample_graph_dir), "--out", str(tmp_path / "p.html"), *options])
    assert result.exit_code == 0, result.output
    assert f"({expected} of {len(entities)} entities)" in result.output


@pytest.mark.parametrize("args", [["query"], ["query", "search", "--cypher", "RETURN 1"]])
def test_cli_query_needs_exactly_one_of_name_and_cypher(runner, args):
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: give either a query NAME or --cypher TEXT")


def _review_only(folder: Path) -> Path:
    """A new folder holding review-only.txt: a report with a review part and no plan part."""
    folder.mkdir()
    (folder / "review-only.txt").write_text("各位代表：\n现在，我代表荷塘区人民政府向大会报告工作。\n一、2018年工作回顾\n"
                                            "推进雪亮工程建设，青塘变电站建成投运。\n", encoding="utf-8")
    return folder


def test_cli_says_which_reports_were_not_understood(runner, tmp_path):
    folder = _review_only(tmp_path / "in")
    (folder / "sample.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    summary = runner.invoke(cli, ["extract", str(folder / "review-only.txt"), "--format", "summary"])
    assert summary.exit_code == 0, summary.output
    lines = summary.output.splitlines()
    assert lines[0] == "review-only.txt: year 2019, issuer 荷塘区 (区, 430202)"
    assert lines[1] == "parts: review 2018 2018年工作回顾"
    assert "warning: no plan part found" in lines
    built = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert built.exit_code == 0, built.output
    assert "warning: review-only.txt: no plan part found" in built.output
    assert "warning: sample.txt: issuer not found" in built.output  # 青溪区 is an invented district
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    doc = next(n for n in graph["nodes"] if n["id"] == "Document:review-only.txt")
    assert (doc["issuer"], doc["adcode"], doc["level"], doc["year"]) == ("荷塘区", "430202", "区", 2019)
    assert doc["parts"] == [{"role": "review", "year": 2018, "title": "2018年工作回顾"}]
    assert doc["warnings"] == ["no plan part found"] and doc["statuses"] >= 1


def _examples(command) -> list[str]:
    """The example lines of a command's docstring (after its Example: line, up to a blank line)."""
    lines = (command.help or "").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Example"))
    examples = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        examples.append(line.strip())
    return examples


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_cli_help_shows_each_example_on_its_own_line(runner, name):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    shown = [line.strip() for line in result.output.splitlines()]
    examples = _examples(cli.commands[name])
    assert examples, f"kg {name} --help has no example"
    for example in examples:
        assert example in shown, f"kg {name} --help runs the example {example!r} into another line"


@pytest.mark.parametrize("stream", [[], ["--max-graph-nodes", "100000"], ["--max-graph-nodes", "1"]])
def test_cli_every_build_says_which_reports_were_not_understood(runner, tmp_path, stream):
    """The whole build and the streaming build (graph kept or import files only) print the same lines."""
    folder = _review_only(tmp_path / "in")
    built = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1", *stream])
    assert built.exit_code == 0, built.output
    assert built.output.count("warning: review-only.txt: no plan part found") == 1

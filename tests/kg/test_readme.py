"""Every `kg` command example of the README runs as written (from a scratch folder, on ../shared).

Examples that need Neo4j (`kg load`, `kg query`, `kg build … --neo4j`) are marked ``neo4j`` and run
in their own test against the server CI starts; the others run in the fast suite. Lines that are not
`kg` commands (make, scripts, pytest, mypy) are not run here: the Makefile and CI run those.
"""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import ROOT, SHARED

KG = re.compile(r"^(?:\.venv/bin/)?kg (.*)$")


def readme_commands() -> list[list[str]]:
    """The argument lists of every `kg …` line in the README's sh blocks, in order, comments removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            match = KG.match(line.strip())
            if match:
                commands.append(shlex.split(match.group(1), comments=True))
    return commands


def needs_neo4j(args: list[str]) -> bool:
    return args[0] in ("load", "query") or "--neo4j" in args


def _run(args: list[str], cwd: Path) -> None:
    args = [arg.replace("../shared", str(SHARED)) for arg in args]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, f"kg {shlex.join(args)} in {cwd}:\n{result.output}"
    assert "Error" not in result.output


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """A working folder with `reports/` (the README's folder example) holding the invented sample report."""
    (tmp_path / "reports").mkdir()
    shutil.copy(ROOT / "examples" / "sample-report.txt", tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_GRAPH_DIR", raising=False)
    return tmp_path


def test_the_readme_has_kg_examples_of_both_kinds():
    commands = readme_commands()
    assert any(needs_neo4j(c) for c in commands) and sum(not needs_neo4j(c) for c in commands) >= 8
    assert ["timeline", "十四冬", "--graph", "hailar"] in commands


def test_every_readme_example_without_neo4j_runs_as_written(scratch):
    for args in readme_commands():
        if not needs_neo4j(args):
            _run(args, scratch)


@pytest.mark.neo4j
def test_every_readme_example_with_neo4j_runs_as_written(scratch, neo4j_db):
    commands = [args for args in readme_commands() if needs_neo4j(args)]
    assert commands[0][0] == "build"  # the README loads a graph before it queries one
    for args in commands:
        _run(args, scratch)

"""mypy passes on every package (settings in pyproject.toml's [tool.mypy]).

One mypy run covers all of them: they share most imports, so one run costs little
more than one package.
"""
from __future__ import annotations

from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api", reason="mypy is in the dev extra: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["extractors", "glossary", "kg", "benchmarks"]


def test_typing_mypy_passes_on_checked_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # pyproject.toml's [tool.mypy] is found from the project root
    stdout, stderr, status = mypy_api.run(CHECKED)
    assert status == 0, f"mypy {' '.join(CHECKED)} failed:\n{stdout}{stderr}"

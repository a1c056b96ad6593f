"""Shared fixtures: paths to the shared corpus and gold files (never copied into the repo)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("KG_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The folder of real reports in ../shared/corpus."""
    path = SHARED / "corpus"
    if not path.is_dir():
        pytest.fail(f"shared corpus not found at {path}; set KG_SHARED_DIR")
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """The folder of hand-made gold files in ../shared/eval/gold."""
    return SHARED / "eval" / "gold"


@pytest.fixture(scope="session")
def hetang_path(corpus_dir: Path) -> Path:
    """The main sample report."""
    return corpus_dir / "hetang-2019.txt"


@pytest.fixture(scope="session")
def hetang_text(hetang_path: Path) -> str:
    return hetang_path.read_text(encoding="utf-8")

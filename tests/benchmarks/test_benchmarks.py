"""The benchmark runs end to end on a tiny invented corpus and writes well-formed JSON (nothing is timed)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.common import cycle_documents
from extractors.records import Document

ROOT = Path(__file__).resolve().parents[2]
REPORT = """{place}政府工作报告
一、{prev}年工作回顾
示范新区智能制造产业园项目建成投产，光明大道改造工程开工建设。
全面推进“放管服”改革，河长制全面落实。
二、{year}年工作安排
推进示范新区智能制造产业园二期项目建设，加快光明大道改造工程。
"""


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    """One `python -m benchmarks --quick` over two invented reports: its process and its JSON."""
    base = tmp_path_factory.mktemp("bench")
    corpus = base / "corpus"
    corpus.mkdir()
    for place, year in (("示范市", 2021), ("示例县", 2022)):
        text = REPORT.format(place=place, prev=year - 1, year=year)
        (corpus / f"demo-{year}.txt").write_text(text, encoding="utf-8")
    out = base / "results"
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--no-neo4j", "--no-browser",
                           "--corpus", str(corpus), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    return done, json.loads((out / "latest.json").read_text(encoding="utf-8"))


def test_quick_benchmark_exits_zero_and_prints_the_table(quick_run):
    done, _ = quick_run
    assert done.returncode == 0, done.stderr
    for heading in ("1. Extraction throughput", "2. Scaling", "3. Neo4j load rate", "4. Page"):
        assert heading in done.stdout


@pytest.mark.parametrize("key, field", [("extraction", "pipeline_chars_per_s"), ("extraction", "jieba_chars_per_s"),
                                        ("extraction", "ratio"), ("extraction", "startup_s"),
                                        ("scaling", "points"), ("scaling", "linearity"), ("page", "pages")])
def test_quick_benchmark_json_has_every_part(quick_run, key, field):
    _, results = quick_run
    assert field in results[key]


def test_quick_benchmark_scaling_points_cover_sizes_and_jobs(quick_run):
    _, results = quick_run
    points = results["scaling"]["points"]
    assert sorted((p["docs"], p["jobs"]) for p in points) == [(1, 1), (1, 2), (3, 1), (3, 2)]
    for point in points:
        assert point["wall_s"] > 0 and point["peak_rss_mb"] > 0 and point["nodes"] > 0
        assert point["chars"] > 0 and point["chars_per_s"] > 0


def test_quick_benchmark_skips_neo4j_and_browser_when_told(quick_run):
    _, results = quick_run
    assert results["neo4j"] == {"skipped": "--no-neo4j"}
    assert all(row["browser"] == "skipped: --no-browser" and row["bytes"] > 0 for row in results["page"]["pages"])


@pytest.mark.parametrize("count", [1, 5, 9])
def test_cycled_documents_have_their_own_id_and_later_years(count):
    sources = [Document(id="a-2019.txt", text="甲", year=2019), Document(id="b-2020.txt", text="乙", year=2020)]
    copies = cycle_documents(sources, count)
    assert len(copies) == count and len({doc.id for doc in copies}) == count
    assert [doc.year for doc in copies] == [2019 + i // 2 + (i % 2) for i in range(count)]
    assert all(doc.text == sources[i % 2].text for i, doc in enumerate(copies))


@pytest.mark.parametrize("sizes", ["0,10", "x"])
def test_bad_sizes_are_one_clear_error(sizes, tmp_path):
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--sizes", sizes, "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "sizes" in done.stderr

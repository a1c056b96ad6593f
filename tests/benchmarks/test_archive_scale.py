"""benchmarks.archive_scale runs end to end on a tiny invented archive (numbers are printed, never judged)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.archive_scale import cycle_archive, projection
from tests.benchmarks.test_benchmarks import REPORT

ROOT = Path(__file__).resolve().parents[2]


def _archive(folder: Path) -> Path:
    (folder / "city").mkdir(parents=True)
    for place, year in (("示范市", 2021), ("示例县", 2022)):
        (folder / "city" / f"{place}.txt").write_text(REPORT.format(place=place, prev=year - 1, year=year),
                                                      encoding="utf-8")
    return folder


def test_cycle_archive_makes_unique_names(tmp_path: Path) -> None:
    folder = cycle_archive(_archive(tmp_path / "a"), 5, tmp_path / "cycled")
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == len(set(names)) == 5
    assert names[0].startswith("c0000-city-")


def test_projection_divides_the_workers_part_by_cores_but_not_the_clients() -> None:
    rows = projection(worker_s_per_doc=0.6, client_s_per_doc=0.01, reports=60_000, cores=(8, 128))
    assert rows[0]["workers_h"] == round(60_000 * 0.6 / 8 / 3600, 2)
    assert rows[0]["client_h"] == rows[1]["client_h"] == round(60_000 * 0.01 / 3600, 2)
    assert rows[1]["total_h"] == max(rows[1]["workers_h"], rows[1]["client_h"])
    assert rows[1]["total_h_no_overlap"] == round(60_000 * 0.6 / 128 / 3600 + 60_000 * 0.01 / 3600, 2)


def test_archive_scale_writes_points_and_the_memory_ratio(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    done = subprocess.run([sys.executable, "-m", "benchmarks.archive_scale", "--archive", str(_archive(tmp_path / "a")),
                           "--parts", "scale", "--sizes", "2,4", "--engines", "pool1", "--max-graph-nodes", "5",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [p["docs"] for p in result["scale"]] == [2, 4]
    assert all(p["client_rss_mb"] > 0 for p in result["scale"])
    assert "pool-1" in result["client_rss_ratio"]

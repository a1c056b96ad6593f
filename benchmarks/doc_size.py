"""Benchmark: one big report against the same text as many small ones (is extraction linear in length?).

``python -m benchmarks.doc_size`` writes, in a temporary folder (never in the repository), one
report of ``--mb`` MB made by concatenating the corpus reports, and ``--pieces`` reports of
``mb / pieces`` MB each cut from the same text. Each side is built with ``kg.build.build`` in a
fresh Python process (one job), and the wall and CPU time and peak RSS of that process are printed:
numbers only, no pass or fail. Linear extraction gives a ratio near 1.

    python -m benchmarks.doc_size               # 20 MB against twenty 1 MB reports (minutes)
    python -m benchmarks.doc_size --mb 2 --pieces 2
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

__all__ = ["make_reports", "measure", "run_doc_size"]

_MB = 1024 * 1024


def make_reports(corpus: str | Path, folder: Path, mb: float, pieces: int) -> tuple[Path, list[Path]]:
    """One ``mb`` MB report and ``pieces`` reports cut from the same text, written into ``folder``."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(corpus).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt reports in {corpus}")
    blob = "\n".join(texts) + "\n"
    chars = int(mb * _MB / max(1.0, len(blob.encode("utf-8")) / len(blob)))
    text = (blob * (chars // len(blob) + 1))[:chars]
    big = folder / "big" / "big.txt"
    big.parent.mkdir(parents=True)
    big.write_text(text, encoding="utf-8")
    small_dir = folder / "small"
    small_dir.mkdir()
    step = len(text) // pieces
    smalls = []
    for number in range(pieces):
        end = len(text) if number == pieces - 1 else (number + 1) * step
        path = small_dir / f"part-{number:03d}.txt"
        path.write_text(text[number * step:end], encoding="utf-8")
        smalls.append(path)
    return big, smalls


def measure(paths: Sequence[str | Path]) -> dict:
    """Build ``paths`` in this process (one job) and return wall seconds, peak RSS and graph size."""
    from kg.build import build  # noqa: PLC0415

    started = time.perf_counter()
    result = build(list(paths), jobs=1, max_bytes=10**12, keep_extractions=False)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "documents": result.documents,
            "nodes": result.graph.number_of_nodes()}


def _in_fresh_process(paths: Sequence[Path], timeout: float) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.doc_size", "--point", *map(str, paths)],
                          capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the measuring process failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_doc_size(corpus: str | Path, mb: float = 20, pieces: int = 20, timeout: float = 3600) -> dict:
    """Both sides measured; the ratio is big wall time over small wall time."""
    with tempfile.TemporaryDirectory(prefix="kg-doc-size-") as tmp:
        big, smalls = make_reports(corpus, Path(tmp), mb, pieces)
        one = _in_fresh_process([big], timeout)
        many = _in_fresh_process([smalls[0].parent], timeout)
    return {"mb": mb, "pieces": pieces, "one_report": one, "many_reports": many,
            "time_ratio": round(one["wall_s"] / many["wall_s"], 2) if many["wall_s"] else None,
            "cpu_ratio": round(one["cpu_s"] / many["cpu_s"], 2) if many["cpu_s"] else None,
            "memory_ratio": round(one["peak_rss_mb"] / many["peak_rss_mb"], 2) if many["peak_rss_mb"] else None}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, measure, print a small table (or one JSON line with --point)."""
    from benchmarks.common import default_corpus  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python -m benchmarks.doc_size", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the big report in MB (default 20)")
    parser.add_argument("--pieces", type=int, default=20, help="how many small reports hold the same text (default 20)")
    parser.add_argument("--corpus", default=None, help="folder of .txt reports (default ../shared/corpus)")
    parser.add_argument("--point", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.point:
        print(json.dumps(measure(args.point)))
        return 0
    result = run_doc_size(args.corpus or default_corpus(), args.mb, args.pieces)
    one, many = result["one_report"], result["many_reports"]
    print(f"{'':24s} {'wall s':>8s} {'CPU s':>8s} {'peak RSS MB':>12s} {'nodes':>7s}")
    label = f"{args.pieces} x {args.mb / args.pieces:g} MB reports"
    for name, row in ((f"one {args.mb:g} MB report", one), (label, many)):
        print(f"{name:24s} {row['wall_s']:8.1f} {row['cpu_s']:8.1f} {row['peak_rss_mb']:12.1f} {row['nodes']:7d}")
    print(f"time ratio {result['time_ratio']} (CPU {result['cpu_ratio']}), memory ratio {result['memory_ratio']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

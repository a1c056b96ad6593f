"""Benchmark 5: the archive past one machine — whole builds, Dask, flat client memory, bulk import.

``python -m benchmarks.archive_scale [--archive DIR] [--sizes 1610,16100] [--parts …]`` prints
numbers and ratios (never pass or fail) and writes ``benchmarks/results/archive_scale.json``:

* ``ratio``: the whole ``kg build ARCHIVE --jobs 1`` process beside bare ``jieba.lcut`` over the
  same files (each a fresh process: imports, dictionary, reading, writing included); wall time
  and CPU time (user + sys of the process and its children, which a busy shared machine
  disturbs far less than wall time);
* ``scale``: the archive's reports cycled to each size (hard links with unique names in a
  temporary folder), built by ``kg build --max-graph-nodes`` with the local pool at
  ``--jobs 1`` and ``--jobs 2`` and with ``--dask local`` (a LocalCluster of 2 workers); wall
  time, peak RSS of the client process (``RUSAGE_SELF`` of the process running the CLI) and
  of its largest child (a worker), and the client's peak at the largest size over the smallest;
* ``import``: the bulk importer (``scripts/neo4j-local import``) beside the Bolt loader on the
  same graph, in a throwaway Neo4j instance of its own (temporary folder, free ports);
* ``projection``: 60,000 reports on 8, 32 and 128 cores from the measured CPU seconds per
  document, assuming the workers' tasks (extraction, partition, bucket merge) parallelise
  perfectly and the client's work (summaries, name table, resolution) stays serial.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["whole_build_ratio", "scale_point", "bulk_vs_bolt", "projection", "main"]

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "archive_scale.json"
_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")


def default_archive() -> Path:
    """``../shared/archive`` beside the repository, or $KG_BENCH_ARCHIVE."""
    return Path(os.environ.get("KG_BENCH_ARCHIVE") or ROOT.parent / "shared" / "archive")


def _run(command: list[str], **kwargs: Any) -> dict[str, Any]:
    """Run a command to its end; wall seconds, CPU seconds of it and its children, peak RSS of the largest."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}… failed: {done.stderr.strip()[-500:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "stdout": done.stdout}


_JIEBA = """
import sys, jieba, logging
from extractors.ingest import collect_inputs, read_document
jieba.setLogLevel(logging.WARNING)
paths, _ = collect_inputs(sys.argv[1:])
texts = [read_document(p).text for p in paths]
jieba.initialize()
tokens = sum(len(jieba.lcut(text)) for text in texts)
print(len(texts), sum(map(len, texts)), tokens)
"""


def whole_build_ratio(archive: Path, repeats: int = 1) -> dict[str, Any]:
    """The whole ``kg build --jobs 1`` process beside bare jieba over the same files (best of ``repeats``)."""
    kg = str(Path(sys.executable).parent / "kg")
    builds, segs = [], []
    with tempfile.TemporaryDirectory(prefix="kg-ratio-") as tmp:
        for _ in range(max(1, repeats)):
            segs.append(_run([sys.executable, "-c", _JIEBA, str(archive)], cwd=ROOT))
            builds.append(_run([kg, "build", str(archive), "--out", f"{tmp}/out", "--jobs", "1"], cwd=tmp))
    best_build = min(builds, key=lambda r: r["cpu_s"])
    best_seg = min(segs, key=lambda r: r["cpu_s"])
    files, chars, tokens = map(int, best_seg["stdout"].split())
    return {"files": files, "chars": chars, "jieba_tokens": tokens,
            "build_wall_s": min(r["wall_s"] for r in builds), "jieba_wall_s": min(r["wall_s"] for r in segs),
            "build_cpu_s": best_build["cpu_s"], "jieba_cpu_s": best_seg["cpu_s"],
            "ratio_wall": round(min(r["wall_s"] for r in segs) / min(r["wall_s"] for r in builds), 3),
            "ratio_cpu": round(best_seg["cpu_s"] / best_build["cpu_s"], 3),
            "cpu_s_per_doc": round(best_build["cpu_s"] / files, 4)}


def cycle_archive(archive: Path, size: int, folder: Path) -> Path:
    """``size`` report files made by cycling the archive's files (hard links, unique names) in ``folder``."""
    sources = sorted(p for p in archive.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
    if not sources:
        raise SystemExit(f"Error: no report found in {archive}; pass --archive DIR")
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(size):
        source = sources[number % len(sources)]
        target = folder / f"c{number // len(sources):04d}-{source.parent.name}-{source.name}"
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return folder


_POINT = """
import json, resource, sys, time
from kg.cli import cli
args = sys.argv[1:]
started = time.perf_counter()
try:
    cli.main(args=args, prog_name="kg", standalone_mode=False)
except SystemExit as done:
    if done.code:
        raise
wall = time.perf_counter() - started
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall_s": round(wall, 2), "client_rss_mb": round(me.ru_maxrss / 1024, 1),
                  "worker_rss_mb": round(kids.ru_maxrss / 1024, 1),
                  "client_cpu_s": round(me.ru_utime + me.ru_stime, 2),
                  "worker_cpu_s": round(kids.ru_utime + kids.ru_stime, 2)}))
"""


def scale_point(folder: Path, *, jobs: int, dask: bool, max_graph_nodes: int, out: Path) -> dict[str, Any]:
    """One streaming build of ``folder`` in a fresh process: wall time, client and worker peak RSS."""
    command = [sys.executable, "-c", _POINT, "build", str(folder), "--out", str(out), "--jobs", str(jobs),
               "--max-graph-nodes", str(max_graph_nodes)]
    if dask:
        command += ["--dask", "local"]
    done = _run(command, cwd=out.parent)
    point = json.loads(done["stdout"].strip().splitlines()[-1])
    files = sum(1 for _ in folder.iterdir())
    point.update({"docs": files, "jobs": jobs, "engine": "dask-local" if dask else "pool",
                  "ms_per_doc": round(1000 * point["wall_s"] / files, 1)})
    shutil.rmtree(out, ignore_errors=True)
    return point


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bulk_vs_bolt(graph_dir: Path, work: Path) -> dict[str, Any]:
    """Bulk importer and Bolt loader on the same graph, in a throwaway Neo4j instance (wiped in between)."""
    from kg.model import read_graph_dir  # noqa: PLC0415
    from kg.neo4j_import import write_import_files  # noqa: PLC0415
    from kg.neo4j_load import load_graph  # noqa: PLC0415

    graph = read_graph_dir(graph_dir)
    files = write_import_files(graph, work / "csv")
    bolt_port = _free_port()
    env = {**os.environ, "NEO4J_INSTANCE_DIR": str(work / "neo4j"), "NEO4J_BOLT_PORT": str(bolt_port),
           "NEO4J_HTTP_PORT": str(_free_port()), "KG_PYTHON": sys.executable}
    script = str(ROOT / "scripts" / "neo4j-local")
    try:
        started = time.perf_counter()
        done = _run(["bash", script, "import", str(work / "csv")], env=env)
        whole = time.perf_counter() - started
        match = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", done["stdout"])
        importer = (int(match.group(1) or 0) * 60 + int(match.group(2)) + int(match.group(3)) / 1000
                    if match else None)
        uri = f"bolt://127.0.0.1:{bolt_port}"
        from kg.neo4j_connect import connect, settings  # noqa: PLC0415

        conf = settings(uri=uri)
        with connect(conf) as driver, driver.session(database=conf.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        stats = load_graph(graph, uri=uri, batch_size=1000)
    finally:
        subprocess.run(["bash", script, "stop"], env=env, capture_output=True, check=False)
        shutil.rmtree(work / "neo4j", ignore_errors=True)
    items = files.nodes + files.relationships
    return {"nodes": files.nodes, "relationships": files.relationships,
            "importer_s": importer, "import_command_s": round(whole, 2),
            "importer_items_per_s": round(items / importer) if importer else None,
            "bolt_s": round(stats.seconds, 2), "bolt_items_per_s": round(items / stats.seconds) if stats.seconds else None,
            "importer_over_bolt": round(stats.seconds / importer, 1) if importer else None}


def projection(worker_s_per_doc: float, client_s_per_doc: float, reports: int = 60_000,
               cores: Sequence[int] = (8, 32, 128)) -> list[dict[str, Any]]:
    """Hours for ``reports`` on each core count from the CPU seconds per document of the workers and the client.

    The workers' part (extraction, and the shard partition and bucket merge tasks of the
    streaming build) divides by the cores; the client's (receiving summaries, the name table,
    resolution, coordination) does not. ``total_h`` assumes the client's work overlaps the
    workers' (it mostly runs while they extract); ``total_h_no_overlap`` adds them up.
    """
    rows = []
    for count in cores:
        cluster_h = reports * worker_s_per_doc / count / 3600
        client_h = reports * client_s_per_doc / 3600
        rows.append({"cores": count, "workers_h": round(cluster_h, 2), "client_h": round(client_h, 2),
                     "total_h": round(max(cluster_h, client_h), 2),
                     "total_h_no_overlap": round(cluster_h + client_h, 2)})
    return rows


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the parts asked for and print the results."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.archive_scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path, default=default_archive())
    parser.add_argument("--sizes", default="1610,16100", help="cycled archive sizes (default 1610,16100)")
    parser.add_argument("--engines", default="pool1,pool2,dask2", help="pool1, pool2, dask2 (LocalCluster of 2)")
    parser.add_argument("--parts", default="ratio,scale,import", help="ratio, scale, import")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--max-graph-nodes", type=int, default=200_000,
                        help="--max-graph-nodes for the scale builds (smaller: the shard path)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    results: dict[str, Any] = {"archive": str(args.archive), "cpus": os.cpu_count(),
                               "load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="kg-archive-scale-") as tmp:
        work = Path(tmp)
        if "ratio" in parts:
            _say("whole build vs bare jieba (jobs 1) …")
            results["ratio"] = ratio = whole_build_ratio(args.archive, args.repeats)
            _say(json.dumps(ratio))
        if "scale" in parts:
            results["scale"] = points = []
            for size in [int(s) for s in args.sizes.split(",") if s]:
                folder = cycle_archive(args.archive, size, work / f"docs-{size}")
                for engine in args.engines.split(","):
                    _say(f"{size} documents, {engine} …")
                    point = scale_point(folder, jobs=2 if engine.endswith("2") else 1, dask=engine.startswith("dask"),
                                        max_graph_nodes=args.max_graph_nodes, out=work / "out")
                    point["load_average"] = os.getloadavg()[0]
                    points.append(point)
                    _say(json.dumps(point))
                shutil.rmtree(folder)
            for engine in ("pool", "dask-local"):
                for jobs in (1, 2):
                    same = sorted((p for p in points if p["engine"] == engine and p["jobs"] == jobs),
                                  key=lambda p: p["docs"])
                    if len(same) >= 2:
                        results.setdefault("client_rss_ratio", {})[f"{engine}-{jobs}"] = round(
                            same[-1]["client_rss_mb"] / same[0]["client_rss_mb"], 2)
        if "import" in parts:
            _say("bulk importer vs Bolt loader …")
            out = work / "graph"
            _run([str(Path(sys.executable).parent / "kg"), "build", str(args.archive), "--out", str(out)], cwd=work)
            results["import"] = bulk_vs_bolt(out, work)
            _say(json.dumps(results["import"]))
    pooled = sorted((p for p in results.get("scale", []) if p["engine"] == "pool" and p["jobs"] == 2),
                    key=lambda p: p["docs"])
    if pooled:  # workers' CPU is the parallel part, the client's (summaries, name table) the serial part
        small, large = pooled[0], pooled[-1]
        if large["docs"] > small["docs"]:  # marginal cost per document: start-up costs cancel out
            docs = large["docs"] - small["docs"]
            worker = (large["worker_cpu_s"] - small["worker_cpu_s"]) / docs
            client = (large["client_cpu_s"] - small["client_cpu_s"]) / docs
        else:
            worker, client = large["worker_cpu_s"] / large["docs"], large["client_cpu_s"] / large["docs"]
        results["projection"] = projection(worker, client)
        results["projection_basis"] = {"worker_cpu_s_per_doc": round(worker, 4),
                                       "client_cpu_s_per_doc": round(client, 4),
                                       "sizes": [small["docs"], large["docs"]], "source": "pool --jobs 2"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

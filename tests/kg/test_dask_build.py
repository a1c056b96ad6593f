"""kg build --dask against a real Dask cluster: a scheduler and two workers as separate processes."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "kg"), *args], capture_output=True, text=True, cwd=cwd, timeout=600,
                          check=False)


def _graph_ids(folder: Path) -> tuple[list[str], list[tuple[str, str, str]], dict]:
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    nodes = sorted(node["id"] for node in data["nodes"])
    edges = sorted((edge["source"], edge["key"], edge["target"]) for edge in data["edges"])
    return nodes, edges, data


@pytest.fixture(scope="module")
def twelve_reports(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dozen corpus reports in a temporary folder (one copied twice under another name)."""
    folder = tmp_path_factory.mktemp("dozen")
    reports = sorted(corpus_dir.glob("*.txt"))
    for number in range(12):
        source = reports[number % len(reports)]
        name = source.name if number < len(reports) else f"{source.stem}-copy{number}.txt"
        shutil.copyfile(source, folder / name)
    return folder


@pytest.fixture(scope="module")
def local_build(twelve_reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    done = _kg("build", str(twelve_reports), "--out", str(out), "--jobs", "1", cwd=out.parent)
    assert done.returncode == 0, done.stderr
    return out


class Cluster:
    """A `dask scheduler` and two `dask worker` processes (no nanny: a killed worker stays dead)."""

    def __init__(self, workdir: Path) -> None:
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
        self.scheduler = subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"],
            cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.workers = [subprocess.Popen(
            [str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
             "--name", f"w{number}", "--host", "127.0.0.1"],
            cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for number in range(2)]
        self._wait_for_workers(2)

    def client(self):  # noqa: ANN201 - distributed.Client
        from distributed import Client  # noqa: PLC0415

        return Client(self.address, timeout="30s")

    def _wait_for_workers(self, count: int) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with self.client() as client:
                    client.wait_for_workers(count, timeout=60)
                    return
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"the Dask cluster at {self.address} did not get {count} workers")

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    running = Cluster(tmp_path)
    try:
        yield running
    finally:
        running.stop()


def test_dask_build_equals_local_build(cluster: Cluster, twelve_reports: Path, local_build: Path,
                                       tmp_path: Path) -> None:
    out = tmp_path / "dask-out"
    done = _kg("build", str(twelve_reports), "--out", str(out), "--dask", cluster.address, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "from 12 document(s)" in done.stdout
    local_nodes, local_edges, local_data = _graph_ids(local_build)
    nodes, edges, data = _graph_ids(out)
    assert (len(nodes), len(edges)) == (len(local_nodes), len(local_edges))
    assert nodes == local_nodes and edges == local_edges
    assert data == local_data  # attributes too: extractions are merged in input order


def test_dask_build_survives_a_worker_killed_mid_run(cluster: Cluster, twelve_reports: Path, local_build: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "dask-out"
    build = subprocess.Popen([str(BIN / "kg"), "build", str(twelve_reports), "--out", str(out),
                              "--dask", cluster.address], cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    victim = cluster.workers[0]
    with cluster.client() as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build.poll() is None:
            busy = {info.get("name"): tasks for info, tasks in  # a worker just leaving has no info
                    ((client.scheduler_info()["workers"].get(w, {}), t) for w, t in client.processing().items())}
            if any(str(key).startswith("kg-extract") for key in busy.get("w0", ())):
                break
            time.sleep(0.05)
    assert build.poll() is None, "the build finished before a worker could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    stdout, stderr = build.communicate(timeout=600)
    assert build.returncode == 0, stderr
    assert "from 12 document(s)" in stdout
    assert _graph_ids(out)[2] == _graph_ids(local_build)[2]


def test_dask_build_unreachable_scheduler_is_one_clear_error(twelve_reports: Path, tmp_path: Path) -> None:
    done = _kg("build", str(twelve_reports), "--out", str(tmp_path / "out"), "--dask",
               f"tcp://127.0.0.1:{_free_port()}", cwd=tmp_path)
    assert done.returncode != 0
    assert "Error: cannot reach the Dask scheduler" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_dask_build_reports_a_bad_document_by_name_and_builds_the_rest(cluster: Cluster, corpus_dir: Path,
                                                                       tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copyfile(corpus_dir / "hetang-2019.txt", inputs / "hetang-2019.txt")
    shutil.copyfile(corpus_dir / "hailar-2017.txt", inputs / "hailar-2017.txt")
    (inputs / "broken.txt").write_bytes(b"")
    done = _kg("build", str(inputs), "--out", str(tmp_path / "out"), "--dask", cluster.address, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "from 2 document(s)" in done.stdout
    assert [line for line in done.stderr.splitlines() if "broken.txt" in line]


def test_dask_streaming_build_writes_the_same_import_files(cluster: Cluster, twelve_reports: Path, tmp_path: Path,
                                                           ) -> None:
    local = _kg("build", str(twelve_reports), "--out", str(tmp_path / "local"), "--jobs", "1",
                "--max-graph-nodes", "50", cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    remote = _kg("build", str(twelve_reports), "--out", str(tmp_path / "dask"), "--dask", cluster.address,
                 "--max-graph-nodes", "50", cwd=tmp_path)
    assert remote.returncode == 0, remote.stderr
    for path in sorted((tmp_path / "local" / "neo4j-import").iterdir()):
        assert (tmp_path / "dask" / "neo4j-import" / path.name).read_bytes() == path.read_bytes(), path.name
    assert (tmp_path / "dask" / "extractions" / "part-00000.jsonl").read_bytes() == \
        (tmp_path / "local" / "extractions" / "part-00000.jsonl").read_bytes()

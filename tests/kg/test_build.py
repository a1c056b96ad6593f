"""Building one graph from several reports and writing it out."""
from __future__ import annotations

import errno
import json
from pathlib import Path

import networkx as nx
import pytest

from kg.build import build, build_graph
from kg.errors import KGError
from kg.export import OUTPUT_FILES, write_outputs
from kg.model import read_json
from kg.outdir import MARKER


@pytest.fixture(scope="module")
def two_reports(corpus_dir):
    return build([corpus_dir / "hailar-2017.txt", corpus_dir / "hailar-2018.txt"], jobs=1)


def test_build_merges_shared_entities_and_records_documents(two_reports):
    g = two_reports.graph
    shared = [n for n, d in g.nodes(data=True) if len(d.get("docs", [])) == 2 and d["label"] not in ("Document",)]
    assert shared, "two reports of one district share entities"
    node = g.nodes[shared[0]]
    assert node["docs"] == ["hailar-2017.txt", "hailar-2018.txt"] and node["years"] == [2017, 2018]
    assert {"Document:hailar-2017.txt", "Document:hailar-2018.txt"} <= set(g)


def test_build_parallel_equals_serial(corpus_dir):
    paths = [corpus_dir / "hailar-2017.txt", corpus_dir / "tianmen-2024.txt"]
    assert nx.utils.graphs_equal(build_graph(paths, jobs=1), build_graph(paths, jobs=2))


def test_build_every_edge_has_evidence_fields(two_reports):
    for _, _, key, data in two_reports.graph.edges(keys=True, data=True):
        assert data["type"] == key and data["weight"] >= 1
        assert data["docs"] or data.get("rule") in ("adcode", "issuer")  # place hierarchy is derived, not stated
        for ev in data["evidence"]:
            assert set(ev) == {"doc", "section", "start", "end", "sentence"}


def test_build_bad_files_reported_good_ones_built(tmp_path, corpus_dir):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "good.txt").write_text((corpus_dir / "tianmen-2024.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = build([tmp_path], jobs=1)
    assert len(result.extractions) == 1
    assert any("empty.txt" in p for p in result.problems) and any("bin.txt" in p for p in result.problems)


def test_build_nothing_readable_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(KGError, match="empty.txt"):
        build([tmp_path / "empty.txt"], jobs=1)


def test_export_writes_all_files(tmp_path, two_reports):
    out = write_outputs(two_reports.graph, tmp_path / "out")
    assert sorted(p.name for p in out.iterdir()) == sorted((*OUTPUT_FILES, MARKER))
    assert nx.utils.graphs_equal(read_json(out / "graph.json"), two_reports.graph)
    assert (out / "entities.csv").read_text(encoding="utf-8").startswith("id,type,name")


def test_export_failure_leaves_previous_output_intact(tmp_path, two_reports, monkeypatch):
    out = write_outputs(two_reports.graph, tmp_path / "out")
    before = (out / "graph.json").read_bytes()

    def broken(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kg.export.write_json_and_graphml", broken)
    with pytest.raises(KGError, match="disk is full"):
        write_outputs(two_reports.graph, tmp_path / "out")
    assert (out / "graph.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind

"""kg build --max-graph-nodes: shards as documents arrive; above the limit, bulk-import files from the shards."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.export import write_outputs
from kg.neo4j_import import write_import_files
from kg.shards import read_shards
from kg.stream_build import stream_build

REPORTS = ("hailar-2016.txt", "hailar-2017.txt", "hailar-2018.txt", "hetang-2019.txt")


@pytest.fixture(scope="module")
def inputs(corpus_dir: Path) -> list[Path]:
    return [corpus_dir / name for name in REPORTS]


@pytest.fixture(scope="module")
def normal(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A normal build's folder, with the bulk-import files of its graph."""
    out = tmp_path_factory.mktemp("normal") / "out"
    result = build(inputs, jobs=1)
    write_outputs(result.graph, out, extra={"merges.json": [m.to_dict() for m in result.merges]},
                  mentions=result.mentions)
    write_import_files(result.graph, out / "neo4j-import")
    return out


def _tables(folder: Path) -> tuple[dict[str, dict], dict[tuple, dict]]:
    nodes: dict[str, dict] = {}
    rels: dict[tuple, dict] = {}
    for path in folder.glob("nodes-*.csv"):
        rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
        nodes.update({row[0]: dict(zip(rows[0], row)) for row in rows[1:]})
    for path in folder.glob("relationships-*.csv"):
        rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
        rels.update({(row[0], row[2], row[1]): dict(zip(rows[0], row)) for row in rows[1:]})
    return nodes, rels


def test_under_the_limit_the_build_is_the_normal_build_plus_shards(inputs: list[Path], normal: Path,
                                                                   tmp_path: Path) -> None:
    result = stream_build(inputs, tmp_path / "out", max_graph_nodes=1_000_000, jobs=1)
    assert result.graph is not None and result.import_files is None
    out = tmp_path / "out"
    assert (out / "graph.json").read_bytes() == (normal / "graph.json").read_bytes()
    assert (out / "merges.json").read_bytes() == (normal / "merges.json").read_bytes()
    records = list(read_shards(out / "extractions"))
    assert [record["doc"] for record in records] == list(REPORTS)
    assert all(record["nodes"] and record["edges"] for record in records)


def test_above_the_limit_the_import_files_equal_those_of_the_whole_graph(inputs: list[Path], normal: Path,
                                                                         tmp_path: Path) -> None:
    result = stream_build(inputs, tmp_path / "out", max_graph_nodes=50, jobs=1)
    out = tmp_path / "out"
    assert result.graph is None and result.import_files is not None
    assert not (out / "graph.json").exists() and not (out / "graph.html").exists()
    assert (out / "merges.json").read_bytes() == (normal / "merges.json").read_bytes()
    assert json.loads((out / "merges.json").read_text(encoding="utf-8"))  # the hailar reports do merge names
    streamed_nodes, streamed_rels = _tables(out / "neo4j-import")
    nodes, rels = _tables(normal / "neo4j-import")
    assert sorted(streamed_nodes) == sorted(nodes)
    assert set(rels) <= set(streamed_rels)
    for node, row in nodes.items():
        other = streamed_nodes[node]
        for column in (":LABEL", "name:string", "mentions:long", "adcode:string", "level:string", "project:string"):
            assert other.get(column) == row.get(column), (node, column)
        assert sorted(other.get("aliases:string[]", "").split(";")) == sorted(row.get("aliases:string[]", "").split(";"))
        assert set(row["docs:string[]"].split(";")) <= set(other["docs:string[]"].split(";"))
    for key, row in rels.items():
        assert streamed_rels[key]["weight:long"] == row["weight:long"], key


def test_above_the_limit_no_extra_relationships(inputs: list[Path], normal: Path, tmp_path: Path) -> None:
    # the place prunes of the whole build (namesake PART_OF, foreign LOCATED_IN) run per merged edge
    stream_build(inputs, tmp_path / "out", max_graph_nodes=50, jobs=1)
    assert sorted(_tables(tmp_path / "out" / "neo4j-import")[1]) == sorted(_tables(normal / "neo4j-import")[1])


def test_stream_prunes_a_foreign_site_as_the_whole_build_does(corpus_dir: Path, tmp_path: Path) -> None:
    # a project placed by its own name in a province none of its reports belongs to loses that LOCATED_IN
    inputs = [corpus_dir / name for name in ("hainan-2026.txt", "jiangxi-2026.txt", "sichuan-2026.txt",
                                             "hetang-2019.txt")]
    whole = build(inputs, jobs=1).graph
    stream_build(inputs, tmp_path / "out", max_graph_nodes=50, jobs=1)
    streamed = {(row["source"], row["target"], row["type"]) for row in _rows(tmp_path / "out" / "neo4j-import")}
    kept = {(u, v, k) for u, v, k in whole.edges(keys=True) if k in ("LOCATED_IN", "PART_OF")}
    assert {edge for edge in streamed if edge[2] in ("LOCATED_IN", "PART_OF")} == kept


def _rows(folder: Path) -> list[dict]:
    rows = []
    for path in folder.glob("relationships-*.csv"):
        table = list(csv.reader(open(path, encoding="utf-8", newline="")))
        rows += [{"source": row[0], "target": row[1], "type": row[2]} for row in table[1:]]
    return rows


def test_mentions_csv_is_written_on_both_paths(inputs: list[Path], normal: Path, tmp_path: Path) -> None:
    expected = (normal / "mentions.csv").read_bytes()
    assert expected.count(b"\n") > 1000  # rows, not a header only
    stream_build(inputs, tmp_path / "small", max_graph_nodes=1_000_000, jobs=1)
    assert (tmp_path / "small" / "mentions.csv").read_bytes() == expected
    stream_build(inputs, tmp_path / "big", max_graph_nodes=50, jobs=1)
    assert (tmp_path / "big" / "mentions.csv").read_bytes() == expected


def test_cli_says_what_it_skipped(inputs: list[Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", *map(str, inputs[:2]), "--out", str(tmp_path / "out"), "--jobs", "1",
                                      "--max-graph-nodes", "10"])
    assert result.exit_code == 0, result.output
    assert "more than 10 nodes: skipped graph.json" in result.output
    assert "scripts/neo4j-local import" in result.output
    written = sorted(p.name for p in (tmp_path / "out" / "neo4j-import").iterdir())
    assert any(name.startswith("nodes-Document-") for name in written)  # one set of files per bucket
    assert all(re.fullmatch(r"(nodes|relationships)-[A-Za-z_]+-\d{5}\.csv", name) for name in written), written
    assert not [p for p in (tmp_path / "out").iterdir() if p.is_dir() and p.name.startswith(".")]  # no scratch left


def test_a_failed_merge_task_leaves_no_output(inputs: list[Path], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.stream_build as stream  # noqa: PLC0415

    def broken(task: tuple[str, int]) -> object:
        if task[1] == 2:
            raise OSError(28, "No space left on device")
        return merge(task)

    merge = stream._merge_bucket
    monkeypatch.setattr(stream, "_merge_bucket", broken)
    with pytest.raises(Exception, match="space"):
        stream_build(inputs[:2], tmp_path / "out", max_graph_nodes=10, jobs=1)
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.iterdir())


def test_stream_build_never_replaces_a_folder_it_did_not_write(inputs: list[Path], tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(inputs[0]), "--out", str(mine), "--max-graph-nodes", "10"])
    assert result.exit_code == 1 and "Error:" in result.output
    assert (mine / "thesis.txt").read_text(encoding="utf-8") == "keep"


def test_the_pool_writes_the_same_files_as_one_process(inputs: list[Path], tmp_path: Path) -> None:
    # partition and bucket merge run as tasks of the pool: same shards, import files and mentions.csv
    stream_build(inputs[1:3], tmp_path / "one", max_graph_nodes=10, jobs=1)
    stream_build(inputs[1:3], tmp_path / "two", max_graph_nodes=10, jobs=2)
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert one == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert len([p for p in one if p.parts[0] == "neo4j-import"]) > 8
    for path in one:
        assert (tmp_path / "two" / path).read_bytes() == (tmp_path / "one" / path).read_bytes(), path


def test_merges_json_is_written_record_by_record_as_json_dumps_writes_it(tmp_path: Path) -> None:
    from kg.resolution import Merge
    from kg.stream_build import _write_merges

    merges = [Merge("Agency:海拉尔区委", "Agency:区委", "issuer-qualified", "区委 in a.txt …"),
              Merge("Place:海拉尔区", "Place:海拉尔", "admin-suffix", "not merged: \"x\"\n", refused=True)]
    for records in ([], merges[:1], merges):
        _write_merges(tmp_path / "merges.json", iter(records))
        expected = json.dumps([m.to_dict() for m in records], ensure_ascii=False, indent=1)
        assert (tmp_path / "merges.json").read_text(encoding="utf-8") == expected


def test_the_name_table_grows_with_names_not_with_documents(corpus_dir: Path) -> None:
    # the same report under three names: the table keeps its rows, and per document only two ints a
    # generic body named by its government; its records are those resolution makes from the whole graph
    from extractors.pipeline import extract_file
    from kg.build import add_extraction
    from kg.model import new_graph
    from kg.resolution import _qualified_merges
    from kg.stream_build import _name_rows, _NameTable

    docs = ["a/hailar-2017.txt", "b/hailar-2017.txt", "c|hailar-2017.txt"]
    table = _NameTable(docs.__getitem__)
    whole = new_graph()
    sizes = []
    for number, doc in enumerate(docs):
        extraction = extract_file(corpus_dir / "hailar-2017.txt", doc_id=doc)
        part = new_graph()
        add_extraction(part, extraction)
        add_extraction(whole, extraction)
        table.add(_name_rows(part), extraction.document.issuer, doc, number)
        sizes.append(len(table.entities))
    assert sizes[0] == sizes[1] == sizes[2] > 100
    assert all(isinstance(entry[2], tuple) and isinstance(entry[3], tuple) for entry in table.entities.values())
    assert {len(q.forms) for q in table.qualified.values()} == {1}  # one form a body, whatever the documents
    expected = _qualified_merges(whole)
    assert len(expected) >= 3 and list(table.qualified_merges()) == expected


def test_the_input_files_are_packed_and_given_back_as_they_were() -> None:
    from extractors.walk import InputFile
    from kg.stream_build import _Files

    walked = [InputFile(Path("/r/海拉尔 2017.txt"), "海拉尔 2017.txt"),
              InputFile(Path("odd\udcff.txt"), "x|\ud800"), InputFile(Path("rel/b.md"), "rel/b.md")]
    files = _Files(walked)
    assert len(files) == 3 and list(files) == walked and files[-1] == walked[-1] and files[1:] == walked[1:]
    assert [files.doc_id(n) for n in range(3)] == [f.doc_id for f in walked]

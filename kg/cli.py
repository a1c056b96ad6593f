"""The ``kg`` command line: thin subcommands over library calls a notebook can make too.

Each subcommand only parses options, calls one library function and prints.
Domain errors (:class:`kg.errors.KGError`) become one ``Error: …`` line and exit 1.
Library modules are imported inside the commands that use them, so ``kg --help``
and ``kg query --list`` start without loading jieba, spaCy, networkx or the Neo4j driver.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg.errors import KGError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["cli"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}  # subcommands inherit them

_Command = TypeVar("_Command", bound=Callable[..., Any])


class KGGroup(click.Group):
    """A click group that turns any KGError into one clear line and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:  # noqa: D401 - click hook
        try:
            return super().invoke(ctx)
        except KGError as error:
            raise click.ClickException(str(error)) from None
        except BrokenPipeError:  # the reader went away (kg … | head): stop quietly, not as a bug
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
            raise click.exceptions.Exit(0) from None
        except KeyboardInterrupt:  # workers ignore Ctrl-C (kg.workers): this is the only line printed
            click.echo("Error: interrupted (Ctrl-C); an output being written is left as it was", err=True)
            raise click.exceptions.Exit(130) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as error:  # the disk or the system refused: say where and what, not "a bug"
            where = f" {error.filename}" if error.filename else ""
            raise click.ClickException(f"cannot use{where}: {error.strerror or error}; check the path, "
                                       "its permissions and free space") from None
        except MemoryError:
            raise click.ClickException("out of memory; split the input into smaller files or use fewer --jobs") \
                from None
        except Exception as error:  # a bug, not bad input: one line unless --verbose asks for the traceback
            if ctx.params.get("verbose"):
                raise
            raise click.ClickException(f"unexpected {type(error).__name__}: {error}; rerun with kg --verbose … "
                                       "for the traceback and report it") from None


@click.group(cls=KGGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="gov-report-kg", prog_name="kg")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does to stderr.")
def cli(verbose: bool) -> None:
    """Build knowledge graphs from Chinese government work reports (政府工作报告).

    Reads reports (.txt .md .html .docx), extracts programmes, projects,
    companies, places and agencies with the sentences that link them, parses
    the report's glossary (名词解释), and writes a graph you can query, load
    into Neo4j and explore as an offline page.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@cli.command("glossary")
@click.argument("term")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Folder written by `kg build` (reads DIR/graph.json). Default: $KG_GRAPH_DIR, else ./out; "
                   "not read when only --report is given.")
@click.option("--report", "reports", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="A report whose glossary (名词解释) is parsed directly; repeat for several.")
def glossary_command(term: str, graph_dir: str | None, reports: tuple[str, ...]) -> None:
    """Look up TERM in the reports' own glossaries (名词解释): exact, alias or partial match.

    Prints each matching term with its source document and page, its
    definition, how it matched, and the graph entities linked to it.
    Exits 1 when nothing matches.

    \b
    Example:
        kg glossary 三供一业 --report corpus/hetang-2019.txt
        kg glossary 一单 --graph out
    """
    from kg.glossary_query import format_answer, query_glossary
    from kg.model import default_graph_dir

    if graph_dir is None and not reports:
        graph_dir = str(default_graph_dir())
    answer = query_glossary(term, graph_dir=graph_dir, reports=reports)
    click.echo(format_answer(answer))
    if not answer.hits:
        raise SystemExit(1)


@cli.command("viz")
@click.argument("graph_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Page to write (default: DIR/graph.html); its data goes next to it (graph.data.js).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Keep at most N entities, the most mentioned ones (default: all).")
@click.option("--all-nodes", is_flag=True, help="Keep every entity (the default).")
@click.option("--type", "types", multiple=True, metavar="T", help="Keep only entities of this type (repeatable), e.g. Program.")
@click.option("--physics/--no-physics", default=None, help="Accepted for compatibility; the drawing has a fixed layout.")
@click.option("--title", default="政府工作报告知识图谱", show_default=True, help="Page title.")
@click.option("--force", is_flag=True, help="Replace --out (and its data file) even if kg did not write them.")
def viz_command(graph_dir: Path, out: Path | None, max_nodes: int | None, all_nodes: bool, types: tuple[str, ...],
                physics: bool | None, title: str, force: bool) -> None:
    """Write the offline explorer page (graph.html + graph.data.js) of the graph in DIR.

    Reads DIR/graph.json written by ``kg build`` (no extraction). The page needs
    no network: search by name, alias or glossary term; one entity's card with its
    definition, reports, highlighted sentences, statuses and neighbours; its
    neighbourhood drawn; filters by report, year, type and relation in the URL.

    \b
    Example:
        kg viz out
        kg viz out --out program.html --type Program --type Project
    """
    from kg.model import read_graph_dir  # noqa: PLC0415
    from kg.outdir import check_out_file  # noqa: PLC0415
    from kg.visualize import DATA_SIGNATURE, PAGE_SIGNATURE, data_path, entity_count, write_html  # noqa: PLC0415

    graph = read_graph_dir(graph_dir)
    limit = None if all_nodes else max_nodes
    target = check_out_file(out or graph_dir / "graph.html", inputs=[graph_dir / "graph.json"],
                            signature=PAGE_SIGNATURE, force=force)
    check_out_file(data_path(target), inputs=[graph_dir / "graph.json"], signature=DATA_SIGNATURE, force=force)
    path = write_html(graph, target, title=title, max_nodes=limit, types=types or None, physics=physics)
    shown = entity_count(graph, max_nodes=limit, types=types or None)
    total = entity_count(graph)
    click.echo(f"Wrote {path} and {data_path(path).name} ({shown} of {total} entities)")


@cli.command("indicators")
@click.argument("inputs", metavar="FILE|DIR...", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Also write every indicator (with doc, basis, offsets and sentence) to this CSV file.")
@click.option("--force", is_flag=True, help="Replace the --csv file even if kg did not write it.")
def indicators_command(inputs: tuple[str, ...], csv_path: str | None, force: bool) -> None:
    """Print the quantitative indicators of reports: value, unit, growth, outcome or target, year.

    Values are written as reports write them (219.4亿元, 80.3%, 11,794人; growth
    8.0%左右, 同口径15.1%, 年均12.1%（2010–2015）). The CSV keeps raw values in base
    units (21940000000 元; 0.803 ratio; growth 0.08) with unit, basis and period
    in their own columns. Outcomes are what the review part reports for the past
    year, targets what the plan part sets for this year.

    \b
    Example:
        kg indicators corpus/hetang-2019.txt
        kg indicators corpus/ --csv indicators.csv
    """
    from kg.indicator_table import CSV_SIGNATURE, collect_indicators, format_table, write_csv
    from kg.outdir import check_out_file  # noqa: PLC0415

    if csv_path:
        csv_path = str(check_out_file(csv_path, inputs=inputs, signature=CSV_SIGNATURE, force=force,
                                      option="--csv"))
    found, warnings = collect_indicators(inputs)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(format_table(found))
    if csv_path:
        count = write_csv(found, csv_path)
        click.echo(f"Wrote {count} indicators to {csv_path}", err=True)


class _Progress:
    """A progress bar on stderr fed by ``progress(done, total)`` callbacks (builds and loads)."""

    def __init__(self, desc: str, unit: str, *, at_least: int) -> None:
        self.desc, self.unit, self.at_least = desc, unit, at_least  # fewer steps than at_least: no bar

    def __enter__(self) -> "_Progress":
        self._bar: Any = None
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from tqdm import tqdm  # noqa: PLC0415

            self._bar = tqdm(total=total, unit=self.unit, desc=self.desc, file=sys.stderr,
                             disable=total < self.at_least)
        self._bar.update(done - self._bar.n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


_MAX_SIZE_OPTION = click.option(
    "--max-size", "max_mb", type=click.FloatRange(min=0.001), default=10.0, show_default=True,
    help="Largest report file to read, in MB (larger files are reported and skipped).")


@cli.command("build")
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for graph.json, graph.graphml, graph.gexf, graph.html (+ graph.data.js), "
              "merges.json and the tidy tables (documents, entities, mentions, relations, statuses, indicators, glossary .csv).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for several files (default: all cores).")
@click.option("--neo4j", "to_neo4j", is_flag=True, help="Also load the graph into Neo4j (NEO4J_URI, NEO4J_USER, "
              "NEO4J_PASSWORD).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Entities on the page, the most mentioned first (default: all); the files keep every node.")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' to start a "
                   "LocalCluster of --jobs workers. Workers read the input paths themselves.")
@click.option("--max-graph-nodes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Streaming build: write each document to OUT/extractions as it arrives; above N nodes skip "
                   "graph.json, GraphML, page and CSVs and write only the bulk-import files (OUT/neo4j-import).")
@_MAX_SIZE_OPTION
@click.option("--excel", is_flag=True, help="Write the CSV tables with a byte-order mark so Excel shows the Chinese.")
def build_command(inputs: tuple[str, ...], out_dir: Path, jobs: int | None, to_neo4j: bool, max_nodes: int | None,
                  dask_address: str | None, max_graph_nodes: int | None, max_mb: float, excel: bool) -> None:
    """Build one knowledge graph from report files or folders.

    Reads .txt, .md, .html and .docx reports (folders are searched), writes the
    graph in OUT (written to a temporary folder first, so OUT is never left
    half-written) and prints counts per type. Files that cannot be read are
    reported one line each; the others are still built. OUT is replaced only
    when kg wrote it (it holds a .kg-graph marker) or it is empty; it may not be
    the current folder, an input or a folder holding one.

    \b
    Example:
        kg build examples/sample-report.txt --out out
        kg build reports/ --out out --jobs 2
        kg build reports/ --out out --excel
        kg build reports/ --out out --dask tcp://127.0.0.1:8786
    """
    from kg.build import build, summary_lines  # noqa: PLC0415
    from kg.export import write_outputs  # noqa: PLC0415
    from kg.heap import spare_at_exit  # noqa: PLC0415
    from kg.outdir import check_out_dir  # noqa: PLC0415

    target = check_out_dir(out_dir, inputs)  # refused before minutes of extraction, not after
    spare_at_exit()  # the graph is not walked and freed piece by piece when the process ends
    if max_graph_nodes is not None:
        _stream_build(inputs, out_dir, jobs=jobs, dask=dask_address, max_bytes=int(max_mb * 1024 * 1024),
                      max_graph_nodes=max_graph_nodes, page_options={"max_nodes": max_nodes}, to_neo4j=to_neo4j)
        return
    with _Progress("extracting", "file", at_least=2) as extracting:
        result = build(inputs, jobs=jobs, progress=extracting, max_bytes=int(max_mb * 1024 * 1024),
                       keep_extractions=False, exclude=[target], dask=dask_address)
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    out = write_outputs(result.graph, out_dir, page_options={"max_nodes": max_nodes},
                        extra={"merges.json": [merge.to_dict() for merge in result.merges]}, inputs=inputs,
                        mentions=result.mentions, excel=excel)
    _echo_report_warnings(result.warnings)
    click.echo(f"built {out} from {result.documents} document(s)")
    click.echo("\n".join(summary_lines(result.graph)))
    if to_neo4j:
        from kg.neo4j_load import load_graph  # noqa: PLC0415

        with _Progress("loading", "batch", at_least=20) as loading:
            click.echo(f"Neo4j: {load_graph(result.graph, progress=loading)}")


def _echo_report_warnings(warnings: list[str]) -> None:
    """One line per report whose year, issuer or review/plan parts were not found (every kind of build)."""
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def _stream_build(inputs: tuple[str, ...], out_dir: Path, *, to_neo4j: bool, **options: Any) -> None:
    """kg build --max-graph-nodes: the streaming build of kg.stream_build, and what it says."""
    from kg.build import summary_lines  # noqa: PLC0415
    from kg.stream_build import stream_build  # noqa: PLC0415

    with _Progress("extracting", "file", at_least=2) as extracting:
        result = stream_build(inputs, out_dir, progress=extracting, **options)
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    _echo_report_warnings(result.warnings)
    click.echo(f"built {result.out} from {result.documents} document(s)")
    if result.graph is not None:
        click.echo("\n".join(summary_lines(result.graph)))
        if to_neo4j:
            from kg.neo4j_load import load_graph  # noqa: PLC0415

            with _Progress("loading", "batch", at_least=20) as loading:
                click.echo(f"Neo4j: {load_graph(result.graph, progress=loading)}")
        return
    click.echo(f"the graph has more than {options['max_graph_nodes']} nodes: skipped {', '.join(result.skipped)}; "
               f"{result.import_files}")
    click.echo("  " + ", ".join(f"{label} {count}" for label, count in sorted(result.labels.items())))
    click.echo("  " + ", ".join(f"{key} {count}" for key, count in result.relations.most_common()))
    click.echo(f"load it with: scripts/neo4j-local import {result.out / 'neo4j-import'}")
    if to_neo4j:
        raise click.ClickException("--neo4j loads a graph in memory; this one is too big: use the bulk-import "
                                   "files above (scripts/neo4j-local import)")


@cli.command("extract")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "summary", "html"]), default="json", show_default=True,
              help="json: the public extract format (see README); summary: year, issuer, parts, warnings, then names "
                   "per type; html: the report "
                   "with entities highlighted (displaCy, offline).")
@_MAX_SIZE_OPTION
def extract_command(file: str, fmt: str, max_mb: float) -> None:
    """Extract entities, relations, statuses, glossary and indicators from one report.

    Prints the public `kg extract` JSON on stdout (documented in README.md):
    {"doc", "year", "issuer", "adcode", "level", "parts", "warnings", "entities", "relations",
    "statuses", "glossary", "indicators"}; `--format summary` starts with year, issuer, parts and
    warnings (what of the report's layout was understood).

    \b
    Example:
        kg extract examples/sample-report.txt --format json > sample.json
        kg extract examples/sample-report.txt --format html > sample.html
    """
    from extractors.pipeline import extract_file, extraction_to_json  # noqa: PLC0415

    extraction = extract_file(file, max_bytes=int(max_mb * 1024 * 1024))
    for problem in extraction.glossary_problems:
        click.echo(f"warning: {problem}", err=True)
    if fmt == "json":
        click.echo(json.dumps(extraction_to_json(extraction), ensure_ascii=False, indent=1))
        return
    if fmt == "html":
        from extractors.components import displacy_html  # noqa: PLC0415

        click.echo(displacy_html(extraction))
        return
    from extractors.pipeline import summary_lines  # noqa: PLC0415

    click.echo("\n".join(summary_lines(extraction)))
    for label in ("Program", "Project", "Company", "Place", "Agency"):
        names = [e.name for e in extraction.entities if e.type == label]
        click.echo(f"{label} ({len(names)}): " + "、".join(names))


@cli.command("eval")
@click.argument("gold", type=click.Path(path_type=str))
@click.argument("file", type=click.Path(path_type=str))
@click.option("--errors", is_flag=True, help="Also list false positives and false negatives (entities, then statuses).")
def eval_command(gold: str, file: str, errors: bool) -> None:
    """Score extraction of FILE against a GOLD file (per type and micro P/R/F1, statuses).

    Scoring follows the shared annotation guidelines: names compared after NFKC
    without white space and quotes; aliases and alt types count.

    \b
    Example:
        kg eval ../shared/eval/gold/hetang-2019.json ../shared/corpus/hetang-2019.txt
    """
    from kg.evaluate import evaluate_file, format_scores  # noqa: PLC0415

    report, statuses = evaluate_file(gold, file)
    click.echo("\n".join(format_scores(report, statuses, errors=errors)))


_NEO4J_OPTIONS = [
    click.option("--uri", default=None, help="Bolt address (default: NEO4J_URI or bolt://127.0.0.1:7687)."),
    click.option("--user", default=None, help="User (default: NEO4J_USER or neo4j)."),
    click.option("--database", default=None, help="Database (default: NEO4J_DATABASE or neo4j)."),
    click.option("--password", default=None, prompt="Neo4j password", hide_input=True, prompt_required=False,
                 callback=lambda ctx, param, value: _warn_password_in_argv(value),
                 help="Ask for the password (give --password alone); otherwise NEO4J_PASSWORD is used."),
]


def _warn_password_in_argv(value: str | None) -> str | None:
    """Warn when the password was typed on the command line (other users see it in the process list)."""
    if value and (value in sys.argv or f"--password={value}" in sys.argv):
        click.echo("warning: a password on the command line is visible to every user of this machine "
                   "(process list, shell history); set NEO4J_PASSWORD or give --password alone to be asked",
                   err=True)
    return value


def _neo4j_options(function: _Command) -> _Command:
    """Attach the shared Neo4j connection options (the password is never echoed or printed)."""
    for option in reversed(_NEO4J_OPTIONS):
        function = option(function)
    return function


@cli.command("load")
@click.argument("graph_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows sent per UNWIND query.")
@_neo4j_options
def load_command(graph_dir: Path, batch_size: int, uri: str | None, user: str | None, database: str | None,
                 password: str | None) -> None:
    """Load DIR/graph.json (written by kg build) into Neo4j, idempotently.

    Every node and relationship is MERGEd on its id, so loading again changes
    nothing and a second report's graph merges into the first. If the load
    stops part way, run the same command again to finish it.

    \b
    Example:
        scripts/neo4j-local start
        kg load out --batch-size 1000
        NEO4J_URI=bolt://127.0.0.1:7688 kg load out --password
    """
    from kg.model import read_graph_dir  # noqa: PLC0415
    from kg.neo4j_load import load_graph  # noqa: PLC0415

    graph = read_graph_dir(graph_dir)
    with _Progress("loading", "batch", at_least=20) as loading:
        stats = load_graph(graph, uri=uri, user=user, password=password, database=database, batch_size=batch_size,
                           progress=loading)
    click.echo(str(stats))


@cli.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--cypher", default=None, metavar="TEXT", help="Run this Cypher instead of a named query (read-only).")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON lines instead of a table.")
@_neo4j_options
def query_command(name: str | None, params: tuple[str, ...], cypher: str | None, list_only: bool, as_json: bool,
                  uri: str | None, user: str | None, database: str | None, password: str | None) -> None:
    """Run a named query from queries/ (or --cypher TEXT) against Neo4j, read-only.

    \b
    Example:
        kg query --list
        kg query neighbourhood -p name=三供一业
        kg query projects_in_place -p place=荷塘区
        kg query shortest_path -p from=三供一业 -p to=荷塘区
        kg query search -p q=供水
        kg query --cypher 'MATCH (p:Program) RETURN p.name LIMIT 5'
    """
    from kg.queries import QueryError, format_table, list_queries, parse_params, run_cypher, run_query  # noqa: PLC0415

    if list_only:
        for query in list_queries():
            wanted = " ".join(f"-p {p}=…" for p in query.parameters)
            click.echo(f"{query.name} {wanted}".rstrip())
            click.echo(f"    {query.description}")
        return
    connection = {"uri": uri, "user": user, "password": password, "database": database}
    if name is not None and cypher is None:
        columns, rows = run_query(name, parse_params(params), **connection)
    elif cypher is not None and name is None:
        columns, rows = run_cypher(cypher, parse_params(params), **connection)
    else:
        raise QueryError("give either a query NAME or --cypher TEXT, not both or neither (see kg query --list)")
    if as_json:
        for row in rows:
            click.echo(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))
    else:
        click.echo(format_table(columns, rows))


def _graph_for(graph_dir: str | None) -> nx.MultiDiGraph:
    """The graph in --graph DIR, else $KG_GRAPH_DIR, else ./out (as `kg glossary` reads it)."""
    from kg.model import default_graph_dir, read_graph_dir  # noqa: PLC0415

    return read_graph_dir(default_graph_dir(graph_dir))


@cli.command("timeline")
@click.argument("name")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Folder written by `kg build` (reads DIR/graph.json). Default: $KG_GRAPH_DIR, else ./out.")
def timeline_command(name: str, graph_dir: str | None) -> None:
    """Show one entity's timeline across the loaded reports: planned, started, completed.

    NAME is a name, an alias (names merged across reports count), an abbreviation
    (十四冬 finds what the reports write 第十四届全国冬运会…) or part of a name; every
    entity it stands for is shown. Prints the documents and years each appears in
    and one row per status with its year, phase (planned, signed, started,
    completed, new works), stage, plan or outcome, and the evidence sentence.

    \b
    Example:
        kg build ../shared/corpus/hailar-2016.txt ../shared/corpus/hailar-2017.txt --out out
        kg timeline 黑羊站水厂 --graph out
        kg timeline 十四冬 --graph out
    """
    from kg.timeline import timelines  # noqa: PLC0415
    from kg.timeline_format import format_timelines  # noqa: PLC0415

    lines, how = timelines(_graph_for(graph_dir), name)
    click.echo(format_timelines(lines, name, how))


@cli.command("compare")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Folder written by `kg build` (reads DIR/graph.json). Default: $KG_GRAPH_DIR, else ./out.")
def compare_command(graph_dir: str | None) -> None:
    """Plan versus outcome: each plan for year N beside the review of N in the next report.

    Prints projects (stages planned, stage reached, met or not, with the plan
    and the review sentence; "no outcome reported" when the next report is
    silent) and indicators (target and outcome value and growth as reports
    write them, with the differences). Only Project nodes, and only years whose
    next report of the same issuer is in the graph.

    \b
    Example:
        kg build ../shared/corpus/hailar-2017.txt ../shared/corpus/hailar-2018.txt --out out
        kg compare --graph out
    """
    from kg.timeline import indicator_pairs, plan_vs_outcome  # noqa: PLC0415
    from kg.timeline_format import format_indicator_pairs, format_plan_vs_outcome  # noqa: PLC0415

    graph = _graph_for(graph_dir)
    click.echo("Projects: plan versus outcome")
    click.echo(format_plan_vs_outcome(plan_vs_outcome(graph)))
    click.echo("")
    click.echo("Indicators: target versus outcome")
    click.echo(format_indicator_pairs(indicator_pairs(graph)))


@cli.group("export")
def export_group() -> None:
    """Write a graph folder (from kg build) in the formats of other tools.

    \b
    Example:
        kg export neo4j-import out
    """


@export_group.command("neo4j-import")
@click.argument("graph_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the CSV files (default: DIR/neo4j-import).")
def export_neo4j_import_command(graph_dir: Path, out: Path | None) -> None:
    """CSV files for Neo4j's bulk importer (neo4j-admin database import full).

    One file per node label (nodes-Program.csv …) and per relationship type
    (relationships-CO_OCCURS.csv …), headers in the importer's format (id:ID,
    :LABEL, :START_ID, :END_ID, :TYPE, typed arrays with ';'). The same labels and
    properties as kg load. scripts/neo4j-local import runs the importer on them.

    \b
    Example:
        kg export neo4j-import out
        NEO4J_INSTANCE_DIR=/tmp/big bash scripts/neo4j-local import out/neo4j-import
    """
    from kg.neo4j_import import export_graph_dir  # noqa: PLC0415

    click.echo(str(export_graph_dir(graph_dir, out)))

"""``python -m benchmarks``: run every benchmark, print a table, write benchmarks/results/latest.json."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from benchmarks.common import default_archive, default_corpus
from benchmarks.report import format_report
from benchmarks.runner import DEFAULT_OUT, run_benchmarks
from extractors.errors import KGError


def _sizes(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes takes comma-separated numbers like 1,10,100, not {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, run, print the table; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny run (seconds), as the tests do")
    parser.add_argument("--sizes", type=_sizes, default=None, help="document counts for scaling, e.g. 1,10,100,1000")
    parser.add_argument("--jobs", type=_sizes, default=[1, 2], help="process counts for scaling (default 1,2)")
    parser.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j load benchmark (it wipes the db)")
    parser.add_argument("--no-browser", action="store_true", help="do not open the pages in headless Chromium")
    parser.add_argument("--corpus", default=None, help="folder of .txt reports (default ../shared/corpus)")
    parser.add_argument("--archive", default=None,
                        help="folder of reports whose page is measured against the corpus page "
                             "(default ../shared/archive in a full run; none with --quick)")
    parser.add_argument("--no-archive", action="store_true", help="measure the corpus page only")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="folder for latest.json (default benchmarks/results)")
    args = parser.parse_args(argv)
    archive = None if args.no_archive else args.archive or (None if args.quick else default_archive())
    try:
        results = run_benchmarks(corpus=args.corpus or default_corpus(), out=args.out, quick=args.quick,
                                 sizes=args.sizes, jobs=args.jobs, neo4j=not args.no_neo4j,
                                 browser=not args.no_browser, archive=archive, say=lambda line: print(line, file=sys.stderr))
    except KGError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(format_report(results))
    print(f"\nwrote {args.out}/latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``kg`` command line: thin subcommands over library calls a notebook can make too.

Each subcommand only parses options, calls one library function and prints.
Domain errors (:class:`kg.errors.KGError`) become one ``Error: …`` line and exit 1.
"""
from __future__ import annotations

import logging

import click

from kg.errors import KGError

__all__ = ["cli"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class KGGroup(click.Group):
    """A click group that turns any KGError into one clear line and a non-zero exit."""

    def invoke(self, ctx: click.Context):  # noqa: D401 - click hook
        try:
            return super().invoke(ctx)
        except KGError as error:
            raise click.ClickException(str(error)) from None


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

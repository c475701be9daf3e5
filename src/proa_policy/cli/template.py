"""`proa-policy template --output FILE.xlsx|FILE.csv|FILE.yaml`: a blank dossier template, atomically."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NoReturn

import click

from proa_policy.resources import load_schema
from proa_policy.source import display_path
from proa_policy.sheets.template import render

if TYPE_CHECKING:
    from proa_policy.report.sinks import OutputError

SUFFIXES = (".xlsx", ".csv", ".yaml", ".yml")


@click.command()
@click.option("--output", "-o", "path", required=True, metavar="FILE.xlsx|FILE.csv|FILE.yaml",
              help="The template to write; its suffix says which kind.")
@click.option("--dotted", is_flag=True, help="Headers as dotted field names (`employer.kind`), not labels.")
def template(path: str, dotted: bool) -> None:
    """Write a blank dossier template: XLSX (drop-down lists, help sheet), CSV, or YAML commented in French.

    Fill it in, then `proa-policy evaluate FILE`. Exit 0 when written, 2 otherwise.
    """
    from proa_policy.report.sinks import AtomicFile, OutputError

    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        click.echo(f"proa-policy: `{path}`: le modèle doit finir par .xlsx, .csv ou .yaml", err=True)
        raise SystemExit(2)
    data = render(load_schema("dossier.schema.json"), suffix, dotted)
    try:
        handle = AtomicFile(path, binary=True)
    except OutputError as exc:
        _refused(path, exc)
    try:
        handle.handle.write(data)
        handle.commit()
    except OutputError as exc:
        handle.discard()
        _refused(path, exc)
    except BaseException:
        handle.discard()
        raise
    click.echo(f"modèle écrit : {display_path(path)}", err=True)
    raise SystemExit(0)


def _refused(path: str, exc: OutputError) -> NoReturn:
    """The output cannot be opened, written or put in place: exit 2, the path named."""
    click.echo(f"proa-policy: `{path}`: {exc.reason}", err=True)
    raise SystemExit(2) from None

"""The `proa-policy` command: the only package that writes to the streams; a module per family of commands.

Exit codes, the same for every command and every output format:
  0  every dossier eligible (evaluate), everything valid (validate, check, test)
  1  some dossier ineligible, incomplete (formalities remain) or not applicable, none invalid (evaluate);
     failing tests (test)
  2  some input invalid or unreadable, a policy set that does not load, or a usage error
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from proa_policy import __version__
from proa_policy.cli.accord import certifications, explain, schema
from proa_policy.cli.amend import diff
from proa_policy.cli.authoring import check, test_command
from proa_policy.cli.common import EXIT_INVALID, quiet_stdout
from proa_policy.cli.dossiers import evaluate, validate
from proa_policy.report.escape import text as esc

#: Commands whose module imports a heavy library (jinja2, starlette, openpyxl): name → (module, the
#: function's name, its one-line help as its docstring's first paragraph says it). The module is
#: imported only when the command runs or its own help is shown; `--help` lists the line given here
#: (tests/test_cli_lazy.py checks it is the docstring's).
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "rulebook": ("proa_policy.cli.rulebook", "rulebook",
                 "Write the rulebook: the accord's text with each rule beside the sentence it quotes, "
                 "as a static site."),
    "serve": ("proa_policy.cli.serve", "serve",
              "Serve the HTTP API and the French web page (open http://127.0.0.1:8000)."),
    "template": ("proa_policy.cli.template", "template",
                 "Write a blank dossier template: XLSX (drop-down lists, help sheet), CSV, "
                 "or YAML commented in French."),
}


class _Commands(click.Group):
    """Every command, at any moment: a closed stdout (`… | head -1`) ends quietly with 141, Ctrl-C with 130,
    a failed write with a one-line message and 2. The commands of `LAZY_COMMANDS` load when used."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            quiet_stdout()
            raise SystemExit(141) from None
        except KeyboardInterrupt:  # e.g. while the policy set loads, before a command's own guard
            click.echo("\ninterrompu", err=True)
            raise SystemExit(130) from None
        except RuntimeError as exc:  # a worker of `--jobs` died or raised: said in one line, exit 2
            from proa_policy.engine.workers import WorkerFailed

            if not isinstance(exc, WorkerFailed):
                raise
            click.echo(f"proa-policy: a worker process failed: {esc(str(exc))}", err=True)
            raise SystemExit(EXIT_INVALID) from None
        except OSError as exc:  # stdout that cannot be written (`> /dev/full`): one line, exit 2
            quiet_stdout()
            where = f"`{exc.filename}`" if exc.filename else "standard output"
            click.echo(f"proa-policy: cannot write to {where}: {exc.strerror or exc}", err=True)
            raise SystemExit(EXIT_INVALID) from None

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """The group's own `--help` is printed while its arguments are parsed, before `invoke`."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:
            quiet_stdout()
            raise SystemExit(141) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute, _ = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of `--help` (click's own), without importing a lazy command's module for its line."""
        names = [n for n in self.list_commands(ctx) if n not in self.commands or not self.commands[n].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is None:  # its module not loaded: the same short help, from the help kept here
                command = click.Command(name, help=LAZY_COMMANDS[name][2])
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="proa-policy")
def main() -> None:
    """Check Pro-A dossiers against the accord of 22 January 2021 (temporary-work branch), as extended."""


for _command in (certifications, check, diff, evaluate, explain, schema, test_command, validate):
    main.add_command(_command)

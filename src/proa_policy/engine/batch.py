"""Many dossiers, in order, one decision each: sequentially or in worker processes.

The main process walks the inputs (files, folders, JSON Lines) and hands out
small units of work: a file path, or a chunk of JSON Lines. Workers read,
parse, validate, evaluate and locate; results come back in input order, so
the output is the same byte for byte whatever `jobs` is. Nothing is held
beyond a bounded window of chunks: memory stays flat however long the batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from proa_policy.engine.decision import Decision
from proa_policy.dossier.schema import DossierSchema
from proa_policy.engine.policyset import PolicySet, _dossier_id, load_policies
from proa_policy.errors import DocumentError, DossierIssue
from proa_policy.read.inputs import (
    STDIN,
    Loaded,
    is_jsonl,
    iter_paths,
    jsonl_lines,
    load_line,
    open_dossier_file,
    printable,
    read_document,
    read_stdin,
    refused_error,
    too_long,
)
from proa_policy.read.positions import Positions
from proa_policy.read.safefile import Refused
from proa_policy.read.sheets import READABLE
from proa_policy.wording import reading_error

CHUNK = 256
#: Files handed out together (in input order), as lines are: one round trip to a worker per file cost
#: more than the file's dossier (issue 16: `--jobs 2` was slower than `--jobs 1` on a folder).
FILES = 128
#: A chunk also ends past this many bytes: the window of chunks in flight (jobs × 4) stays small in memory
#: even when every line is near MAX_LINE_BYTES (issue 11 §6: `--jobs 8` on 1 MB lines took 4.4 GB).
CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Options:
    as_of: dt.date | None = None
    lang: str = "fr"
    explain: bool = False
    inputs: bool = False  # keep each dossier's fields on its decision, for a spreadsheet report


def check(schema: DossierSchema, loaded: Loaded, lang: str) -> tuple[DossierIssue, ...]:
    """Read and validate one input, once: its issues (none when valid), located in its text (or its cells)."""
    if loaded.row is not None:  # a spreadsheet row: its cells' problems, then the schema's, said as cells
        from proa_policy.dossier.rows import row_issues  # only when a spreadsheet is met: start-up time

        return tuple(row_issues(schema, loaded, lang))
    if loaded.error is not None:
        error = loaded.error
        message = reading_error(error.message, lang, error)
        return (DossierIssue(error.pointer, message, error.line, error.column, "document"),)
    if schema.is_valid(loaded.document):
        return ()
    issues = schema.issues(loaded.document, lang)
    if loaded.text is None:
        return tuple(issues)
    at = Positions(loaded.source, loaded.text, loaded.document).at  # one scan for all the issues
    return tuple(i if i.line else replace(i, line=at(i.pointer)[0], column=at(i.pointer)[1]) for i in issues)


def decide(policies: PolicySet, loaded: Loaded, options: Options) -> Decision:
    """One input → one decision: read, validate, decide, each once; positions found while deciding."""
    if loaded.row is not None:  # a spreadsheet row: positions said as cells
        from proa_policy.engine.rows import decide_row

        return decide_row(policies, loaded, options)
    issues = check(policies.schema, loaded, options.lang)
    if issues:
        dossier_id = _dossier_id(loaded.document) if loaded.error is None else None
        decision = policies.invalid_decision(dossier_id, issues, loaded.source)
    else:
        at = Positions(loaded.source, loaded.text, loaded.document).at if loaded.text is not None else None
        decision = policies.decide_valid(loaded.document, as_of=options.as_of, lang=options.lang,
                                         explain=options.explain, source=loaded.source, locate=at)
    if options.inputs and loaded.error is None:  # the dossier's fields, for a spreadsheet report
        from proa_policy.dossier.rows import flatten

        decision = replace(decision, inputs=flatten(loaded.document))
    return decision


def read_one(name: str, stdin: Any = None) -> Iterator[Loaded]:
    """The dossiers of one input: a spreadsheet's rows (one `Loaded` each), else its one JSON or YAML
    document (`read_document`, stdin included)."""
    if name != STDIN and name.lower().endswith(READABLE):
        from proa_policy.dossier.rows import read_sheet

        return read_sheet(name, printable(name))
    return read_document(name, stdin)


# --- units of work -----------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """Files to read (one after another), or lines of a JSON Lines file already read (number, bytes)."""

    source: str
    paths: tuple[str, ...] = ()
    lines: tuple[tuple[int, bytes | None], ...] = ()
    error: DocumentError | None = None
    stdin_data: bytes | None = None


def units(paths: Iterable[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
          stdin: Any = None) -> Iterator[Unit]:
    files: list[str] = []  # consecutive plain files, handed out together
    for name, problem in iter_paths(paths, include, exclude):
        if files and (len(files) >= FILES or problem is not None or name == STDIN or is_jsonl(name)):
            yield Unit(files[0], paths=tuple(files))
            files = []
        if problem is not None:
            yield Unit(printable(name), error=problem)
        elif name == STDIN:
            data = read_stdin(stdin)  # read_one says when it is too much
            yield Unit(name, error=data) if isinstance(data, DocumentError) else Unit(name, stdin_data=data)
        elif is_jsonl(name):
            yield from _jsonl_units(name)
        else:
            files.append(name)
    if files:
        yield Unit(files[0], paths=tuple(files))


def _jsonl_units(name: str) -> Iterator[Unit]:
    """A JSON Lines file in chunks of lines, read by the parent, parsed wherever the unit goes."""
    shown = printable(name)
    try:
        handle = open_dossier_file(name)
    except Refused as exc:
        yield Unit(shown, error=refused_error(exc))
        return
    with handle:
        chunk: list[tuple[int, bytes | None]] = []
        size = 0
        try:
            for line in jsonl_lines(handle):
                chunk.append(line)
                size += len(line[1] or b"")
                if len(chunk) >= CHUNK or size >= CHUNK_BYTES:
                    yield Unit(shown, lines=tuple(chunk))
                    chunk, size = [], 0
        except OSError as exc:  # a read that fails half-way: the lines before it are still answered
            if chunk:
                yield Unit(shown, lines=tuple(chunk))
            yield Unit(shown, error=DocumentError.of("input.unreadable", reason=exc.strerror or exc))
            return
        if chunk:
            yield Unit(shown, lines=tuple(chunk))


def load_unit(unit: Unit) -> Iterator[Loaded]:
    """The documents of one unit of work, read and parsed, each as a `Loaded`."""
    if unit.error is not None:
        yield Loaded(unit.source, error=unit.error)
    elif unit.stdin_data is not None:
        import io

        yield from read_one(STDIN, io.BytesIO(unit.stdin_data))
    elif unit.paths:
        for path in unit.paths:
            yield from read_one(path)
    else:
        for number, raw in unit.lines:
            yield too_long(unit.source, number) if raw is None else load_line(unit.source, number, raw)


def process(policies: PolicySet, unit: Unit, options: Options) -> list[Decision]:
    return [decide(policies, loaded, options) for loaded in load_unit(unit)]


# --- parallel ----------------------------------------------------------------

Render = Callable[[Decision], str]
_WORKER: tuple[PolicySet, Options, Render | None] | None = None


def _init(policy_dir: str | None, options: Options, render: Render | None) -> None:
    global _WORKER
    if policy_dir is not None:  # spawned: load again; forked: inherited from the parent
        _WORKER = (load_policies(policy_dir), options, render)


def _work(unit: Unit) -> list[Any]:
    assert _WORKER is not None
    policies, options, render = _WORKER
    decisions = process(policies, unit, options)
    if render is None:
        return decisions
    return [(d.verdict, render(d)) for d in decisions]


def run(policies: PolicySet, work: Iterable[Unit], options: Options, jobs: int = 1,
        render: Render | None = None) -> Iterator[Any]:
    """Decisions in input order, or `(verdict, render(decision))` when `render` is given.

    With `jobs` > 1 the units go to worker processes (`workers.py`), which
    also render: the parent only reads and writes. Order is input order; an
    interrupt ends every worker.
    """
    if jobs <= 1:
        for unit in work:
            for decision in process(policies, unit, options):
                yield decision if render is None else (decision.verdict, render(decision))
        return
    import multiprocessing

    from proa_policy.engine.workers import ordered_map

    global _WORKER
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    _WORKER = (policies, options, render)
    initargs = (None if fork else policies.document.root, options, render)
    for result in ordered_map(_work, work, jobs, context=context, init=_init, initargs=initargs):
        yield from result

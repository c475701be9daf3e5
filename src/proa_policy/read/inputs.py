"""Dossier files → documents: files, directories, stdin and JSON Lines, in order, nothing dropped.

Every input yields exactly one `Loaded`: a document, or the `DocumentError`
that explains why there is none. A JSON Lines file yields one per line; a
spreadsheet one per row, read by `dossier/rows.py` (its headers are the
schema's fields), its cells by `sheets.py`.
"""

from __future__ import annotations

import errno
import fnmatch
import io
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from proa_policy.read.documents import load_text
from proa_policy.read.jsontext import load_json
from proa_policy.errors import DocumentError
from proa_policy.read.hints import explain_syntax
from proa_policy.read.safefile import Refused, open_input
from proa_policy.read.sheets import SHEET_SUFFIXES

DOSSIER_SUFFIXES = (".json", ".yaml", ".yml", ".jsonl", ".ndjson", *SHEET_SUFFIXES)  # sheets: a dossier a row
#: A dossier file larger than this is refused unread (a JSON Lines file is streamed instead).
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
STDIN = "-"
#: Skipping a line beyond MAX_LINE_BYTES stops after this much: a stream without newlines ends the file.
MAX_SKIP_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Loaded:
    source: str  # a path, `path:line` for JSON Lines, or `-` for stdin
    document: Any = None
    error: DocumentError | None = None
    text: str | None = None  # kept for locating errors by line (not for JSON Lines)
    row: Any = None  # a spreadsheet row (dossier.rows.SheetRow): where its cells are


def is_jsonl(name: str) -> bool:
    return name.lower().endswith((".jsonl", ".ndjson"))


def iter_paths(
    paths: Iterable[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> Iterator[tuple[str, DocumentError | None]]:
    """Expand directories recursively (sorted, symlink loops broken); keep the order paths were given in."""
    for raw in paths:
        if raw == STDIN:
            yield raw, None
            continue
        path = Path(raw)
        try:
            is_dir, exists = path.is_dir(), path.exists() or path.is_symlink()
        except OSError as exc:  # a name too long for the system, for one
            yield raw, DocumentError.of("input.unreadable", reason=exc.strerror or exc)
            continue
        if is_dir:
            found = False
            for item in _walk(path, include, exclude):
                found = True
                yield item
            if not found:  # a directory named on the command line is an input: it gets an answer too
                yield raw, DocumentError.of("input.empty_directory")
        elif exists:
            yield raw, None
        else:
            yield raw, DocumentError.of("input.missing")


def _selected(rel: str, name: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """`--include`/`--exclude` globs match the path relative to the directory given, or the file name."""
    def matches(patterns: tuple[str, ...]) -> bool:
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)

    if include and not matches(include):
        return False
    return not matches(exclude)


def _walk(
    root: Path, include: tuple[str, ...], exclude: tuple[str, ...]
) -> Iterator[tuple[str, DocumentError | None]]:
    """The dossier files under `root`, sorted; a link is followed only when it stays inside `root`.

    A link out of the folder (`x -> /`) is an answer of its own — an error
    record naming it — and is never read: a walk reads nothing but the folder.
    """
    seen: set[tuple[int, int]] = set()
    try:
        inside = root.resolve()
    except OSError as exc:
        yield str(root), DocumentError.of("input.unreadable_directory", reason=exc.strerror or exc)
        return

    def visit(directory: Path) -> Iterator[tuple[str, DocumentError | None]]:
        try:
            stat = directory.stat()
        except OSError as exc:
            yield str(directory), DocumentError.of("input.unreadable_directory", reason=exc.strerror)
            return
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            return  # a symbolic-link loop: each real directory is read once
        seen.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield str(directory), DocumentError.of("input.unreadable_directory", reason=exc.strerror)
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            is_dossier = entry.name.lower().endswith(DOSSIER_SUFFIXES) and not is_lock_file(entry.name)
            if entry.is_symlink() and (is_dir or is_dossier) and _leaves(path, inside):
                yield str(path), DocumentError.of("input.link_out")
            elif is_dir:
                if not entry.name.startswith("."):
                    yield from visit(path)
            elif is_dossier:
                rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
                if _selected(rel, entry.name, include, exclude):
                    yield str(path), _not_regular(path)

    yield from visit(root)


def is_lock_file(name: str) -> bool:
    """`~$planning.xlsx`: the lock Excel (and LibreOffice, as `.~lock.…#`) keeps beside an open workbook."""
    return name.startswith("~$")


def _leaves(link: Path, inside: Path) -> bool:
    try:
        return not link.resolve().is_relative_to(inside)
    except (OSError, RuntimeError):  # a loop: reported as unreadable where it is read
        return False


def _not_regular(path: Path) -> DocumentError | None:
    """Found in a directory, only a regular file is read: a named pipe would block the batch for ever,
    and a link to `/dev/zero` would stream without end."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # a dangling link, a link loop
        return DocumentError.of("input.unreadable", reason=exc.strerror or exc)
    if not stat.S_ISREG(mode):
        return DocumentError.of("input.not_regular")
    return None


def printable(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (surrogate escapes) shown as `\\xff`."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark says nothing about content: accepted
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)  # in bytes, 1-based
        raise DocumentError.of(
            "input.not_utf8", byte=exc.start, at_line=line, line=line, column=column
        ) from None


def read_document(name: str, stdin: BinaryIO | None = None) -> Iterator[Loaded]:
    """One JSON or YAML document from a file, or from `-` (stdin). JSON Lines files and spreadsheets go
    through `engine/batch.py` (`read_one`)."""
    shown = printable(name)  # the name in reports; `name` is the one to open
    if name == STDIN:
        data = read_stdin(stdin)
        yield Loaded(name, error=data) if isinstance(data, DocumentError) else _load_bytes(name, data)
        return
    try:
        handle, regular = open_input(name)
    except IsADirectoryError:
        yield Loaded(shown, error=DocumentError.of("input.directory"))
        return
    except Refused as exc:
        yield Loaded(shown, error=refused_error(exc))
        return
    try:
        with handle:
            size = os.fstat(handle.fileno()).st_size if regular else 0
            if size > MAX_FILE_BYTES:
                yield Loaded(shown, error=DocumentError(
                    f"fichier trop volumineux ({size} octets ; limite {MAX_FILE_BYTES} octets)"))
                return
            data = handle.read(MAX_FILE_BYTES + 1)  # a pipe is read within the same bound
    except OSError as exc:
        yield Loaded(shown, error=DocumentError.of("input.unreadable", reason=exc.strerror or exc))
        return
    yield _load_bytes(shown, data)


def read_stdin(stream: BinaryIO | None = None) -> bytes | DocumentError:
    """Standard input within the bound, or why it cannot be read (closed: `<&-`, or not readable)."""
    try:
        if stream is None:
            if sys.stdin is None:
                return DocumentError.of("input.stdin_closed")
            stream = sys.stdin.buffer
        return stream.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError, AttributeError) as exc:  # a closed descriptor, a stream without bytes
        return DocumentError.of("input.stdin_unreadable", reason=getattr(exc, "strerror", None) or exc)


def refused_error(exc: Refused) -> DocumentError:
    """A refusal of `safefile.open_input`, said as the other reading errors are (strerror kept as is)."""
    if exc.reason == "missing":
        return DocumentError.of("input.unreadable", reason="No such file or directory")
    if exc.reason == "not_regular":
        return DocumentError.of("input.not_regular")
    return DocumentError.of("input.unreadable", reason=exc.detail or exc)


def open_dossier_file(name: str) -> BinaryIO:
    """A dossier file named by the user, to stream (JSON Lines): Refused for a device, never blocking."""
    try:
        return open_input(name)[0]
    except IsADirectoryError:
        raise Refused("unreadable", "est un répertoire") from None


def _load_bytes(name: str, data: bytes) -> Loaded:
    if len(data) > MAX_FILE_BYTES:
        return Loaded(name, error=DocumentError.of("input.too_big_stream", limit=MAX_FILE_BYTES))
    text = ""
    try:
        text = _decode(data)
        if not text.strip():
            raise DocumentError.of("input.empty")
        return Loaded(name, load_text(name, text), text=text)
    except DocumentError as exc:
        return Loaded(name, error=explain_syntax(exc, text))


def jsonl_lines(handle: BinaryIO | io.BufferedReader) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each non-blank line; bytes None for a line longer than MAX_LINE_BYTES."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            skipped = len(raw)
            while raw and not raw.endswith(b"\n"):
                if skipped > MAX_SKIP_BYTES:  # no end of line in sight (`/dev/zero` through a pipe)
                    raise OSError(errno.EFBIG, f"ligne sans fin (plus de {MAX_SKIP_BYTES} octets)")
                raw = handle.readline(MAX_LINE_BYTES + 1)
                skipped += len(raw)
            yield number, None
        elif raw.strip():
            yield number, raw


def too_long(name: str, number: int) -> Loaded:
    return Loaded(
        f"{name}:{number}", error=DocumentError.of("input.line_too_long", limit=MAX_LINE_BYTES, line=number)
    )


def iter_jsonl(name: str, handle: BinaryIO | io.BufferedReader) -> Iterator[Loaded]:
    """One dossier per non-blank line; a bad line is reported with its number and the rest go on."""
    for number, raw in jsonl_lines(handle):
        yield too_long(name, number) if raw is None else load_line(name, number, raw)


def load_line(name: str, number: int, raw: bytes) -> Loaded:
    """One non-blank JSON Lines line → its answer, as `name:number`, errors located in the file."""
    source = f"{name}:{number}"
    try:
        text = _decode(raw)
    except DocumentError as exc:  # say where in the line, not "ligne 1" of the line alone
        return Loaded(source, error=DocumentError.of("input.line_not_utf8", byte=exc.column,
                                                     line=number, column=exc.column))
    try:
        # without its end of line: a cut line's error is at its real end, not at column 1 of the next line
        return Loaded(source, load_json(text.rstrip("\r\n")))
    except DocumentError as exc:
        exc = explain_syntax(exc, text)
        return Loaded(source, error=exc.at(line=number, column=exc.column))


def load_bytes(name: str, data: bytes) -> Loaded:
    """One JSON or YAML document already in memory (an HTTP request body): `name`'s suffix says which."""
    return _load_bytes(name, data)

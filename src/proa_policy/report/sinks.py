"""Where reports go: one sink per requested output, fed decisions as they come.

Streaming formats (text, json, jsonl, github) write as they go; the others
(junit, sarif, markdown) need the whole run and render at the end. A sink
writing to a file writes a temporary file beside it and renames it when the
run completes, so a report is never half written; what is not a regular file
(a link, a pipe, a device) is written through, never replaced.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Any, Callable, TextIO

from proa_policy.engine.decision import VERDICTS, Decision
from proa_policy.wording import accord_notice
from proa_policy.report import formats
from proa_policy.report import text as text_report


def render_record(decision: Decision, fmt: str, lang: str, explain: bool,
                  style: Callable[..., str] | None = None) -> str:
    """One decision in a streaming format (without the framing of a JSON array)."""
    record = formats.get(fmt).record
    if record is None:
        raise ValueError(f"`{fmt}` is not a streaming format")
    return record(decision, lang, explain, style)


class Sink:
    def __init__(self, fmt: str, stream: TextIO, *, policies: Any, lang: str, explain: bool,
                 style: Callable[..., str] | None = None, summary: bool = True):
        self.fmt, self.stream, self.policies = fmt, stream, policies
        self.lang, self.explain, self.style, self.summary = lang, explain, style, summary
        self.kept: list[Decision] = []
        self.first = True
        self.counts = {verdict: 0 for verdict in VERDICTS}
        if fmt == "json":
            stream.write("[")
        if fmt == "text" and summary:  # a long report opens with its summary too
            self.stream = text_report.SummaryFirst(stream)

    def add(self, decision: Decision) -> None:
        if formats.get(self.fmt).streaming:
            self.add_rendered(
                decision.verdict, render_record(decision, self.fmt, self.lang, self.explain, self.style)
            )
        else:
            self.counts[decision.verdict] += 1
            self.kept.append(decision)

    def add_rendered(self, verdict: str, text: str) -> None:
        """A decision already rendered by `render_record` in this sink's format (e.g. by a worker process)."""
        self.counts[verdict] += 1
        if self.fmt == "json":
            text = ("\n" if self.first else ",\n") + text
        self.stream.write(text)
        self.first = False

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("]\n" if self.first else "\n]\n")
        elif self.fmt == "text" and self.summary:
            tail = accord_notice(self.lang) or None  # said once, at the end
            self.stream.finish(text_report.render_summary(self.counts, self.lang), tail)
        elif not formats.get(self.fmt).streaming:
            whole = formats.get(self.fmt).whole
            if whole is not None:
                self.stream.write(whole(self.kept, self.policies, self.lang))
        self.stream.flush()


class OutputError(Exception):
    """A report that cannot be written: the message names the path (the CLI prints it and exits 2)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"cannot write the report to `{path}`: {reason}")
        self.path, self.reason = path, reason


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class _Checked:
    """The stream a sink writes to (text, or bytes for binary formats); a write error is an OutputError."""

    def __init__(self, handle: Any, path: str):
        self._handle, self._path = handle, path

    def write(self, text: Any) -> int:
        try:
            return self._handle.write(text)
        except OSError as exc:
            raise OutputError(self._path, _reason(exc)) from None

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as exc:
            raise OutputError(self._path, _reason(exc)) from None

    def close(self) -> None:
        try:
            self._handle.close()
        except OSError as exc:
            raise OutputError(self._path, _reason(exc)) from None


def ordinary_mode() -> int:
    """The mode a new file gets from `open()` (0666 less the umask), for a temporary file that mkstemp
    creates 0600 and that is renamed into place."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class AtomicFile:
    """Where a `--output` report goes; it appears under its name only when the run completes.

    A new path or a regular file is replaced atomically (a temporary file
    beside it, renamed at the end). Anything else that is there — a symbolic
    link, a named pipe, a device such as `/dev/null` — is never replaced: the
    report is written through it (a link is followed only to something that
    exists; a pipe without a reader is an error, not a wait). Every failure is
    an `OutputError` naming the path.
    """

    def __init__(self, path: str, binary: bool = False):
        self.path = path
        self.temp: str | None = None
        try:
            info: os.stat_result | None = os.lstat(path)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise OutputError(path, _reason(exc)) from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise OutputError(path, "is a directory")
        try:
            if info is None or stat.S_ISREG(info.st_mode):
                fd = self._temporary()
            else:
                flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                fd = os.open(path, flags)
                os.set_blocking(fd, True)
        except OutputError:
            raise
        except OSError as exc:
            reason = "no reader on this pipe" if exc.errno == errno.ENXIO else _reason(exc)
            raise OutputError(path, reason) from None
        raw = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self.handle = _Checked(raw, path)

    def _temporary(self) -> int:
        directory = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(directory):
            raise OutputError(self.path, "no such folder")
        fd, self.temp = tempfile.mkstemp(prefix=".proa-policy-", dir=directory)
        os.chmod(self.temp, ordinary_mode())
        return fd

    def commit(self) -> None:
        self.handle.close()
        if self.temp is not None:
            try:
                os.replace(self.temp, self.path)
            except OSError as exc:
                raise OutputError(self.path, _reason(exc)) from None
            self.temp = None

    def discard(self) -> None:
        try:
            self.handle.close()
        except OutputError:
            pass
        finally:
            if self.temp is not None and os.path.exists(self.temp):
                os.unlink(self.temp)


def same_paths(paths: list[str]) -> list[str]:
    """The paths named more than once (after resolving `.`, `..` and links): one report would be lost."""
    seen: dict[str, str] = {}
    twice = []
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            twice.append(path)
        seen.setdefault(real, path)
    return twice

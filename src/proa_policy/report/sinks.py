"""Where reports go: one sink per requested output, fed decisions as they come.

Streaming formats (text, json, jsonl, github) write as they go; the others
(junit, sarif, markdown) need the whole run and render at the end. A sink
writing to a file writes a temporary file beside it and renames it when the
run completes, so a report is never half written.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Callable, TextIO

from ..decision import VERDICTS, Decision
from ..wording import say
from . import formats
from . import text as text_report


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
            self.add_rendered(decision.verdict, render_record(decision, self.fmt, self.lang, self.explain, self.style))
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
            tail = say("french_only", self.lang) if self.lang != "fr" else None  # said once, at the end
            self.stream.finish(text_report.render_summary(self.counts, self.lang), tail)
        elif not formats.get(self.fmt).streaming:
            whole = formats.get(self.fmt).whole
            if whole is not None:
                self.stream.write(whole(self.kept, self.policies, self.lang))
        self.stream.flush()


class AtomicFile:
    """A text file that appears under its name only when closed successfully."""

    def __init__(self, path: str, binary: bool = False):
        self.path = path
        directory = os.path.dirname(os.path.abspath(path))
        fd, self.temp = tempfile.mkstemp(prefix=".proa-policy-", dir=directory)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.temp, 0o666 & ~umask)  # as an ordinary file would be, not mkstemp's 0600
        self.handle: Any = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.handle.close()
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        try:
            self.handle.close()
        finally:
            if os.path.exists(self.temp):
                os.unlink(self.temp)

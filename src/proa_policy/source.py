"""Where things are: spans in policy files and JSON pointers into dossiers.

Every error the project reports carries one of these, so a person can go
straight to the offending line (policy files) or field (dossiers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A place in a text file: 1-based line and column (column 0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        if not self.column:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


def escape_token(token: str | int) -> str:
    """RFC 6901 escaping of one reference token."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer(*tokens: str | int) -> str:
    """Build an RFC 6901 JSON pointer from its reference tokens (`""` is the whole document)."""
    return "".join("/" + escape_token(t) for t in tokens)


def pointer_tokens(ptr: str) -> list[str]:
    """Split an RFC 6901 pointer into its unescaped reference tokens."""
    if not ptr:
        return []
    if not ptr.startswith("/"):
        raise ValueError(f"JSON pointer must start with `/`: `{ptr}`")
    return [unescape_token(t) for t in ptr[1:].split("/")]


def display_path(path: str | Path) -> str:
    """A path as people typed it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset: the one place this formula lives."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


class LineIndex:
    """Line and column of many offsets in one text, each in O(log lines) after one pass over the text."""

    def __init__(self, text: str):
        import re

        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        import bisect

        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

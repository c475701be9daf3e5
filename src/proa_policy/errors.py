"""The error types, each carrying where it happened.

`PolicyError` points at a policy file line (`file:line: message`); `DossierIssue`
is a *value* (not an exception) pointing at a field of a dossier with a JSON
pointer, because a bad dossier is a verdict, not a crash.
"""

from __future__ import annotations

from typing import Any

from dataclasses import dataclass, field

from proa_policy.source import SourceSpan


class ProaError(Exception):
    """Base of every error this package raises on purpose."""


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    """One problem found in a policy set; `severity` is `error` or `warning`."""

    span: SourceSpan
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.span}: {self.message}"


class PolicyError(ProaError):
    """A policy set that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[PolicyProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DocumentError(ProaError):
    """A file that cannot be read or parsed as JSON/YAML; `line`/`column` are 1-based when known."""

    def __init__(self, message: str, *, pointer: str = "", line: int = 0, column: int = 0, key: str = "",
                 values: dict[str, Any] | None = None, hint: str = "", hint_en: str = ""):
        self.message = message
        self.pointer = pointer
        self.line = line
        self.column = column
        self.key, self.values = key, values or {}  # the catalogue's key (wording/): said in every language
        self.hint = hint  # a French explanation after the message (read/hints.py), in `message` too
        self.hint_en = hint_en  # the same in English
        super().__init__(message)

    @classmethod
    def of(cls, key: str, /, *, lang: str = "fr", line: int = 0, column: int = 0,
           **values: Any) -> "DocumentError":
        """An error worded by the catalogue: `message` in `lang`, every language by `wording.reading_error`.

        The inputs' errors (read/inputs.py) are French; the JSON and YAML reader's (read/documents.py)
        English, as policy authors and the Python API read them."""
        from proa_policy.wording import say

        return cls(say(key, lang, **values), line=line, column=column, key=key, values=values)

    def at(self, line: int, column: int) -> "DocumentError":
        """The same error, somewhere else (a JSON Lines line's error, located in its file)."""
        return DocumentError(self.message, pointer=self.pointer, line=line, column=column, key=self.key,
                             values=self.values, hint=self.hint, hint_en=self.hint_en)


@dataclass(frozen=True, slots=True)
class DossierIssue:
    """A schema error in a dossier: where (JSON pointer, and line/column when from a file) and what."""

    pointer: str
    message: str
    line: int = 0
    column: int = 0
    keyword: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"pointer": self.pointer, "message": self.message}
        if self.line:
            out["line"] = self.line
            out["column"] = self.column
        return out

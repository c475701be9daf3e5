"""One escaping function per output format, applied where a value enters its renderer (issue 11 §7).

Values come from dossiers, file names, policy files and the command line: all of them are untrusted. Each
function returns text that, once placed in its format, shows the value as itself and cannot break out:

* `text` (terminal, logs): no control character (C0, DEL, C1), no bidirectional override or isolate
  (U+202A–U+202E, U+2066–U+2069), no line or paragraph separator, no lone surrogate; each is shown as
  `\\x1b`, `\\u202e`, `\\n`…; a value starting with `::` gets a backslash, so no line of a report
  becomes a GitHub workflow command (the runner trims leading spaces before it looks for `::`).
  `text_block` keeps the line breaks of a multi-line text and applies the same rule to each line.
* `markdown` (inline GitHub-flavoured Markdown, one table cell or list item): no raw HTML, no table break,
  no emphasis, link, image, code span or mention; newlines become spaces. `markdown_code` shows a value as
  code; `markdown_message` keeps the code spans of a message and escapes everything else.
* `github_data`, `github_property`: a workflow command's message and property, percent-encoded as
  actions/toolkit's `command.ts` does (`%`, CR, LF; and `:` `,` in a property), other controls shown.
* `xml`: characters XML 1.0 cannot carry, even escaped, shown as text (ElementTree escapes the rest).
* `json_document`: a JSON text with any lone surrogate written as its `\\uXXXX` escape, so that it is
  valid UTF-8 (json.dumps with ensure_ascii=False leaves them raw).
* `html`: text for an HTML page, *before* the template's autoescape (Jinja2 `finalize=escape.html`): the
  controls, bidi overrides and noncharacters a browser would show raw or hide (an RLO reverses what a
  reviewer reads) shown as `\\x1b`, `\\u202e`…; line breaks and tabs kept. Autoescape does `<>&"'`.
* `spreadsheet`: a text cell of a CSV (or any sheet a program may parse again) that no spreadsheet program
  takes for a formula or a DDE call: a text whose first character, or first after spaces, starts one
  (`=` `+` `-` `@`, their full-width forms, a tab or a line break) gets a leading `'` (OWASP, "CSV
  injection"); the apostrophe is what Excel and LibreOffice show as « text follows ».
"""

from __future__ import annotations

import re
from typing import Any

#: What a terminal or a reader could take for something else: C0 (below), DEL and C1, the Arabic letter
#: mark, LRM/RLM, line and paragraph separators, bidi embeddings/overrides and isolates, lone surrogates.
_C0 = "\x00-\x1f"
_OTHER = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
#: Spaces the runner trims before it looks for `::` (.NET TrimStart), line breaks and tabs excepted.
_INDENT = "[^\\S\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]*"
_TEXT_UNSAFE = re.compile(f"[{_C0}{_OTHER}]|^{_INDENT}::")
_BLOCK_UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHER}]|^{_INDENT}::", re.M)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    found = match[0]
    if found.endswith("::"):
        return found[:-2] + "\\::"
    code = ord(found)
    return _NAMED.get(found) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def text(value: Any) -> str:
    """A value on one line of a text report, every control shown (the common value is returned as is)."""
    value = value if type(value) is str else str(value)
    if (value.isprintable() and "::" not in value) or _TEXT_UNSAFE.search(value) is None:
        return value  # isprintable() is false for every character escaped here: the regex runs only then
    return _TEXT_UNSAFE.sub(_visible, value)


def text_block(value: Any) -> str:
    """A multi-line text (an article's body): line breaks kept, every other control shown."""
    value = value if type(value) is str else str(value)
    if _BLOCK_UNSAFE.search(value) is None:
        return value
    return _BLOCK_UNSAFE.sub(_visible, value)


# --- Markdown ---------------------------------------------------------------------------------------------

_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# every ASCII punctuation Markdown gives a meaning to inline; `@` would mention a user or a team on GitHub
_MD_SPECIAL = re.compile(r"[&<>\\`*_\[\]|#~!@]")
_MD_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def markdown(value: Any) -> str:
    """Plain text → inline Markdown that renders as itself, on one line (so also safe in a table cell)."""
    if type(value) is not str or not (value.isprintable() and "::" not in value):
        value = " ".join(text(line) for line in str(value).splitlines())
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m[0], "\\" + m[0]), value)


def markdown_code(value: Any) -> str:
    """A value as inline code: a code span when it can be one, else `<code>` around escaped text."""
    value = value if type(value) is str else str(value)
    if value.strip() and "`" not in value and "|" not in value and value.isprintable():
        return f"`{value}`"
    return f"<code>{markdown(value)}</code>"


def markdown_message(value: Any) -> str:
    """A message keeps its `code spans` (user values, shown as code); the text around them is escaped."""
    value = value if type(value) is str else str(value)
    out, last = [], 0
    for match in _MD_CODE_SPAN.finditer(value):
        out.append(markdown(value[last:match.start()]))
        out.append(markdown_code(match[2]))
        last = match.end()
    out.append(markdown(value[last:]))
    return "".join(out)


# --- GitHub workflow commands, XML, JSON --------------------------------------------------------------------

_GH_CONTROL = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f{_OTHER}]")  # CR and LF are percent-encoded


def github_data(value: Any) -> str:
    """A workflow command's message: `%`, CR, LF percent-encoded (actions/toolkit), other controls shown."""
    value = value if type(value) is str else str(value)
    if not value.isprintable() and _GH_CONTROL.search(value):
        value = _GH_CONTROL.sub(_visible, value)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(value: Any) -> str:
    """A workflow command's property value: as `github_data`, and `:` and `,` too."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def xml(value: Any) -> str:
    """Text for an XML attribute or element: what XML 1.0 cannot carry, CR (a parser reads it as LF) and
    what misleads a reader (C1, bidi overrides), shown as text."""
    value = value if type(value) is str else str(value)
    if value.isprintable() or _NOT_XML.search(value) is None:
        return value
    return _NOT_XML.sub(_visible, value)


def json_document(value: str) -> str:
    """A JSON text, lone surrogates written as `\\uXXXX` escapes (valid JSON, and encodable as UTF-8)."""
    if _SURROGATE.search(value) is None:
        return value
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", value)


_NOT_HTML = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER}\ufffe\uffff]")


def html(value: Any) -> Any:
    """A value for an HTML template's `finalize`: controls shown as text, everything else as it is (None,
    numbers and markup already escaped pass through, for the template to print or escape)."""
    if type(value) is not str or value.isprintable() or _NOT_HTML.search(value) is None:
        return value
    return _NOT_HTML.sub(_visible, value)


# --- spreadsheets -------------------------------------------------------------------------------------------

#: What makes a cell a formula in Excel, LibreOffice or Google Sheets, also after leading spaces (a
#: program that trims them); full-width forms, which some locales' input methods turn into the ASCII ones.
_FORMULA_START = re.compile("^[\\s\u00a0\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]")


def spreadsheet(value: Any) -> str:
    """A text cell that stays text: a leading `'` when the value could start a formula, else the value."""
    value = value if type(value) is str else str(value)
    return "'" + value if _FORMULA_START.search(value) else value

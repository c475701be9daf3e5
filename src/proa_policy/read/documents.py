"""Text → Python values, for dossiers and policy files alike.

One strict reading of JSON and YAML, so that a value means the same thing
whichever syntax wrote it:

* numbers are exact: floats become `Decimal` *as written* (`1000.1` stays 1000.1);
  NaN and infinities are refused, and so is a number of more than MAX_NUMBER_CHARS
  characters or digits once written out (`1e400`);
* dates stay strings (`2022-01-10` unquoted in YAML is the string "2022-01-10"),
  so one JSON Schema `format: date` judges both syntaxes;
* YAML is read with a JSON-like core schema: `true`/`false` only (not `yes`,
  `no`, `on`), decimal integers only (not `017`, `0o17`, `0x1F`, `1_000`), no
  aliases, no tags beyond the standard ones;
* duplicate keys are an error, never "last one wins";
* nesting is limited to MAX_DEPTH, and YAML is composed without recursion.

Mappings come back as `MarkedDict`, which remembers the line and column of
each key and value, so later layers can say `file:line`.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError
from yaml.resolver import BaseResolver

from proa_policy.errors import DocumentError
from proa_policy.limits import MAX_YAML_NODES
from proa_policy.source import line_column
from proa_policy.wording import Words

try:  # libyaml when present: same semantics, several times faster
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


#: Limits on what a document may be; each has its own error message.
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 100


class MarkedDict(dict):  # type: ignore[type-arg]
    """A dict that remembers where each of its keys and values were written (1-based)."""

    __slots__ = ("line", "column", "key_marks", "value_marks")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = 0
        self.column = 0
        self.key_marks: dict[Any, tuple[int, int]] = {}
        self.value_marks: dict[Any, tuple[int, int]] = {}


class MarkedList(list):  # type: ignore[type-arg]
    __slots__ = ("line", "column", "item_marks")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 0
        self.column = 0
        self.item_marks: list[tuple[int, int]] = []


# --- YAML -----------------------------------------------------------------

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
# no leading zero (`017`, `00.5`): YAML 1.1 would read `017` as octal 15, so it is text, not a number
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


class _Resolver(BaseResolver):
    """The JSON-compatible subset of YAML 1.2's core schema; timestamps are not resolved."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _refused(key: str, mark: Any, kind: type = ConstructorError, /, **values: Any) -> yaml.MarkedYAMLError:
    """PyYAML's error for what this reading refuses, worded by the catalogue (`words`, said by
    `load_yaml`)."""
    words = Words(key, values)
    error = kind(None, None, words.said("en"), mark)
    error.words = words
    return error


def _error(key: str, line: int = 0, column: int = 0, /, **values: Any) -> DocumentError:
    """A reading error: its `message` in English, every language through its key (wording.py)."""
    return DocumentError.of(key, lang="en", line=line, column=column, **values)


class NumberError(ValueError):
    """A number out of the reader's limits; `words` says why in every language (`str()`: in English)."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.words = Words(key, values)
        super().__init__(self.words.said("en"))


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_yaml_int(self, node: ScalarNode) -> int:  # type: ignore[override]
        text = self.construct_scalar(node)
        if not _INT.fullmatch(text):  # `!!int ١٦٠٠` too: ASCII digits only, whatever the tag
            raise _refused("read.not_integer", node.start_mark, text=text)
        if len(text) > MAX_NUMBER_CHARS:
            raise _refused("read.number_too_long", node.start_mark, limit=MAX_NUMBER_CHARS, start=text[:20])
        return int(text)

    def construct_yaml_float(self, node: ScalarNode) -> Decimal:  # type: ignore[override]
        return _decimal(self.construct_scalar(node), node)

    def construct_yaml_bool(self, node: ScalarNode) -> bool:  # type: ignore[override]
        text = self.construct_scalar(node)
        if text.lower() not in ("true", "false"):  # even when tagged: `!!bool yes` is not a boolean here
            raise _refused("read.not_boolean", node.start_mark, text=text)
        return text.lower() == "true"

    def construct_yaml_timestamp(self, node: ScalarNode) -> str:  # type: ignore[override]
        return self.construct_scalar(node)  # dates stay text: the schema judges them

    def construct_mapping(  # type: ignore[override]
        self, node: MappingNode, deep: bool = False
    ) -> MarkedDict:
        if not isinstance(node, MappingNode):
            raise _refused("read.expected_mapping", node.start_mark)
        out = MarkedDict()
        out.line, out.column = _mark(node)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _refused("read.merge_key", key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise _refused("read.key_not_text", key_node.start_mark, key=repr(key))
            if key in out:
                raise _refused("read.duplicate_key", key_node.start_mark, key=key)
            out[key] = self.construct_object(value_node, deep=True)
            out.key_marks[key] = _mark(key_node)
            out.value_marks[key] = _mark(value_node)
        return out

    def construct_yaml_map(self, node: MappingNode):  # type: ignore[override]
        yield self.construct_mapping(node, deep=True)

    def construct_yaml_seq(self, node: SequenceNode):  # type: ignore[override]
        if not isinstance(node, SequenceNode):  # `!!seq text`
            raise _refused("read.expected_sequence", node.start_mark)
        out = MarkedList()
        out.line, out.column = _mark(node)
        yield out
        for child in node.value:
            out.append(self.construct_object(child, deep=True))
            out.item_marks.append(_mark(child))


for _tag, _fn in {
    "tag:yaml.org,2002:int": _Constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _Constructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _Constructor.construct_yaml_timestamp,
    "tag:yaml.org,2002:bool": _Constructor.construct_yaml_bool,
    "tag:yaml.org,2002:map": _Constructor.construct_yaml_map,
    "tag:yaml.org,2002:seq": _Constructor.construct_yaml_seq,
    "tag:yaml.org,2002:omap": None,
    "tag:yaml.org,2002:pairs": None,
    "tag:yaml.org,2002:set": None,
    "tag:yaml.org,2002:binary": None,
}.items():
    if _fn is None:
        _Constructor.yaml_constructors.pop(_tag, None)
    else:
        _Constructor.add_constructor(_tag, _fn)
_Constructor.yaml_constructors = {
    k: v for k, v in _Constructor.yaml_constructors.items() if k in {
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq",
        "tag:yaml.org,2002:map", "tag:yaml.org,2002:timestamp",
    }
}
_Constructor.add_constructor(None, lambda self, node: (_ for _ in ()).throw(  # type: ignore[arg-type]
    _refused("read.tag", node.start_mark, tag=node.tag)))


class _Loader(_Parser, _Constructor, _Resolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def _compose(loader: _Loader) -> Node | None:
    """Events → the node tree of the single document, iteratively, refusing aliases and depth as they come.

    libyaml's own composer recurses in C once per nesting level, so a 100,000-deep
    `[[[…]]]` (200 kB of text) overflows the C stack: a segmentation fault, not an
    exception. This loop keeps its own stack and stops at MAX_DEPTH; refusing an
    alias here means no "billion laughs" graph is ever built.
    """
    loader.get_event()  # STREAM-START
    if loader.check_event(StreamEndEvent):
        return None
    loader.get_event()  # DOCUMENT-START
    stack: list[tuple[Node, list[Node]]] = []  # open collections, each with its pending mapping key
    get_event, resolve = loader.get_event, loader.resolve
    budget = MAX_YAML_NODES
    while True:
        event = get_event()
        kind = type(event)
        if kind is not SequenceEndEvent and kind is not MappingEndEvent:
            budget -= 1
            if budget < 0:  # a node costs ~30 µs and ~1 kB: a 5 MB sequence would take 40 s and 1 GB
                raise _error("read.yaml_values", event.start_mark.line + 1, event.start_mark.column + 1,
                             limit=MAX_YAML_NODES)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, event.value, event.implicit)
            node: Node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            node = stack.pop()[0]
            node.end_mark = event.end_mark
        elif kind is AliasEvent:
            raise _error("read.alias", event.start_mark.line + 1, event.start_mark.column + 1)
        else:  # the start of a sequence or a mapping
            collection = SequenceNode if kind is SequenceStartEvent else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(collection, None, event.implicit)
            stack.append((collection(tag, [], event.start_mark, None, flow_style=event.flow_style), []))
        if len(stack) > MAX_DEPTH or (kind is ScalarEvent and len(stack) >= MAX_DEPTH):
            raise _error(
                "read.nesting", event.start_mark.line + 1, event.start_mark.column + 1, limit=MAX_DEPTH
            )
        if kind is SequenceStartEvent or kind is MappingStartEvent:
            continue
        if not stack:
            break
        parent, pending = stack[-1]
        if type(parent) is SequenceNode:
            parent.value.append(node)
        elif pending:
            parent.value.append((pending.pop(), node))
        else:
            pending.append(node)
    loader.get_event()  # DOCUMENT-END
    if not loader.check_event(StreamEndEvent):
        extra = loader.get_event()
        raise _refused("read.single_document", extra.start_mark, ComposerError)
    return node


def written_digits(value: Decimal) -> int:
    """How many digits a finite Decimal has when written out without an exponent (`1e400` has 401)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    return max(len(digits) + exponent, 1) + max(-exponent, 0)


#: YAML 1.2 core schema float, ASCII digits only (fullmatch: no trailing newline either); NaN/inf are refused
_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NON_FINITE = {".inf", ".nan", "inf", "nan", "infinity", "snan"}


def read_number(text: str) -> Decimal:
    """A number's text → its exact Decimal; `NumberError` (a ValueError saying why) when out of the limits.

    The limit is on the digits written out, not only on the text: `1e999999999` is
    eleven characters but a billion digits once a report prints it in full.
    """
    if len(text) > MAX_NUMBER_CHARS:
        raise NumberError("read.number_too_long", limit=MAX_NUMBER_CHARS, start=text[:20])
    if not _NUMBER.fullmatch(text):  # before Decimal(), which also reads `٤٠٠`, `１６００`, `1_600`, ` 1 `
        if text.lstrip("+-").lower() in _NON_FINITE:
            raise NumberError("read.not_finite", text=text)
        raise NumberError("read.not_number", text=text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None  # an exponent beyond what Decimal can hold
    if value is not None and not value.is_finite():
        raise NumberError("read.not_finite", text=text)
    if value is None or written_digits(value) > MAX_NUMBER_CHARS:
        raise NumberError("read.out_of_range", text=text, limit=MAX_NUMBER_CHARS)
    return value


def _decimal(text: str, node: Node) -> Decimal:
    try:
        return read_number(text)
    except NumberError as exc:
        raise _refused(exc.words.key, node.start_mark, **exc.words.values) from None


def load_yaml(text: str) -> Any:
    """Parse one YAML document with the strict reading described in the module docstring."""
    _check_unicode(text)
    loader = _Loader(text)
    try:
        node = _compose(loader)
        if node is None:
            raise _error("read.empty_document")
        return loader.construct_document(node)
    except DocumentError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or Words("read.yaml")
        if "nesting depth" in str(problem):  # PyYAML >= 6.0.4 has a limit of its own: one message for both
            raise _error("read.nesting", line, column, limit=MAX_DEPTH) from None
        raise _error("read.invalid_yaml", line, column, detail=getattr(exc, "words", problem)) from None
    except ReaderError as exc:  # a character YAML does not allow: one line, located, not PyYAML's two
        # libyaml counts bytes, the Python reader characters: find the character itself, the first of its kind
        character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        line, column = line_column(text, max(text.find(character), 0))
        raise _error("read.yaml_character", line, column, code=f"{ord(character[:1] or ' '):04x}",
                     reason=exc.reason) from None
    except yaml.YAMLError as exc:
        raise _error("read.invalid_yaml", detail=" ".join(str(exc).split())) from None
    except RecursionError:
        raise _error("read.nesting", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()


# --- JSON -----------------------------------------------------------------

def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # a key given twice: find which, for the message
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _JsonDuplicate(key)
            seen.add(key)
    return out


class _JsonDuplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _json_float(text: str) -> Decimal:
    if len(text) < 30 and "e" not in text and "E" not in text and text.isascii():
        return Decimal(text)  # short plain decimals: within every limit, no check needed
    try:
        return read_number(text)
    except NumberError as exc:
        raise _JsonNumber(exc.words, text) from None


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _JsonNumber(
            Words("read.number_too_long", {"limit": MAX_NUMBER_CHARS, "start": text[:20]}), text
        )
    if not text.isascii():  # the pure-Python scanner's `\\d` would pass `1١` on to int()
        raise _JsonNumber(Words("read.not_number", {"text": text}), text)
    return int(text)


class _JsonNumber(Exception):
    def __init__(self, words: Words, literal: str) -> None:
        super().__init__(words.said("en"))
        self.words, self.literal = words, literal


def _json_constant(name: str) -> Any:
    raise _JsonNumber(Words("read.not_finite", {"text": name}), name)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_json_object,
    parse_float=_json_float,
    parse_int=_json_int,
    parse_constant=_json_constant,
)


def load_json(text: str) -> Any:
    """Parse JSON exactly: Decimal floats, no NaN/Infinity, no duplicate keys, no lone surrogates."""
    _check_unicode(text)
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise _error("read.invalid_json", exc.lineno, exc.colno, detail=exc.msg) from None
    except _JsonDuplicate as exc:
        raise _error("read.duplicate_key", *_locate_key(text, exc.key), key=exc.key) from None
    except _JsonNumber as exc:
        raise _error(exc.words.key, *_locate_literal(text, exc.literal), **exc.words.values) from None
    except RecursionError:
        raise _error("read.nesting", limit=MAX_DEPTH) from None
    # nesting needs as many brackets as levels: most documents are cleared by counting them
    if text.count("{") + text.count("[") > MAX_DEPTH and _depth(value) > MAX_DEPTH:
        raise _error("read.nesting", limit=MAX_DEPTH)
    if _SURROGATE_ESCAPE.search(text):
        _check_strings(value, text)
    return value


# `\ud800` alone is valid JSON text but no character: it could not be printed back as UTF-8
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_unicode(text: str) -> None:
    """Refuse a `str` holding lone surrogates (only reachable through the Python API: files are decoded
    strictly)."""
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = line_column(text, exc.start)
        raise _error("read.lone_surrogate", line, column, escape=f"\\u{ord(text[exc.start]):04x}") from None


def _check_strings(value: Any, text: str) -> None:
    """Every key and string of a decoded document is real Unicode (escaped surrogates come in pairs)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, str):
            try:
                current.encode("utf-8")
            except UnicodeEncodeError as exc:
                escape = f"\\u{ord(current[exc.start]):04x}"
                line, column = _locate_literal(text.lower(), escape[1:])
                raise _error("read.half_surrogate", line, max(column - 1, 0), escape=escape) from None


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        if isinstance(current, dict):
            stack.extend((v, depth + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in current)
    return deepest


_JSON_KEY = re.compile(r'("(?:[^"\\\n]|\\.)*")\s*:')


def _locate_key(text: str, key: str) -> tuple[int, int]:
    """Line/column of the second occurrence of `"key":`, best effort for duplicate-key errors.

    Every key is compared once decoded, so `"\\u0069d"` is found as a second `id`.
    """
    found = []
    for match in _JSON_KEY.finditer(text):
        try:
            same = json.loads(match.group(1)) == key
        except ValueError:
            continue
        if same:
            found.append(match.start())
            if len(found) == 2:
                break
    if len(found) < 2:
        return 0, 0
    return line_column(text, found[1])


def _locate_literal(text: str, literal: str) -> tuple[int, int]:
    """Line/column of the first `literal` standing alone (not inside a longer word or number), best effort."""
    found = re.search(r"(?<![\w.+\-])" + re.escape(literal) + r"(?![\w.])", text)
    if found is None:
        return 0, 0
    return line_column(text, found.start())


def looks_like_json(name: str, text: str) -> bool:
    """JSON by extension, or by a first non-blank character of `{` or `[` when the name says nothing."""
    lowered = name.lower()
    if lowered.endswith((".json", ".jsonl", ".ndjson")):
        return True
    if lowered.endswith((".yaml", ".yml")):
        return False
    return text.lstrip()[:1] in ("{", "[")


def load_text(name: str, text: str) -> Any:
    return load_json(text) if looks_like_json(name, text) else load_yaml(text)

"""YAML read strictly (read/documents.py says how): a JSON-like core schema, exact numbers, no aliases,
no duplicate keys, composed without recursion and within MAX_DEPTH and MAX_YAML_NODES."""

from __future__ import annotations

import re
from decimal import Decimal
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
from proa_policy.read.values import (
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    MarkedDict,
    MarkedList,
    NumberError,
    check_unicode,
    document_error,
    read_number,
)
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
                mark = event.start_mark
                raise document_error("read.yaml_values", mark.line + 1, mark.column + 1, limit=MAX_YAML_NODES)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, event.value, event.implicit)
            node: Node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            node = stack.pop()[0]
            node.end_mark = event.end_mark
        elif kind is AliasEvent:
            raise document_error("read.alias", event.start_mark.line + 1, event.start_mark.column + 1)
        else:  # the start of a sequence or a mapping
            collection = SequenceNode if kind is SequenceStartEvent else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(collection, None, event.implicit)
            stack.append((collection(tag, [], event.start_mark, None, flow_style=event.flow_style), []))
        if len(stack) > MAX_DEPTH or (kind is ScalarEvent and len(stack) >= MAX_DEPTH):
            raise document_error(
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


def _decimal(text: str, node: Node) -> Decimal:
    try:
        return read_number(text)
    except NumberError as exc:
        raise _refused(exc.words.key, node.start_mark, **exc.words.values) from None


def load_yaml(text: str) -> Any:
    """Parse one YAML document with the strict reading described in the module docstring."""
    check_unicode(text)
    loader = _Loader(text)
    try:
        node = _compose(loader)
        if node is None:
            raise document_error("read.empty_document")
        return loader.construct_document(node)
    except DocumentError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or Words("read.yaml")
        if "nesting depth" in str(problem):  # PyYAML >= 6.0.4 has a limit of its own: one message for both
            raise document_error("read.nesting", line, column, limit=MAX_DEPTH) from None
        detail = getattr(exc, "words", problem)
        raise document_error("read.invalid_yaml", line, column, detail=detail) from None
    except ReaderError as exc:  # a character YAML does not allow: one line, located, not PyYAML's two
        # libyaml counts bytes, the Python reader characters: find the character itself, the first of its kind
        character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        line, column = line_column(text, max(text.find(character), 0))
        raise document_error("read.yaml_character", line, column, code=f"{ord(character[:1] or ' '):04x}",
                     reason=exc.reason) from None
    except yaml.YAMLError as exc:
        raise document_error("read.invalid_yaml", detail=" ".join(str(exc).split())) from None
    except RecursionError:
        raise document_error("read.nesting", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()

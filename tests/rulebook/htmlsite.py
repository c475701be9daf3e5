"""Helpers of the HTML tests: strict parsing, ids, links, references outside the site."""

from __future__ import annotations

import re
from typing import Iterator
from xml.etree.ElementTree import Element

import html5lib

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def parse(data: bytes | str) -> Element:
    """Parse with html5lib in strict mode: any parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(data)
    assert not parser.errors, parser.errors
    return tree


def text_of(element: Element) -> str:
    return "".join(element.itertext())


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def ids(tree: Element) -> list[str]:
    return [e.get("id") for e in tree.iter() if e.get("id") is not None]


def references(tree: Element) -> Iterator[tuple[str, str]]:
    """Every `(attribute, value)` that points somewhere: href, src, srcset, action, and url() in styles."""
    for element in tree.iter():
        for attribute in ("href", "src", "srcset", "action", "poster", "data"):
            value = element.get(attribute)
            if value is not None:
                yield attribute, value
        style = element.get("style") or ""
        for url in re.findall(r"url\(([^)]*)\)", style):
            yield "style", url
        if element.tag == "style":
            for url in re.findall(r"url\(([^)]*)\)|@import\s+([^;]+)", element.text or ""):
                yield "style", "".join(url)


def is_external(value: str) -> bool:
    return bool(_EXTERNAL.match(value))

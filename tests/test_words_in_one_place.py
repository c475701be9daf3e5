"""The tool's words are chosen in one place, the catalogue (wording/): no other module of the package keeps
a table per language or picks its words by comparing `lang` with a text (issue 12, « Words »)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from proa_policy.wording import LANGUAGES

from .conftest import ROOT

PACKAGE = ROOT / "src" / "proa_policy"
#: The modules left out, by path under src/proa_policy/, with why.
EXEMPT = {
    # A rule's message is written in each language in the policy file (`message: {fr: …, en: …}`,
    # `message_cases`): the loader reads those keys, and the engine says the French when the file has no
    # text in the language asked (`wording.in_language`). The languages there are the policy file's field
    # names, not the tool's.
    "policy/loader.py": "reads a rule's messages, keyed by language in the policy file",
}
CATALOGUE = PACKAGE / "wording"  # the one place: the catalogue of each language, and how words are said
MODULES = sorted(path for path in PACKAGE.rglob("*.py")
                 if CATALOGUE not in path.parents and path.relative_to(PACKAGE).as_posix() not in EXEMPT)


def _language(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGUAGES


def _text(node: ast.AST) -> bool:
    """A string literal, or a tuple, list or set of them (`lang in ("fr", "en")`)."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(map(_text, node.elts))
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_lang(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "lang" or isinstance(node, ast.Attribute) and \
        node.attr == "lang"


def chosen_by_language(node: ast.AST) -> str | None:
    """What in `node` picks words by language: `lang` (or `self.lang`) compared with a text, any comparison
    with `"fr"`/`"en"`, a table keyed by them, a subscript by one, a `case "fr":`; None when nothing does."""
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        if any(map(_is_lang, sides)) and any(map(_text, sides)):
            return "`lang` compared with a text"
        if any(map(_language, sides)):
            return "a comparison with a language"
    if isinstance(node, ast.Dict) and any(map(_language, node.keys)):
        return "a table per language"
    if isinstance(node, ast.Subscript) and _language(node.slice):
        return "a fixed language"
    if isinstance(node, ast.MatchValue) and _language(node.value):
        return "a case per language"
    return None


def test_the_scan_finds_every_way_of_choosing_by_language():
    source = ('sep = " : " if lang == "fr" else ": "\nWORDS = {"fr": "erreur", "en": "error"}\nWORDS["en"]\n'
              'x = self.lang != "de"\ny = lang in ("fr",)\nz = language == "en"\n'
              'match lang:\n    case "fr":\n        pass\n')
    found = [chosen_by_language(node) for node in ast.walk(ast.parse(source))]
    assert found.count("`lang` compared with a text") == 3
    assert {"a comparison with a language", "a table per language", "a fixed language",
            "a case per language"} <= set(found)
    assert all(chosen_by_language(node) is None for node in ast.walk(ast.parse(
        'say("report.colon", lang)\nVERDICT_LABELS[lang]\nmessage.get(lang)\nif article == "annexe": pass')))


def test_the_scan_covers_the_package_and_every_exemption_is_a_module():
    names = {path.relative_to(PACKAGE).as_posix() for path in MODULES}
    assert {"cli/rulebook.py", "rulebook/context.py", "rulebook/site.py", "report/diffpage.py",
            "report/readable.py", "report/spreadsheet.py", "report/text.py", "sheets/template.py"} <= names
    assert not {name for name in names if name.startswith("wording/")}
    assert all((PACKAGE / name).is_file() for name in EXEMPT), "an exemption names no module of this checkout"


@pytest.mark.parametrize("path", MODULES, ids=[path.relative_to(PACKAGE).as_posix() for path in MODULES])
def test_no_module_but_the_catalogue_chooses_words_by_language(path: Path):
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found = [f"{path.name}:{node.lineno}: {why}: {ast.unparse(node)[:60]}"
             for node in ast.walk(tree) if (why := chosen_by_language(node))]
    assert found == []

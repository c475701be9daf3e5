"""Imports flow one way (docs/architecture.md, "The layers"): no module of src/proa_policy imports a higher
layer, and nothing imports `cli`. Every import is read from the syntax tree (`ast`), the ones inside
functions included; none goes up."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "proa_policy"

# The one table of the layers: a unit (a subpackage, or a module at the top of the package) may import only
# the units of a lower layer. Written once here; docs/architecture.md shows the same table.
LAYERS: dict[str, int] = {
    "source": 0,
    "wording": 1, "limits": 1, "resources": 1,
    "errors": 2,
    "read": 3,
    "expr": 4,
    "dossier": 5, "policy": 5,
    "engine": 6,
    "authoring": 7,
    "amend": 8,
    "report": 9,
    "rulebook": 10, "sheets": 10,
    "serve": 11,  # the HTTP service and its page: a client of everything below, the rulebook and sheets too
    "cli": 12,  # the click commands: the group in cli/__init__.py, a module per family of commands
    "__init__": 13,  # the package's public names (PolicySet, load_policies, the errors)
}

def _unit(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    """The proa_policy modules `path` imports, relative imports resolved."""
    package = ["proa_policy", *path.relative_to(SRC).parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            found.add(".".join([*base, node.module] if node.module else base))
    return {name for name in found if name.startswith("proa_policy.")}


def _edges() -> set[tuple[str, str]]:
    edges = set()
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        own = "__init__" if rel == Path("__init__.py") else rel.parts[0].removesuffix(".py")
        edges.update((rel.as_posix(), name) for name in _imports(path) if _unit(name) != own)
    return edges


def _upward(importer: str, imported: str) -> bool:
    own = "__init__" if importer == "__init__.py" else importer.split("/")[0].removesuffix(".py")
    return LAYERS[_unit(imported)] >= LAYERS[own]


def test_every_unit_has_a_layer():
    units = {p.name.removesuffix(".py") for p in SRC.iterdir()
             if p.suffix == ".py" or (p / "__init__.py").is_file()}
    assert units == set(LAYERS)


def test_imports_flow_down_the_layers():
    """No exception: not one module imports a unit of its own layer's level or above (not even lazily)."""
    upward = {edge for edge in _edges() if _upward(*edge)}
    assert upward == set(), "a module imports a higher layer (docs/architecture.md)"


def test_nothing_imports_the_command_line():
    importers = {importer for importer, name in _edges() if _unit(name) == "cli"}
    assert importers == set()


def test_the_lowest_layers_import_nothing_above_them():
    """The examples of the brief, spelled out: read/ and policy/ never reach the engine or the reports."""
    edges = _edges()
    assert not {name for importer, name in edges if importer.startswith("read/") and _unit(name) == "engine"}
    assert not {name for importer, name in edges
                if importer.startswith("policy/") and _unit(name) in {"engine", "report"}}


def test_the_walk_sees_imports_inside_functions():
    """The reader of imports is not blind to the lazy ones (the ones most likely to go up)."""
    assert "proa_policy.amend.baseline" in _imports(SRC / "cli" / "authoring.py")

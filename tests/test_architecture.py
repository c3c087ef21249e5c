"""The house keeps its layers: every import of the package, function-local ones too, runs
down the stack or stays on its floor, and no modules import each other in a circle.

The layer table below is the one place the stack is written down; scripts/gen_docs.py
prints it into docs/architecture.md. A new module must be given a layer here.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "treatycmp"

# Bottom to top: (name, module prefixes, what lives there). A module belongs to the
# layer of its longest matching prefix.
LAYERS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "ground",
        (
            "treatycmp.errors",
            "treatycmp.model",
            "treatycmp.rule_model",
            "treatycmp.text",
            "treatycmp.escape",
            "treatycmp.defaults",
            "treatycmp.kinds",
            "treatycmp.arrays",
            "treatycmp.stamps",
            "treatycmp.lazy_re",
        ),
        "exceptions, frozen dataclasses, normalisation and tokens, the escaping policy, "
        "the lists of pair kinds and rule categories",
    ),
    (
        "formats",
        ("treatycmp.formats",),
        "every reader and writer of a file: treaty YAML, plain text, ToTA, PDF, Word, "
        "HTML, Akoma Ntoso, rules and expectations files; the bounded reader, the "
        "atomic writer, the format registry",
    ),
    (
        "corpus",
        ("treatycmp.corpus", "treatycmp.cache"),
        "the treaties a command can see (ids, aliases, paths) and the parse cache",
    ),
    (
        "algorithms",
        (
            "treatycmp.rules",
            "treatycmp.align",
            "treatycmp.diff",
            "treatycmp.similarity",
            "treatycmp.search",
        ),
        "rule matching, clause alignment, the word diff, similarity and the index, grep",
    ),
    (
        "analysis",
        (
            "treatycmp.analysis",
            "treatycmp.lineup",
            "treatycmp.renderings",
            "treatycmp.profile",
            "treatycmp.functional",
            "treatycmp.expectations",
        ),
        "pairs + diffs + findings -> results: comparisons, line-ups, profiles, checks",
    ),
    ("render", ("treatycmp.render",), "every output format of every result"),
    (
        "interface",
        ("treatycmp.cli", "treatycmp.__main__", "treatycmp"),
        "click commands (the one error and exit boundary) and the lazy public API",
    ),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, length = -1, -1
    for index, (_, prefixes, _) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = index, len(prefix)
    return best


def imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """Every treatycmp module ``module`` imports (anywhere in the file), with its line."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "treatycmp":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "treatycmp":
                continue
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known]
            for name in subs or [target]:
                yield name, node.lineno


def graph() -> dict[str, set[str]]:
    known = modules()
    return {
        m: {t for t, _ in imports(m, p, known) if t in known and t != m} for m, p in known.items()
    }


def test_every_module_has_a_layer() -> None:
    assert [m for m in modules() if layer_of(m) < 0] == []


def test_no_import_runs_up_a_layer() -> None:
    known = modules()
    upward = [
        f"{known[m].relative_to(PACKAGE.parent)}:{line}: {m} ({LAYERS[layer_of(m)][0]}) "
        f"imports {t} ({LAYERS[layer_of(t)][0]})"
        for m, p in known.items()
        if m != "treatycmp"  # the public API imports lazily, by name, from every layer
        for t, line in imports(m, p, known)
        if t in known and layer_of(t) > layer_of(m)
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    edges = graph()
    edges["treatycmp"] = set()  # package __init__ files run first; the API is lazy
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_library_never_imports_click_or_rich() -> None:
    known = modules()
    offenders = []
    for m, p in known.items():
        if layer_of(m) >= layer_of("treatycmp.render"):
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            offenders += [f"{m}: {n}" for n in names if n.split(".")[0] in ("click", "rich")]
    assert offenders == []


@pytest.mark.parametrize("name", [n for n, _, _ in LAYERS])
def test_every_layer_holds_a_module(name: str) -> None:
    index = [n for n, _, _ in LAYERS].index(name)
    assert any(layer_of(m) == index for m in modules())


def _metrics() -> object:
    import importlib.util

    path = PACKAGE.parent / "scripts" / "house_metrics.py"
    spec = importlib.util.spec_from_file_location("house_metrics", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_modules_and_functions_stay_small() -> None:
    """No module over 500 lines, no function over 80, unless a comment says why."""
    metrics: Any = _metrics()
    figures = metrics.all_figures()
    big = [
        f"{f.path.name}: {f.lines} lines"
        for f in figures
        if f.lines > metrics.MAX_MODULE_LINES and not f.long_module_excused
    ]
    long = [f"{f.path.name}: {name} {n} lines" for f in figures for name, n in f.long_functions]
    assert (big, long) == ([], [])


def test_typing_holes_stay_few() -> None:
    """``type: ignore`` at most 8 in the package, ``Any`` at most 60 (JSON-shaped records
    at the output edge and untyped libraries' objects are where it remains)."""
    metrics: Any = _metrics()
    figures = metrics.all_figures()
    assert sum(f.ignores for f in figures) <= 8
    assert sum(f.anys for f in figures) <= 60

"""The house's size and typing figures, as tests/test_architecture.py holds them.

    python scripts/house_metrics.py          # the table, worst first

Per module of the package: lines, functions over 80 lines (a function may pass that
when a ``# long:`` comment on its ``def`` line says why the length helps the reader),
``type: ignore`` comments, and ``Any`` in annotations and aliases.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "treatycmp"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


@dataclass(frozen=True)
class ModuleFigures:
    path: Path
    lines: int
    long_functions: tuple[tuple[str, int], ...]  # (name, lines), unexcused only
    ignores: int
    anys: int
    long_module_excused: bool


def figures(path: Path) -> ModuleFigures:
    text = path.read_text(encoding="utf-8")
    source_lines = text.splitlines()
    tree = ast.parse(text)
    long: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            head = " ".join(source_lines[start - 1 : node.body[0].lineno - 1])
            if length > MAX_FUNCTION_LINES and "# long:" not in head:
                long.append((node.name, length))
    anys = sum(
        1
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id == "Any")
        or (isinstance(node, ast.Attribute) and node.attr == "Any")
    )
    # The import itself is not a use.
    anys -= sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name == "Any"
    )
    return ModuleFigures(
        path,
        len(source_lines),
        tuple(long),
        text.count("type: ignore"),
        anys,
        any(line.startswith("# long module:") for line in source_lines[:40]),
    )


def all_figures() -> list[ModuleFigures]:
    return [figures(p) for p in sorted(PACKAGE.rglob("*.py"))]


def main() -> int:
    rows = all_figures()
    rows.sort(key=lambda f: -f.lines)
    print("| module | lines | functions > 80 | type: ignore | Any |")
    print("|---|---:|---|---:|---:|")
    for f in rows:
        longs = ", ".join(f"{n} {k}" for n, k in f.long_functions)
        name = f.path.relative_to(PACKAGE.parent)
        print(f"| {name} | {f.lines} | {longs} | {f.ignores} | {f.anys} |")
    print(
        f"\ntotal: {sum(f.lines for f in rows)} lines; "
        f"{sum(1 for f in rows if f.lines > MAX_MODULE_LINES and not f.long_module_excused)} "
        f"modules over {MAX_MODULE_LINES}; "
        f"{sum(len(f.long_functions) for f in rows)} functions over {MAX_FUNCTION_LINES}; "
        f"{sum(f.ignores for f in rows)} type: ignore; {sum(f.anys for f in rows)} Any"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

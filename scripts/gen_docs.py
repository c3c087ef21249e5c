"""Regenerate the command output embedded in README.md and docs/*.md.

A block such as::

    <!-- run: treatycmp diff ussr-dprk-1961@meduza dprk-russia-2024@meduza --color never -->
    ```text
    ...
    ```
    <!-- end run -->

is replaced by the real output of that command, run in-process at a fixed width
with colour off, so documentation never shows output the tool does not give.

    python scripts/gen_docs.py          # rewrite the files
    python scripts/gen_docs.py --check  # exit 1 and name the stale files
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 100
BLOCK = re.compile(
    r"(?P<open><!-- run: (?P<cmd>[^\n]*?) -->\n)(?P<body>.*?)(?P<close><!-- end run -->)",
    re.DOTALL,
)


def run(command: str) -> str:
    """The stdout (and, for errors, stderr) of a ``treatycmp ...`` command line."""
    from click.testing import CliRunner

    from treatycmp.cli import cli

    args = shlex.split(command)
    if args[0] != "treatycmp":
        raise SystemExit(f"generated blocks run treatycmp only, not: {command}")
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": str(WIDTH), "TREATYCMP_CORPUS": ""})
    result = runner.invoke(cli, args[1:], prog_name="treatycmp", terminal_width=WIDTH)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise SystemExit(f"{command!r} failed: {result.exception!r}")
    text = result.stdout if result.stdout else result.stderr
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


def fence(output: str) -> str:
    """Wrap output in a code fence longer than any backtick run inside it."""
    longest = max((len(m) for m in re.findall(r"`+", output)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}text\n{output}{ticks}\n"


SCHEMA_BLOCK = re.compile(
    r"(?P<open><!-- schema: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(?P<close><!-- end schema -->)",
    re.DOTALL,
)


def _type(node: dict[str, Any]) -> str:
    if "const" in node:
        return json.dumps(node["const"])
    if "enum" in node:
        return " \\| ".join(json.dumps(v) for v in node["enum"])
    if "anyOf" in node:
        return " or ".join(_type(n) for n in node["anyOf"])
    kind = node.get("type", "any")
    if "$ref" in node:
        kind = node["$ref"].rsplit("/", 1)[-1]
    return " or ".join(kind) if isinstance(kind, list) else str(kind)


def _fields(node: dict[str, Any], path: str, defs: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, type, meaning) for every property of a JSON Schema, depth first."""
    rows: list[tuple[str, str, str]] = []
    for key, child in node.get("properties", {}).items():
        here = f"{path}.{key}" if path else key
        rows.append((here, _type(child), child.get("description", "")))
        rows.extend(_nested(child, here, defs))
    return rows


def _nested(node: dict[str, Any], path: str, defs: dict[str, Any]) -> list[tuple[str, str, str]]:
    if "$ref" in node and node["$ref"].startswith("#/$defs/"):
        target = defs.get(node["$ref"].rsplit("/", 1)[-1], {})
        return _fields(target, path, defs) if "properties" in target else []
    if node.get("type") == "object" or "properties" in node:
        return _fields(node, path, defs)
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _nested(node["items"], path + "[]", defs)
    for option in node.get("anyOf", []):
        if option.get("type") == "object":
            return _fields(option, path, defs)
    return []


def schema_table(name: str) -> str:
    """The fields of data/schema/NAME.schema.json as a markdown table."""
    schema = json.loads((ROOT / "data" / "schema" / f"{name}.schema.json").read_text("utf-8"))
    lines = [
        f"Schema: [`data/schema/{name}.schema.json`](../data/schema/{name}.schema.json).",
        "",
        "| field | type | meaning |",
        "|---|---|---|",
    ]
    for path, kind, meaning in _fields(schema, "", schema.get("$defs", {})):
        cells = (f"`{path}`", kind.replace("|", "\\|"), meaning.replace("|", "\\|"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


COLUMNS_BLOCK = re.compile(
    r"(?P<open><!-- columns: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(?P<close><!-- end columns -->)",
    re.DOTALL,
)


def columns_table(name: str) -> str:
    """The CSV/TSV columns of command NAME (``treatycmp.render.columns.COLUMNS``)."""
    from treatycmp.render.columns import COLUMNS

    lines = [
        f"Columns of `{name} -f csv` and `-f tsv`, in order:",
        "",
        "| column | meaning |",
        "|---|---|",
    ]
    for column in COLUMNS[name]:
        meaning = column.meaning.replace("|", "\\|")
        lines.append(f"| `{column.name}` | {meaning} |")
    return "\n".join(lines) + "\n"


FORMULA_BLOCK = re.compile(
    r"(?P<open><!-- formula-guard -->\n)(?P<body>.*?)(?P<close><!-- end formula-guard -->)",
    re.DOTALL,
)
_CHAR_NAMES = {"\t": "a tab", "\r": "a carriage return"}


def formula_guard() -> str:
    """What CSV and TSV do to a cell a spreadsheet would run (``escape.FORMULA_START``)."""
    from treatycmp.escape import FORMULA_START

    names = [_CHAR_NAMES.get(c, f"`{c}`") for c in FORMULA_START]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}"
    return (
        "- **Formula guard** (CSV and TSV only): a spreadsheet runs a cell that starts with\n"
        f"  {listed} as a formula (`=HYPERLINK(...)`,\n"
        "  `+cmd|...`, `@SUM(...)`), so a text cell that starts with one of them is written\n"
        "  with a single quote (`'`) before it: `=1+1` becomes `'=1+1`, which Excel and\n"
        "  LibreOffice show as the text it is. Numbers (`-3`, scores) and a cell that is a\n"
        "  lone `-` (no value) are written as they are. The quote is not part of the text;\n"
        "  `-f json` carries every text exactly.\n"
    )


LAYERS_BLOCK = re.compile(
    r"(?P<open><!-- layers -->\n)(?P<body>.*?)(?P<close><!-- end layers -->)", re.DOTALL
)


def layers_table() -> str:
    """The layer table of tests/test_architecture.py, with the modules each layer holds."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "test_architecture", ROOT / "tests" / "test_architecture.py"
    )
    assert spec is not None
    assert spec.loader is not None
    arch = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(arch)
    held: dict[int, list[str]] = {}
    for module in arch.modules():
        held.setdefault(arch.layer_of(module), []).append(module.removeprefix("treatycmp."))
    lines = ["| layer (bottom first) | what lives there | modules |", "|---|---|---|"]
    for index, (name, _prefixes, what) in enumerate(arch.LAYERS):
        names = ", ".join(f"`{m}`" for m in sorted(held.get(index, [])))
        lines.append(f"| {index} {name} | {what} | {names} |")
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    """``text`` with every run block's body replaced by fresh output, every schema
    block by the schema's field table, every columns block by a command's CSV
    columns, the layers block by the layer table, the formula-guard block by what
    CSV does to a cell a spreadsheet would run."""

    def replace(m: re.Match[str]) -> str:
        cmd = m["cmd"]
        output = run(cmd)
        # Markdown output is embedded as markdown, so the page shows the real table.
        body = output + "\n" if re.search(r"(^| )-f markdown( |$)", cmd) else fence(output)
        return m["open"] + body + m["close"]

    def replace_schema(m: re.Match[str]) -> str:
        return m["open"] + schema_table(m["name"]) + m["close"]

    def replace_layers(m: re.Match[str]) -> str:
        return m["open"] + layers_table() + m["close"]

    def replace_columns(m: re.Match[str]) -> str:
        return m["open"] + columns_table(m["name"]) + m["close"]

    text = LAYERS_BLOCK.sub(replace_layers, text)
    text = FORMULA_BLOCK.sub(lambda m: m["open"] + formula_guard() + m["close"], text)
    text = COLUMNS_BLOCK.sub(replace_columns, text)
    return SCHEMA_BLOCK.sub(replace_schema, BLOCK.sub(replace, text))


def targets() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if any file is stale")
    args = parser.parse_args(argv)
    stale: list[str] = []
    for path in targets():
        old = path.read_text(encoding="utf-8")
        new = render(old)
        if new != old:
            stale.append(str(path.relative_to(ROOT)))
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if stale and args.check:
        sys.stderr.write(
            "stale generated docs: " + ", ".join(stale) + "; run python scripts/gen_docs.py\n"
        )
        return 1
    if stale:
        sys.stderr.write("regenerated: " + ", ".join(stale) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

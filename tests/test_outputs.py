"""Every command in every format: goldens, JSON valid against its shipped schema,
CSV/TSV that the csv module reads back with every field, NDJSON one record a line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner

from treatycmp.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXPECTATIONS = str(ROOT / "examples" / "expectations.yaml")

# command name -> (arguments, formats); results chosen from the bundled corpus.
RUNS: dict[str, tuple[list[str], list[str]]] = {
    "list": ([], ["table", "markdown", "json", "csv", "tsv"]),
    "show": (
        ["north-atlantic-1949", "--article", "5"],
        ["table", "markdown", "json", "csv", "tsv"],
    ),
    "validate": (
        [str(ROOT / "tests" / "golden" / "inputs" / "invalid-treaty.yaml")],
        ["text", "json", "csv", "tsv"],
    ),
    "buffers": (["north-atlantic-1949"], ["table", "markdown", "json", "csv", "tsv"]),
    "profile": (
        ["north-atlantic-1949", "us-rok-1953"],
        ["table", "markdown", "json", "csv", "tsv"],
    ),
    "grep": (
        ["constitutional processes"],
        ["table", "markdown", "json", "ndjson", "csv", "tsv"],
    ),
    "nearest": (
        ["north-atlantic-1949:5", "-k", "3"],
        ["table", "markdown", "json", "ndjson", "csv", "tsv"],
    ),
    "matrix": (
        ["north-atlantic-1949", "us-rok-1953", "ussr-dprk-1961"],
        ["table", "csv", "tsv", "json", "markdown"],
    ),
    "diff": (
        ["ussr-dprk-1961@meduza", "dprk-russia-2024@meduza"],
        ["table", "markdown", "html", "json", "csv", "tsv"],
    ),
    "check": ([EXPECTATIONS], ["text", "json"]),
    "lineup": (
        ["dprk-russia-2024:4", "ussr-dprk-1961", "nato", "us-rok-1953", "us-japan-1960"],
        ["table", "markdown", "html", "json", "csv", "tsv"],
    ),
}
SUFFIX = {"table": "txt", "text": "txt", "markdown": "md"}
CASES = [(name, fmt) for name, (_, formats) in RUNS.items() for fmt in formats]


def invoke(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    # 1: differences (diff), nothing found (grep); 2: the problems validate finds
    assert result.exit_code in (0, 1, 2 if args[0] == "validate" else 0), result.stderr
    return result


def output(runner: CliRunner, name: str, fmt: str) -> str:
    args, _ = RUNS[name]
    extra = ["--color", "never", *width_args(name)]
    text: str = invoke(runner, name, *args, "-f", fmt, *extra).stdout
    return text.replace(str(ROOT), "ROOT")


def width_args(name: str) -> list[str]:
    """``--width 100`` for the commands that have it (``check`` never wraps)."""
    params = {p.name for p in cli.commands[name].params}
    return ["--width", "100"] if "width" in params else []


def schema(name: str) -> dict[str, Any]:
    path = files("treatycmp.data").joinpath("schema").joinpath(f"{name}.schema.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def validate(data: Any, name: str) -> None:
    jsonschema.Draft202012Validator(schema(name)).validate(data)


def test_every_format_of_every_command_is_covered() -> None:
    for name, (_, formats) in RUNS.items():
        command = cli.commands[name]
        choices = next(p for p in command.params if p.name == "fmt").type.choices  # type: ignore[attr-defined]
        assert sorted(formats) == sorted(choices), name


@pytest.mark.parametrize(("name", "fmt"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_golden(runner: CliRunner, golden: Callable[[str, str], None], name: str, fmt: str) -> None:
    golden(f"cli/{name}.{SUFFIX.get(fmt, fmt)}", output(runner, name, fmt))


JSON_CASES = [name for name, (_, formats) in RUNS.items() if "json" in formats]


@pytest.mark.parametrize("name", JSON_CASES)
def test_json_validates_against_its_shipped_schema(runner: CliRunner, name: str) -> None:
    data = json.loads(output(runner, name, "json"))
    assert next(iter(data)) == "schema_version"
    validate(data, name)


@pytest.mark.parametrize("treaty", ["north-atlantic-1949", "dprk-russia-2024", "ussr-dprk-1961@ko"])
def test_whole_treaty_json_validates(runner: CliRunner, treaty: str) -> None:
    validate(json.loads(invoke(runner, "show", treaty, "-f", "json").stdout), "show")


def test_schemas_reject_a_wrong_document() -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate({"schema_version": 1, "phrase": "x", "hits": [{"treaty": 1}]}, "grep")
    with pytest.raises(jsonschema.ValidationError):
        validate({"schema_version": 2, "treaties": []}, "list")


@pytest.mark.parametrize("name", ["grep", "nearest"])
def test_ndjson_is_one_valid_record_a_line(runner: CliRunner, name: str) -> None:
    lines = output(runner, name, "ndjson").splitlines()
    whole = json.loads(output(runner, name, "json"))
    records = [json.loads(line) for line in lines]
    items = whole["hits"] if name == "grep" else whole["neighbours"]
    assert len(records) == len(items) > 0
    for record, item in zip(records, items, strict=True):
        validate(record, f"{name}-hit")
        assert {k: v for k, v in record.items() if k in item} == item


def rows(text: str, dialect: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), dialect=dialect))


# command -> (records in its JSON, how one CSV row matches one JSON record)
def _json_records(name: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    if name == "list":
        return [dict(t, parties="; ".join(t["parties"])) for t in data["treaties"]]
    if name == "buffers":
        return [f | {"clause": c["id"]} for c in data["clauses"] for f in c["findings"]]
    if name == "profile":
        return [r for t in data["treaties"] for r in t["rows"]]
    if name == "grep":
        return [
            s | {"treaty": h["treaty"], "clause": h["clause"]}
            for h in data["hits"]
            for s in h["snippets"]
        ]
    if name == "nearest":
        return list(data["neighbours"])
    if name == "lineup":
        return list(data["rows"])
    if name == "diff":
        return [
            dict(p, left="; ".join(p["left"]), right="; ".join(p["right"])) for p in data["pairs"]
        ]
    if name == "show":
        return [
            {"treaty": data["id"], "article": a["number"], "text": p if isinstance(p, str) else ""}
            for a in data["articles"]
            for p in a["paragraphs"]
        ]
    if name == "validate":
        return list(data["problems"])
    raise AssertionError(name)


CSV_CASES = [
    (name, fmt)
    for name, (_, formats) in RUNS.items()
    for fmt in ("csv", "tsv")
    if fmt in formats and name != "matrix"
]


@pytest.mark.parametrize(("name", "fmt"), CSV_CASES, ids=[f"{n}-{f}" for n, f in CSV_CASES])
def test_csv_parses_and_keeps_every_field(runner: CliRunner, name: str, fmt: str) -> None:
    table = rows(output(runner, name, fmt), "excel" if fmt == "csv" else "excel-tab")
    records = _json_records(name, json.loads(output(runner, name, "json")))
    assert len(table) == len(records) > 0
    for row, record in zip(table, records, strict=True):
        assert None not in row  # no row has more fields than the header
        for key, value in record.items():
            if key in row and isinstance(value, str):
                assert row[key] == value, (key, row[key], value)


def test_matrix_csv_is_the_json_matrix(runner: CliRunner) -> None:
    data = json.loads(output(runner, "matrix", "json"))
    for fmt, dialect in (("csv", "excel"), ("tsv", "excel-tab")):
        table = list(csv.reader(io.StringIO(output(runner, "matrix", fmt)), dialect=dialect))
        assert table[0] == ["id", *data["ids"]]
        for line, tid, scores in zip(table[1:], data["ids"], data["scores"], strict=True):
            assert line[0] == tid
            assert [round(float(x), 4) for x in line[1:]] == scores


def test_diff_layouts_and_labels(runner: CliRunner, golden: Callable[[str, str], None]) -> None:
    args = ["diff", *RUNS["diff"][0], "--color", "never"]
    inline = invoke(runner, *args, "--width", "80").stdout
    assert "Inline:" in inline  # auto: inline below 100 columns
    assert max(len(line) for line in inline.splitlines()) <= 80
    golden("cli/diff-inline-80.txt", inline)
    wide = invoke(runner, *args, "--width", "120").stdout
    assert "Inline:" not in wide
    forced = invoke(runner, *args, "--width", "120", "--layout", "inline").stdout
    assert "Inline:" in forced
    plain = invoke(runner, *args, "--width", "120", "--no-labels").stdout
    assert "⟨buffer:" in wide
    assert "⟨buffer:" not in plain
    assert "«Article 51 of the UN Charter»" in plain  # the phrase is still marked
    golden("cli/diff-no-labels.txt", plain)


@pytest.mark.parametrize(("name", "fmt"), [c for c in CASES if c[1] in ("table", "text")])
def test_no_trailing_spaces(runner: CliRunner, name: str, fmt: str) -> None:
    for color in ("never", "always"):
        args, _ = RUNS[name]
        text = invoke(runner, name, *args, "-f", fmt, "--color", color, *width_args(name)).stdout
        assert not [line for line in text.splitlines() if line.endswith(" ")], (name, color)


def test_list_keeps_every_column_at_80(runner: CliRunner) -> None:
    text = invoke(runner, "list", "--width", "80").stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    header = "\n".join(text.splitlines()[:4])
    for column in ("id", "short title", "signed", "status", "lang", "arts", "text"):
        assert column in header
    assert "in force" in text
    assert "…" not in text


def test_json_md_documents_every_shipped_schema() -> None:
    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "data" / "schema").glob("*.schema.json")):
        name = path.name.removesuffix(".schema.json")
        if name != "treaty":  # the input format: docs/format.md
            assert f"data/schema/{name}.schema.json" in text, name
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


def test_json_md_diff_example_has_every_pair_field() -> None:
    # The example's pairs lacked "note" after it was added to every diff JSON pair.
    import re

    from treatycmp.analysis import compare
    from treatycmp.corpus import Corpus
    from treatycmp.render.diff.json import render_json

    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    example = text.split("## `diff`", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    pairs = example.split('"pairs": [', 1)[1]
    shown = set(re.findall(r'"([a-z_]+)":', pairs.split("\n    {")[1]))
    corpus = Corpus.load()
    doc = json.loads(render_json(compare(corpus.get("us-rok-1953"), corpus.get("anzus-1951"))))
    assert set(doc["pairs"][0]) <= shown

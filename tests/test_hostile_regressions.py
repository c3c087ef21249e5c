"""Regression tests for the failures of the hostile test run (issue #14), one or more each.

Escaping (item 3), nothing lost (item 4), bad input misreported (item 5) and the CLI's
error boundary. The fuzz suite (tests/test_fuzz.py) and the hostile-text matrix
(tests/test_hostile_matrix.py) generalise these.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_loading import VALID
from test_tota import FIXTURE

from treatycmp.cache import load_treaty_cached
from treatycmp.cli import cli, main
from treatycmp.errors import Problem
from treatycmp.escape import one_line, safe_output, shown, visible
from treatycmp.formats.tota import tota_paths, treaty_from_tota
from treatycmp.formats.treaty_yaml import check_text, is_calendar_date
from treatycmp.rules.load import load_rules
from treatycmp.text import normalize

# Any C0/C1 control except tab and newline, a bidi control or an invisible character.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
OSC = "\x1b]0;PWNED\x07\x1b[2J"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def hostile_file(folder: Path, number: str = f"51{OSC}", **fields: object) -> Path:
    folder.mkdir(exist_ok=True)
    doc = {
        "id": "hostile-2000",
        "title": f"Title {OSC}\u202eevil",
        "short_title": f"Short {OSC}",
        "parties": [f"A{OSC}", "B\u200b"],
        "language": "en",
        "source": {"text": f"made up {OSC}", "notes": [f"note {OSC}"]},
        "completeness": "complete",
        "articles": [
            {
                "number": number,
                "heading": f"Heading {OSC}",
                "paragraphs": [f"In case of an arm\u200bed attack {OSC} each Party shall help."],
            },
            {"number": "<img src=x onerror=alert(1)>|x", "paragraphs": ["[a](javascript:x) y"]},
        ],
        **fields,
    }
    path = folder / "hostile.yaml"
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")  # JSON is YAML
    return path


# --- item 3: one escaping policy ------------------------------------------------------


def test_visible_spells_out_controls_bidi_and_invisibles() -> None:
    assert visible(OSC) == "\\x1b]0;PWNED\\x07\\x1b[2J"
    assert visible("a\u202eb\u200bc\u200ed\u061ce\ufeff") == (
        "a\\u202eb\\u200bc\\u200ed\\u061ce\\ufeff"
    )
    assert visible("tab\tand\nnewline") == "tab\tand\nnewline"
    assert visible("\udcff") == "\\udcff"


def test_one_line_cannot_forge_a_second_location_and_is_cut() -> None:
    assert "\n" not in one_line("x\n/etc/passwd:1: forged")
    huge = "A" * 50_000_000
    assert len(shown(huge)) < 200
    message = str(Problem("f.yaml", 3, f"id '{huge}' is bad", f"fix {huge}"))
    assert len(message) < 1200
    assert message.startswith("f.yaml:3: id 'AAAA")


def test_problem_escapes_path_message_and_hint() -> None:
    text = str(Problem(f"a{OSC}.yaml", 1, f"x{OSC}\ny.yaml:9: forged", f"h{OSC}"))
    assert not RAW.search(text)
    assert "\n" not in text
    assert text.count(": Fix:") == 0
    assert ". Fix: h" in text


def test_safe_output_keeps_json_exact_and_sgr_only_with_colour() -> None:
    data = {"t": "x\u202ey\x9b2J\u200b\x7f"}
    out = safe_output(json.dumps(data, ensure_ascii=False))
    assert not RAW.search(out)
    assert json.loads(out) == data
    coloured = safe_output("\x1b[1mb\x1b[0m " + OSC, colour=True)
    assert coloured.startswith("\x1b[1mb\x1b[0m ")
    assert "\x07" not in coloured
    assert coloured.count("\x1b") == 2
    assert safe_output("a\r\nb\rc") == "a\r\nb\\u000dc"


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
@pytest.mark.parametrize(
    "command",
    [
        ["show", "hostile-2000"],
        ["buffers", "hostile-2000"],
        ["grep", "attack", "--treaty", "hostile-2000"],
        ["nearest", "armed attack each Party shall help"],
        ["diff", "hostile-2000", "north-atlantic-1949"],
        ["list"],
    ],
    ids=lambda c: c[0],
)
def test_ids_and_fields_never_reach_the_output_raw(
    runner: CliRunner, tmp_path: Path, command: list[str], fmt: str
) -> None:
    hostile_file(tmp_path / "c")
    out_file = tmp_path / f"out.{fmt}"
    for extra in ([], ["-o", str(out_file)], ["--color", "always"]):
        if command[0] == "show" and extra == ["--color", "always"]:
            extra = []
        code, out, err = run(runner, *command, "--corpus", str(tmp_path / "c"), "-f", fmt, *extra)
        assert code in (0, 1), err
        written = out_file.read_text("utf-8") if extra[:1] == ["-o"] else out
        out_file.unlink(missing_ok=True)
        assert not RAW.search(re.sub(r"\x1b\[[0-9;]*m", "", written)), (extra, written[:300])
        assert not RAW.search(err)
        if fmt == "markdown":
            assert not re.search(r"(?<!\\)<img", written)
        if fmt == "json" and command[0] == "show":
            assert f"51{OSC}" in json.loads(written)["articles"][0]["number"]


def test_validate_echoes_hostile_values_escaped_on_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('id: "x\\e]0;PWNED\\a\\nb.yaml:1: all good"\n', encoding="utf-8")
    code, out, err = run(runner, "validate", str(path))
    assert code == 2
    assert not RAW.search(out + err)
    forged = [line for line in out.splitlines() if line.startswith("b.yaml")]
    assert forged == []
    assert "x\\x1b]0;PWNED\\x07\\nb.yaml:1: all good" in out


def test_a_50_mb_junk_value_gives_a_short_error_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "junk.yaml"
    path.write_text("id: " + "Z" * 5_000_000 + "\n", encoding="utf-8")
    code, out, _ = run(runner, "validate", str(path))
    assert code == 2
    assert max(len(line) for line in out.splitlines()) < 1000


def test_zero_width_space_inside_a_word_still_fires_the_trigger_rule(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert normalize("an arm\u200bed attack") == normalize("an armed attack")
    assert normalize("arm\u00aded\u2060 at\u200dtack\u200e") == "armed attack"
    hostile_file(tmp_path / "c")
    code, out, _ = run(runner, "buffers", "hostile-2000", "--corpus", str(tmp_path / "c"))
    assert code == 0
    assert "armed-attack" in out
    assert "arm\\u200bed attack" in out  # shown, not hidden


def test_junit_xml_is_well_formed_with_control_characters(
    runner: CliRunner, tmp_path: Path
) -> None:
    from xml.etree import ElementTree as ET

    spec = tmp_path / "expect.yaml"
    spec.write_text(
        'expectations:\n  - name: "bell \\a esc \\e nul \\0 rlo \\u202e"\n'
        "    expect: north-atlantic-1949:5.1 has un-charter-51\n"
        '  - name: "x\\e]0;x\\a\\x9b"\n    expect: north-atlantic-1949:5.1 lacks un-charter-51\n',
        encoding="utf-8",
    )
    junit = tmp_path / "junit.xml"
    code, out, err = run(runner, "check", str(spec), "--junit", str(junit))
    assert code in (0, 1), err
    text = junit.read_text("utf-8")
    assert not RAW.search(text)
    ET.fromstring(text.encode("utf-8"))
    assert not RAW.search(out + err)


# --- item 4: nothing lost ---------------------------------------------------------------


def test_import_refuses_to_overwrite_its_own_source(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text("# Parties: Alpha; Beta\nArticle 1\nText.\n", encoding="utf-8")
    before = src.read_bytes()
    code, _, err = run(runner, "import", str(src), "--id", "t", "-o", str(src), "--force")
    assert code == 2
    assert "is one of this command's inputs" in err
    assert src.read_bytes() == before


@pytest.mark.parametrize(
    "key", ["unnumbered", "aliases", "supersedes", "authentic_languages", "articles", "preamble"]
)
def test_null_where_a_list_or_reason_belongs_is_an_error(key: str) -> None:
    if key == "unnumbered":
        text = VALID.replace("  - unnumbered: position unknown", "  - unnumbered: null")
    elif key in ("articles", "preamble"):
        text = re.sub(rf"(?ms)^{key}:\n(?:  .*\n)*", f"{key}: null\n", VALID)
    else:
        text = VALID.replace("language: en", f"language: en\n{key}: null")
    treaty, problems = check_text(text, "t.yaml")
    assert treaty is None
    assert problems, key
    assert all(p.line and p.hint for p in problems)


def test_tota_keeps_text_inside_child_elements() -> None:
    xml = FIXTURE.replace(
        "The objectives are to trade fish  and shells.",
        "The Parties <b>SHALL NOT</b> attack <i>any <u>fish</u></i>.",
    )
    t = treaty_from_tota(xml.encode(), "pta_7.xml")
    texts = [p.text for a in t.article_list for p in a.paragraphs]
    assert "The Parties SHALL NOT attack any fish." in texts


def test_tota_file_name_with_a_superscript_digit(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "xml"
    folder.mkdir()
    (folder / "pta_\u00b2.xml").write_text(
        FIXTURE.replace("<treaty_identifier>7</treaty_identifier>", ""), encoding="utf-8"
    )
    (folder / "pta_3.xml").write_text(FIXTURE, encoding="utf-8")
    assert [p.name for p in tota_paths(folder)] == ["pta_3.xml", "pta_\u00b2.xml"]
    code, _, err = run(runner, "import", "--from", "tota", str(folder), "-o", str(tmp_path / "o"))
    assert code == 2
    assert "Traceback" not in err
    assert "pta_\u00b2.xml" in err
    assert "is not a number" in err


def test_cache_keys_on_content_not_size_and_mtime(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(VALID, encoding="utf-8")
    cache = tmp_path / "cache"
    assert load_treaty_cached(path, cache).title == "Test Treaty"
    stat = path.stat()
    path.write_text(VALID.replace("title: Test Treaty", "title: Test Traety"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert load_treaty_cached(path, cache).title == "Test Traety"


@pytest.mark.parametrize("date", ["1961-02-30", "2024-13-01", "0000-00-00", "2023-02-29"])
def test_impossible_dates_are_rejected_with_a_line(date: str) -> None:
    assert not is_calendar_date(date)
    _, problems = check_text(VALID.replace("signed: 2000-01-02", f"signed: {date}"), "t.yaml")
    assert [(p.line, "not a day of the calendar" in p.message) for p in problems] == [(5, True)]
    text = VALID.replace(
        "language: en", f"language: en\nstatus: {{state: terminated, date: {date}}}"
    )
    assert check_text(text, "t.yaml")[1]
    assert is_calendar_date("2024-02-29")


def test_tota_impossible_date_is_left_out_and_noted() -> None:
    xml = FIXTURE.replace("2001-02-03", "2024-99-99").replace("2010-12-31", "0000-00-00")
    t = treaty_from_tota(xml.encode(), "pta_7.xml")
    assert t.signed is None
    assert t.status is not None
    assert t.status.date is None
    notes = " ".join(t.source.notes)
    assert re.search(r"<date_signed>2024-99-99</date_signed> \(line \d+\)", notes)
    assert "<date_inactive>0000-00-00</date_inactive>" in notes


def test_text_import_rejects_impossible_dates(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text("# Parties: A; B\n# Signed: 1961-02-30\nArticle 1\nText.\n", "utf-8")
    code, _, err = run(runner, "import", str(src), "--id", "t")
    assert code == 2
    assert f"{src}:2:" in err


# --- item 5 and the error boundary -----------------------------------------------------


def test_mapping_messages_have_a_fix() -> None:
    for text in ("[1, 2]\n", VALID.replace("source:\n  text: made up for tests", "source: [x]")):
        _, problems = check_text(text, "t.yaml")
        assert problems
        assert all(". Fix: " in str(p) for p in problems), problems


def test_control_characters_in_yaml_give_one_line_with_a_line_number(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("id: x\n\ntitle: a\x01b\n", encoding="utf-8")
    code, out, _ = run(runner, "validate", str(path))
    assert code == 2
    (line,) = [x for x in out.splitlines() if x.startswith(str(path))]
    assert line.startswith(f"{path}:3: holds the control character U+0001")
    assert ". Fix: " in line


def test_usage_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = run(runner, "show", "north-atlantic-1949", "-o", str(tmp_path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert re.search(r"show: error: .* is a directory\. Fix: see '.*show --help'", err)
    code, _, err = run(runner, "validate", f"{tmp_path}/no\x1b]0;x\x07such.yaml")
    assert code == 2
    assert not RAW.search(err)


def test_undecodable_argument_with_strict_output_encoding(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    name = os.fsdecode(b"/nonexistent/\xff\xfe.yaml")
    assert main(["validate", name]) == 2
    assert main(["show", name]) == 2
    captured = capsysbinary.readouterr()
    assert b"Traceback" not in captured.err
    assert not RAW.search((captured.out + captured.err).decode("utf-8", "replace"))


def test_rule_labels_and_expectation_names_are_escaped(runner: CliRunner, tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: evil\n    category: buffer\n"
        '    label: "lab\\e]0;x\\a\\u202e"\n    description: "d\\e[2J"\n'
        '    patterns: {en: ["shall"]}\n',
        encoding="utf-8",
    )
    assert any(r.id == "evil" for r in load_rules([rules]).rules)
    for fmt in ("table", "markdown", "json"):
        code, out, err = run(
            runner, "buffers", "north-atlantic-1949", "--rules", str(rules), "-f", fmt
        )
        assert code == 0, err
        assert not RAW.search(re.sub(r"\x1b\[[0-9;]*m", "", out + err))


def test_corpus_root_in_an_expectations_file_is_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "e.yaml"
    spec.write_text(
        "corpus: [/]\nexpectations:\n  - expect: north-atlantic-1949:5.1 has un-charter-51\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "check", str(spec))
    assert code == 2
    assert f"{spec}:1: is the whole file system (/)" in err
    code, _, err = run(runner, "list", "--corpus", "/proc/self")
    assert code == 2
    assert len(err.splitlines()) == 1
    monkeypatch.setenv("TREATYCMP_CORPUS", "/")
    code, _, err = run(runner, "list")
    assert code == 2
    assert "is the whole file system (/)" in err


def test_alignment_past_the_pair_limit_is_refused_with_a_way_out(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from _treaties import bundled

    from treatycmp.analysis import CompareOptions, compare
    from treatycmp.errors import TreatycmpError

    nato, rio = bundled("north-atlantic-1949"), bundled("us-rok-1953")
    with pytest.raises(TreatycmpError, match="more than the limit of 10") as info:
        compare(nato, rio, CompareOptions(max_pairs=10))
    assert "--max-pairs" in info.value.problems[0].hint
    code, out, err = run(runner, "diff", "north-atlantic-1949", "us-rok-1953", "--max-pairs", "10")
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    monkeypatch.setenv("TREATYCMP_MAX_PAIRS", "10")
    assert run(runner, "report", "north-atlantic-1949", "us-rok-1953")[0] == 2
    monkeypatch.setenv("TREATYCMP_MAX_PAIRS", "1000000")
    assert run(runner, "diff", "north-atlantic-1949", "us-rok-1953", "-q")[0] in (0, 1)


def test_treaty_yaml_escapes_bidi_and_invisible_characters_and_loads_back() -> None:
    from _treaties import make_treaty

    from treatycmp.formats.treaty_writer import treaty_to_yaml

    texts = ["한국 arm\u200bed \u202e attack \x85 x", "plain 한국 text"]
    text = treaty_to_yaml(make_treaty("x-1", [[t] for t in texts]))
    assert not re.search("[\u200b\u202e\x85]", text)
    assert "plain 한국 text" in text  # other strings stay readable
    treaty, problems = check_text(text, "x.yaml")
    assert problems == []
    assert treaty is not None
    assert [p.text for a in treaty.article_list for p in a.paragraphs] == texts


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b"])
def test_expectations_file_with_a_control_character(
    runner: CliRunner, tmp_path: Path, char: str
) -> None:
    spec = tmp_path / "e.yaml"
    spec.write_text(f"expectations:\n  - expect: x{char}y\n", encoding="utf-8")
    code, _, err = run(runner, "check", str(spec))
    assert code == 2
    expected = "is a binary file" if char == "\x00" else f"{spec}:2: holds the control character"
    assert err.startswith(f"treatycmp: error: {spec}"), err
    assert expected in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("encoding", ["ascii:strict", "utf-8:strict"])
def test_strict_output_encoding_with_an_undecodable_file_name(
    tmp_path: Path, encoding: str
) -> None:
    import subprocess
    import sys

    name = os.fsencode(tmp_path) + b"/bad\xff\xfe name.yaml"
    with open(name, "wb") as handle:
        handle.write(VALID.replace("signed: 2000-01-02", "signed: 2000-02-30").encode())
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    runs: list[list[bytes]] = [
        [b"validate", name],
        [b"show", name],
        [b"list", b"--corpus", os.fsencode(tmp_path)],
    ]
    for args in runs:
        proc = subprocess.run(
            [sys.executable.encode(), b"-m", b"treatycmp", *args],
            capture_output=True,
            env=env,
            cwd=tmp_path,  # the installed package, not the source tree
            timeout=60,
            check=False,
        )
        assert proc.returncode == 2, proc.stderr
        assert b"Traceback" not in proc.stderr
        output = proc.stdout + proc.stderr
        assert b"bad\\xff\\xfe name.yaml" in output, output
        assert not RAW.search(output.decode("utf-8", "replace").replace("\ufffd", ""))


def test_file_names_the_operating_system_rejects(runner: CliRunner, tmp_path: Path) -> None:
    long_name = str(tmp_path / ("a" * 300 + ".yaml"))
    for args in (["validate", long_name], ["show", "north-atlantic-1949", "-o", long_name]):
        code, out, err = run(runner, *args)
        assert code == 2, err
        lines = [x for x in (out + err).splitlines() if "too long" in x]
        assert len(lines) == 1, out + err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named_not_called_binary(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(VALID.encode(encoding))
    _, problems = check_file_problems(path)
    (problem,) = problems
    assert problem.message.startswith(f"is {'UTF-32' if '32' in encoding else 'UTF-16'} ")


def check_file_problems(path: Path) -> tuple[object, list[Problem]]:
    from treatycmp.formats.treaty_yaml import check_file

    return check_file(path)


def test_import_reads_a_text_with_a_bom(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_bytes(b"\xef\xbb\xbf# Parties: Alpha; Beta\nArticle 1\nText.\n")
    code, out, err = run(runner, "import", str(src), "--id", "t-1")
    assert code == 0, err
    assert "- Alpha" in out
    src.write_bytes("# Parties: Alpha; Beta\nArticle 1\nText.\n".encode("utf-16"))
    code, _, err = run(runner, "import", str(src), "--id", "t-1")
    assert code == 2
    assert "is UTF-16 (little-endian) text" in err


def test_a_file_of_many_broken_entries_reports_the_first_hundred_and_a_count() -> None:
    from treatycmp.formats.treaty_yaml import MAX_PROBLEMS

    _, problems = check_text("articles:\n" + "- x\n" * 5000, "many.yaml")
    assert len(problems) == MAX_PROBLEMS + 1
    assert str(problems[-1]).startswith("many.yaml: and ")
    assert "more problems. Fix: " in str(problems[-1])

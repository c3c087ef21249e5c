"""CLI commands over the corpus: list, show, validate, import, and name resolution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_loading import VALID

from treatycmp.cli import cli, main
from treatycmp.corpus import Corpus
from treatycmp.errors import LookupProblem
from treatycmp.formats.treaty_yaml import load_treaty


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_every_bundled_text(runner: CliRunner, corpus: Corpus) -> None:
    code, out, err = run(runner, "list", "-f", "json")
    assert code == 0, err
    rows = json.loads(out)["treaties"]
    assert [r["id"] for r in rows] == list(corpus.ids)
    by_id = {r["id"]: r for r in rows}
    assert by_id["dprk-russia-2024@ko"]["language"] == "ko"
    assert by_id["dprk-russia-2024@ru"]["language"] == "ru"
    assert by_id["russia-dprk-2000"]["articles"] == 0
    assert by_id["un-charter-51"]["completeness"] in ("complete", "partial")
    assert {"ussr-dprk-1961", "prc-dprk-1961", "russia-dprk-2000", "dprk-russia-2024"} <= set(by_id)
    assert {"us-rok-1953", "north-atlantic-1949", "us-japan-1960", "un-charter-51"} <= set(by_id)


def test_list_table_and_markdown(runner: CliRunner) -> None:
    code, out, _ = run(runner, "list")
    assert code == 0
    assert "north-atlantic-1949" in out
    assert "partial" in out
    code, out, _ = run(runner, "list", "-f", "markdown")
    assert code == 0
    assert out.startswith("| id |")


def test_show_dprk_russia_2024_shows_gaps_and_inferred_numbering(runner: CliRunner) -> None:
    code, out, err = run(runner, "show", "dprk-russia-2024", "--width", "120")
    assert code == 0, err
    assert "Article 4 (numbering inferred)" in out
    assert "[gap:" in out
    assert "UNOFFICIAL" in out
    assert "without delay" in out


def test_show_one_article_and_formats(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "nato", "--article", "5")
    assert code == 0
    assert "armed attack" in out
    assert "Article 4" not in out
    code, out, _ = run(runner, "show", "nato", "--article", "5", "-f", "json")
    assert json.loads(out)["articles"][0]["number"] == "5"
    code, out, _ = run(runner, "show", "nato", "--article", "5", "-f", "markdown")
    assert "## Article 5" in out


def test_show_takes_treaty_colon_article_as_every_command_does(runner: CliRunner) -> None:
    """``show nato:5`` said "no treaty named 'nato:5' ... did you mean nato"."""
    by_option = run(runner, "show", "nato", "--article", "5", "-f", "json")
    by_ref = run(runner, "show", "nato:5", "-f", "json")
    assert by_ref == by_option
    assert json.loads(by_ref[1])["articles"][0]["number"] == "5"
    code, out, err = run(runner, "show", "un-charter:51", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["id"] == "un-charter-1945"
    code, _, err = run(runner, "show", "nato:99")
    assert code == 2
    assert "has no article 99" in err


def test_show_unknown_article_is_a_clear_error(runner: CliRunner) -> None:
    code, out, err = run(runner, "show", "nato", "--article", "99")
    assert code == 2
    assert out == ""
    assert "has no article 99" in err
    assert "Fix:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("nato", "north-atlantic-1949"),
        ("russia-2024", "dprk-russia-2024"),
        ("2024@ko", "dprk-russia-2024@ko"),
        ("north-atl", "north-atlantic-1949"),
        ("USSR-DPRK-1961", "ussr-dprk-1961"),
    ],
)
def test_names_resolve(corpus: Corpus, name: str, expected: str) -> None:
    assert corpus.get(name).id == expected


def test_ambiguous_and_unknown_names(runner: CliRunner, corpus: Corpus) -> None:
    with pytest.raises(LookupProblem, match=r"ambiguous.*prc-dprk-1961.*ussr-dprk-1961"):
        corpus.get("1961")
    code, _, err = run(runner, "show", "natto")
    assert code == 2
    assert "no treaty named 'natto'" in err
    assert "did you mean nato" in err


def test_treaty_argument_may_be_a_path(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(VALID, encoding="utf-8")
    code, out, _ = run(runner, "show", str(path))
    assert code == 0
    assert "The Parties shall consult." in out


def test_user_corpus_from_option_and_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.yaml").write_text(VALID, encoding="utf-8")
    code, out, _ = run(runner, "list", "-f", "json", "--corpus", str(tmp_path))
    assert "test-treaty-2000" in out
    monkeypatch.setenv("TREATYCMP_CORPUS", str(tmp_path))
    code, out, _ = run(runner, "show", "test-treaty")
    assert code == 0
    assert "Test Treaty" in out
    code, _, err = run(runner, "list", "--corpus", str(tmp_path / "missing"))
    assert code == 2
    assert "does not exist" in err


def test_invalid_file_in_user_corpus_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(VALID.replace("language: en\n", ""), encoding="utf-8")
    code, _out, err = run(runner, "list", "--corpus", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'bad.yaml'}:1: the treaty file has no 'language'" in err


def test_validate_reports_three_problems_and_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = VALID.replace("language: en", "langauge: en").replace('- number: "2"', '- number: "1"')
    bad = bad.replace("signed: 2000-01-02", "signed: yesterday")
    path = tmp_path / "three.yaml"
    path.write_text(bad, encoding="utf-8")
    code, out, err = run(runner, "validate", str(path))
    assert code == 2
    lines = out.strip().splitlines()
    assert len(lines) == 4, lines
    assert any(f"{path}:5: signed 'yesterday' is not a date" in x for x in lines)
    assert any(f"{path}:6: unknown key 'langauge'" in x for x in lines)
    assert any("duplicate article number '1'" in x for x in lines)
    assert "4 problem(s) in 1 of 1 file(s)" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"key: [unclosed\n", "is not valid YAML"), (b"", "is empty"), (b"\x89PNG\x00\x00", "binary")],
)
def test_validate_bad_files_one_line_each(
    runner: CliRunner, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    code, out, _ = run(runner, "validate", str(path))
    assert code == 2
    assert len(out.strip().splitlines()) == 1
    assert expected in out


def test_validate_bundled_folder_is_clean(runner: CliRunner) -> None:
    from treatycmp.corpus import bundled_dir

    code, out, err = run(runner, "validate", str(bundled_dir()))
    assert code == 0, out
    assert "valid" in err


def test_import_writes_yaml_and_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text(
        "# Title: A Test Treaty\n# Parties: Alpha; Beta\n# Signed: Geneva, 2 January 2000\n\n"
        "The Parties,\nHave agreed as follows:\nArticle 1\nThey shall consult.\n"
        "Article 2\nFirst.\nSecond [GAP: rest not found]\n[GAP: Articles 3-4 not found]\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.yaml"
    code, _, err = run(runner, "import", str(src), "--id", "test-2000", "-o", str(out))
    assert code == 0, err
    t = load_treaty(out)
    assert t.title == "A Test Treaty"
    assert t.signed == "2000-01-02"
    assert t.place == "Geneva"
    assert [c.id for c in t.clauses()] == ["preamble.1", "preamble.2", "1", "2.1", "2.2"]
    assert t.article_list[1].paragraphs[1].gap_after == "rest not found"
    assert t.gaps[-1] == "Articles 3-4 not found"
    before = out.read_text(encoding="utf-8")
    code, _, err = run(runner, "import", str(src), "--id", "other-2000", "-o", str(out))
    assert code == 2
    assert "already exists" in err
    assert "--force" in err
    assert out.read_text(encoding="utf-8") == before
    code, _, _ = run(runner, "import", str(src), "--id", "other-2000", "-o", str(out), "--force")
    assert code == 0
    assert load_treaty(out).id == "other-2000"


def test_import_errors(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "latin1.txt"
    src.write_bytes("Article 1\nCaf\xe9\n".encode("latin-1"))
    code, out, err = run(runner, "import", str(src), "--id", "x")
    assert code == 0  # read as Windows-1252, and said (issue 21)
    assert "latin1.txt: is not UTF-8; read as Windows-1252" in err
    assert "Caf\u00e9" in out
    src.write_bytes(b"Article 1\nCaf\x81\n")  # 0x81: no character in Windows-1252
    code, _, err = run(runner, "import", str(src), "--id", "x")
    assert code == 2
    assert "latin1.txt:2: is neither UTF-8 nor Windows-1252 text (byte 0x81)" in err
    code, _, err = run(runner, "import", str(src))
    assert code == 2
    assert "needs an id. Fix: pass --id" in err
    code, _, err = run(runner, "import", str(tmp_path / "none.txt"), "--id", "x")
    assert code == 2
    assert "none.txt: no such file" in err


TOTA_XML = """<?xml version="1.0" encoding="UTF-8"?>
<treaty>
  <meta><name>Atlantis - Lemuria</name><treaty_identifier>{n}</treaty_identifier>
    <parties_original><partyisocode n="1">ATL</partyisocode></parties_original>
    <language>en</language></meta>
  <body><chapter name="General"><article number="ARTICLE 1">Fish.</article></chapter></body>
</treaty>
"""


def _tota_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "xml"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"pta_{n}.xml").write_text(TOTA_XML.format(n=n), encoding="utf-8")
    return folder


def test_import_tota_folder_into_existing_folder_resumes(runner: CliRunner, tmp_path: Path) -> None:
    src = _tota_folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "tota-pta-1.yaml").write_text("left alone\n", encoding="utf-8")
    code, _, err = run(runner, "import", "--from", "tota", str(src), "-o", str(out))
    assert code == 0, err
    assert (out / "tota-pta-1.yaml").read_text(encoding="utf-8") == "left alone\n"
    assert load_treaty(out / "tota-pta-2.yaml").id == "tota-pta-2"
    assert "skipped 1 file(s)" in err
    code, _, err = run(runner, "import", "--from", "tota", str(src), "-o", str(out), "--force")
    assert code == 0, err
    assert load_treaty(out / "tota-pta-1.yaml").id == "tota-pta-1"


@pytest.mark.parametrize("slash", [True, False])
def test_import_one_tota_file_into_a_folder(runner: CliRunner, tmp_path: Path, slash: bool) -> None:
    src = _tota_folder(tmp_path) / "pta_2.xml"
    out = tmp_path / "out"
    if not slash:
        out.mkdir()
    code, _, err = run(
        runner, "import", "--from", "tota", str(src), "-o", str(out) + ("/" if slash else "")
    )
    assert code == 0, err
    assert load_treaty(out / "tota-pta-2.yaml").id == "tota-pta-2"


def _text(tmp_path: Path, body: str) -> Path:
    src = tmp_path / "t.txt"
    src.write_text("# Parties: Alpha; Beta\n" + body, encoding="utf-8")
    return src


def test_import_text_into_a_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    src = _text(tmp_path, "Article 1\nText.\n")
    code, out, err = run(runner, "import", str(src), "--id", "t-1", "-o", str(tmp_path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "is a folder" in err


def test_import_refuses_a_language_name(runner: CliRunner, tmp_path: Path) -> None:
    src = _text(tmp_path, "Article 1\nText.\n")
    out = tmp_path / "t.yaml"
    code, _, err = run(runner, "import", str(src), "--id", "t-1", "--language", "english")
    assert code == 2
    assert err.count("\n") == 1
    assert "use an ISO 639-1 code such as en, ko, ru" in err
    assert not out.exists()


@pytest.mark.parametrize("mark", ["[GAP:]", "[GAP:  ]", "Text. [GAP:]"])
def test_import_refuses_a_gap_without_reason(runner: CliRunner, tmp_path: Path, mark: str) -> None:
    src = _text(tmp_path, f"Article 1\nText.\n{mark}\n")
    out = tmp_path / "t.yaml"
    code, _, err = run(runner, "import", str(src), "--id", "t-1", "-o", str(out))
    assert code == 2
    assert f"{src}:4: a [GAP: ...] mark gives no reason" in err
    assert "Fix: say what is missing" in err
    assert not out.exists()


@pytest.mark.parametrize("signed", ["Moscow, 1961-07-06", "Moscow, 6 July 1961", "1961-07-06"])
def test_import_reads_iso_and_written_dates(runner: CliRunner, tmp_path: Path, signed: str) -> None:
    src = _text(tmp_path, f"# Signed: {signed}\nArticle 1\nText.\n")
    out = tmp_path / "t.yaml"
    code, _, err = run(runner, "import", str(src), "--id", "t-1", "-o", str(out))
    assert code == 0, err
    t = load_treaty(out)
    assert t.signed == "1961-07-06"
    assert t.place == ("Moscow" if "," in signed else None)


def test_import_refuses_an_unreadable_date_and_missing_parties(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "t.txt"
    src.write_text("# Signed: Moscow, 31 June 1961\nArticle 1\nText.\n", encoding="utf-8")
    code, _, err = run(runner, "import", str(src), "--id", "t-1")
    assert code == 2
    assert f"{src}:1: '# Signed: Moscow, 31 June 1961' holds no date" in err
    assert err.count("\n") == 1


def test_import_without_parties_warns_and_leaves_them_unknown(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "t.txt"
    src.write_text("Article 1\nText.\n", encoding="utf-8")
    out = tmp_path / "t.yaml"
    code, _, err = run(runner, "import", str(src), "--id", "t-1", "-o", str(out))
    assert code == 0, err
    assert "warning" in err
    assert "--parties" in err
    t = load_treaty(out)
    assert t.parties == ()
    assert "parties" not in out.read_text(encoding="utf-8")
    assert not t.source.official


def test_main_maps_usage_errors_to_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nosuchcommand"]) == 2
    assert main(["list", "--format", "xml"]) == 2
    assert "Invalid value" in capsys.readouterr().err


def test_validate_warns_about_dangling_references(runner: CliRunner, tmp_path: Path) -> None:
    text = VALID.replace("language: en", "language: en\nrendering_of: no-such-treaty")
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    code, _, err = run(runner, "validate", str(tmp_path))
    assert code == 0
    assert "rendering_of names 'no-such-treaty'" in err
    code, _, err = run(runner, "validate", str(tmp_path / "r.yaml"))
    assert "warning" in err
    ok = VALID.replace("language: en", "language: en\nrendering_of: ussr-dprk-1961")
    (tmp_path / "r.yaml").write_text(ok, encoding="utf-8")
    code, _, err = run(runner, "validate", str(tmp_path))
    assert "warning" not in err


def test_show_names_an_unnumbered_part_by_its_heading(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "seato-1954", "--width", "120")
    assert code == 0
    assert "Protocol to the SEATO Treaty, September 8, 1954 (unnumbered, u1)" in out
    assert "IN WITNESS WHEREOF, the undersigned Plenipotentiaries have signed this Protocol" in out


def test_list_shows_the_grown_corpus_with_language_and_completeness(runner: CliRunner) -> None:
    code, out, _ = run(runner, "list", "-f", "json")
    assert code == 0
    rows = json.loads(out)
    by_id = {r["id"]: r for r in (rows["treaties"] if isinstance(rows, dict) else rows)}
    assert by_id["anzus-1951"]["completeness"] == "complete"
    assert by_id["un-charter-1945"]["articles"] == 111
    assert by_id["csto-1992@ru"]["language"] == "ru"
    for tid in ("seato-1954", "rio-1947", "us-philippines-1951", "teu-2007", "csto-1992"):
        assert by_id[tid]["completeness"] == "partial"

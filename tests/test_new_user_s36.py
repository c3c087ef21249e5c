"""What a new user's trial of main found (session 36): each a regression test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _treaties import PACT
from click.testing import CliRunner

from treatycmp.cli import cli

# 1. nearest: a free-text query that is a treaty's name


@pytest.mark.parametrize("cache", ["off", "stored"])
def test_nearest_says_a_word_query_names_a_treaty(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    """``nearest nato`` compared the word 'nato' with every clause and said nothing of the
    North Atlantic Treaty, whose alias it is; the result stays what it was."""
    if cache == "stored":  # the index stored by a first run, opened without the corpus
        monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
        assert runner.invoke(cli, ["nearest", "anzus", "-k", "1"]).exit_code == 0
    out = runner.invoke(cli, ["nearest", "nato", "-k", "3", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    assert "north-atlantic-1949" in out.stderr
    assert "treatycmp nearest nato:1" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert len(json.loads(out.stdout)["neighbours"]) == 3


@pytest.mark.parametrize("query", ["NATO", " seato-1954 "])
def test_nearest_notes_an_id_or_alias_in_any_case(runner: CliRunner, query: str) -> None:
    out = runner.invoke(cli, ["nearest", query, "-k", "1", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    assert "note:" in out.stderr
    assert f"{query.strip()}:" in out.stderr


@pytest.mark.parametrize(
    "query", ["nato treaty", "natoo", "north", "The Parties to this Treaty,", "nato:5"]
)
def test_nearest_says_nothing_of_other_queries(runner: CliRunner, query: str) -> None:
    out = runner.invoke(cli, ["nearest", query, "-k", "1", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    assert "note:" not in out.stderr


# 2. check: an expectation on a document file


def _expect(tmp_path: Path, *lines: str) -> Path:
    spec = tmp_path / "exp.yaml"
    spec.write_text("expectations:\n" + "".join(f"  - {x}\n" for x in lines), encoding="utf-8")
    return spec


@pytest.mark.parametrize(
    "line",
    [
        "{pact}:2 has un-charter-51",
        "{pact}:2 aligns with north-atlantic-1949:5.1",
        "similarity({pact}, us-rok-1953) >= 0.1",
        "no buffer removed between us-rok-1953 and {pact}",
    ],
)
def test_check_names_a_document_and_how_to_import_it(
    runner: CliRunner, pact: Path, tmp_path: Path, line: str
) -> None:
    """Read as treaty YAML, a text named in an expectation was 'exp.yaml:2: is not a
    mapping of fields but <the whole text> ... Fix: start the file with id:'."""
    spec = _expect(tmp_path, line.format(pact=pact))
    out = runner.invoke(cli, ["check", str(spec)])
    assert out.exit_code == 2
    assert out.stderr.startswith(f"treatycmp: error: {spec}:2: '{pact}' is a document")
    assert f"treatycmp import {pact} --id pact -o pact.yaml'" in out.stderr
    assert "mapping" not in out.stderr
    assert "Article" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_check_names_a_bare_document_name_as_a_document(
    runner: CliRunner, pact: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pact.txt:2`` said 'no treaty named pact.txt ... write ./pact.txt', which then
    failed as YAML."""
    monkeypatch.chdir(tmp_path)
    spec = _expect(tmp_path, "pact.txt:2 has un-charter-51")
    out = runner.invoke(cli, ["check", spec.name])
    assert out.exit_code == 2
    assert "'pact.txt' is a document" in out.stderr
    assert "./pact.txt" not in out.stderr


def test_check_puts_a_broken_treaty_file_at_its_own_line(runner: CliRunner, tmp_path: Path) -> None:
    """A problem inside a treaty file an expectation names was blamed on the expectation's
    line ('exp.yaml:2: language '5' ... ('./bad.yaml')'), and 'fix the YAML syntax at that
    line' then pointed at the expectations file."""
    bundled = Path(__file__).parents[1] / "data" / "treaties" / "us-rok-1953.yaml"
    text = bundled.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("\nlanguage: en\n", "\nlanguage: '5'\n"), encoding="utf-8")
    line = text.split("\n").index("language: en") + 1
    spec = _expect(tmp_path, f"{bad}:I has un-charter-51")
    out = runner.invoke(cli, ["check", str(spec)])
    assert out.exit_code == 2
    assert out.stderr.startswith(f"treatycmp: error: {bad}:{line}: language '5'")
    assert f"(named at {spec}:2)" in out.stderr


# 3. two documents that would get one id


def _two_pacts(folder: Path) -> None:
    folder.mkdir()
    (folder / "pact.txt").write_text(PACT, encoding="utf-8")
    (folder / "pact.md").write_text(PACT.replace("Arden", "Corin"), encoding="utf-8")
    (folder / "other.txt").write_text(PACT, encoding="utf-8")


@pytest.mark.parametrize("order", ["folder", "txt-first", "md-first"])
def test_import_refuses_two_documents_of_one_id(
    runner: CliRunner, tmp_path: Path, order: str
) -> None:
    """``pact.txt`` and ``pact.md`` both became ``pact.yaml``: whichever came first was
    imported and the other refused, so the order of the names chose the text."""
    docs = tmp_path / "docs"
    _two_pacts(docs)
    sources = {
        "folder": [str(docs)],
        "txt-first": [str(docs / "pact.txt"), str(docs / "pact.md"), str(docs / "other.txt")],
        "md-first": [str(docs / "pact.md"), str(docs / "pact.txt"), str(docs / "other.txt")],
    }[order]
    out = runner.invoke(cli, ["import", *sources, "-o", str(tmp_path / "out")])
    assert out.exit_code == 2
    errors = [x for x in out.stderr.splitlines() if "error:" in x]
    target = tmp_path / "out" / "pact.yaml"
    assert errors == [
        f"treatycmp: error: {docs / 'pact.md'}: would be written as {target}, as would "
        f"{docs / 'pact.txt'}: none of them is imported. Fix: rename all but one, "
        "or import each alone with -o FILE."
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["other.yaml"]


def test_a_folder_import_reads_upper_case_suffixes(runner: CliRunner, tmp_path: Path) -> None:
    """``TREATY.PDF`` or ``Pact.TXT`` in a folder was left out without a word."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "Pact.TXT").write_text(PACT, encoding="utf-8")
    out = runner.invoke(cli, ["import", str(docs), "-o", str(tmp_path / "out")])
    assert out.exit_code == 0, out.stderr
    assert (tmp_path / "out" / "pact.yaml").is_file()


def test_validate_refuses_two_files_of_one_id(runner: CliRunner, tmp_path: Path) -> None:
    """Each file was valid alone ('2 file(s) valid.', exit 0), but the folder as a corpus
    was refused: 'id ... is also used by'."""
    folder = tmp_path / "mine"
    folder.mkdir()
    bundled = Path(__file__).parents[1] / "data" / "treaties" / "us-rok-1953.yaml"
    for name in ("a.yaml", "b.yml"):
        (folder / name).write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    out = runner.invoke(cli, ["validate", str(folder)])
    assert out.exit_code == 2
    assert f"{folder / 'b.yml'}: id 'us-rok-1953' is also used by {folder / 'a.yaml'}" in (
        out.stdout
    )
    listed = runner.invoke(cli, ["list", "--corpus", str(folder)])
    assert listed.exit_code == 2  # what validate now says first


# 4. completion


def complete(words: str) -> list[str]:
    env = {"_TREATYCMP_COMPLETE": "bash_complete", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    result = CliRunner(env=env).invoke(cli, [], prog_name="treatycmp")
    return result.stdout.splitlines()


def test_fail_on_completes_its_kinds() -> None:
    assert complete("treatycmp diff a b --fail-on rem") == [
        "plain,removed",
        "plain,removed-buffer",
        "plain,removed-intensifier",
        "plain,removed-trigger",
        "plain,removed-condition",
        "plain,removed-modality",
    ]


def test_fail_on_completes_the_last_kind_of_a_list() -> None:
    found = complete("treatycmp diff a b --fail-on removed-buffer,added-b")
    assert found == ["plain,removed-buffer,added-buffer"]
    assert "plain,removed-buffer,removed-buffer" not in complete(
        "treatycmp diff a b --fail-on removed-buffer,"
    )


@pytest.mark.parametrize(
    "words",
    ["treatycmp show ./pa", "treatycmp diff ../x", "treatycmp buffers ~/t", "treatycmp show d/p"],
)
def test_a_path_completes_as_a_file(words: str) -> None:
    """``show ./pa<TAB>`` offered nothing: a treaty argument also takes a file."""
    assert complete(words) == [f"file,{words.split()[-1]}"]


def test_a_treaty_word_completes_ids_and_files() -> None:
    found = complete("treatycmp show north-atl")
    assert found[0] == "file,north-atl"  # first: bash then offers files only if no id matches
    assert found[1:] == ["plain,north-atlantic-1949"]
    assert complete("treatycmp show nato:5") == ["plain,nato:5"]


# 5. the trial


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["dif", "nato", "seato"], "No such command 'dif'. Did you mean 'diff'? Fix: see"),
        (["diff", "nato", "seato", "--layot", "x"], "Did you mean '--layout'? Fix: see"),
    ],
)
def test_a_suggestion_ends_its_sentence_once(
    runner: CliRunner, args: list[str], suggestion: str
) -> None:
    """click's 'Did you mean ...?' was followed by a full stop: '...'diff'?. Fix: ...'."""
    out = runner.invoke(cli, args)
    assert out.exit_code == 2
    assert suggestion in out.stderr
    assert "?." not in out.stderr


@pytest.mark.parametrize(
    ("name", "example"),
    [
        ("arden-brill.txt", "--id arden-brill."),
        ("Traité de Rome (1957).txt", "--id traite-de-rome-1957."),
    ],
)
def test_import_without_an_id_suggests_the_file_s_own(
    runner: CliRunner, tmp_path: Path, name: str, example: str
) -> None:
    """The fix was '--id my-treaty-2025' for every file; a folder import names each
    document's treaty from its file name, and the example is now that name."""
    src = tmp_path / name
    src.write_text(PACT, encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src)])
    assert out.exit_code == 2
    assert out.stderr.rstrip().endswith(f"Fix: pass --id, e.g. {example}")
    piped = runner.invoke(cli, ["import", "-"], input=PACT)
    assert piped.stderr.rstrip().endswith("e.g. --id my-treaty-2025.")


def test_a_corpus_document_is_refused_as_a_document(runner: CliRunner, pact: Path) -> None:
    """``--corpus draft.txt`` was read as YAML: 'pact.txt:4: is not valid YAML ... fix the
    YAML syntax at that line', which asks for the treaty text to be edited."""
    out = runner.invoke(cli, ["list", "--corpus", str(pact)])
    assert out.exit_code == 2
    assert out.stderr == (
        f"treatycmp: error: {pact}: is a document, not a treaty YAML file (--corpus reads "
        f"treaty YAML). Fix: import it first ('treatycmp import {pact} --id pact -o "
        "pact.yaml') and give that file.\n"
    )


def test_a_corpus_folder_of_documents_only_is_refused(
    runner: CliRunner, pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of .txt as a corpus was read as empty without a word: the user's treaty
    was then 'no treaty named pact', though it was in the folder given."""
    monkeypatch.setenv("TREATYCMP_CORPUS", str(pact.parent))
    out = runner.invoke(cli, ["show", "pact"])
    assert out.exit_code == 2
    assert f"{pact.parent}: holds no treaty YAML but 1 document(s) such as {pact}" in out.stderr
    assert f"'treatycmp import {pact.parent} -o treaties/'" in out.stderr


def test_an_empty_corpus_folder_is_still_a_corpus(runner: CliRunner, tmp_path: Path) -> None:
    out = runner.invoke(cli, ["list", "--corpus", str(tmp_path), "-f", "json"])
    assert out.exit_code == 0, out.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("corpus: [.]\nexpectations:\n  - nato:5 has discretion\n", "is an expectations file"),
        ("rules:\n  - id: x\n    category: buffer\n", "is a rules file"),
    ],
)
def test_another_kind_of_yaml_in_a_corpus_folder_is_one_line(
    runner: CliRunner, tmp_path: Path, text: str, said: str
) -> None:
    """A second expectations file (or a rules file not named) in a ``corpus: [.]`` folder
    was read as a treaty: eight lines of unknown keys and missing 'id', 'title', ..."""
    spec = _expect(tmp_path, "north-atlantic-1949:5.1 has discretion")
    spec.write_text("corpus: [.]\n" + spec.read_text(encoding="utf-8"), encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(text, encoding="utf-8")
    out = runner.invoke(cli, ["check", str(spec)])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        f"treatycmp: error: {other}: {said}, not a treaty file. Fix: "
        + out.stderr.split("Fix: ", 1)[1].rstrip("\n")
    ]
    assert "keep it out of corpus folders" in out.stderr


def test_fail_on_completes_no_list_in_fish() -> None:
    """click's fish script splits each completion at every comma: 'removed-buffer,add'
    would complete to 'removed-buffer' and replace what was typed."""

    def fish(words: str, current: str) -> list[str]:
        env = {"_TREATYCMP_COMPLETE": "fish_complete", "COMP_WORDS": words}
        env["COMP_CWORD"] = current
        out = CliRunner(env=env).invoke(cli, [], prog_name="treatycmp").stdout
        return [line for line in out.splitlines() if line]

    assert "plain,removed-buffer" in fish("treatycmp diff a b --fail-on rem", "rem")
    assert fish("treatycmp diff a b --fail-on removed-buffer,add", "removed-buffer,add") == []

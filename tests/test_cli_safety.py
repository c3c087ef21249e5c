"""Nothing the user had is lost: -o spares inputs and special files; files hold no escapes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.corpus import bundled_paths


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_output_may_not_overwrite_an_input(runner: CliRunner, tmp_path: Path) -> None:
    (nato,) = [p for p in bundled_paths() if p.stem == "north-atlantic-1949"]
    mine = tmp_path / "mine.yaml"
    shutil.copy(nato, mine)
    before = mine.read_bytes()
    code, _, err = run(runner, "diff", str(mine), "us-rok", "-o", str(mine), "--force")
    assert code == 2
    assert "is one of this command's inputs" in err
    assert mine.read_bytes() == before
    code, _, err = run(runner, "show", str(mine), "-o", str(mine), "--force")
    assert code == 2
    assert mine.read_bytes() == before


def test_output_may_not_overwrite_a_corpus_file(runner: CliRunner, tmp_path: Path) -> None:
    (nato,) = [p for p in bundled_paths() if p.stem == "north-atlantic-1949"]
    folder = tmp_path / "corpus"
    folder.mkdir()
    mine = folder / "nato-copy.yaml"
    mine.write_text(
        nato.read_text("utf-8").replace("id: north-atlantic-1949", "id: nato-copy"), "utf-8"
    )
    before = mine.read_bytes()
    code, _, err = run(
        runner, "matrix", "--corpus", str(folder), "-f", "csv", "-o", str(mine), "--force"
    )
    assert code == 2
    assert "is one of this command's inputs" in err
    assert mine.read_bytes() == before


def test_special_files_are_written_in_place(runner: CliRunner) -> None:
    code, out, err = run(runner, "list", "-f", "json", "-o", "/dev/null")
    assert code == 0, err
    assert out == ""
    assert Path("/dev/null").is_char_device()


def test_unwritable_output_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(runner, "list", "-f", "json", "-o", str(folder / "x.json"))
    finally:
        folder.chmod(0o700)
    if code == 0:  # root writes anywhere: nothing to check here
        return
    assert code == 2
    assert "cannot be written" in err
    assert "Traceback" not in err


def test_colour_never_reaches_a_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "diff.txt"
    code, _, _ = run(
        runner,
        "diff",
        "ussr-dprk-1961@ko",
        "dprk-russia-2024@ko",
        "--color",
        "always",
        "-o",
        str(out),
    )
    assert code == 1
    assert "\x1b[" not in out.read_text("utf-8")


def test_nearest_accepts_a_whole_article(runner: CliRunner) -> None:
    code, out, err = run(runner, "nearest", "nato:5", "-k", "3", "-f", "json")
    assert code == 0, err
    found = json.loads(out)["neighbours"]
    assert all(
        not (n["treaty"] == "north-atlantic-1949" and n["clause"].startswith("5.")) for n in found
    )


def test_bidi_overrides_are_spelled_out(runner: CliRunner, tmp_path: Path) -> None:
    (nato,) = [p for p in bundled_paths() if p.stem == "north-atlantic-1949"]
    text = nato.read_text("utf-8").replace("id: north-atlantic-1949", "id: bidi-1949")
    text = text.replace(
        "The Parties will consult together", "The Parties \u202eetlusnoc lliw\u202c"
    )
    (tmp_path / "bidi.yaml").write_text(text, "utf-8")
    code, out, _ = run(runner, "show", "bidi-1949", "--article", "4", "--corpus", str(tmp_path))
    assert code == 0
    assert "\u202e" not in out
    assert "\\u202e" in out

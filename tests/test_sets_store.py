"""``matrix`` from the shingle sets stored for a corpus state: the same answers as
making them, and a new state (an edited file) never reads the old sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.corpus import bundled_paths

CASES = (
    ("-f", "json"),
    ("--renderings", "-f", "csv"),
    ("north-atlantic-1949", "anzus-1951", "ussr-dprk-1961", "-f", "json"),
    ("--top-k", "3", "-f", "json"),
    ("--level", "article", "--top-k", "2", "-f", "csv"),
)


def _run(runner: CliRunner, args: tuple[str, ...], *extra: str) -> str:
    result = runner.invoke(cli, ["matrix", *args, *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_stored_sets_give_the_matrix_made_without_them(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = {args: _run(runner, args) for args in CASES}  # caching off (conftest)
    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    for args in CASES:
        assert _run(runner, args) == made[args]  # first: made, then stored
        assert _run(runner, args) == made[args]  # then: read from the store
    assert len(list((tmp_path / "cache" / "shingles").iterdir())) == 2  # two levels


def test_an_edited_corpus_file_is_a_new_state(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    source = next(p for p in bundled_paths() if p.name.startswith("anzus-1951"))
    copy = folder / "mine.yaml"
    text = source.read_text(encoding="utf-8").replace("id: anzus-1951", "id: mine", 1)
    copy.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    args = ("mine", "anzus-1951", "--corpus", str(folder), "-f", "json")
    first = _run(runner, args)
    assert '"scores": [\n    [\n      1.0,\n      1.0' in first
    copy.write_text(text.replace("Pacific", "Atlantic"), encoding="utf-8")
    second = _run(runner, args)
    monkeypatch.setenv("TREATYCMP_CACHE", "off")
    assert second == _run(runner, args) != first


@pytest.mark.parametrize("damage", ["flip", "truncate", "meta"])
def test_damaged_stored_sets_are_rebuilt(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    args = ("-f", "json")
    made = _run(runner, args)
    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    assert _run(runner, args) == made
    (stored,) = (tmp_path / "cache" / "shingles").iterdir()
    hashes = stored / "hashes.npy"
    if damage == "flip":
        data = bytearray(hashes.read_bytes())
        data[-3] ^= 0x55
        hashes.write_bytes(bytes(data))
    elif damage == "truncate":
        hashes.write_bytes(hashes.read_bytes()[:-800])
    else:
        meta = stored / "meta.json"
        meta.write_text(meta.read_text().replace('"main": true', '"main": false', 1))
    assert _run(runner, args) == made
    assert _run(runner, args) == made  # stored again, and read

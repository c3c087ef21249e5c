"""scripts/open_treaties.py: open-treaties JSON -> treaty files that load and keep the words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _open_treaties import converter, require_data

from treatycmp.formats.treaty_yaml import load_treaty


def test_every_treaty_converts_to_files_that_load(tmp_path: Path) -> None:
    data = require_data()
    ot = converter()
    written = ot.write_corpus(tmp_path, [], data)
    assert len(written) == 2 * len(list(data.glob("*.json"))) == 56
    for path in written:
        treaty = load_treaty(path)
        raw = json.loads((data / f"{treaty.id.removeprefix('ot-').split('@')[0]}.json").read_text())
        english = treaty.language == "en"
        assert len(treaty.article_list) == len(raw["articles"])
        assert treaty.rendering_of == (None if english else treaty.id.split("@")[0])
        field = "content_en" if english else "content_zh"
        for article, entry in zip(treaty.article_list, raw["articles"], strict=True):
            words = [p.text for p in article.paragraphs if not p.is_gap]
            assert words == ot.lines(entry[field])
        assert "open-treaties" in (treaty.source.citation or "")


def test_article_numbers_follow_the_dataset(tmp_path: Path) -> None:
    require_data()
    ot = converter()
    ot.write_corpus(tmp_path, ["rome-statute", "unclos"])
    rome = load_treaty(tmp_path / "ot-rome-statute.yaml")
    assert [a.number for a in rome.article_list][7:10] == ["8", "8bis", "9"]
    unclos = load_treaty(tmp_path / "ot-unclos_at_zh.yaml")
    assert [a.number for a in unclos.article_list][-1] == "320"
    assert len({a.number for a in unclos.article_list}) == 320


def test_main_refuses_unknown_keys_and_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ot = converter()
    assert ot.main([str(tmp_path / "out"), "--data", str(tmp_path / "nowhere")]) == 2
    assert "no open-treaties data folder" in capsys.readouterr().err
    data = str(require_data())
    assert ot.main([str(tmp_path / "out"), "no-such-treaty", "--data", data]) == 2
    assert "no data for no-such-treaty" in capsys.readouterr().err
    assert ot.main([str(tmp_path / "out"), "gc-i", "--data", data]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "ot-gc-i.yaml",
        "ot-gc-i_at_zh.yaml",
    ]

"""The parse cache: hits give the same treaty, edits and corruption are never served stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_loading import VALID

from treatycmp.cache import cache_dir, load_treaty_cached
from treatycmp.corpus import Corpus, bundled_paths


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TREATYCMP_CACHE", str(folder))
    return folder


def test_second_load_comes_from_the_cache(tmp_path: Path, cache: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "t.yaml").write_text(VALID, encoding="utf-8")
    first = Corpus.load([corpus_dir], env={}).get("test-treaty-2000")
    entries = list(cache.glob("*.pickle"))
    bundled = len(bundled_paths())
    assert len(entries) == bundled + 1  # the bundled treaties are cached too
    second = Corpus.load([corpus_dir], env={}).get("test-treaty-2000")
    assert second == first
    assert len(list(cache.glob("*.pickle"))) == bundled + 1


def test_an_edited_file_is_parsed_again(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_treaty_cached(path, cache).title == "Test Treaty"
    path.write_text(VALID.replace("title: Test Treaty", "title: Edited Treaty!"), "utf-8")
    assert load_treaty_cached(path, cache).title == "Edited Treaty!"


def test_a_corrupt_entry_is_rebuilt(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(VALID, encoding="utf-8")
    load_treaty_cached(path, cache)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_treaty_cached(path, cache).id == "test-treaty-2000"


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(VALID, encoding="utf-8")
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    assert load_treaty_cached(path, blocker / "cache").id == "test-treaty-2000"


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYCMP_CACHE", "off")
    assert cache_dir() is None
    monkeypatch.delenv("TREATYCMP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache_dir() == Path("/somewhere/treatycmp")

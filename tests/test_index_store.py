"""The stored nearest index: answers as a fresh one, is reused, and is dropped on any edit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.corpus import Corpus, bundled_paths
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.similarity import store as index_store
from treatycmp.similarity.columns import ClauseColumns
from treatycmp.similarity.nearest import ClauseIndex


def _stored_copy(index: ClauseIndex, tmp_path: Path) -> ClauseIndex:
    """``index`` saved to disk and opened again, as a later run would."""
    corpus = Corpus.load(env={})
    index_store.save(tmp_path, "k", index, corpus.treaties, set())
    stored = index_store.load(tmp_path, "k")
    assert stored is not None
    return stored.index


@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_stored_index_answers_as_the_built_one(
    corpus: Corpus, tmp_path: Path, level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import treatycmp.similarity.shortlist as sim

    monkeypatch.setattr(sim, "_CANDIDATES", 20)  # exercise the shortlist on a small corpus
    built = ClauseIndex.build(corpus.treaties, level=level)  # type: ignore[arg-type]
    stored = _stored_copy(built, tmp_path / level)
    assert len(stored) == len(built)
    for tid, clause in built.entries[::7]:
        assert stored.nearest_to(tid, clause.id, 5) == built.nearest_to(tid, clause.id, 5)
        assert stored.nearest_to(tid, clause.id, 3, other_treaties=True) == built.nearest_to(
            tid, clause.id, 3, other_treaties=True
        )
    query = "in accordance with its constitutional processes"
    assert stored.nearest(query, 7, exact=True) == built.nearest(query, 7, exact=True)
    assert stored.nearest(query, 7, min_score=0.5) == built.nearest(query, 7, min_score=0.5)
    assert stored.entries == built.entries


def test_columns_round_trip_every_clause_field(corpus: Corpus) -> None:
    built = ClauseIndex.build(corpus.treaties, level="paragraph")
    reopened = ClauseIndex.from_columns(ClauseColumns(built.columns().arrays))
    assert reopened.entries == built.entries
    assert any(c.partial for _, c in built.entries)
    assert any(c.article is None for _, c in built.entries)


def _corpus_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("ussr-dprk-1961.yaml", "dprk-russia-2024.yaml"):
        source = next(p for p in bundled_paths() if p.name == name)
        text = source.read_text(encoding="utf-8").replace(
            f"id: {name.removesuffix('.yaml')}", f"id: copy-{name.removesuffix('.yaml')}", 1
        )
        (folder / f"copy-{name}").write_text(text, encoding="utf-8")
    return folder


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, ["nearest", *args, "-f", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_cli_reuses_the_stored_index_until_a_file_changes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus_copy(tmp_path)
    cache = tmp_path / "cache"
    query = ("copy-dprk-russia-2024:4", "--corpus", str(folder), "-k", "4")
    monkeypatch.setenv("TREATYCMP_CACHE", "off")
    fresh = _run(runner, *query)
    fresh_text = _run(runner, "armed attack", "--corpus", str(folder))
    monkeypatch.setenv("TREATYCMP_CACHE", str(cache))
    assert _run(runner, *query) == fresh  # builds and stores
    assert len(list((cache / "nearest").iterdir())) == 1

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the corpus was loaded although the index was stored")

    with monkeypatch.context() as m:
        m.setattr(Corpus, "load", no_loading)
        assert _run(runner, *query) == fresh  # from the stored index alone
        assert _run(runner, "armed attack", "--corpus", str(folder)) == fresh_text

    # An edit that keeps the size and the modification time is still seen.
    target = folder / "copy-dprk-russia-2024.yaml"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    words = load_treaty(target).clauses()[-1].text.split()
    word = next(w for w in words if w.isalpha() and len(w) > 5 and text.count(w) == 1)
    edited = text.replace(word, word[:2] + "atXa" + word[6:], 1)
    assert edited != text
    assert len(edited) == len(text)
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    changed = next(c for c in load_treaty(target).clauses() if "atXa" in c.text)
    after = _run(runner, changed.text, "--corpus", str(folder), "-k", "1")
    assert "copy-dprk-russia-2024" in after, after
    assert "atXa" in after
    assert len(list((cache / "nearest").iterdir())) == 2


def test_a_damaged_stored_index_is_rebuilt(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TREATYCMP_CACHE", str(cache))
    first = _run(runner, "nato:5", "-k", "3")
    (stored,) = (cache / "nearest").iterdir()
    (stored / "codes.npy").write_bytes(b"not numpy")
    assert _run(runner, "nato:5", "-k", "3") == first
    shutil.rmtree(cache)
    assert _run(runner, "nato:5", "-k", "3") == first


def test_resolve_paths_is_path_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from treatycmp.corpus import resolve_paths

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    (real / "b.yaml").symlink_to(real / "a.yaml")
    (real / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    monkeypatch.chdir(real)
    paths: list[str | Path] = [
        real / "a.yaml",
        tmp_path / "link" / "a.yaml",
        tmp_path / "link" / "b.yaml",
        real / "dangling.yaml",
        real / "missing.yaml",
        tmp_path / "link" / "sub" / "..",
        tmp_path / "link" / "sub" / ".." / "a.yaml",
        Path("a.yaml"),
        Path("sub/../b.yaml"),
        Path("."),
        str(tmp_path / "link" / "sub"),
        real / ("a" * 300 + ".yaml"),
    ]
    assert resolve_paths(paths) == [Path(p).resolve() for p in paths]

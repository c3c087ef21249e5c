"""Shingle sets stored by ``import`` beside the files (``similarity.sidecar``): the same
sets, names and problems as loading the corpus; no file with an entry is parsed; an
edited, damaged or other-code entry is passed over."""

from __future__ import annotations

import json
import os
import shutil
import threading
import zlib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from treatycmp import cache
from treatycmp.cli import cli
from treatycmp.corpus import Corpus, bundled_paths, corpus_files
from treatycmp.errors import TreatyFileError
from treatycmp.formats import inputs
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.similarity import sets_store, sidecar


def _user_corpus(tmp_path: Path, stored: bool = True) -> Path:
    """Every bundled file copied into a user folder (each replaces its bundled text),
    with its entry written as ``import`` writes it."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in bundled_paths():
        target = folder / source.name
        shutil.copyfile(source, target)
        if stored:
            assert sidecar.write(target, load_treaty(target))
    return folder


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file the builder loads (parses or reads from the parse cache)."""
    seen: list[Path] = []
    real = cache.load_treaty_cached

    def counted(path: Path, folder: Path | None) -> object:
        seen.append(path)
        return real(path, folder)

    monkeypatch.setattr(cache, "load_treaty_cached", counted)
    return seen


def _assert_same(a: sets_store.StoredSets, b: sets_store.StoredSets) -> None:
    assert (a.ids, a.aliases, a.main) == (b.ids, b.aliases, b.main)
    assert np.array_equal(a.starts, b.starts)
    assert np.array_equal(a.hashes, b.hashes)


def _built(folder: Path) -> sets_store.StoredSets:
    files, user = corpus_files([folder], env={})
    return sets_store.build_from_files(files, user, "paragraph")


def test_stored_sets_equal_loading_and_no_user_file_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _user_corpus(tmp_path)
    reference = sets_store.build(Corpus.load([folder], env={}).treaties, "paragraph")
    loads = _loads(monkeypatch)
    _assert_same(_built(folder), reference)
    # Work count: only the bundled files (no entries beside them) are loaded.
    assert loads == bundled_paths()
    assert len(list((folder / sidecar.FOLDER).iterdir())) == len(bundled_paths())


def test_without_entries_every_file_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _user_corpus(tmp_path, stored=False)
    reference = sets_store.build(Corpus.load([folder], env={}).treaties, "paragraph")
    loads = _loads(monkeypatch)
    reads: list[Path] = []
    real_read = inputs.read_input

    def counted_read(
        path: str | os.PathLike[str], *, limit: int | None = None, what: str = "file"
    ) -> bytes:
        reads.append(Path(path))
        return real_read(path, limit=limit, what=what)

    monkeypatch.setattr(inputs, "read_input", counted_read)
    _assert_same(_built(folder), reference)
    assert len(loads) == 2 * len(bundled_paths())
    # Work count: with no stored sets in a folder, no file's bytes are read for an
    # entry before its loading reads them.
    assert reads == []


@pytest.mark.parametrize("damage", ["edit", "payload", "header", "stamp", "empty", "fifo"])
def test_a_stale_or_damaged_entry_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    folder = _user_corpus(tmp_path)
    victim = folder / bundled_paths()[3].name
    entry = sidecar.entry_path(victim, victim.read_bytes())
    raw = entry.read_bytes()
    if damage == "edit":  # other bytes, other digest (a comment: the words stay as they are)
        victim.write_bytes(victim.read_bytes() + b"# edited\n")
    elif damage == "payload":
        entry.write_bytes(raw[:-8] + bytes(8 - i for i in range(8)))
    elif damage == "header":
        entry.write_bytes(b"{not json" + raw[raw.index(b"\n") :])
    elif damage == "stamp":
        monkeypatch.setattr(sidecar, "stamp", lambda: "other code")
    elif damage == "fifo":  # refused unread (reading one would wait for a writer)
        entry.unlink()
        os.mkfifo(entry)
    else:
        entry.write_bytes(b"")
    reference = sets_store.build(Corpus.load([folder], env={}).treaties, "paragraph")
    loads = _loads(monkeypatch)
    _assert_same(_built(folder), reference)
    expected = len(bundled_paths()) * (2 if damage == "stamp" else 1) + (damage != "stamp")
    assert len(loads) == expected
    assert (victim in loads) is True


def test_twice_the_same_id_is_the_problem_loading_reports(tmp_path: Path) -> None:
    folder = _user_corpus(tmp_path)
    first = folder / bundled_paths()[0].name
    twin = folder / "twin.yaml"
    shutil.copyfile(first, twin)
    assert sidecar.write(twin, load_treaty(twin))
    with pytest.raises(TreatyFileError) as loading:
        Corpus.load([folder], env={})
    with pytest.raises(TreatyFileError) as stored:
        _built(folder)
    assert [p.message for p in stored.value.problems] == [p.message for p in loading.value.problems]
    assert "is also used by" in stored.value.problems[0].message


def test_import_stores_sets_matrix_reads_them_same_answers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tota_xml: Path
) -> None:
    src = tmp_path / "xml"
    src.mkdir()
    for n in (1, 2, 3, 5, 8):
        shutil.copyfile(tota_xml / f"pta_{n}.xml", src / f"pta_{n}.xml")
    out = tmp_path / "yaml"
    result = runner.invoke(cli, ["import", "--from", "tota", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(list((out / sidecar.FOLDER).glob("*.sets"))) == 5
    args = ["matrix", "--corpus", str(out), "--renderings", "-f", "csv"]
    made = runner.invoke(cli, args, catch_exceptions=False).stdout  # caching off: loads all
    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    loads = _loads(monkeypatch)
    assert runner.invoke(cli, args, catch_exceptions=False).stdout == made
    assert not [p for p in loads if p.parent == out]  # no imported file parsed
    assert list((out / sidecar.FOLDER).glob("*.sets"))  # matrix wrote nothing there
    assert len(list((out / sidecar.FOLDER).iterdir())) == 5


def _rewritten(entry: Path, change: str) -> None:
    """The entry with its header or payload changed as a hand (or another program) could,
    the payload's checksum made to match."""
    raw = entry.read_bytes()
    end = raw.index(b"\n")
    header = json.loads(raw[:end])
    payload = raw[end + 1 + (-(end + 1) % 8) :]
    if change == "deep":  # within the size limit, deeper than the JSON reader recurses
        entry.write_bytes(b"[" * 50_000 + b"\n")
        return
    if change in ("unsorted", "repeated"):
        hashes = np.frombuffer(payload, dtype="<u8").copy()
        hashes = hashes[::-1] if change == "unsorted" else np.full_like(hashes, hashes[0])
        payload = hashes.tobytes()
        header["crc"] = zlib.crc32(payload)
    else:
        field, value = {
            "count": ("count", float("inf")),
            "aliases": ("aliases", "abc"),
            "id": ("id", 7),
            "main": ("main", "no"),
        }[change]
        header[field] = value
    head = json.dumps(header).encode("ascii") + b"\n"
    entry.write_bytes(head + b" " * (-len(head) % 8) + payload)


@pytest.mark.parametrize(
    "change", ["deep", "count", "aliases", "id", "main", "unsorted", "repeated"]
)
def test_an_entry_not_as_import_writes_it_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    # A header too deep for the JSON reader, an infinite count (a traceback before), an
    # alias list that is a string (read as one alias a letter), an id or kind of another
    # type, or hashes not sorted and distinct (a set of one shingle scored 0 against
    # every treaty): read as the file, never served.
    folder = _user_corpus(tmp_path)
    victim = folder / bundled_paths()[3].name
    _rewritten(sidecar.entry_path(victim, victim.read_bytes()), change)
    assert sidecar.read(victim, victim.read_bytes(), sidecar.stamp()) is None
    reference = sets_store.build(Corpus.load([folder], env={}).treaties, "paragraph")
    loads = _loads(monkeypatch)
    _assert_same(_built(folder), reference)
    assert victim in loads


def test_no_entry_is_written_for_an_output_that_is_not_a_regular_file(tmp_path: Path) -> None:
    # ``import --from tota X.xml -o FIFO`` (or a process substitution, a pipe) wrote the
    # YAML into it, then opened it again to read the bytes back for the entry's name:
    # the import hung there for good. Nothing sits beside a pipe; no entry is written.
    fifo = tmp_path / "t.yaml"
    os.mkfifo(fifo)
    treaty = load_treaty(bundled_paths()[0])
    done: list[bool] = []
    worker = threading.Thread(target=lambda: done.append(sidecar.write(fifo, treaty)), daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # blocked on the FIFO: let it go, so the test reports
        with open(fifo, "wb"):
            pass
        worker.join(30)
    assert done == [False]
    assert not (tmp_path / sidecar.FOLDER).exists()

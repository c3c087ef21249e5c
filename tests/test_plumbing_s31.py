"""Issue 22 (branch s31-speed): the TPP diff's plumbing, each saving the same answer as
the code it replaced, its work counted, never timed."""

from __future__ import annotations

import gc
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import treatycmp.rules.match as match
from treatycmp.align.lexical import _summed, words
from treatycmp.cli import GC_FIRST_THRESHOLD, cli, run
from treatycmp.cli import main as cli_main
from treatycmp.corpus import Corpus
from treatycmp.formats.treaty_writer import treaty_to_yaml
from treatycmp.text import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import synth_pair  # type: ignore[import-not-found]


def _summed_reference(counts: list[Counter[str]], ks: list[int]) -> Counter[str]:
    out: Counter[str] = Counter()
    for k in ks:
        out.update(counts[k])
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcdefg"), max_size=8), min_size=1, max_size=6),
    st.data(),
)
def test_summed_counts_are_counter_update_s(texts: list[list[str]], data: st.DataObject) -> None:
    counts = [Counter(t) for t in texts]
    ks = data.draw(st.lists(st.integers(0, len(counts) - 1), max_size=8))
    got = _summed(counts, ks)
    want = _summed_reference(counts, ks)
    assert type(got) is Counter
    assert list(got.items()) == list(want.items())  # same keys, same order, same counts


def test_summed_adds_no_key_in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work counted: joining the bundled English articles' paragraph counts never calls
    ``Counter.update`` (its key-by-key loop in Python), and gives its counts and order."""
    paragraphs = [
        Counter(words(normalize(x)))
        for t in Corpus.load(env={}).treaties
        if t.language == "en"
        for c in t.clauses("paragraph")
        for x in c.text.split("\n")
    ]
    runs = [list(range(k, min(k + 5, len(paragraphs)))) for k in range(0, len(paragraphs), 5)]
    want = [_summed_reference(paragraphs, r) for r in runs]
    calls: list[object] = []
    real = Counter.update

    def counted(self: Counter[str], iterable: Counter[str] | None = None, /) -> None:
        if iterable is not None:  # ``Counter()`` itself calls ``update(None)``
            calls.append(iterable)
        real(self, iterable)

    monkeypatch.setattr(Counter, "update", counted)
    got = [_summed(paragraphs, r) for r in runs]
    assert calls == []
    assert [list(x.items()) for x in got] == [list(x.items()) for x in want]
    assert len(runs) > 50


def test_a_group_asked_again_is_not_searched() -> None:
    """Work counted: the paragraph's memo searches each literal group once (its first
    ask), and answers as ``literal in text`` for each literal."""
    searched: list[tuple[str, ...]] = []
    real = match.group_held

    def counted(group: tuple[str, ...], whole: str) -> bool:
        searched.append(group)
        return real(group, whole)

    held = match._held_in("the parties shall consult")
    groups = [("shall ",), ("armed attack", "the parties"), ("shall ",), ("war",), ("war",)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(match, "group_held", counted)
        got = [held(g) for g in groups]
    assert got == [True, True, True, False, False]
    assert searched == [("shall ",), ("armed attack", "the parties"), ("war",)]
    assert match.group_held((), "x") is False


def _collections_during(call: Callable[[], object]) -> list[int]:
    """The collector's first threshold at each collection during ``call``."""
    counted: list[int] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            counted.append(gc.get_threshold()[0])

    gc.callbacks.append(callback)
    try:
        call()
    finally:
        gc.callbacks.remove(callback)
    return counted


def test_a_command_walks_the_heap_far_less_often(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Work counted: the entry point (console script, ``python -m``) tunes the cyclic
    collector for one short process; a synthetic diff of 120 articles runs with a fifth
    of the default's collections and writes the same JSON. The test process's settings
    are restored."""
    pair = synth_pair(120, seed=5)
    names = []
    for t in (pair.left, pair.right):
        (tmp_path / f"{t.id}.yaml").write_text(treaty_to_yaml(t), encoding="utf-8")
        names.append(str(tmp_path / f"{t.id}.yaml"))
    before = gc.get_threshold()
    args = ["diff", *names, "-f", "json", "--force", "-o"]
    seen: list[tuple[int, int, int]] = []

    def untuned(out: str) -> int:  # what ``main`` runs, without the tuning
        seen.append(gc.get_threshold())
        return run(lambda: cli.main(args=[*args, out], standalone_mode=False))

    try:
        gc.set_threshold(700, 10, 10)  # Python's defaults, whatever ran before
        untuned(str(tmp_path / "warm.json"))  # caches filled, modules imported
        default = _collections_during(lambda: untuned(str(tmp_path / "a.json")))
        tuned = _collections_during(lambda: cli_main([*args, str(tmp_path / "b.json")]))
        assert gc.get_threshold() == (700, 10, 10)  # restored after the run
    finally:
        gc.set_threshold(*before)
    assert seen == [(700, 10, 10)] * 2
    capsys.readouterr()
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert len(default) > 10, default
    assert len(tuned) * 5 <= len(default), (tuned, default)
    # all tuned but, at most, one as the settings are restored at the end of the run
    assert tuned.count(GC_FIRST_THRESHOLD) >= len(tuned) - 1, tuned


def test_the_entry_point_leaves_a_callers_frozen_objects_frozen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A process that froze its objects (a server before it forks) and runs the CLI in
    process keeps them frozen: ``gc.unfreeze`` at the end of a run would thaw every
    object in the permanent generation, the caller's too."""
    held = [[i] for i in range(1000)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert cli_main(["--version"]) == 0
        # still frozen (a few frozen objects the run let go of are freed, not thawed)
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
    capsys.readouterr()
    assert len(held) == 1000

"""The fuzz suite: generated treaty, rule and expectation files through the library and the CLI.

Each input kind is generated five ways: a valid file with fields replaced by any YAML
value (hostile text, wrong types, nulls, deep structures), a valid file's bytes
mutated (flipped, inserted, deleted, truncated), random bytes, deep nesting, and
huge values; text is also written as UTF-16, with a BOM or as Latin-1. Whatever the
file holds, treatycmp must:

- raise nothing but ``TreatycmpError`` from the library, and give exit code 0, 1 or 2
  from the CLI, never a traceback;
- finish (a per-example alarm turns a hang into a failure);
- report each problem on one line that names the file;
- let no raw control, bidi or invisible character out (tests/_hostile_files.py).

Each input kind x way of making a file is one test with its share of the examples.
The fast tier runs in the default test run (24 files per kind); the slow tier is
marked ``slow`` and deselected by default (``TREATYCMP_FUZZ_EXAMPLES`` per kind)::

    TREATYCMP_FUZZ_EXAMPLES=2000 TREATYCMP_FUZZ_LOG=fuzz.json pytest -m slow tests/test_fuzz.py

Its figures are in docs/robustness.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
from collections import Counter
from collections.abc import Callable, Iterator
from encodings.aliases import aliases
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import yaml
from _hostile_files import HOSTILE, hostile_expectations, hostile_rules, raw_characters
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_loading import VALID

from treatycmp.cli import cli
from treatycmp.errors import TreatycmpError, TreatyFileError
from treatycmp.formats.expectations_file import load_expectations
from treatycmp.formats.treaty_yaml import check_file
from treatycmp.rules.load import load_rules
from treatycmp.rules.match import find_rules

FAST_EXAMPLES = 4  # per way of making a file: 24 files per input kind
SLOW_EXAMPLES = int(os.environ.get("TREATYCMP_FUZZ_EXAMPLES", "2000"))
# Seconds one generated file may take through the library and the CLI (three parses)
# before it counts as a hang: loading is linear, about 6 s per MB of dense YAML (a
# 3 MB list of 750,000 entries) on the shared machine, so the limit grows with size.
HANG_SECONDS = 30
HANG_SECONDS_PER_MB = 30

STATS: Counter[str] = Counter()


class Hang(Exception):
    """A generated file took longer than ``HANG_SECONDS``."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def fire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module", autouse=True)
def fuzz_log() -> Iterator[None]:
    """With $TREATYCMP_FUZZ_LOG, write how many files of each kind ran, and the outcomes."""
    yield
    target = os.environ.get("TREATYCMP_FUZZ_LOG")
    if target:
        Path(target).write_text(json.dumps(dict(sorted(STATS.items())), indent=2) + "\n")


# --- strategies -------------------------------------------------------------------

HOSTILE_ALPHABET = st.sampled_from(
    [
        *"aZ 09.,:;-'\"[]{}|*_`<>&!#%@\\/\n\t\r",
        *("\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u00ad", "\u061c", "\u200b"),
        *("\u200d", "\u200e", "\u202e", "\u2066", "\u2028", "\ufeff", "한", "я", "\U0001f600"),
    ]
)
SPECIAL_SCALARS = st.sampled_from(
    [
        HOSTILE,
        "",
        " ",
        "null",
        "~",
        "yes",
        "no",
        "0x1F",
        "0b101",
        "190:20:30",
        "1961-02-30",
        "2024-13-01",
        "0000-00-00",
        ".inf",
        "-.nan",
        "9" * 5000,
        "x\nforged.yaml:1: all good",
        "<script>alert(1)</script>",
        "*alias",
        "&anchor",
        "!!python/object:os.system",
        "%YAML 1.1",
        "---",
    ]
)


def scalars(big: bool) -> st.SearchStrategy[Any]:
    huge = st.integers(1, 5_000_000 if big else 200_000).map(lambda n: "W" * n)
    return st.one_of(
        st.text(HOSTILE_ALPHABET, max_size=60),
        st.text(max_size=30),
        SPECIAL_SCALARS,
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        huge if big else st.just("W" * 1000),
    )


def values(big: bool) -> st.SearchStrategy[Any]:
    keys = st.one_of(st.text(HOSTILE_ALPHABET, max_size=12), SPECIAL_SCALARS, st.integers())
    return st.recursive(
        scalars(big),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(keys.map(str), inner, max_size=4)
        ),
        max_leaves=12,
    )


def paths_in(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a nested document where a value could be replaced."""
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths_in(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths_in(v, (*prefix, i))
    return out


def replaced(doc: Any, path: tuple[Any, ...], value: Any, delete: bool) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        copy = dict(doc)
        if delete and not rest:
            copy.pop(head, None)
        else:
            copy[head] = replaced(doc[head], rest, value, delete)
        return copy
    copy_list = list(doc)
    if delete and not rest:
        del copy_list[head]
    else:
        copy_list[head] = replaced(doc[head], rest, value, delete)
    return copy_list


@st.composite
def mutated_documents(draw: st.DrawFn, base: Any, big: bool) -> Any:
    """``base`` with one to four places replaced by any value, or deleted, or added to."""
    doc = base
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(paths_in(doc)))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "add" and isinstance(doc, dict):
            doc = dict(doc, **{draw(st.text(HOSTILE_ALPHABET, max_size=8)): draw(values(big))})
        else:
            doc = replaced(doc, where, draw(values(big)), action == "delete" and bool(where))
    return doc


def serialise(doc: Any, how: str) -> bytes:
    if how == "json":
        return json.dumps(doc, ensure_ascii=True, default=str).encode()
    try:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8", "replace")
    except (yaml.YAMLError, ValueError):
        return json.dumps(doc, ensure_ascii=True, default=str).encode()


def mutate_bytes(data: bytes, rng: random.Random, n: int) -> bytes:
    out = bytearray(data)
    for _ in range(n):
        op = rng.choice(["flip", "insert", "delete", "truncate", "duplicate"])
        at = rng.randrange(len(out) + 1)
        if op == "flip" and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif op == "insert":
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == "delete":
            del out[at : at + rng.randint(1, 40)]
        elif op == "truncate":
            del out[at:]
        elif op == "duplicate":
            out[at:at] = out[max(0, at - 60) : at]
    return bytes(out)


def encoded(text: bytes, how: str) -> bytes:
    if how == "utf-16":
        return text.decode("utf-8", "replace").encode("utf-16")
    if how == "bom":
        return b"\xef\xbb\xbf" + text
    if how == "latin-1":
        return text.decode("utf-8", "replace").encode("latin-1", "replace")
    return text


@st.composite
def files(draw: st.DrawFn, base: Any, big: bool, how: str) -> tuple[str, bytes]:
    """(how it was made, the bytes of one generated file) of an input kind."""
    valid = serialise(base, "yaml")
    if how == "mutated":
        doc = draw(mutated_documents(base, big))
        return how, serialise(doc, draw(st.sampled_from(["json", "yaml"])))
    if how == "bytes":
        rng = random.Random(draw(st.integers(0, 2**32)))
        return how, mutate_bytes(valid, rng, draw(st.integers(1, 12)))
    if how == "binary":
        return how, draw(st.binary(max_size=4000))
    if how == "deep":
        depth = draw(st.integers(50, 100_000 if big else 3000))
        shape = draw(st.sampled_from(["[", "{a: ", "- ", "a:\n  "]))
        if shape == "[":
            return how, b"[" * depth + b"]" * depth
        if shape == "{a: ":
            return how, b"{a: " * depth + b"1" + b"}" * depth
        if shape == "- ":
            return how, b"".join(b"  " * i + b"- \n" for i in range(min(depth, 2000)))
        return how, b"".join(b"  " * i + b"a:\n" for i in range(min(depth, 2000)))
    if how == "huge":
        n = draw(st.integers(1, 3_000_000 if big else 100_000))
        kind = draw(st.sampled_from(["line", "lines", "list"]))
        if kind == "line":
            return how, b"id: " + b"Z" * n + b"\n"
        if kind == "lines":
            return how, valid + b"# " + b"junk line\n" * (n // 10)
        return how, b"articles:\n" + b"- x\n" * (n // 4)
    # A mutated document in another encoding (the valid file alone gives three files).
    doc = serialise(draw(mutated_documents(base, big)), "yaml")
    return how, encoded(doc, draw(st.sampled_from(["utf-16", "bom", "latin-1", "utf-8"])))


# --- what must hold -----------------------------------------------------------------


def check_lines(text: str, name: str, where: str, *, also: str | None = None) -> None:
    """No traceback, nothing raw; every error line names the file (or, with ``also``,
    a file under that folder that the generated file led to, such as a corpus)."""
    assert "Traceback" not in text, where
    raw = raw_characters(text)
    assert not raw, f"{where}: raw {sorted(set(raw))!r}"
    for line in text.splitlines():
        if "error:" in line:
            named = name in line or (also is not None and also in line)
            assert named, f"{where}: error line does not name {name}: {line[:300]}"


def run_cli(args: list[str], name: str, *, also: str | None = None) -> int:
    result = CliRunner().invoke(cli, args)
    where = " ".join(args)[:200]
    exc = result.exception
    if isinstance(exc, Hang):
        raise exc
    assert exc is None or isinstance(exc, SystemExit), f"{where}: {exc!r}"
    assert result.exit_code in (0, 1, 2), where
    check_lines(result.stdout, name, where, also=also)
    check_lines(result.stderr, name, where + " (stderr)", also=also)
    return result.exit_code


def write(tmp: Path, data: bytes, suffix: str = ".yaml") -> Path:
    path = tmp / f"gen{STATS.total()}{suffix}"
    path.write_bytes(data)
    return path


def limit_for(data: bytes) -> float:
    return HANG_SECONDS + HANG_SECONDS_PER_MB * len(data) / 1e6


# --- the three input kinds ------------------------------------------------------------

TREATY_BASE = yaml.safe_load(VALID)
RULES_BASE = hostile_rules()


def fuzz_treaty(tmp: Path, how: str, data: bytes) -> None:
    path = write(tmp, data)
    with time_limit(limit_for(data)):
        treaty, problems = check_file(path)
        for p in problems:
            text = str(p)
            assert "\n" not in text
            assert path.name in text
            assert not raw_characters(text)
        result = CliRunner().invoke(cli, ["validate", str(path)])
        assert result.exit_code == (0 if treaty is not None and not problems else 2)
        assert all(line.startswith(f"{path}:") for line in result.stdout.splitlines())
        assert len(result.stdout.splitlines()) == len(problems)
        check_lines(result.stdout + result.stderr, path.name, f"validate {path}")
        run_cli(["show", str(path), "-f", "json"], path.name)
        if treaty is not None:
            run_cli(["show", str(path)], path.name)
            run_cli(["diff", str(path), "north-atlantic-1949", "-f", "markdown"], path.name)
    STATS[f"treaty files ({how})"] += 1
    STATS["treaty files"] += 1


def fuzz_rules(tmp: Path, how: str, data: bytes) -> None:
    path = write(tmp, data)
    with time_limit(limit_for(data)):
        try:
            rules = load_rules([path], env={})
        except TreatycmpError as exc:
            for p in exc.problems:
                assert "\n" not in str(p)
                assert not raw_characters(str(p))
        else:
            for language in ("en", "ko", "ru"):
                find_rules(f"Each Party shall assist {HOSTILE} at once.", language, rules)
        run_cli(["buffers", "north-atlantic-1949", "--rules", str(path)], path.name)
    STATS[f"rule files ({how})"] += 1
    STATS["rule files"] += 1


def fuzz_expectations(tmp: Path, how: str, data: bytes) -> None:
    path = write(tmp, data)
    with time_limit(limit_for(data)):
        try:
            load_expectations(path)
        except TreatycmpError as exc:
            for p in exc.problems:
                assert "\n" not in str(p)
                assert not raw_characters(str(p))
        junit = tmp / "junit.xml"
        # An expectations file names a corpus and rules: errors may be about those.
        run_cli(["check", str(path), "--junit", str(junit)], path.name, also=str(tmp))
        if junit.exists():
            from xml.etree import ElementTree as ET

            ET.fromstring(junit.read_bytes())
            assert not raw_characters(junit.read_text("utf-8"))
            junit.unlink()
    STATS[f"expectation files ({how})"] += 1
    STATS["expectation files"] += 1


def expectations_base(tmp: Path) -> dict[str, Any]:
    """Valid expectations over the bundled corpus, with a rules file beside them."""
    rules = tmp / "rules.yaml"
    rules.write_text(json.dumps(RULES_BASE), encoding="utf-8")
    doc = hostile_expectations(str(tmp / "corpus"), str(rules))
    (tmp / "corpus").mkdir(exist_ok=True)
    doc["expectations"] = [
        {"name": f"n {HOSTILE}", "expect": "north-atlantic-1949:5.1 has un-charter-51"},
        {"expect": "ussr-dprk-1961:1.2 aligns with dprk-russia-2024@meduza:4"},
        {"expect": "north-atlantic-1949:5.1 lacks hostile-rule"},
    ]
    return doc


def tier(examples: int, big: bool) -> Callable[..., Any]:
    # No "explain" phase: it traces every line, which makes large files look hung.
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    )


KINDS: dict[str, tuple[Callable[[Path, str, bytes], None], Any]] = {
    "treaty": (fuzz_treaty, TREATY_BASE),
    "rules": (fuzz_rules, RULES_BASE),
    "expectations": (fuzz_expectations, None),
}


# The six ways a file is made; each gets its share of the examples, since hypothesis
# drawing the way itself favours the first (a run of 2,000 made 3 re-encoded files).
HOWS = ("mutated", "bytes", "binary", "deep", "huge", "encoding")


def fuzz(kind: str, big: bool, examples: int, how: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        run, base = KINDS[kind]
        if base is None:
            base = expectations_base(tmp)

        @tier(examples, big)
        @given(files(base, big, how))
        def one(generated: tuple[str, bytes]) -> None:
            run(tmp, *generated)

        one()


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fuzz_fast(kind: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREATYCMP_CORPUS", raising=False)
    monkeypatch.delenv("TREATYCMP_RULES", raising=False)
    fuzz(kind, big=False, examples=FAST_EXAMPLES, how=how)


@pytest.mark.slow
@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fuzz_slow(kind: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREATYCMP_CORPUS", raising=False)
    monkeypatch.delenv("TREATYCMP_RULES", raising=False)
    fuzz(kind, big=True, examples=-(-SLOW_EXAMPLES // len(HOWS)), how=how)


# --- round two (issue #23): the classes of the new surfaces, generated -----------------

ROUND_TWO = settings(
    max_examples=int(os.environ.get("TREATYCMP_FUZZ_ROUND_TWO", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "-nan", "inf", "-inf", "1e30", "1e308", "-1", "0", "0.0000001",
                     "0.5", " 7 ", "1_000", "0x10", "", "ten", "1e-400", "NaN"]),
    st.text(max_size=12),
)  # fmt: skip


@ROUND_TWO
@given(raw=NUMBERS)
def test_round_two_numbers(raw: str) -> None:
    """Any number from the user: a finite size in range, or one located error."""
    from treatycmp.formats.inputs import MAX_LIMIT_MB, megabytes

    STATS["round two: numbers"] += 1
    try:
        value = megabytes(raw, "--max-input")
    except TreatyFileError as exc:
        problems = len(exc.problems)
        value = None
    if value is None:
        assert problems == 1
        return
    assert 0 < value <= MAX_LIMIT_MB
    result = CliRunner().invoke(cli, ["import", "--max-input", raw, "-", "--id", "x"], input="")
    assert result.exit_code in (0, 2)
    assert "Traceback" not in result.stderr


@ROUND_TWO
@given(charset=st.one_of(st.sampled_from(sorted(set(aliases.values()))), st.text(max_size=20)))
def test_round_two_encodings(charset: str) -> None:
    """Any charset a page declares: its text, or one located error (never a traceback)."""
    from treatycmp.formats.html import _decode

    STATS["round two: encodings"] += 1
    safe = charset.replace('"', "").replace(">", "")
    page = f'<html><head><meta charset="{safe}"></head><body><p>Article 1</p></body></html>'
    try:
        decoded: object = _decode(page.encode("utf-8", "surrogateescape"), "p.html")
    except TreatyFileError as exc:
        decoded = exc.problems
    assert isinstance(decoded, str) or len(decoded) == 1  # type: ignore[arg-type]


class _Stream:
    """A standard input in one of the states a shell can leave it in."""

    def __init__(self, state: str, data: bytes) -> None:
        self.state, self.data = state, data

    def read(self, n: int) -> object:
        if self.state == "closed":
            raise ValueError("I/O operation on closed file")
        if self.state == "write-only":
            raise OSError(9, "Bad file descriptor")
        if self.state == "text":
            return self.data.decode("latin-1")[:n]
        return self.data[:n]


@ROUND_TWO
@given(state=st.sampled_from(["closed", "write-only", "text", "bytes"]), data=st.binary())
def test_round_two_stdin_states(state: str, data: bytes) -> None:
    """Whatever state standard input is in: its bytes, or one located error."""
    from treatycmp.formats.inputs import read_input

    STATS["round two: stdin"] += 1
    try:
        got: object = read_input("-", stdin=_Stream(state, data), limit=1024)  # type: ignore[arg-type]
    except TreatyFileError as exc:
        got = exc.problems[0].path
    if got == "<stdin>":
        return
    assert state == "bytes"
    assert got == data[:1025]


@ROUND_TWO
@given(reply=st.one_of(st.binary(max_size=64), st.none()))
def test_round_two_scheduler_replies(reply: bytes | None) -> None:
    """A loopback listener (127.0.0.1, started and closed here) answering anything but a
    Dask handshake is refused within five seconds."""
    import socket
    import threading
    import time

    from treatycmp.similarity.dask import probe_scheduler

    STATS["round two: scheduler"] += 1
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    conns: list[socket.socket] = []

    def serve() -> None:
        with contextlib.suppress(OSError):
            conn, _ = server.accept()
            conns.append(conn)
            if reply is not None:
                conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    start = time.monotonic()
    try:
        with pytest.raises(TreatycmpError):
            probe_scheduler(f"127.0.0.1:{server.getsockname()[1]}", seconds=0.5)
    finally:
        for s in [server, *conns]:
            s.close()
    assert time.monotonic() - start < 5


AKN_CONTAINERS = ["paragraph", "section", "subsection", "level", "point", "list", "indent",
                  "alinea", "hcontainer", "intro", "wrapUp", "content", "blockList", "item",
                  "clause", "subparagraph", "p", "i", "b", "span"]  # fmt: skip


@st.composite
def akn_articles(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """An article whose words sit in a random nesting of schema-valid containers."""
    words = []
    body = ""
    for k in range(draw(st.integers(1, 4))):
        word = f"word{k}x"
        words.append(word)
        inner = f"Sentence {word} here."
        for tag in draw(st.lists(st.sampled_from(AKN_CONTAINERS), min_size=0, max_size=4)):
            inner = f"<{tag}>{inner}</{tag}>"
        body += inner
    xml = (
        '<akomaNtoso><act><meta><identification source="#x"><FRBRWork>'
        '<FRBRalias value="fuzz"/></FRBRWork></identification></meta><body>'
        f'<article eId="art_1"><num>Article 1</num>{body}</article></body></act></akomaNtoso>'
    )
    return xml.encode(), words


@ROUND_TWO
@given(case=akn_articles())
def test_round_two_akn_containers(case: tuple[bytes, list[str]]) -> None:
    """Every word of an article, wherever it is nested, is in the imported article."""
    from treatycmp.formats.akn_read import treaty_from_akn

    STATS["round two: xml containers"] += 1
    data, words = case
    treaty = treaty_from_akn(data, "fuzz.xml")
    text = " ".join(p.text for a in treaty.article_list for p in a.paragraphs)
    assert all(word in text for word in words), (data, text)


@pytest.fixture(scope="module")
def stored_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Any]:
    """A stored nearest index of the bundled corpus, and the answer it gives."""
    from treatycmp.corpus import Corpus, corpus_files
    from treatycmp.similarity import store
    from treatycmp.similarity.nearest import ClauseIndex

    folder = tmp_path_factory.mktemp("index")
    corpus = Corpus.load(())
    files, user = corpus_files(())
    key = store.state_key(files, user, "paragraph")
    index = ClauseIndex.build(corpus.treaties, level="paragraph")
    store.save(folder, key, index, corpus.treaties, user)
    return folder, key, index.nearest("in case of an armed attack", 5)


@ROUND_TWO
@given(flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 255)), min_size=1,
                      max_size=4), pick=st.integers(0, 10**6))  # fmt: skip
def test_round_two_damaged_arrays(
    stored_index: tuple[Path, str, Any], flips: list[tuple[int, int]], pick: int
) -> None:
    """A stored index with damaged bytes is never used: rebuilt, never a wrong answer."""
    import shutil

    from treatycmp.similarity import store

    STATS["round two: damaged arrays"] += 1
    folder, key, expected = stored_index
    work = Path(str(folder) + f"-{pick}")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(folder, work)
    try:
        files = sorted((store.index_folder(work) / key).iterdir())
        target = files[pick % len(files)]
        data = bytearray(target.read_bytes())
        for where, xor in flips:
            data[where % len(data)] ^= xor
        target.write_bytes(bytes(data))
        loaded = store.load(work, key)
        assert loaded is None or loaded.index.nearest("in case of an armed attack", 5) == expected
        if loaded is None:
            assert not (store.index_folder(work) / key).exists()
    finally:
        shutil.rmtree(work, ignore_errors=True)

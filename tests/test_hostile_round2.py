"""Hostile input, round two (issue #23): one or more regression tests per class.

The new surfaces of 0.2.0 (import formats, standard input, the stored index, CSV,
Dask) and inputs inside the limits that never finished. Each test is the example the
issue gives; tests/test_fuzz.py generates each class.
"""

from __future__ import annotations

import cProfile
import csv
import errno
import io
import os
import pstats
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _hostile_files import FORMULA_START
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.errors import TreatycmpError, TreatyFileError
from treatycmp.formats import writing
from treatycmp.formats.akn_read import treaty_from_akn
from treatycmp.similarity.dask import probe_scheduler

PAGE = (
    '<html><head><meta charset="{charset}"></head><body><p>Article 1</p>'
    "<p>The Parties shall consult together whenever, in the opinion of any of them, "
    "the territorial integrity of any of the Parties is threatened.</p></body></html>"
)
AKN_HEAD = (
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta>'
    '<identification source="#x"><FRBRWork><FRBRalias value="big"/></FRBRWork>'
    "</identification></meta><body>"
)
AKN_TAIL = "</body></act></akomaNtoso>"


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if " error: " in line]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


def akn(
    articles: int, inner: str = "<content><p>The Parties shall consult {i}.</p></content>"
) -> bytes:
    body = "".join(
        f'<article eId="art_{i}"><num>Article {i}</num>{inner.format(i=i)}</article>'
        for i in range(1, articles + 1)
    )
    return (AKN_HEAD + body + AKN_TAIL).encode()


# 1. Decoding an unknown codec -----------------------------------------------------------


@pytest.mark.parametrize("charset", ["undefined", "base64", "rot13", "zlib_codec", "bogus-42"])
def test_a_page_declaring_an_unusable_charset_is_one_line(
    runner: CliRunner, tmp_path: Path, charset: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(charset=charset), encoding="ascii")
    result = runner.invoke(cli, ["import", str(page), "--id", "x"])
    assert result.exit_code == 2
    assert "character set" in one_error_line(result.stderr)


# 2. Numbers from the user ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "1e30", "abc"])
def test_max_input_refuses_what_is_not_a_size(runner: CliRunner, value: str) -> None:
    result = runner.invoke(cli, ["import", "--max-input", value, "x.txt", "--id", "x"])
    assert result.exit_code == 2
    assert "--max-input" in one_error_line(result.stderr)


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e30"])
def test_the_input_limit_from_the_environment_is_checked_in_every_command(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TREATYCMP_MAX_INPUT_MB", value)
    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 2
    assert "$TREATYCMP_MAX_INPUT_MB" in one_error_line(result.stderr)


def test_threshold_nan_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", "nato", "rio", "--threshold", "nan"])
    assert result.exit_code == 2
    assert "--threshold" in one_error_line(result.stderr)


def test_the_hint_for_a_fractional_limit_raises_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TREATYCMP_MAX_INPUT_MB", "0.5")
    source = tmp_path / "big.txt"
    source.write_text("Article 1\n" + "The Parties shall consult.\n" * 30_000, encoding="utf-8")
    for args, stdin in (([str(source)], None), (["-"], source.read_bytes())):
        result = runner.invoke(cli, ["import", *args, "--id", "x"], input=stdin)
        line = one_error_line(result.stderr)
        assert result.exit_code == 2
        assert "TREATYCMP_MAX_INPUT_MB=0 " not in line
        need = int(line.split("TREATYCMP_MAX_INPUT_MB=")[1].split()[0])
        assert need * 1024 * 1024 > len(source.read_bytes())


# 3. A closed or write-only standard input --------------------------------------------------


@pytest.mark.parametrize("redirect", ["<&-", "0>{tmp}/w.txt"])
def test_a_closed_or_write_only_stdin_is_one_line(tmp_path: Path, redirect: str) -> None:
    command = f"'{sys.executable}' -m treatycmp import - --id x {redirect.format(tmp=tmp_path)}"
    result = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2, result.stderr
    assert "standard input" in one_error_line(result.stderr)


# 4. Scheduler addresses that are not Dask ------------------------------------------------


@pytest.fixture
def listener() -> Iterator[object]:
    """Start loopback listeners (127.0.0.1 only) that answer as told; all closed after."""
    servers: list[socket.socket] = []
    clients: list[socket.socket] = []

    def start(reply: bytes | None) -> int:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        servers.append(server)

        def serve() -> None:
            while True:
                try:
                    conn, _ = server.accept()
                except OSError:
                    return
                clients.append(conn)
                if reply is not None:
                    conn.sendall(reply)

        threading.Thread(target=serve, daemon=True).start()
        return int(server.getsockname()[1])

    yield start
    for s in servers + clients:
        s.close()


def refused_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


@pytest.mark.parametrize("kind", ["http-400", "silent", "refused", "junk"])
def test_what_is_not_a_scheduler_is_refused_within_five_seconds(
    listener: object, kind: str
) -> None:
    replies = {"http-400": b"HTTP/1.1 400 Bad Request\r\n\r\n", "silent": None, "junk": b"\x05\x00"}
    port = refused_port() if kind == "refused" else listener(replies[kind])  # type: ignore[operator]
    start = time.monotonic()
    with pytest.raises(TreatycmpError, match="cannot reach the Dask scheduler"):
        probe_scheduler(f"tcp://127.0.0.1:{port}")
    assert time.monotonic() - start < 5


def test_nearest_on_a_non_dask_listener_is_one_line(runner: CliRunner, listener: object) -> None:
    pytest.importorskip("dask.distributed")
    port = listener(b"HTTP/1.1 400 Bad Request\r\n\r\n")  # type: ignore[operator]
    result = runner.invoke(cli, ["nearest", "nato:5", "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2
    assert "not with a Dask handshake" in one_error_line(result.stderr)


# 5. CSV/TSV formula injection: see also tests/test_hostile_matrix.py ------------------------


def test_csv_and_tsv_cells_never_start_a_formula(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "f.yaml").write_text(
        "id: formula-1\ntitle: '=HYPERLINK(\"http://x\",\"y\")'\nshort_title: '+cmd|x'\n"
        "parties: ['@SUM(1+1)', B]\nlanguage: en\nsource: {text: s}\ncompleteness: complete\n"
        "articles:\n- number: '1'\n  paragraphs: ['=1+1 shall consult', '-2+3 shall assist']\n",
        encoding="utf-8",
    )
    for args in (
        ["list"],
        ["grep", "shall", "--treaty", "formula-1"],
        ["nearest", "shall consult"],
    ):
        for fmt, dialect in (("csv", "excel"), ("tsv", "excel-tab")):
            result = runner.invoke(cli, [*args, "--corpus", str(corpus), "-f", fmt])
            assert result.exit_code == 0, result.stderr
            cells = [c for row in csv.reader(io.StringIO(result.stdout), dialect) for c in row]
            assert not [c for c in cells if c.startswith(FORMULA_START) and c != "-"], args
            assert any(c.startswith("'") for c in cells), args


# 6. The colour path ---------------------------------------------------------------------


def test_an_escape_sequence_in_a_number_is_spelled_out_in_colour(
    runner: CliRunner, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "c.yaml").write_text(
        "id: conceal-1\ntitle: t\nshort_title: t\nparties: [A, B]\nlanguage: en\n"
        "source: {text: s}\n"
        'completeness: complete\narticles:\n- number: "51\\e[8mHIDDEN\\e[0m"\n'
        "  paragraphs: [The Parties shall consult together in case of an armed attack.]\n",
        encoding="utf-8",
    )
    for args in (
        ["diff", "conceal-1", "north-atlantic-1949", "--no-pager"],
        ["show", "conceal-1", "--no-pager"],
        ["grep", "consult", "--treaty", "conceal-1"],
    ):
        result = runner.invoke(cli, [*args, "--corpus", str(corpus), "--color", "always"])
        assert result.exit_code in (0, 1), result.stderr
        assert "\x1b[8m" not in result.stdout, args
        assert "\\x1b[8mHIDDEN" in result.stdout, args


# 7. Akoma Ntoso articles in any schema-valid container -------------------------------------


@pytest.mark.parametrize(
    ("inner", "texts"),
    [
        ("<section><content><p>In a section.</p></content></section>", ["In a section."]),
        ("<content>Bare text <i>inline</i>.</content>", ["Bare text inline ."]),
        ("<content>Before.<p>In p.</p>After.</content>", ["Before.", "In p.", "After."]),
        ("<level><content><p>In a level.</p></content></level>", ["In a level."]),
        ("<hcontainer name='x'><content><p>In an hcontainer.</p></content></hcontainer>", None),
        ("<paragraph><list><intro><p>Intro:</p></intro><point><content><p>one;</p></content>"
         "</point></list></paragraph>", ["Intro:", "one;"]),
    ],
)  # fmt: skip
def test_akn_article_text_in_any_container_is_read(inner: str, texts: list[str] | None) -> None:
    treaty = treaty_from_akn(akn(1, inner), "x.xml")
    got = [p.text for p in treaty.articles[0].paragraphs]  # type: ignore[union-attr]
    assert got == (texts or ["In an hcontainer."])


def test_akn_text_outside_any_article_is_said(tmp_path: Path) -> None:
    warnings: list[str] = []
    data = (
        AKN_HEAD + "<chapter><intro><p>A chapter's words.</p></intro>"
        '<article eId="art_1"><content><p>X shall.</p></content></article></chapter>' + AKN_TAIL
    ).encode()
    treaty_from_akn(data, "x.xml", warnings=warnings)
    assert len(warnings) == 1
    assert "outside any article" in warnings[0]


# 8. XML with an internal DOCTYPE subset --------------------------------------------------


def test_xml_with_an_internal_subset_is_not_text(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "d.xml"
    source.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY a "b">\n]>\n'
        + AKN_HEAD.replace("<body>", "<body>").removeprefix("")
        + '<article eId="art_1"><content><p>X &a;.</p></content></article>'
        + AKN_TAIL,
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(source), "--id", "x"])
    assert result.exit_code == 2
    assert "document type" in one_error_line(result.stderr)
    other = tmp_path / "o.xml"
    other.write_text('<!DOCTYPE r [<!ENTITY a "b">]>\n<r>Article 1 text</r>\n', encoding="utf-8")
    result = runner.invoke(cli, ["import", str(other), "--id", "x"])
    assert result.exit_code == 2
    assert "XML" in one_error_line(result.stderr)


# 9. The stored nearest index ---------------------------------------------------------------


def nearest_json(runner: CliRunner, cache: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TREATYCMP_CACHE", str(cache))
    result = runner.invoke(cli, ["nearest", "in case of an armed attack", "-k", "5", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def stored_arrays(cache: Path) -> list[Path]:
    return sorted((cache / "nearest").glob("*/*.npy"))


@pytest.mark.parametrize("damage", ["flip", "truncate", "fifo", "symlink", "meta"])
def test_a_damaged_stored_index_is_never_trusted(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    cache = tmp_path / "cache"
    expected = nearest_json(runner, cache, monkeypatch)
    arrays = stored_arrays(cache)
    assert arrays
    target = max(arrays, key=lambda p: p.stat().st_size)
    if damage == "flip":
        data = bytearray(target.read_bytes())
        data[-1] ^= 0xFF
        data[len(data) // 2] ^= 0x55
        target.write_bytes(bytes(data))
    elif damage == "truncate":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    elif damage == "fifo":
        target.unlink()
        os.mkfifo(target)
    elif damage == "symlink":
        target.unlink()
        target.symlink_to("/dev/zero")
    else:
        meta = target.parent / "meta.json"
        meta.write_text(meta.read_text().replace('"user": false', '"user": true', 1))
    assert nearest_json(runner, cache, monkeypatch) == expected
    # Rebuilt and stored again: the next run verifies and answers the same.
    assert all(p.is_file() and not p.is_symlink() for p in stored_arrays(cache))
    assert nearest_json(runner, cache, monkeypatch) == expected


# 10. Partial files on a full disk ----------------------------------------------------------


def test_a_full_disk_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert writing.write_cache_entry(tmp_path / "entry.pickle", b"x" * 100_000) is False
    assert list(tmp_path.iterdir()) == []


def test_the_index_on_a_full_disk_leaves_no_temporary_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(np, "save", full)
    nearest_json(runner, tmp_path / "cache", monkeypatch)
    assert list((tmp_path / "cache" / "nearest").iterdir()) == []


def test_a_file_size_limit_leaves_no_temporary_file(tmp_path: Path) -> None:
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    env = dict(os.environ, TREATYCMP_CACHE=str(tmp_path / "cache"))
    for args in (["list"], ["nearest", "armed attack", "-k", "2"]):
        result = subprocess.run(
            [sys.executable, "-m", "treatycmp", *args],
            capture_output=True,
            env=env,
            preexec_fn=limit,
            timeout=120,
            check=False,
            cwd=tmp_path,  # outside the checkout: the installed package runs, as in CI
        )
        assert result.returncode == 0, result.stderr
    leftovers = [p for p in (tmp_path / "cache").rglob("*") if "tmp" in p.name]
    assert leftovers == []


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".old.pickle.{int(dead.stdout)}.abcd1234.treatycmp.tmp"
    stale.write_bytes(b"half")
    assert writing.write_cache_entry(tmp_path / "new.pickle", b"data")
    assert not stale.exists()


# 11. check: an expectation name that is not text -----------------------------------------


def test_an_expectation_name_that_is_a_mapping_is_located(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "e.yaml"
    path.write_text("expectations:\n- expect: nato:5 has collective-defence\n  name: {a: b}\n")
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert f"{path}:3:" in line
    assert "name must be text" in line


# 12. Inside the limits, never finishing: budgets and linear work ---------------------------


def test_akn_articles_over_the_budget_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "a.xml"
    source.write_bytes(akn(30))
    result = runner.invoke(cli, ["import", str(source), "--max-articles", "20"])
    assert result.exit_code == 2
    assert "--max-articles" in one_error_line(result.stderr)
    result = runner.invoke(cli, ["import", str(source), "--max-articles", "30"])
    assert result.exit_code == 0, result.stderr


def test_text_lines_over_the_budget_are_refused(runner: CliRunner) -> None:
    text = "Article 1\n" + "The Parties shall consult.\n" * 50
    result = runner.invoke(cli, ["import", "-", "--id", "x", "--max-paragraphs", "10"], input=text)
    assert result.exit_code == 2
    assert "--max-paragraphs" in one_error_line(result.stderr)


def test_pdf_pages_over_the_budget_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    for _ in range(12):
        writer.add_blank_page(612, 792)
    source = tmp_path / "p.pdf"
    with source.open("wb") as handle:
        writer.write(handle)
    result = runner.invoke(cli, ["import", str(source), "--id", "x", "--max-pages", "10"])
    assert result.exit_code == 2
    assert "--max-pages" in one_error_line(result.stderr)


def test_docx_paragraphs_over_the_budget_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for k in range(30):
        document.add_paragraph(f"The Parties shall consult {k}.")
    source = tmp_path / "d.docx"
    document.save(str(source))
    result = runner.invoke(cli, ["import", str(source), "--id", "x", "--max-paragraphs", "20"])
    assert result.exit_code == 2
    assert "--max-paragraphs" in one_error_line(result.stderr)


def reading_calls(articles: int) -> int:
    """Python calls (generator resumptions included) to read an Akoma Ntoso file."""
    data = akn(articles)
    profile = cProfile.Profile()
    profile.enable()
    treaty_from_akn(data, "big.xml")
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def test_akn_reading_work_is_linear() -> None:
    """The work (counted calls, not time) per article is the same at 1,000 and 10,000
    articles: one article per article, not one walk of all articles per article."""
    small, large = reading_calls(1_000), reading_calls(10_000)
    assert large <= 10.2 * small


@pytest.mark.slow
def test_akn_reading_work_is_linear_at_100000_articles() -> None:
    small, large = reading_calls(1_000), reading_calls(100_000)
    assert large <= 101 * small


def test_treaty_file_error_is_the_budget_error_class() -> None:
    from treatycmp.formats.budget import over_budget

    error = over_budget("f", None, "pages", 3)
    assert isinstance(error, TreatyFileError)
    assert "--max-pages" in str(error)

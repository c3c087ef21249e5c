"""Output files (-o, --junit, import): atomic, race-free without --force, mode kept or
from the umask, symlink targets written, no temporary file left by a signal."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.errors import OutputError
from treatycmp.formats import writing
from treatycmp.formats.writing import TEMP_SUFFIX, remove_stale_temps, write_file

HAS_TMPFILE = hasattr(os, "O_TMPFILE") and Path("/proc/self/fd").is_dir()


@pytest.fixture(params=["anonymous", "named"])
def path_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test through O_TMPFILE (where the system has it) and through a named temp."""
    kind: str = request.param
    if kind == "anonymous" and not HAS_TMPFILE:
        pytest.skip("no O_TMPFILE on this system")
    if kind == "named":
        monkeypatch.setattr(writing, "_write_anonymous", lambda *a: False)
    return kind


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_o_honours_the_umask_and_keeps_an_existing_mode(tmp_path: Path, umask: None) -> None:
    runner = CliRunner()
    out = tmp_path / "list.json"
    assert runner.invoke(cli, ["list", "-f", "json", "-o", str(out)]).exit_code == 0
    assert mode(out) == 0o644
    os.umask(0o027)
    other = tmp_path / "other.json"
    assert runner.invoke(cli, ["list", "-f", "json", "-o", str(other)]).exit_code == 0
    assert mode(other) == 0o640
    out.chmod(0o664)
    result = runner.invoke(cli, ["list", "-f", "csv", "-o", str(out), "--force"])
    assert result.exit_code == 0, result.stderr
    assert mode(out) == 0o664
    assert out.read_text(encoding="utf-8").startswith("id,")


def test_modes_on_both_paths(tmp_path: Path, path_kind: str, umask: None) -> None:
    new = tmp_path / "new.txt"
    write_file("a", new)
    assert mode(new) == 0o644
    new.chmod(0o604)
    write_file("b", new, force=True)
    assert (new.read_text(), mode(new)) == ("b", 0o604)
    assert leftovers(tmp_path) == []


def test_no_clobber_without_force(tmp_path: Path, path_kind: str) -> None:
    out = tmp_path / "out.txt"
    out.write_text("mine")
    with pytest.raises(OutputError, match="already exists"):
        write_file("theirs", out)
    assert out.read_text() == "mine"
    assert leftovers(tmp_path) == []


def test_a_writer_that_loses_the_race_changes_nothing(
    tmp_path: Path, path_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other writer creates the file after our existence check: we must not replace it."""
    out = tmp_path / "out.txt"
    fill = writing._fill

    def fill_then_lose(fd: int, data: bytes, mode: int) -> None:
        fill(fd, data, mode)
        if not out.exists():
            out.write_text("the winner")

    monkeypatch.setattr(writing, "_fill", fill_then_lose)
    with pytest.raises(OutputError, match="already exists"):
        write_file("the loser", out)
    assert out.read_text() == "the winner"
    assert leftovers(tmp_path) == []


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from treatycmp.errors import OutputError
    from treatycmp.formats.writing import write_file
    start = float(sys.argv[2])
    while time.time() < start:
        pass
    try:
        write_file(sys.argv[3] * 100000, Path(sys.argv[1]))
    except OutputError:
        sys.exit(3)
    """
)


def test_two_writers_without_force_exactly_one_wins(tmp_path: Path) -> None:
    import time

    for round_ in range(3):
        out = tmp_path / f"race{round_}.txt"
        start = str(time.time() + 1.0)
        procs = [
            subprocess.Popen([sys.executable, "-c", WRITER, str(out), start, tag]) for tag in "AB"
        ]
        codes = sorted(p.wait() for p in procs)
        assert codes == [0, 3]
        text = out.read_text()
        assert text in ("A" * 100000, "B" * 100000)
    assert leftovers(tmp_path) == []


def test_force_on_a_symlink_writes_its_target(tmp_path: Path, path_kind: str) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    with pytest.raises(OutputError, match="already exists"):
        write_file("new", link)
    write_file("new", link, force=True)
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert mode(target) == 0o640
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("missing.txt")
    write_file("made", dangling)
    assert dangling.is_symlink()
    assert (tmp_path / "missing.txt").read_text() == "made"


def test_a_symlink_loop_is_one_error(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to("b")
    b.symlink_to("a")
    with pytest.raises(OutputError, match="loop"):
        write_file("x", a, force=True)


def test_folders_and_missing_folders_are_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_file("x", tmp_path)
    with pytest.raises(OutputError, match="folder does not exist"):
        write_file("x", tmp_path / "no" / "x.txt")


def test_stale_temps_of_dead_processes_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.txt.{dead.pid}.0a1b2c3d{TEMP_SUFFIX}"
    stale.write_text("x" * 1000)
    live = tmp_path / f".out.txt.{os.getpid()}.0a1b2c3d{TEMP_SUFFIX}"
    live.write_text("being written")
    unrelated = tmp_path / f".other.txt.{dead.pid}.0a1b2c3d{TEMP_SUFFIX}"
    unrelated.write_text("not ours to judge")
    write_file("new", out)
    assert not stale.exists()
    assert live.exists()
    assert unrelated.exists()
    assert remove_stale_temps(tmp_path / "other.txt") == [unrelated]


INTERRUPTED = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    # A suite started in the background (`pytest &`, nohup) hands its children SIGINT
    # ignored, and Python then installs no KeyboardInterrupt handler: give the child
    # the handler a terminal user's process has, so the test checks treatycmp, not how
    # the suite was launched.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from treatycmp.cli import run
    from treatycmp.formats import writing
    if sys.argv[3] == "named":
        writing._write_anonymous = lambda *a: False
    fill = writing._fill
    def fill_then_signal(fd, data, mode):
        fill(fd, data, mode)
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    writing._fill = fill_then_signal
    # Through the CLI's one exit boundary, as every command writes.
    sys.exit(run(lambda: writing.write_file("x" * 100000, Path(sys.argv[1]), force=True)))
    """
)


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("kind", ["anonymous", "named"])
def test_a_signal_during_a_write_leaves_nothing(tmp_path: Path, signame: str, kind: str) -> None:
    out = tmp_path / "out.txt"
    out.write_text("before")
    proc = subprocess.run(
        [sys.executable, "-c", INTERRUPTED, str(out), signame, kind],
        capture_output=True,
        text=True,
        check=False,
    )
    # Through the CLI boundary: SIGTERM exits 143 and SIGINT 130, after clean-up.
    expected = 128 + signal.SIGTERM if signame == "SIGTERM" else 128 + signal.SIGINT
    assert proc.returncode == expected, proc.stderr
    assert out.read_text() == "before"
    assert leftovers(tmp_path) == []


def test_a_file_where_the_output_needs_a_folder_is_named(tmp_path: Path) -> None:
    # -o speed/pair.json where "speed" is a file: the message said "(Not a directory).
    # Fix: check the folder's permissions", naming neither the file nor the cause.
    (tmp_path / "speed").write_text("x", encoding="utf-8")
    out = tmp_path / "speed" / "pair.json"
    with pytest.raises(OutputError) as caught:
        write_file("{}", out)
    assert str(caught.value) == (
        f"{out}: cannot be written: '{tmp_path / 'speed'}' on its path is a file, "
        "not a folder. Fix: choose another path."
    )

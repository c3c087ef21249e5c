"""The input layer: every file kind bounded and checked the same way (issue 14, item 1).

Treaties, rules, expectations, import sources, corpus folders and the
environment: FIFOs, devices and folders refused before a byte is read, a size
limit with the figure to raise it to, UTF-16/32 named, control characters
located, YAML tags, depth and node counts refused, names the OS rejects reported,
and corpus folders that never walk into /, /proc or a loop of links.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from test_loading import VALID

from treatycmp.cli import cli
from treatycmp.errors import TreatyFileError
from treatycmp.formats import inputs, yamlkit
from treatycmp.formats.folders import walk_files
from treatycmp.formats.inputs import decode_text, read_input
from treatycmp.formats.treaty_yaml import check_file, load_treaty

RULES = "version: 1\nrules:\n  - id: my-rule\n    category: buffer\n    label: x\n    en: [x]\n"
EXPECT = "expectations:\n  - nato:5.1 has un-charter-51\n"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _one_error(code: int, out: str, err: str) -> str:
    assert code == 2, (out, err)
    text = out + err
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if not line.endswith("file(s).")]
    assert len(lines) == 1, text
    return lines[0]


# --- special files --------------------------------------------------------------


def _fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "fifo.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "folder"])
def test_special_files_are_refused_without_reading(tmp_path: Path, kind: str) -> None:
    path = {
        "fifo": lambda: _fifo(tmp_path),
        "zero": lambda: Path("/dev/zero"),
        "urandom": lambda: Path("/dev/urandom"),
        "folder": lambda: tmp_path,
    }[kind]()
    if not path.exists():
        pytest.skip(f"{path} does not exist here")
    with pytest.raises(TreatyFileError) as info:
        read_input(path, what="treaty file")
    message = str(info.value)
    assert "\n" not in message
    expected = {"fifo": "a pipe (FIFO)", "zero": "a device", "urandom": "a device"}
    assert expected.get(kind, "is a folder") in message


@pytest.mark.parametrize("kind", ["treaty", "rules", "expectations", "import"])
def test_every_input_kind_refuses_a_device(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    args = {
        "treaty": ["show", "/dev/zero.yaml"],
        "rules": ["buffers", "nato", "--rules", "/dev/zero"],
        "expectations": ["check", "/dev/zero"],
        "import": ["import", "/dev/zero", "--id", "x"],
    }[kind]
    if kind == "treaty":
        args = ["validate", "/dev/zero"]
    line = _one_error(*run(runner, *args))
    assert "/dev/zero: is a device" in line


def test_size_limit_names_the_setting_that_raises_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "big.txt"
    src.write_text("# Parties: A; B\nArticle 1\n" + "word " * 300_000 + "\n", encoding="utf-8")
    monkeypatch.setenv("TREATYCMP_MAX_INPUT_MB", "1")
    line = _one_error(*run(runner, "import", str(src), "--id", "x"))
    assert "over the input limit of 1 MB" in line
    assert "TREATYCMP_MAX_INPUT_MB=" in line
    code, out, err = run(runner, "import", str(src), "--id", "x", "--max-input", "5")
    assert code == 0, err
    assert "id: x" in out
    yaml_file = tmp_path / "big.yaml"
    yaml_file.write_text(VALID + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    line = _one_error(*run(runner, "validate", str(yaml_file)))
    assert "over the input limit" in line
    monkeypatch.setenv("TREATYCMP_MAX_INPUT_MB", "lots")
    line = _one_error(*run(runner, "validate", str(yaml_file)))
    assert "$TREATYCMP_MAX_INPUT_MB: 'lots' is not a size in megabytes" in line


def test_names_the_os_rejects(runner: CliRunner, tmp_path: Path) -> None:
    long_name = str(tmp_path / ("a" * 300 + ".yaml"))
    for args in (["validate", long_name], ["show", long_name], ["import", long_name, "--id", "x"]):
        line = _one_error(*run(runner, *args))
        assert "the file name is too long for the file system" in line
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    line = _one_error(*run(runner, "validate", str(loop)))
    assert "loop of symbolic links" in line


# --- encodings and characters ----------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-16", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32", "UTF-32 (little-endian)"),
    ],
)
def test_wide_encodings_are_named_not_called_binary(
    tmp_path: Path, encoding: str, label: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(VALID.encode(encoding))
    _, problems = check_file(path)
    assert [p.message for p in problems] == [f"is {label} text; treatycmp reads UTF-8"]


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_treaty(path).id == "test-treaty-2000"


@pytest.mark.parametrize("kind", ["treaty", "rules", "expectations"])
@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x85"])
def test_control_characters_are_located_in_every_yaml_kind(
    runner: CliRunner, tmp_path: Path, kind: str, char: str
) -> None:
    text = {"treaty": VALID, "rules": RULES, "expectations": EXPECT}[kind]
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n") + char + "\n"
    path = tmp_path / "f.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    args = {
        "treaty": ["validate", str(path)],
        "rules": ["buffers", "nato", "--rules", str(path)],
        "expectations": ["check", str(path)],
    }[kind]
    line = _one_error(*run(runner, *args))
    assert f"{path}:2:" in line
    assert "Fix:" in line


def test_expectations_yaml_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    for text in ("expectations: [a\n", "!!python/object:os.system x\n", "a: &a [*a]\n"):
        path = tmp_path / "e.yaml"
        path.write_text(text, encoding="utf-8")
        line = _one_error(*run(runner, "check", str(path)))
        assert str(path) in line


@given(st.binary(max_size=200))
def test_decode_text_either_returns_clean_text_or_one_problem(data: bytes) -> None:
    problems: tuple[object, ...] = ()
    text = ""
    try:
        text = decode_text(data, "f")
    except TreatyFileError as exc:
        problems, message = exc.problems, str(exc)
    if problems:
        assert len(problems) == 1
        assert "\n" not in message
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in text)


_CONTROLS = st.sampled_from([chr(c) for c in (*range(0x20), *range(0x7F, 0xA1))])


@given(st.lists(st.one_of(st.characters(), _CONTROLS), max_size=40).map("".join))
def test_the_byte_check_finds_control_characters_exactly(text: str) -> None:
    """``decode_text`` skips the regex over the text when the bytes hold no control
    character: the byte check must say so exactly when the regex finds one."""
    data = text.encode("utf-8", "surrogatepass")
    assert inputs._holds_control(data) == bool(inputs._CONTROL.search(text))


# --- YAML shape ------------------------------------------------------------------


def test_yaml_depth_and_node_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    deep = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 80)) + "  " * 80 + "- x\n"
    with pytest.raises(TreatyFileError, match="more than 64 levels deep"):
        yamlkit.compose_text(deep, "deep.yaml")
    monkeypatch.setattr(yamlkit, "MAX_NODES", 50)
    with pytest.raises(TreatyFileError, match="more than 50 YAML nodes"):
        yamlkit.compose_text("[" + ", ".join(["x"] * 60) + "]", "wide.yaml")


# --- corpus folders --------------------------------------------------------------


@pytest.mark.parametrize("folder", ["/", "/proc", "/proc/self", "/sys"])
def test_corpus_never_walks_the_whole_disk_or_the_kernel(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    if not Path(folder).exists():
        pytest.skip(f"no {folder} here")
    monkeypatch.setenv("TREATYCMP_CORPUS", folder)
    line = _one_error(*run(runner, "list"))
    assert "TREATYCMP_CORPUS" in line
    monkeypatch.delenv("TREATYCMP_CORPUS")
    line = _one_error(*run(runner, "list", "--corpus", folder))
    assert "not a corpus folder" in line


def test_corpus_in_expectations_is_checked_at_its_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text(f"corpus: [{tmp_path}, /]\n{EXPECT}", encoding="utf-8")
    line = _one_error(*run(runner, "check", str(path)))
    assert f"{path}:1: is the whole file system" in line


def test_paths_in_expectations_the_os_rejects(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text(f"rules: [{'r' * 300}.yaml]\n{EXPECT}", encoding="utf-8")
    line = _one_error(*run(runner, "check", str(path)))
    assert f"{path}:1: rules file" in line
    assert "too long for the file system" in line


def test_a_loop_of_links_in_a_corpus_folder_ends(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "t.yaml").write_text(VALID, encoding="utf-8")
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)
    assert walk_files(folder, (".yaml",)) == [folder / "sub" / "t.yaml"]


def test_tota_folder_with_an_odd_file_name(runner: CliRunner, tmp_path: Path) -> None:
    from test_cli_corpus import TOTA_XML

    src = tmp_path / "xml"
    src.mkdir()
    (src / "pta_1.xml").write_text(TOTA_XML.format(n=1), encoding="utf-8")
    (src / "pta_².xml").write_text(TOTA_XML.format(n=2), encoding="utf-8")
    code, _, err = run(runner, "import", "--from", "tota", str(src), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_undecodable_file_names_are_printed_escaped(runner: CliRunner, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    path = tmp_path / name
    path.write_bytes(b"\xff\xfe" + "x".encode("utf-16-le"))
    line = _one_error(*run(runner, "validate", str(path)))
    assert "caf\\xe9.yaml" in line


def test_walk_files_orders_as_sorted_paths(tmp_path: Path) -> None:
    """The files come in the order of ``sorted`` on the paths (by their parts), which
    differs from the order of their text ("a-b/x" sorts after "a/x")."""
    folder = tmp_path / "corpus"
    names = ["a-b/x.yaml", "a/x.yaml", "a.yaml", "B.yaml", "a/b/c.yaml", "a/b.yaml", "a b.yaml"]
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(VALID, encoding="utf-8")
    found = walk_files(folder, (".yaml",))
    assert found == sorted(folder / name for name in names)
    assert found != sorted(found, key=str)

"""The loader: valid files load to the model; every kind of bad file is located and explained."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from treatycmp.corpus import bundled_paths
from treatycmp.errors import TreatyFileError
from treatycmp.formats.treaty_yaml import check_file, load_treaty
from treatycmp.model import Article, Gap

VALID = """\
id: test-treaty-2000
title: Test Treaty
short_title: Test 2000
parties: [Alpha, Beta]
signed: 2000-01-02
language: en
source:
  text: made up for tests
completeness: partial
preamble:
  - The Parties,
  - gap: a missing paragraph
articles:
  - number: "1"
    label: Article 1
    paragraphs:
      - The Parties shall consult.
  - number: "2"
    paragraphs:
      - First paragraph.
      - text: Second paragraph breaks off
        gap_after: the rest is missing
  - gap: Articles 3-5 - not found
  - unnumbered: position unknown
    paragraphs:
      - A stray provision.
closing:
  - gap: closing formula
"""


def write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(tmp_path: Path, text: str) -> list[str]:
    _, problems = check_file(write(tmp_path, text))
    return [str(p) for p in problems]


def test_valid_file_loads_with_ids_and_gaps(tmp_path: Path) -> None:
    t = load_treaty(write(tmp_path, VALID))
    assert t.id == "test-treaty-2000"
    assert t.signed == "2000-01-02"
    assert [p.id for p in t.preamble] == ["preamble.1", "preamble.2"]
    assert t.preamble[1].is_gap
    arts = t.article_list
    assert [a.number for a in arts] == ["1", "2", "u1"]
    assert [p.id for p in arts[0].paragraphs] == ["1"]
    assert [p.id for p in arts[1].paragraphs] == ["2.1", "2.2"]
    assert arts[1].paragraphs[1].gap_after == "the rest is missing"
    assert isinstance(t.articles[2], Gap)
    assert [c.id for c in t.clauses("paragraph")] == ["preamble.1", "1", "2.1", "2.2", "u1"]
    assert [c.id for c in t.clauses("article")] == ["preamble.1", "1", "2", "u1"]
    assert t.gaps == (
        "a missing paragraph",
        "the rest is missing",
        "Articles 3-5 - not found",
        "closing formula",
    )


def test_yaml_surprises_stay_text(tmp_path: Path) -> None:
    text = VALID.replace("title: Test Treaty", "title: no").replace('- number: "1"', "- number: 1")
    t = load_treaty(write(tmp_path, text))
    assert t.title == "no"
    assert t.article_list[0].number == "1"


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301"
    t = load_treaty(write(tmp_path, VALID.replace("The Parties,", decomposed)))
    assert t.preamble[0].text == "Caf\u00e9"


def test_three_problems_are_all_reported_with_lines(tmp_path: Path) -> None:
    text = (
        VALID.replace("language: en", "langauge: en")
        .replace('- number: "2"', '- number: "1"')
        .replace("- First paragraph.", "- ''")
    )
    found = messages(tmp_path, text)
    joined = "\n".join(found)
    assert "t.yaml:6: unknown key 'langauge'" in joined
    assert "did you mean 'language'?" in joined
    assert "duplicate article number '1' (first at line 14)" in joined
    assert "has no 'language'" in joined
    assert len(found) == 3


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: test-treaty-2000", "id: Test Treaty", "id 'Test Treaty' is not a slug"),
        ("signed: 2000-01-02", "signed: 2 January 2000", "signed '2 January 2000' is not a date"),
        ("parties: [Alpha, Beta]", "parties: {a: b}", "parties must be a list"),
        ("completeness: partial", "completeness: total", "completeness 'total' is not allowed"),
        ("completeness: partial", "completeness: complete", "'complete' but the text has gaps"),
        ("  text: made up for tests", "  txt: made up", "unknown key 'txt' in source"),
        ("language: en", "language: English", "'English' is not a language code"),
        ("      - The Parties shall consult.", "      - ''", "is empty"),
        ("      - The Parties shall consult.", "      - {foo: 1}", "unknown key 'foo'"),
        (
            "      - The Parties shall consult.",
            "      - {gap_after: x}",
            "neither 'text' nor 'gap'",
        ),
        ("  - gap: Articles 3-5 - not found", "  - gap: x\n    number: '9'", "is a gap and also"),
        ('  - number: "2"\n', "  - label: two\n", "has no 'number'"),
        ("title: Test Treaty", "title: [a, b]", "title must be text, not a list"),
        (
            "preamble:\n  - The Parties,\n  - gap: a missing paragraph\n",
            "preamble: 5\n",
            "preamble must be a list of paragraphs",
        ),
        ("  - gap: a missing paragraph", "  - gap: x\n    text: y", "is a gap and also has text"),
    ],
)
def test_each_field_problem(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in VALID
    found = messages(tmp_path, VALID.replace(old, new, 1))
    assert any(expected in m for m in found), found
    assert all(m.startswith(str(tmp_path / "t.yaml") + ":") for m in found)


def test_empty_paragraph_list(tmp_path: Path) -> None:
    text = VALID.replace("      - The Parties shall consult.\n", "").replace(
        "    paragraphs:\n  - number", "    paragraphs: []\n  - number", 1
    )
    found = messages(tmp_path, text)
    assert any("empty list of paragraphs" in m for m in found), found


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"id: [unclosed\n", "is not valid YAML"),
        (b"- a\n- b\n", "is not a mapping of fields but a list"),
        (b"just a sentence\n", "is not a mapping"),
        (b"\x00\x01\x02binary", "is a binary file"),
        (b"id: caf\xe9\n", "is not UTF-8"),
        (b"id: a\n---\nid: b\n", "more than one YAML document"),
        (b"---\n...\n", "holds no YAML document"),
        (
            b"!!python/object:os.system {}\n",
            "uses the YAML tag tag:yaml.org,2002:python/object:os.system",
        ),
    ],
)
def test_unreadable_files_get_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    _, problems = check_file(path)
    assert len(problems) == 1
    assert expected in str(problems[0])
    assert "\n" not in str(problems[0])
    assert "Fix:" in str(problems[0])


def test_yaml_syntax_error_has_one_based_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ntitle: y\nparties: [a, b\nlanguage: en\n", encoding="utf-8")
    _, problems = check_file(path)
    assert problems[0].line is not None
    assert problems[0].line >= 3


def test_missing_file_and_folder(tmp_path: Path) -> None:
    _, problems = check_file(tmp_path / "nope.yaml")
    assert "no such file" in str(problems[0])
    _, problems = check_file(tmp_path)
    assert "is a folder" in str(problems[0])


def test_load_treaty_raises_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("title: Test Treaty\n", "").replace("language: en\n", ""))
    with pytest.raises(TreatyFileError) as info:
        load_treaty(path)
    assert len(info.value.problems) == 2


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_every_bundled_file_is_valid(path: Path) -> None:
    treaty, problems = check_file(path)
    assert problems == []
    assert treaty is not None
    assert treaty.id.replace("@", "_at_") == path.stem
    for a in treaty.articles:
        if isinstance(a, Article):
            assert a.paragraphs


def _bomb(levels: int) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghijk"[:levels]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "id: x\n" + "\n".join(lines) + f"\nparties: *{previous}\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: x\nfoo: &a [*a]\n", ":2: holds an alias that refers to itself"),
        (_bomb(8), "YAML nodes through aliases"),
    ],
)
def test_alias_tricks_fail_fast(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(content, encoding="utf-8")
    _, problems = check_file(path)
    assert len(problems) == 1
    assert expected in str(problems[0])


def test_honest_aliases_are_fine(tmp_path: Path) -> None:
    text = VALID.replace("parties: [Alpha, Beta]", "parties: &p [Alpha, Beta]")
    text = text.replace("supersedes: []", "")
    text += "supersedes: *p\n"
    t = load_treaty(write(tmp_path, text))
    assert t.supersedes == ("Alpha", "Beta")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: test-treaty-2000", "id: null", ":1: 'id' in the treaty file is empty"),
        ("language: en", "language: null", ":6: 'language' in the treaty file is empty"),
        ("  text: made up for tests", "  text: null", ":8: 'text' in source is empty"),
        ("completeness: partial", "completeness: null", "'completeness' in the treaty file"),
        ("parties: [Alpha, Beta]", "parties: []", ":4: 'parties' in the treaty file is empty"),
        ("  - gap: closing formula", "  - gap: null", "the gap has no reason"),
        ("  - gap: Articles 3-5 - not found", "  - gap: null", "the gap has no reason"),
        (
            "    paragraphs:\n      - The Parties shall consult.",
            "    paragraphs: null",
            "article 1 has an empty list of paragraphs",
        ),
    ],
)
def test_required_values_may_not_be_null(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in VALID
    found = messages(tmp_path, VALID.replace(old, new, 1))
    assert any(expected in m for m in found), found


def test_partial_text_needs_a_gap(tmp_path: Path) -> None:
    text = VALID
    for gap in ("  - gap: a missing paragraph\n", "  - gap: Articles 3-5 - not found\n"):
        text = text.replace(gap, "")
    text = text.replace("closing:\n  - gap: closing formula\n", "")
    text = text.replace(
        "      - text: Second paragraph breaks off\n        gap_after: the rest is missing\n",
        "      - Second paragraph.\n",
    )
    found = messages(tmp_path, text)
    assert any("'partial' but no gap says what is missing" in m for m in found), found
    assert load_treaty(write(tmp_path, text.replace("partial", "complete"), "c.yaml"))


def test_clause_ids_may_not_collide(tmp_path: Path) -> None:
    text = VALID.replace(
        "  - gap: Articles 3-5 - not found\n",
        '  - number: "2.1"\n    paragraphs:\n      - Shadow.\n',
    )
    found = messages(tmp_path, text)
    assert any(
        "clause id '2.1' would name both paragraph 2.1 of article 2 and article 2.1" in m
        for m in found
    ), found


@pytest.mark.parametrize(
    ("content", "plain"),
    [
        ("a: [1, 2, {b: c}]\n", True),
        ("a: &x [1, 2]\nb: *x\n", False),  # an alias: the same node twice
        ("a: !!python/name:os.system x\n", False),
        ("a: " + "[" * 70 + "]" * 70 + "\n", False),
    ],
)
def test_the_tree_fast_path_passes_only_plain_trees(content: str, plain: bool) -> None:
    """``graph_problem`` skips its full walk only for what that walk would accept."""
    import yaml

    from treatycmp.formats.yamlkit import _plain_tree, graph_problem, yaml_loader

    root = yaml.compose(content, Loader=yaml_loader())
    assert root is not None
    assert _plain_tree(root) is plain
    if plain:
        assert graph_problem(root, "x.yaml") is None

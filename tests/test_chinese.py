"""Chinese, the first language without spaces: normalise, align, diff, grep and wrap.

On real text: the Traditional Chinese of the Geneva Conventions I and II from the
open-treaties dataset (../shared/corpora/open-treaties, CC0), converted by
scripts/open_treaties.py. The two conventions share their common articles word for
word and carry their final provisions under numbers one apart (I 55-64, II 54-63),
so they are a real renumbered pair. Tests skip, saying why, without the dataset.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pytest
from _open_treaties import converted, require_data
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from treatycmp import compare
from treatycmp.analysis import Comparison
from treatycmp.cli import cli
from treatycmp.diff import diff_words
from treatycmp.model import Article, Treaty
from treatycmp.render.diff.terminal import render_table
from treatycmp.render.wrap import break_offsets, units
from treatycmp.search import match_phrase
from treatycmp.text import fold, normalize, normalize_with_offsets, tokenize

CLOSING_PUNCTUATION = "，。、；：？！）」』》"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_data()
    out = tmp_path_factory.mktemp("open-treaties")
    for key in ("gc-i", "gc-ii"):
        for language in ("en", "zh"):
            converted(out, key, language)
    return out


@pytest.fixture(scope="module")
def gc1(folder: Path) -> Treaty:
    return converted(folder, "gc-i", "zh")


@pytest.fixture(scope="module")
def gc2(folder: Path) -> Treaty:
    return converted(folder, "gc-ii", "zh")


def _text(treaty: Treaty, article: str) -> str:
    found = treaty.article(article)
    assert found is not None
    return "\n".join(p.text for p in found.paragraphs)


def _replace_char(treaty: Treaty, article: str, index: int, new: str) -> Treaty:
    """``treaty`` with one character of one article's first paragraph replaced."""
    articles = []
    for a in treaty.articles:
        if isinstance(a, Article) and a.number == article:
            first = a.paragraphs[0]
            text = first.text[:index] + new + first.text[index + 1 :]
            a = dataclasses.replace(
                a, paragraphs=(dataclasses.replace(first, text=text), *a.paragraphs[1:])
            )
        articles.append(a)
    return dataclasses.replace(treaty, id=treaty.id + "-edited", articles=tuple(articles))


def test_converted_text_is_chinese_and_whole(gc1: Treaty, gc2: Treaty) -> None:
    assert gc1.language == gc2.language == "zh"
    assert len(gc1.article_list) == 64
    assert len(gc2.article_list) == 63
    assert _text(gc1, "1") == "各締約國承諾在一切情況下尊重本公約並保證本公約之被尊重。"


def test_normalisation_keeps_every_han_character(gc1: Treaty) -> None:
    for article in gc1.article_list[:20]:
        for p in article.paragraphs:
            norm, offsets = normalize_with_offsets(p.text)
            assert norm == normalize(p.text, strip_number=False)
            han = [ch for ch in p.text if "\u4e00" <= ch <= "\u9fff"]
            assert [ch for ch in norm if "\u4e00" <= ch <= "\u9fff"] == han
            assert not set(norm) & set(CLOSING_PUNCTUATION)
            assert all(norm[k] == fold(p.text[i]) for k, i in enumerate(offsets) if norm[k] != " ")


def test_tokens_are_characters_and_rebuild_the_text(gc1: Treaty) -> None:
    text = _text(gc1, "2")
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(len(t) == 1 for t in tokens if "\u4e00" <= t[0] <= "\u9fff")
    # Korean keeps its space-separated words; Russian and English too.
    assert tokenize("체약 쌍방은, 지체없이") == ["체약", " ", "쌍방은", ",", " ", "지체없이"]
    assert tokenize("Статья 4 Сторон") == ["Статья", " ", "4", " ", "Сторон"]


def test_one_changed_character_is_one_changed_token(gc1: Treaty) -> None:
    text = _text(gc1, "1")
    edited = text.replace("尊重本公約", "遵守本公約", 1)
    ops = diff_words(text, edited)
    assert "".join(o.left for o in ops) == text
    assert "".join(o.right for o in ops) == edited
    changed = [(o.left, o.right) for o in ops if o.op != "equal"]
    assert changed == [("尊重", "遵守")]
    assert sum(len(o.left) for o in ops if o.op == "equal") == len(text) - 2


def test_every_single_character_edit_of_an_article_stays_small(gc1: Treaty) -> None:
    text = gc1.article_list[2].paragraphs[0].text  # common Article 3, first paragraph
    for index in range(0, len(text), 7):
        edited = text[:index] + "某" + text[index + 1 :]
        ops = diff_words(text, edited)
        assert "".join(o.left for o in ops) == text
        assert "".join(o.right for o in ops) == edited
        if text[index] != "某":
            assert sum(len(o.left) for o in ops if o.op != "equal") <= 3


def test_an_edited_article_is_a_changed_pair_and_the_rest_stays_same(gc1: Treaty) -> None:
    edited = _replace_char(gc1, "12", 5, "某")
    c = compare(gc1, edited)
    kinds = {(p.left[0].id if p.left else "-"): p.kind for p in c.pairs}
    assert kinds["12.1"] == "changed"
    assert all(k == "same" for cid, k in kinds.items() if cid != "12.1")


def test_geneva_i_and_ii_align_across_the_renumbering(gc1: Treaty, gc2: Treaty) -> None:
    c = compare(gc1, gc2)
    pairs = {(tuple(x.id for x in p.left), tuple(x.id for x in p.right)): p.kind for p in c.pairs}
    # The common articles keep their numbers and words.
    for cid in ("1", "2.1", "2.2", "2.3"):
        assert pairs[((cid,), (cid,))] == "same"
    # The final provisions sit one number lower in II: I 57 -> II 56, I 64 -> II 63.
    assert pairs[(("57.1",), ("56.1",))] == "same"
    assert pairs[(("64.1",), ("63.1",))] == "same"
    assert pairs[(("62",), ("61",))] == "same"
    assert sum(1 for k in pairs.values() if k == "same") >= 50


def test_chinese_and_english_pairings_agree_on_the_final_provisions(folder: Path) -> None:
    zh = compare(converted(folder, "gc-i", "zh"), converted(folder, "gc-ii", "zh"))
    en = compare(converted(folder, "gc-i", "en"), converted(folder, "gc-ii", "en"))

    def articles(c: Comparison) -> set[tuple[str, str]]:
        return {
            (p.left[0].id.split(".")[0], p.right[0].id.split(".")[0])
            for p in c.pairs
            if p.left and p.right and p.left[0].id.split(".")[0].isdigit()
        }

    shared = articles(zh) & articles(en)
    assert {("57", "56"), ("60", "59"), ("62", "61"), ("64", "63")} <= shared


def test_grep_finds_chinese_phrases(gc1: Treaty) -> None:
    text = _text(gc1, "3")
    found = match_phrase("武裝衝突", text, language="zh", exact=True)
    assert found is not None
    score, spans = found
    assert score == 1.0
    assert [text[s:e] for s, e in spans] == ["武裝衝突"]
    # Typed with a space, the phrase is still found; fullwidth digits match ASCII ones.
    assert match_phrase("武裝 衝突", text, language="zh", exact=True) is not None
    dated = "於１９４９年８月１２日訂立"
    assert match_phrase("1949年8月12日", dated, language="zh", exact=True) == (1.0, ((1, 11),))
    assert match_phrase("不存在的短語", text, language="zh", exact=True) is None


def test_grep_command_on_the_converted_corpus(folder: Path) -> None:
    result = CliRunner().invoke(
        cli, ["grep", "武裝衝突", "--corpus", str(folder), "-f", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    rows = hits["hits"] if isinstance(hits, dict) else hits
    where = {(h["treaty"], h["clause"]) for h in rows}
    assert {("ot-gc-i@zh", "2.1"), ("ot-gc-ii@zh", "2.1"), ("ot-gc-i@zh", "3.1")} <= where


@pytest.mark.parametrize("width", [60, 80, 100])
def test_side_by_side_table_fits_and_breaks_between_characters(
    gc1: Treaty, gc2: Treaty, width: int
) -> None:
    out = render_table(compare(gc1, gc2), width=width)
    lines = out.split("\n")
    assert max(cell_len(line) for line in lines) <= width
    column = (width - 3) // 2
    cells = [line.split("│")[0] for line in lines if line.count("│") == 1]
    # A long Han paragraph fills its column: a line ends short only where the next
    # line starts with a character that may not begin a line, or the paragraph ends.
    for this, nxt in itertools.pairwise(cells):
        body, following = this.rstrip(), nxt.strip()
        han_on_both_sides = body and following and "\u4e00" <= body[-1] <= "\u9fff"
        if han_on_both_sides and "\u4e00" <= following[0] <= "\u9fff":
            assert cell_len(body) >= column - 6, (body, following)
    assert not any(c.strip()[:1] in set(CLOSING_PUNCTUATION) for c in cells if c.strip())


def test_wrapping_breaks_at_characters_and_keeps_punctuation_with_them(gc1: Treaty) -> None:
    text = _text(gc1, "3").split("\n")[0]
    assert "".join(units(text)) == text
    for width in (8, 13, 40):
        cuts = [0, *break_offsets(text, width), len(text)]
        lines = [text[a:b] for a, b in itertools.pairwise(cuts)]
        assert "".join(lines) == text
        assert all(cell_len(line.rstrip()) <= width for line in lines)
        assert all(line[0] not in CLOSING_PUNCTUATION for line in lines)
        assert all(cell_len(line) >= width - 4 for line in lines[:-1])


def test_diff_command_on_chinese_texts(folder: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["diff", "ot-gc-i@zh:1", "ot-gc-ii@zh:1", "--corpus", str(folder), "--width", "60"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "各締約國承諾在一切情況下尊重" in result.stdout


CJK_WORDS = st.sampled_from(
    ["締約國", "公約", "，", "尊重", "本", "。", "武裝衝突", "Article", " "]
)
CJK_TEXT = st.lists(st.one_of(CJK_WORDS, st.text(alphabet="締約國公本尊重，。 a1", max_size=4)))


@settings(max_examples=150)
@given(CJK_TEXT.map("".join), CJK_TEXT.map("".join))
def test_chinese_spans_rebuild_both_texts(left: str, right: str) -> None:
    ops = diff_words(left, right)
    assert "".join(o.left for o in ops) == left
    assert "".join(o.right for o in ops) == right
    assert all(a.op != b.op for a, b in itertools.pairwise(ops))


@given(CJK_TEXT.map("".join), st.integers(min_value=2, max_value=30))
def test_wrapping_rebuilds_the_text_and_fits(text: str, width: int) -> None:
    assert "".join(units(text)) == text
    cuts = [0, *break_offsets(text, width), len(text)]
    lines = [text[a:b] for a, b in itertools.pairwise(cuts)]
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines)


def test_large_chinese_pairs_shortlist_by_characters(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond the full-matrix size, candidates come from a word-level matrix: in Chinese
    the words are characters, so the shortlist finds what the full matrix finds."""
    from treatycmp.align import tuning as align

    left = converted(folder, "gc-iii", "zh")
    right = converted(folder, "gc-iv", "zh")
    cells = len(left.clauses()) * len(right.clauses())
    assert cells > align.FULL_MATRIX_LIMIT

    def kinds() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        return [
            (p.kind, tuple(c.id for c in p.left), tuple(c.id for c in p.right))
            for p in compare(left, right).pairs
            if p.left and p.right
        ]

    shortlisted = kinds()
    monkeypatch.setattr(align, "FULL_MATRIX_LIMIT", cells + 1)
    assert shortlisted == kinds()
    assert sum(1 for k, _, _ in shortlisted if k in ("changed", "moved")) >= 100

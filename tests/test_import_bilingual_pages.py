"""Issue 21: bilingual Chinese/English treaty pages, and --language on a page where
the other text's designator comes first (the label is the imported text's).

The pages are faithful excerpts of lawchat-oss/open-treaties (CC0 1.0 data, the treaty
texts public domain): whole article blocks as the site prints them (a ``第N條`` link
and an ``Art. N`` span in Chinese numerals, then the Chinese and the English text),
with the page furniture around them cut. When the mirror of that repository is on
the machine (bench/realdocs), the whole real pages are imported too.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

pytest.importorskip("lxml")
pytest.importorskip("readability")

_PAGE = """<!DOCTYPE html>
<html lang="zh-TW"><head><meta charset="UTF-8"><title>{title} — Open Treaties</title></head>
<body><main class="flex-1">
<h1 class="font-heading">{title}</h1>
<div>
{articles}
</div>
</main></body></html>
"""

_ARTICLE = """<div id="art-{zh}" class="art-target py-4">
  <div class="flex items-baseline gap-2 mb-1">
    <a href="#art-{zh}" class="font-heading text-base font-bold">第{zh}條</a>
    <span class="text-xs text-text-muted">Art. {zh}</span>
  </div>
  {caption}<div class="zh-content text-sm whitespace-pre-wrap">{zh_text}</div>
  <div class="en-content text-sm whitespace-pre-wrap hidden">{en_text}</div>
</div>"""

_CAPTION = (
    '<div class="text-sm font-medium zh-content">{zh}</div>'
    '<div class="text-sm font-medium en-content hidden">{en}</div>\n  '
)

# Statute of the International Court of Justice, Articles 27-29: the Chinese text of
# 27 and 28 opens with a reference (第二十六條及第二十九條規定之...).
_ICJ = [
    (
        "二十七",
        "第二十六條及第二十九條規定之任何分庭所為之裁判，應視為法院之裁判。",
        "A judgment given by any of the chambers provided for in Articles 26 and 29 "
        "shall be considered as rendered by the Court.",
    ),
    (
        "二十八",
        "第二十六條及第二十九條規定之分庭，經當事國之同意，得在海牙以外地方開庭及行使職務。",
        "The chambers provided for in Articles 26 and 29 may, with the consent of the "
        "parties, sit and exercise their functions elsewhere than at The Hague.",
    ),
    (
        "二十九",
        "法院為迅速處理事務，應於每年以法官五人組織一分庭。該分庭經當事國之請求，得用簡易程序，"
        "審理及裁判案件。法院並應選定法官二人，以備接替不能出庭之法官。",
        "With a view to the speedy dispatch of business, the Court shall form annually a "
        "chamber composed of five judges which, at the request of the parties, may hear "
        "and determine cases by summary procedure. In addition, two judges shall be "
        "selected for the purpose of replacing judges who find it impossible to sit.",
    ),
]


def _page(
    title: str, articles: list[tuple[str, str, str]], captions: tuple[tuple[str, str], ...] = ()
) -> str:
    return _PAGE.format(
        title=title,
        articles="\n".join(
            _ARTICLE.format(
                zh=zh,
                zh_text=zh_text,
                en_text=en_text,
                caption=_CAPTION.format(zh=captions[i][0], en=captions[i][1]) if captions else "",
            )
            for i, (zh, zh_text, en_text) in enumerate(articles)
        ),
    )


_Doc = dict[str, list[dict[str, object]]]


def _import(tmp_path: Path, runner: CliRunner, page: str, *args: str) -> tuple[_Doc, str]:
    src = tmp_path / "page.html"
    src.write_text(page, encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t", *args])
    assert out.exit_code == 0, out.stderr
    return yaml.safe_load(out.stdout), out.stderr


def test_a_chinese_paragraph_opening_with_a_reference_is_no_heading_of_the_english_text(
    tmp_path: Path, runner: CliRunner
) -> None:
    # It was kept as the designator 第二十六條 (a heading of the other text): article 27
    # had no text and 26 came twice, so the whole page was refused.
    doc, err = _import(tmp_path, runner, _page("國際法院規約", _ICJ), "--language", "en")
    assert [a["number"] for a in doc["articles"]] == ["27", "28", "29"]
    assert doc["articles"][0]["paragraphs"] == [_ICJ[0][2]]
    assert "(100.0%" in err
    assert "in zh (another language)" in err


def test_a_chinese_bis_after_art_is_its_own_article(tmp_path: Path, runner: CliRunner) -> None:
    # Rome Statute, Articles 8 and 8 bis (first sentences): Art. 八之二 is 8bis, not
    # the words of Article 8.
    articles = [
        (
            "八",
            "(一) 本法院對戰爭罪具有管轄權，特別是對於作為一項計劃或政策的一部分所實施的行為，"
            "或作為在大規模實施這些犯罪中所實施的行為。",
            "1. The Court shall have jurisdiction in respect of war crimes in particular "
            "when committed as part of a plan or policy or as part of a large-scale "
            "commission of such crimes.",
        ),
        (
            "八之二",
            "（一）為了本規約的目的，「侵略罪」是指能夠有效控制或指揮一個國家的政治或軍事行動的人"
            "策劃、準備、發動或實施一項侵略行為的行為，此種侵略行為依其特點、嚴重程度和規模，"
            "須構成對《聯合國憲章》的明顯違反。",
            '1. For the purpose of this Statute, "crime of aggression" means the planning, '
            "preparation, initiation or execution, by a person in a position effectively to "
            "exercise control over or to direct the political or military action of a State, "
            "of an act of aggression which, by its character, gravity and scale, constitutes "
            "a manifest violation of the Charter of the United Nations.",
        ),
    ]
    page = _page(
        "國際刑事法院羅馬規約",
        articles,
        (("戰爭罪", "War crimes"), ("侵略罪", "Crime of aggression")),
    )
    doc, _ = _import(tmp_path, runner, page, "--language", "en")
    assert [a["number"] for a in doc["articles"]] == ["8", "8bis"]
    assert doc["articles"][1]["paragraphs"] == ["Crime of aggression", articles[1][2]]
    zh, _ = _import(tmp_path, runner, page, "--language", "zh")
    assert [a["number"] for a in zh["articles"]] == ["8", "8bis"]


_MIRROR = Path("/work/.mirror/lawchat-oss+open-treaties/repo")
_COMMIT = "29319bcebf3188c44964a335adf3e9d985b7db23"


@pytest.mark.skipif(not _MIRROR.exists(), reason="lawchat-oss/open-treaties is not mirrored here")
@pytest.mark.parametrize(
    ("page", "articles"),
    [
        ("docs/treaties/icj-statute.html", 70),
        ("docs/treaties/vclt.html", 85),
        ("docs/treaties/rome-statute.html", 131),
    ],
)
def test_the_real_pages_import_whole(
    tmp_path: Path, runner: CliRunner, page: str, articles: int
) -> None:
    shown = subprocess.run(
        ["git", "--git-dir", str(_MIRROR), "show", f"{_COMMIT}:{page}"], capture_output=True
    )
    if shown.returncode != 0:
        pytest.skip(f"{page} is not in the mirror")
    doc, err = _import(tmp_path, runner, shown.stdout.decode("utf-8"), "--language", "en")
    assert len(doc["articles"]) == articles
    assert "(100.0%" in err


@pytest.mark.parametrize(
    ("text", "language", "labels"),
    [
        # Convention on the Prevention and Punishment of the Crime of Genocide, Articles
        # 1-2 (opening words), the English designator printed first.
        (
            "Article 1\n第一條\n"
            "締約國確認危害種族行為，不論發生於平時或戰時，均係國際法上之一種罪行，承允防止並懲治之。\n"
            "Article 2\n第二條\n"
            "本公約內所稱危害種族係指蓄意全部或局部消滅某一民族、人種、種族或宗教團體，"
            "犯有下列行為之一者：\n",
            "zh",
            ["第一條", "第二條"],
        ),
        (
            "第一條\nArticle 1\nThe Contracting Parties confirm that genocide, whether committed "
            "in time of peace or in time of war, is a crime under international law which they "
            "undertake to prevent and to punish.\n第二條\nArticle 2\nIn the present Convention, "
            "genocide means any of the following acts committed with intent to destroy, in whole "
            "or in part, a national, ethnical, racial or religious group, as such:\n",
            "en",
            ["Article 1", "Article 2"],
        ),
    ],
)
def test_the_label_is_the_designator_of_the_text_imported(
    text: str, language: str, labels: list[str]
) -> None:
    # With --language zh the article kept the English label of "Article 1 / 第一條".
    treaty = import_text(
        text, treaty_id="t", meta=Meta(complete=True, language=language, language_given=True)
    )
    assert [a.label for a in treaty.article_list] == labels
    assert [a.number for a in treaty.article_list] == ["1", "2"]

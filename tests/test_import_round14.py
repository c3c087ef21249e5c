"""Issue 21's fourteenth round, mended by kind (short excerpts written for the test, in
the shapes of the round's source: national laws approving a treaty, printed as Markdown
with the treaty after them): an approval act read as the preamble of the instrument it
approves, a designator glued to its text by a dash, a stop and a dash, emphasis closed
right after the dash, and a heading run onto the end of a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.formats.approval import approval_act
from treatycmp.formats.headings import read_heading

FRONT = '---\ntitulo: "Ley 99.001"\ntipo: "Ley"\n---\n# ACUERDOS\n\n'
LAW = (
    "El Senado y Cámara de Diputados de la Nación, reunidos en Congreso, sancionan con "
    "fuerza de Ley:\n\n"
    "##### ARTICULO 1º — Apruébase el Acuerdo de Cooperación Pesquera entre la República "
    "Argentina y la República del Norte, firmado en Lima el 3 de mayo de 1990, cuyo texto "
    "forma parte de la presente ley.\n\n"
    "##### ARTICULO 2º — Comuníquese al Poder Ejecutivo Nacional.\n\n"
    "DADA EN LA SALA DE SESIONES, EN BUENOS AIRES, A LOS DOS DIAS DEL MES DE JUNIO.\n\n"
    "ACUERDO DE COOPERACION PESQUERA ENTRE LA REPUBLICA ARGENTINA Y LA REPUBLICA DEL NORTE\n\n"
    "Las Partes, deseosas de desarrollar la cooperación en materia de pesca, convienen en "
    "lo siguiente:\n\n"
)
ARTICLES = [
    "Las Partes promoverán el intercambio de información científica sobre los recursos "
    "pesqueros de interés común.",
    "Las Partes establecerán una Comisión Mixta que se reunirá una vez por año, "
    "alternadamente en cada uno de los dos países.",
    "El presente Acuerdo entrará en vigor en la fecha de la última notificación y tendrá "
    "una vigencia de cinco años, renovable por períodos iguales.",
]


def _import(
    tmp_path: Path, runner: CliRunner, text: str, *args: str, name: str = "ley.md"
) -> tuple[dict[str, object], str]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "ley", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


def _numbers(doc: dict[str, object]) -> list[str]:
    articles = doc["articles"]
    assert isinstance(articles, list)
    return [a["number"] for a in articles]


@pytest.mark.parametrize(
    "heading",
    ["ARTICULO {roman}", "##### Artículo {n}", "**ARTICULO {n}**"],
    ids=["plain-roman", "h5", "bold"],
)
def test_an_approval_law_above_its_treaty_imports_as_the_treaty(
    tmp_path: Path, runner: CliRunner, heading: str
) -> None:
    # The law's own two articles, then the treaty's title and the treaty numbered from
    # 1 (or I) again: the treaty is the document; the law's words are kept in the
    # preamble and a warning names its lines (nothing moves silently).
    body = "".join(
        heading.format(n=k + 1, roman="I" * (k + 1)) + f"\n\n{t}\n\n"
        for k, t in enumerate(ARTICLES)
    )
    doc, stderr = _import(tmp_path, runner, FRONT + LAW + body, "--language", "es")
    numbers = ["I", "II", "III"] if "roman" in heading else ["1", "2", "3"]
    assert _numbers(doc) == numbers
    assert "Apruébase el Acuerdo" in " ".join(doc["preamble"])  # type: ignore[arg-type]
    assert "read as an act approving the instrument" in stderr
    assert "lines 9-13" in stderr
    assert "kept as text" not in stderr  # the act's headings are named once, as the act's


@pytest.mark.parametrize(
    ("act", "title", "words"),
    [
        (
            "Article 1. The Agreement on Fisheries between the Republic and the Kingdom, "
            "signed on 3 May 1990, is hereby approved.\n\nArticle 2. This Act enters into "
            "force on the day of its publication.\n\n",
            "AGREEMENT ON FISHERIES BETWEEN THE REPUBLIC AND THE KINGDOM",
            "The Parties shall exchange scientific information on the fish stocks "
            "of common interest and meet once a year.",
        ),
        (
            "Article 1er. L'accord de pêche entre la République et le Royaume, signé le "
            "3 mai 1990, est approuvé.\n\nArticle 2. La présente loi sera exécutée comme "
            "loi de l'État.\n\n",
            "ACCORD DE PÊCHE ENTRE LA RÉPUBLIQUE ET LE ROYAUME",
            "Les Parties échangent les informations scientifiques sur les ressources "
            "halieutiques d'intérêt commun et se réunissent chaque année.",
        ),
    ],
    ids=["en", "fr"],
)
def test_an_approval_act_in_other_languages_is_read_the_same_way(
    tmp_path: Path, runner: CliRunner, act: str, title: str, words: str
) -> None:
    treaty = "".join(f"Article {k}\n{words}\n\n" for k in range(1, 5))
    doc, stderr = _import(tmp_path, runner, act + title + "\n\n" + treaty, name="act.txt")
    assert _numbers(doc) == ["1", "2", "3", "4"]
    assert "read as an act approving the instrument" in stderr


def test_a_short_numbering_that_approves_nothing_keeps_the_annex_policy(
    tmp_path: Path, runner: CliRunner
) -> None:
    # No words of approval in the first articles: an "Article 1" after them is an
    # annex's own numbering (docs/format.md), kept as the closing's text, as before.
    text = (
        "Article 1\nThe Parties shall cooperate in the field of fisheries.\n\n"
        "Article 2\nThis Agreement enters into force on signature.\n\n"
        "AGREEMENT ON THE JOINT COMMISSION\n\n"
        + "".join(
            f"Article {k}\nThe Commission shall meet once a year and adopt its rules of "
            "procedure by consensus of the members present.\n\n"
            for k in range(1, 5)
        )
    )
    doc, stderr = _import(tmp_path, runner, text, name="annex.txt")
    assert _numbers(doc) == ["1", "2"]
    assert "act approving" not in stderr


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        (
            "Artículo 1º-La presente Convención se aplicará",
            "1",
            "La presente Convención se aplicará",
        ),
        ("Artículo 10-1. El Secretario General", "10", "1. El Secretario General"),
        ("Art. 10. - Los Estados", "10", "Los Estados"),
        ("ARTICULO 2º. \u2013\u2013 En el momento", "2", "En el momento"),
    ],
)
def test_a_designator_glued_to_its_text_by_a_dash_is_a_heading(
    line: str, number: str, rest: str
) -> None:
    heading = read_heading(line)
    assert heading is not None
    assert (heading.number, heading.rest) == (number, rest)


def test_a_letter_suffix_after_a_dash_stays_no_glued_text() -> None:
    assert read_heading("Article 3-bis") is not None
    assert read_heading("Article 12-b") is None


def test_glued_and_bold_run_in_headings_of_a_treaty_are_all_read(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The two silent failures' shapes: emphasis closed after the dash and glued to the
    # text (**Artículo 2°-**1. Toda), a designator glued to its first word (1º-La).
    body = (
        "**Artículo 1° -** Las partes se comprometen a prestarse la más amplia asistencia.\n\n"
        "**Artículo 2°-**1. Toda parte requerida comunicará los extractos solicitados.\n\n"
        "##### Artículo 3º-La presente Convención quedará abierta a la firma.\n\n"
        "**Artículo 4-**1. El presente Convenio entrará en vigor a los treinta días.\n"
    )
    law = LAW.replace("##### ARTICULO 1º — ", "**ARTICULO 1° -**").replace(
        "##### ARTICULO 2º — ", "**ARTICULO 2° -** "
    )
    doc, _ = _import(tmp_path, runner, FRONT + law + body, "--language", "es")
    assert _numbers(doc) == ["1", "2", "3", "4"]


def test_a_heading_run_onto_a_sentence_end_is_cut_where_the_numbering_goes_on(
    tmp_path: Path, runner: CliRunner
) -> None:
    # "... del presente Acuerdo.ARTICULO III" between II and IV: article III's heading;
    # "... según el ARTICULO I." ends a sentence naming an article: text.
    text = (
        "ARTICULO I\n\nLas Partes cooperarán en materia de pesca.\n\n"
        "ARTICULO II\n\nLa Comisión Mixta velará por la aplicación del presente Acuerdo."
        "ARTICULO III\n\nLas controversias se resolverán por negociaciones directas.\n\n"
        "ARTICULO IV\n\nLa Comisión informará a las Partes según lo previsto.ARTICULO I\n\n"
        "ARTICULO V\n\nEl presente Acuerdo entrará en vigor en la fecha de su firma.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "es", name="acuerdo.txt")
    assert _numbers(doc) == ["I", "II", "III", "IV", "V"]
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert articles[1]["paragraphs"] == [
        "La Comisión Mixta velará por la aplicación del presente Acuerdo."
    ]
    assert articles[3]["paragraphs"][-1].endswith("según lo previsto.ARTICULO I")


def test_the_acts_heading_alone_on_its_line_is_named_once_as_the_acts(
    tmp_path: Path, runner: CliRunner
) -> None:
    # "**ARTICULO 1°**-" alone, the words on the next line: one of the act's lines, named
    # by the act's warning, not again as a heading-shaped line kept as text.
    law = LAW.replace("##### ARTICULO 1º — ", "**ARTICULO 1°**-\n\n")
    body = "".join(f"##### Artículo {k + 1}\n\n{t}\n\n" for k, t in enumerate(ARTICLES))
    doc, stderr = _import(tmp_path, runner, FRONT + law + body, "--language", "es")
    assert _numbers(doc) == ["1", "2", "3"]
    assert "read as an act approving the instrument" in stderr
    assert "kept as text" not in stderr


def test_a_caption_in_capitals_on_the_line_after_a_heading_is_the_articles_caption(
    tmp_path: Path, runner: CliRunner
) -> None:
    # "##### ARTICULO 2", then "AUTORIDADES" on a line of its own, then the text: the
    # article's caption, as a caption on the heading's line would be. In a text printed
    # all in capitals the line after the heading is its first sentence.
    text = (
        "Las Partes convienen en lo siguiente:\n\n"
        "##### ARTICULO 1\n\nAMBITO DE APLICACION\n\n"
        "La presente Convención se aplicará a las materias civiles y comerciales.\n\n"
        "##### ARTICULO 2\n\nAUTORIDADES\n\n"
        "1. Se entenderá por autoridad judicial aquella autoridad competente.\n\n"
        "##### ARTICULO 3\n\nLAS PARTES SE COMUNICARAN SUS LEYES\n\nY SUS REGLAMENTOS.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "es")
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert [a.get("heading") for a in articles] == ["AMBITO DE APLICACION", "AUTORIDADES", None]
    assert articles[1]["paragraphs"][0].startswith("1. Se entenderá")


def test_an_act_over_an_instrument_without_article_headings_is_warned_not_moved(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The instrument after the act has no article heading (a contract's clauses
    # PRIMERO:, SEGUNDO:): the act's articles stay the document's, with a warning that
    # the instrument is their text (it imported so without a word said).
    clauses = "".join(
        f"{word}: La Armada transferirá el lote descripto a la otra parte en el plazo "
        "de noventa días corridos desde la firma del presente convenio.\n\n"
        for word in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO")
    )
    text = FRONT + LAW.split("ACUERDO DE COOPERACION")[0] + "CONVENIO\n\n" + clauses
    doc, stderr = _import(tmp_path, runner, text, "--language", "es")
    assert _numbers(doc) == ["1", "2"]
    assert "has no article headings: it is kept as text of the act" in stderr


def test_a_title_run_onto_the_acts_last_line_starts_the_instrument(
    tmp_path: Path, runner: CliRunner
) -> None:
    # "... Oyarzún. PROTOCOLO DE SAN LUIS ..." on the signatures' line; a sentence that
    # names the instrument ("6. El presente Acuerdo ...") is no title.
    law = LAW.replace(
        "DIAS DEL MES DE JUNIO.\n\nACUERDO DE COOPERACION PESQUERA",
        "DIAS DEL MES DE JUNIO. — RAFAEL PASCUAL. ACUERDO DE COOPERACION PESQUERA",
    )
    body = "".join(f"##### Artículo {k + 1}\n\n{t}\n\n" for k, t in enumerate(ARTICLES))
    doc, stderr = _import(tmp_path, runner, FRONT + law + body, "--language", "es")
    assert _numbers(doc) == ["1", "2", "3"]
    assert "read as an act approving the instrument" in stderr


def test_a_sentence_naming_the_instrument_is_no_title() -> None:
    words = "Las Partes cooperarán en materia de pesca y se reunirán cada año. " * 5
    texts = [
        "ARTICULO 1º — Apruébase el Acuerdo de Pesca firmado en Lima.",
        "ARTICULO 2º — Comuníquese al Poder Ejecutivo Nacional.",
        "6. El presente Acuerdo tendrá una validez de dos años.",
        "ARTICULO 1",
        words,
        "ARTICULO 2",
        words,
    ]
    assert approval_act(texts) is None
    assert approval_act([*texts[:2], "ACUERDO DE PESCA", *texts[3:]]) == (0, 2, 3)


def test_long_text_under_no_title_after_an_act_is_warned(tmp_path: Path, runner: CliRunner) -> None:
    # An exchange of notes printed after the law, the letters under no title line: the
    # law's two articles stay the document's, and the text after them is said to be
    # theirs (it imported so without a word said).
    letter = (
        "Tengo el honor de dirigirme a Vuestra Excelencia con referencia al Convenio de "
        "Cooperación Técnica vigente entre nuestros dos Gobiernos, a fin de proponer que "
        "la oficina de cooperación coordine los programas que se desarrollen en su ámbito.\n\n"
    )
    text = FRONT + LAW.split("ACUERDO DE COOPERACION")[0] + "Señor Ministro:\n\n" + letter * 6
    doc, stderr = _import(tmp_path, runner, text, "--language", "es")
    assert _numbers(doc) == ["1", "2"]
    assert "under no title) has no article headings" in stderr


def test_a_wrapped_line_opening_with_an_instruments_name_in_lower_case_is_no_title() -> None:
    words = "Las Partes cooperarán en materia de pesca y se reunirán cada año. " * 5
    texts = [
        "ARTICULO 1º — Apruébase el Acuerdo de Pesca firmado en Lima.",
        "ARTICULO 2º — Comuníquese al Poder Ejecutivo Nacional.",
        "convenio: El Estado Nacional transferirá los bienes",
        "ARTICULO 1",
        words,
        "ARTICULO 2",
        words,
    ]
    assert approval_act(texts) is None


def test_headings_run_onto_several_sentence_ends_in_a_row_are_all_cut(
    tmp_path: Path, runner: CliRunner
) -> None:
    # II, III and IV each run onto the end of the sentence before them: each was
    # measured against the heading lines only (I before, V after), so only a lone
    # run-on heading was cut and II-IV's text went into article I without a word.
    text = (
        "ARTICULO I\n\nLas Partes cooperarán en materia de pesca.ARTICULO II\n\n"
        "La Comisión Mixta velará por la aplicación del presente Acuerdo.ARTICULO III\n\n"
        "Las controversias se resolverán por negociaciones directas.ARTICULO IV\n\n"
        "La Comisión informará a las Partes según lo previsto.\n\n"
        "ARTICULO V\n\nEl presente Acuerdo entrará en vigor en la fecha de su firma.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "es", name="acuerdo.txt")
    assert _numbers(doc) == ["I", "II", "III", "IV", "V"]
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert articles[0]["paragraphs"] == ["Las Partes cooperarán en materia de pesca."]


def test_run_on_headings_are_looked_for_in_linear_time() -> None:
    # 20,000 sentence ends shaped like a run-on heading and no heading line: each was
    # checked by reading every line before and after it again (quadratic: ~10 s).
    import time

    from treatycmp.formats.gazette_lines import split_tail_headings

    lines: list[tuple[str, int | None]] = [
        (f"Las Partes acuerdan lo siguiente.ARTICULO {n}", n) for n in range(20_000)
    ]
    start = time.process_time()
    out, _ = split_tail_headings(lines, [False] * len(lines))
    assert time.process_time() - start < 3.0
    assert out == lines


@pytest.mark.parametrize(
    ("words", "approves"),
    [
        ("Le Secrétaire de la Commission est autorisé à recevoir les notifications.", False),
        ("Il Segretario è autorizzato a ricevere le notifiche delle Parti.", False),
        ("Le Président de la République est autorisé à ratifier la convention.", True),
        ("Est autorisée l'approbation de l'accord entre la France et le Mali.", True),
        ("Il Presidente della Repubblica è autorizzato a ratificare il Trattato.", True),
    ],
)
def test_authorised_to_do_something_else_than_ratify_approves_nothing(
    words: str, approves: bool
) -> None:
    # A French treaty of three articles, one saying "est autorisé à recevoir", with a
    # protocol numbered from 1 after it: the treaty was read as an act approving the
    # protocol, its articles moved to the preamble and the protocol's made the document.
    from treatycmp.formats.approval import APPROVES

    assert (APPROVES.search(words) is not None) == approves
    texts = ["Les Parties sont convenues de ce qui suit :", "Article 1", words, "Article 2"]
    texts += ["Le présent Accord entre en vigueur à sa signature."]
    texts += ["PROTOCOLE RELATIF AUX DONNÉES DE PÊCHE"]
    for k in range(1, 9):
        texts += [f"Article {k}", f"Les Parties échangent les données de la zone {k} " * 4]
    assert (approval_act(texts) is not None) == approves


def test_the_text_after_an_act_under_no_title_is_named_from_after_the_acts_last_words(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The act's last heading alone on its line, its words on the next: the warning named
    # that line ('Comuníquese ...', the act's own) as where the text after the act starts.
    notes = "Señor Ministro: tengo el honor de dirigirme a Vuestra Excelencia sobre la "
    notes += "cooperación técnica entre ambos Gobiernos y proponerle lo siguiente.\n\n"
    notes *= 12
    text = (
        "El Senado y Cámara de Diputados sancionan con fuerza de Ley:\n\nARTICULO 1\n\n"
        "Apruébase el Canje de Notas entre la República y el Reino, cuyo texto forma "
        "parte de la presente ley.\n\nARTICULO 2\n\nComuníquese al Poder Ejecutivo.\n\n" + notes
    )
    doc, stderr = _import(tmp_path, runner, text, "--language", "es", name="ley.txt")
    assert _numbers(doc) == ["1", "2"]
    assert "(from line 11: 'Señor Ministro:" in stderr


def test_an_amending_protocols_article_glued_to_a_dash_stays_text(
    tmp_path: Path, runner: CliRunner
) -> None:
    # "Article 2-Paragraph 3 of the Treaty is deleted.": a line of an English amending
    # protocol, read as article 2's heading since glued headings were read (Article 7
    # next, the protocol's own Article 2 made its text), without a word said.
    text = (
        "The Parties have agreed as follows:\n\nArticle 1\n\nThe Treaty is amended as follows:"
        "\n\nArticle 2-Paragraph 3 of the Treaty is deleted.\n\n"
        'Article 7-The words "five years" are replaced by "ten years".\n\n'
        "Article 2\n\nThis Protocol shall enter into force on signature.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "en", name="protocol.txt")
    assert _numbers(doc) == ["1", "2"]
    assert read_heading("Artículo 1º-La presente Ley") is not None

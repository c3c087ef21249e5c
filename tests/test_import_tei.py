"""Issue 21: TEI editions (P4 ``<TEI.2>``, P5 ``<TEI>``) read by the shared segmentation.

The documents here are written for the tests, each from a rule of the TEI Guidelines
(``<head>``, ``<p>``, ``<lb/>``, ``<hi>``, ``<choice>``, ``<note>``, ``<gap/>``); the
real editions of the ninth round (CDRH/data_earlytreaties) are scored in
tests/test_realdocs_examples.py when mirrored. No fetched file is in the repository.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

P4 = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TEI.2 PUBLIC "-//TEI P4//DTD Main DTD Driver File//EN" "TEI.dtd" [

]>
<TEI.2 id="t1">
<teiHeader><fileDesc><titleStmt><title>Treaty of Friendship of 1800</title>
<respStmt><resp>Encoder</resp><name>A. Person, 319 Library Street</name></respStmt>
</titleStmt></fileDesc></teiHeader>
<text><front><p>Title page of the volume.</p></front><body>
<p>T<hi rend="smallCaps">O</hi> all to whom these presents shall come, the Parties
have agreed<note place="foot">The printer's note on the word agreed.</note> as follows:</p>
<div1 type="article"><head>ARTICLE 1st.</head>
<p>There shall be a firm peace between the<lb/>Parties for ever.</p></div1>
<div1 type="article"><head>ARTICLE 2d.</head>
<p>Each Party shall restore the captives held by it, Esq<hi rend="super">r</hi>
Lanca<seg>&#383;</seg>ter witnessing.</p></div1>
<div1 type="article"><head>ART. 3.</head>
<p>This Treaty binds the Parties from the day of its signature.</p></div1>
</body><back><p>Index of names.</p></back></text>
</TEI.2>
"""

P5 = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>Convention of Commerce</title></titleStmt>
<publicationStmt><p>Published by a library.</p></publicationStmt>
<sourceDesc><p>A printed volume.</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<head>Convention of Commerce</head>
<p>The High Contracting Parties have agreed as follows:</p>
<div type="article"><head>Article I</head>
<ab>The merchants of each Party may <choice><orig>trade</orig><reg>trade freely</reg></choice>
in the ports of the other <choice><abbr>Gov<hi>t</hi></abbr><expan>Government</expan></choice>.
</ab></div>
<div type="article"><head>Article II</head>
<p>Duties shall not exceed <gap reason="illegible"/> per cent of the value.<note>An editor's
note that is not treaty text.</note><note>Another.</note></p></div>
<div type="article"><head>Article III</head>
<lg><l>The Parties shall consult</l><l>each other every year.</l></lg></div>
</body></text>
</TEI>
"""


def _import(runner: CliRunner, tmp_path: Path, text: str) -> tuple[int, str, dict[str, object]]:
    source = tmp_path / "edition.xml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(cli, ["import", str(source), "--id", "t", "-o", str(out)])
    data = yaml.safe_load(out.read_text("utf-8")) if out.exists() else {}
    return result.exit_code, result.stderr, data


def _articles(data: dict[str, object]) -> list[dict[str, object]]:
    arts = data["articles"]
    assert isinstance(arts, list)
    return arts


def test_tei_p4_headings_words_split_by_markup_and_notes(runner: CliRunner, tmp_path: Path) -> None:
    code, err, data = _import(runner, tmp_path, P4)
    assert code == 0, err
    assert data["title"] == "Treaty of Friendship of 1800"  # the header's title
    assert [a["number"] for a in _articles(data)] == ["1", "2", "3"]
    preamble = " ".join(map(str, data["preamble"]))  # type: ignore[call-overload]
    assert preamble.startswith("TO all to whom")  # T<hi>O</hi> one word, as printed
    assert "printer's note" not in yaml.safe_dump(data)
    art1, art2 = _articles(data)[:2]
    assert art1["paragraphs"] == ["There shall be a firm peace between the Parties for ever."]
    assert "Esqr Lanca\u017fter witnessing." in str(art2["paragraphs"])
    for word in ("Encoder", "Library Street", "Title page", "Index of names"):
        assert word not in yaml.safe_dump(data)  # header, front and back are not the text
    assert "1 <back>, 1 <front>, 1 <note>" in err  # never left out silently


def test_tei_p5_choice_as_printed_gap_marked_and_notes_counted(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, err, data = _import(runner, tmp_path, P5)
    assert code == 0, err
    arts = _articles(data)
    assert [a["number"] for a in arts] == ["I", "II", "III"]
    text = yaml.safe_dump(data, width=1000)
    assert "may trade in the ports of the other Govt." in text  # <orig>, <abbr>: as printed
    assert "trade freely" not in text
    assert "Government" not in text
    assert "2 <note>" in err
    assert "editor's" not in text
    assert arts[1]["paragraphs"][0] == {  # type: ignore[index]
        "text": "Duties shall not exceed",
        "gap_after": "illegible",
    }
    assert arts[2]["paragraphs"] == ["The Parties shall consult", "each other every year."]


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE TEI [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE TEI [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>',
    ],
)
def test_tei_declaring_entities_is_refused(runner: CliRunner, tmp_path: Path, prolog: str) -> None:
    doc = P5.replace('<?xml version="1.0" encoding="UTF-8"?>\n', prolog + "\n").replace(
        "Duties shall", "Duties &c; &x; shall"
    )
    code, err, data = _import(runner, tmp_path, doc)
    assert code == 2
    assert not data
    line = err.strip().splitlines()[-1]
    assert "declares an entity" in line
    assert "edition.xml:1:" in line  # located: the declaration's line
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("prolog", "at", "said"),
    [
        ("<!DOCTYPE TEI [\n<!ELEMENT TEI ANY>]>", "<!ELEMENT", "'<!ELEMENT' in its document"),
        ('<!DOCTYPE TEI SYSTEM "t.dtd" [\n%pe;\n]>', "%pe;", "'%pe;' in its document type's"),
        ('<!DOCTYPE TEI SYSTEM "t.dtd">', "&mdash;", "refers to the entity &mdash; that only"),
    ],
)
def test_tei_internal_subset_or_an_entity_of_an_unread_dtd_is_refused(
    runner: CliRunner, tmp_path: Path, prolog: str, at: str, said: str
) -> None:
    # Anything declared or referred to in an internal subset, and a reference that only the
    # unread DTD could expand (the word would be lost), stop the import at their line.
    doc = P5.replace('<?xml version="1.0" encoding="UTF-8"?>\n', prolog + "\n").replace(
        "Duties shall", "Duties &mdash; shall"
    )
    code, err, data = _import(runner, tmp_path, doc)
    assert code == 2
    assert not data
    assert len(err.strip().splitlines()) == 1
    assert said in err
    assert f"edition.xml:{doc[: doc.index(at)].count(chr(10)) + 1}: " in err
    assert "Traceback" not in err


def test_tei_empty_internal_subset_and_comments_in_it_are_read(
    runner: CliRunner, tmp_path: Path
) -> None:
    # TEI P4 editions write "[ ]" after the DTD's name; a comment in it declares nothing.
    prolog = '<!DOCTYPE TEI SYSTEM "t.dtd" [\n<!-- the Nebraska DTD -->\n\n]>'
    code, err, data = _import(runner, tmp_path, P5.replace("<TEI ", prolog + "\n<TEI ", 1))
    assert code == 0, err
    assert [a["number"] for a in _articles(data)] == ["I", "II", "III"]


def test_tei_dtd_on_the_network_is_never_fetched(runner: CliRunner, tmp_path: Path) -> None:
    # A listening socket stands for the DTD's server: the import must not connect to it,
    # neither for the DTD a document type names nor for an external entity it declares.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        server.setblocking(False)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/tei.dtd"
        named = f'<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "{url}">'
        code, err, data = _import(runner, tmp_path, P5.replace("<TEI ", named + "\n<TEI ", 1))
        assert code == 0, err  # a named DTD is not read: the edition imports as without it
        assert [a["number"] for a in _articles(data)] == ["I", "II", "III"]
        entity = f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{url}">]>'
        hostile = P5.replace("<TEI ", entity + "\n<TEI ", 1).replace("Duties", "&x; Duties")
        code, err, data = _import(runner, tmp_path, hostile)
        assert code == 2
        assert "declares an entity" in err
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected


def test_tei_needs_no_optional_library(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # expat is Python's own: TEI imports with lxml missing (the extras are for other formats).
    for module in ("lxml", "lxml.etree"):
        monkeypatch.setitem(sys.modules, module, None)
    code, err, data = _import(runner, tmp_path, P4)
    assert code == 0, err
    assert [a["number"] for a in _articles(data)] == ["1", "2", "3"]


def test_xml_of_an_unknown_kind_is_named_not_taken_for_a_page(
    runner: CliRunner, tmp_path: Path
) -> None:
    doc = '<?xml version="1.0"?>\n<document><body><p>Article 1</p><p>Text.</p></body></document>\n'
    code, err, _ = _import(runner, tmp_path, doc)
    assert code == 2
    line = err.strip().splitlines()[-1]
    assert "XML of an unknown kind (root <document>)" in line
    assert "TEI" in line
    assert "Error)" not in line
    assert "main text" not in line


def test_a_long_tei_record_without_articles_is_a_preamble_with_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    # A conference record: many pages of speeches, no article heading in its markup.
    speech = "<p>Brethren, we are glad to see you here at this council fire, and we speak. </p>"
    doc = P5.split("<text>")[0] + "<text><body>" + speech * 80 + "</body></text></TEI>\n"
    code, err, data = _import(runner, tmp_path, doc)
    assert code == 0, err
    assert data["completeness"] == "partial"
    assert [set(a) for a in _articles(data)] == [{"gap"}]  # the marked gap, no article
    assert len(" ".join(map(str, data["preamble"])).split()) == 80 * 15  # type: ignore[call-overload]
    assert "no article headings found" in err
    # The same words as plain text import alike (no line shaped like a heading there
    # either); designators run into a plain text's lines would refuse it, not TEI's.
    plain = tmp_path / "record.txt"
    plain.write_text(("Brethren, we are glad to see you here at this council fire. \n\n") * 80)
    result = runner.invoke(cli, ["import", str(plain), "--id", "r", "-o", str(tmp_path / "r.yaml")])
    assert result.exit_code == 0, result.stderr
    assert "no article headings found" in result.stderr
    cited = speech.replace("we speak.", "we speak of Article 1, Article 2 and Article 3.")
    (again := tmp_path / "cited").mkdir()
    code, err, data = _import(runner, again, doc.replace(speech, cited))
    assert code == 0, err
    assert data["completeness"] == "partial"
    plain.write_text(("Brethren, we speak of Article 1, Article 2 and Article 3. \n\n") * 80)
    result = runner.invoke(cli, ["import", str(plain), "--id", "r", "-o", str(tmp_path / "r.yaml")])
    assert result.exit_code == 2
    assert "'Article N' run into the text (3 numbers: 1, 2, 3)" in result.stderr


def test_tei_words_after_a_comment_and_in_table_cells_are_read(
    runner: CliRunner, tmp_path: Path
) -> None:
    # The Confederate treaties' edition marks its editors' flags with comments inside the
    # words ("last <!-- <font color="red"> -->aforssaid<!-- </font> -->;"), and records of
    # conferences list goods in tables: the lxml reader lost the words after a comment and
    # every cell's words, silently.
    doc = P5.replace(
        "Duties shall not exceed",
        "Duties under the treaty last <!-- red -->aforssaid<!-- end --> shall not exceed",
    ).replace(
        "<lg>",
        "<table><row><cell/><cell>L.</cell><cell>s.</cell></row>"
        "<row><cell>Four Pieces of Strowds</cell><cell>28</cell><cell>00</cell></row></table>"
        "<lg>",
    )
    code, err, data = _import(runner, tmp_path, doc)
    assert code == 0, err
    arts = _articles(data)
    assert arts[1]["paragraphs"][0] == {  # type: ignore[index]
        "text": "Duties under the treaty last aforssaid shall not exceed",
        "gap_after": "illegible",
    }
    rows = arts[2]["paragraphs"]
    assert isinstance(rows, list)
    assert rows[:2] == ["L. s.", "Four Pieces of Strowds 28 00"]  # a row a paragraph


def test_tei_nested_past_the_depth_limit_is_one_line_with_its_fix(
    runner: CliRunner, tmp_path: Path
) -> None:
    deep = "<div>" * 500 + "<p>x</p>" + "</div>" * 500
    code, err, _ = _import(runner, tmp_path, f"<TEI.2><text><body>{deep}</body></text></TEI.2>")
    assert code == 2
    assert "levels deep. Fix: " in err
    assert len(err.strip().splitlines()) == 1


def test_tei_editors_word_beside_the_printed_one_without_choice_is_left_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Some editions write <sic> and <corr> side by side with no <choice> around them; read
    # word by word they ran together ("wrngright"). As in a <choice>, the printed word is
    # read and the editor's is not, in either order; a <corr> with no printed twin stays.
    doc = P5.replace(
        "in the ports of the other",
        "in the <sic>prots</sic><corr>ports</corr> of the <corr>other</corr>"
        " <reg>lawful</reg> <orig>lawfull</orig> <abbr>Gov.</abbr><expan>Government</expan>",
    )
    code, err, data = _import(runner, tmp_path, doc)
    assert code == 0, err
    text = yaml.safe_dump(data, width=1000)
    assert "may trade in the prots of the other lawfull Gov. Govt." in text
    assert "ports" not in text
    assert "lawful " not in text
    assert "Government" not in text

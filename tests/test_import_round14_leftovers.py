"""Issue 21's fourteenth round's left-overs (excerpts written for the test, in the shapes
of national laws printed with the treaties they approve): one law approving two
conventions, the second numbered per part, is refused as several instruments; an
approval act printed after its instrument is named; a protocol under its own title whose
articles approve an annexed amendment is the document, not an act."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

FRONT = '---\ntitulo: "Ley 99.002"\ntipo: "Ley"\n---\n# CONVENIOS\n\n'
LAW = (
    "El Senado y Cámara de Diputados de la Nación, reunidos en Congreso, sancionan con "
    "fuerza de Ley:\n\n"
    "**ARTICULO 1° -** Apruébanse el Convenio número 201 relativo a la seguridad en los "
    "puertos y el Convenio número 202 relativo a la inspección de los buques, cuyos textos "
    "forman parte de la presente ley.\n\n"
    "**ARTICULO 2° -** Comuníquese al Poder Ejecutivo Nacional.\n\n"
)
FIRST = (
    "Convenio 201\n\nCONVENIO RELATIVO A LA SEGURIDAD EN LOS PUERTOS\n\n"
    "La Conferencia General de la Organización adopta el siguiente convenio:\n\n"
    "**Artículo 1**\n\nA los efectos del presente Convenio, el término puerto significa "
    "todo lugar de carga y descarga.\n\n"
    "##### Artículo 2\n\nTodo Miembro adoptará las medidas necesarias para la seguridad "
    "de los trabajadores.\n\n"
    "##### Artículo 3\n\nLas ratificaciones formales del presente Convenio serán "
    "comunicadas al Director General.\n\n"
)
SECOND = (
    "**Convenio 202**\n\n**CONVENIO RELATIVO A LA INSPECCION DE LOS BUQUES**\n\n"
    "La Conferencia General de la Organización adopta el siguiente convenio:\n\n"
    "PARTE I\n\n##### Articulo 1\n\nEste convenio se aplica a todos los buques que "
    "enarbolen el pabellón de un Miembro.\n\n"
    "##### Articulo 2\n\nLos inspectores tendrán acceso a todas las partes del buque.\n\n"
    "PARTE II\n\n##### Articulo 3\n\nLos Miembros comunicarán sus informes cada año.\n\n"
)


def _run(
    tmp_path: Path, runner: CliRunner, text: str, name: str, *args: str
) -> tuple[int, str, str]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "ley", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _numbers(stdout: str) -> list[str]:
    return [a["number"] for a in yaml.safe_load(stdout)["articles"]]


def test_a_law_approving_two_conventions_the_second_in_parts_is_several_instruments(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The second convention's "Articulo 1" under "PARTE I" came under a title of the same
    # kind as the first's: another instrument, not the first's part (which made clause ids
    # 1.1, 1.2 clash with the first's paragraph ids: refused, but not for what it is).
    code, _, stderr = _run(
        tmp_path, runner, FRONT + LAW + FIRST + SECOND, "ley.md", "--language", "es"
    )
    assert code == 2
    errors = [x for x in stderr.splitlines() if "error:" in x]
    assert len(errors) == 1, stderr
    assert "ley.md:39: 'Articulo 1' under 'CONVENIO RELATIVO A LA INSPECCION" in errors[0]
    assert "(line 33) numbers from 1 again" in errors[0]
    assert (
        "several instruments in one file. Fix: split it into one file per instrument" in errors[0]
    )
    assert "Traceback" not in stderr


def test_a_treaty_in_parts_under_one_title_still_numbers_per_part(
    tmp_path: Path, runner: CliRunner
) -> None:
    # One title over parts: read as before (no second title, nothing refused).
    code, stdout, stderr = _run(
        tmp_path, runner, FRONT + LAW + SECOND, "ley.md", "--language", "es"
    )
    assert code == 0, stderr
    assert _numbers(stdout) == ["1", "2", "3"]


TREATY = (
    "ACUERDO DE COOPERACION PESQUERA ENTRE LA REPUBLICA ARGENTINA Y LA REPUBLICA DEL NORTE\n\n"
    "Las Partes, deseosas de desarrollar la cooperación en materia de pesca, convienen en "
    "lo siguiente:\n\n"
    "##### ARTICULO 1\n\nLas Partes promoverán el intercambio de información científica "
    "sobre los recursos pesqueros de interés común.\n\n"
    "##### ARTICULO 2\n\nLas Partes establecerán una Comisión Mixta que se reunirá una vez "
    "por año, alternadamente en cada uno de los dos países.\n\n"
    "##### ARTICULO 3\n\nEl presente Acuerdo entrará en vigor en la fecha de la última "
    "notificación y tendrá una vigencia de cinco años, renovable por períodos iguales.\n\n"
    "Hecho en Lima, el 3 de mayo de 1990, en dos ejemplares originales.\n\n"
)
ACT_AFTER = (
    "LEY N° 99.003\n\n"
    "El Senado y Cámara de Diputados de la Nación sancionan con fuerza de Ley:\n\n"
    "##### ARTICULO 1º — Apruébase el Acuerdo de Cooperación Pesquera entre la República "
    "Argentina y la República del Norte, firmado en Lima el 3 de mayo de 1990.\n\n"
    "##### ARTICULO 2º — Comuníquese al Poder Ejecutivo Nacional.\n\n"
    "DADA EN LA SALA DE SESIONES, EN BUENOS AIRES, A LOS DOS DIAS DEL MES DE JUNIO.\n"
)


def test_an_approval_act_printed_after_its_instrument_is_kept_and_named(
    tmp_path: Path, runner: CliRunner
) -> None:
    code, stdout, stderr = _run(
        tmp_path, runner, FRONT + TREATY + ACT_AFTER, "ley.md", "--language", "es"
    )
    assert code == 0, stderr
    assert _numbers(stdout) == ["1", "2", "3"]
    closing = " ".join(yaml.safe_load(stdout)["closing"])
    assert "Apruébase el Acuerdo" in closing  # kept, every word
    assert "lines 29-33 ('ARTICULO 1º — Apruébase el Acuerdo ...') are read as an act" in stderr
    assert "approving the instrument above them and kept in its closing" in stderr


def test_an_annex_numbered_from_1_after_the_articles_is_no_act(
    tmp_path: Path, runner: CliRunner
) -> None:
    # No words of approval after the articles: the annex policy stands, no act is named.
    annex = (
        "ANEXO\n\n##### ARTICULO 1\n\nLa Comisión Mixta se reunirá una vez por año.\n\n"
        "##### ARTICULO 2\n\nLa Comisión adoptará su reglamento por consenso.\n"
    )
    code, stdout, stderr = _run(
        tmp_path, runner, FRONT + TREATY + annex, "ley.md", "--language", "es"
    )
    assert code == 0, stderr
    assert _numbers(stdout) == ["1", "2", "3"]
    assert "act approving" not in stderr


PROTOCOL = (
    "PROTOCOL APPROVING AN AMENDMENT TO THE AGREEMENT ON THE CONSERVATION OF RIVER FISH\n\n"
    "The Parties to the Agreement on the Conservation of River Fish, signed at Asunción on "
    "3 May 1990,\n\nHave agreed as follows:\n\n"
    "Article 1\n\nThe amendment to Article 4 of the Agreement, set out in the annex to this "
    "Protocol, is hereby approved.\n\n"
    "Article 2\n\nThis Protocol shall enter into force on the date of the last notification "
    "by which the Parties inform each other that their internal procedures have been "
    "completed.\n\nDone at Asunción on 9 June 1997, in two originals.\n\n"
    "AMENDMENT TO THE AGREEMENT ON THE CONSERVATION OF RIVER FISH\n\n"
    + "".join(
        f"Article {k}\n\nThe Commission established by the Agreement shall review the size of "
        "the mesh of the nets every five years and report its findings to the Parties, with "
        "its recommendations on the catch allowed in each season of the year.\n\n"
        for k in range(1, 4)
    )
)


def test_a_protocol_under_its_title_whose_articles_approve_an_amendment_is_no_act(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The first numbering stands under an instrument's own title: it is that instrument's
    # (an act never is under one); the amendment after it is its annex, as the policy says.
    code, stdout, stderr = _run(tmp_path, runner, PROTOCOL, "protocol.txt")
    assert code == 0, stderr
    assert _numbers(stdout) == ["1", "2"]
    assert "act approving" not in stderr
    assert "AMENDMENT TO THE AGREEMENT" in " ".join(yaml.safe_load(stdout)["closing"])


def test_the_instrument_kinds_are_one_list_for_every_title_reader(
    tmp_path: Path, runner: CliRunner
) -> None:
    # A volume of two conventions titled CONVENCIÓN ... (a kind the approval reader knew
    # and the several-instruments check did not): refused as several instruments, not the
    # second kept as the first's annex.
    def convention(title: str) -> str:
        return f"{title}\n\n" + "".join(
            f"Artículo {k}\n\nLos Estados Partes cooperarán en la protección de las especies "
            "migratorias y se informarán cada año de las medidas adoptadas.\n\n"
            for k in range(1, 4)
        )

    text = convention("CONVENCIÓN SOBRE LAS AVES MIGRATORIAS") + convention(
        "CONVENCIÓN SOBRE LOS PECES MIGRATORIOS"
    )
    code, _, stderr = _run(tmp_path, runner, text, "tomo.txt", "--language", "es")
    assert code == 2
    assert "several instruments in one file" in stderr


@pytest.mark.parametrize(
    "subject",
    ["Convenio de Cooperación Pesquera. Su aprobación.", "CONVENIO RELATIVO A LA SEGURIDAD"],
    ids=["running-case", "capitals"],
)
def test_a_laws_subject_line_naming_the_instrument_is_no_instruments_title(
    tmp_path: Path, runner: CliRunner, subject: str
) -> None:
    # A subject line above the law's articles naming the instrument it approves (in
    # capitals too, as many laws print it): the law's articles never call themselves that
    # instrument ("la presente ley"), so they are still read as the act above it.
    subject += "\n\n"
    law = LAW.replace(
        "Apruébanse el Convenio número 201 relativo a la seguridad en los "
        "puertos y el Convenio número 202 relativo a la inspección de los "
        "buques, cuyos textos forman",
        "Apruébase el Convenio número 201, cuyo texto forma",
    )
    code, stdout, stderr = _run(
        tmp_path, runner, FRONT + subject + law + FIRST, "ley.md", "--language", "es"
    )
    assert code == 0, stderr
    assert _numbers(stdout) == ["1", "2", "3"]
    assert "read as an act approving the instrument that follows" in stderr

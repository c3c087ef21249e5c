"""Article and chapter numbers written as words, in the languages treaties come in.

``Article One``, ``ARTICLE FIRST``, ``Article premier``, ``ARTÍCULO PRIMERO``,
``Artículo décimo primero``, ``ARTIGO PRIMEIRO``, ``Articolo primo``, ``Artikel
eerste``, ``PARTE PRIMERA``: each word (or pair of words) -> the number in digits.
Accents are optional (``DECIMO``, ``SEPTIMO``: texts typed without them), as is the
space in a Spanish or Portuguese compound (``decimoprimero``).
"""

from __future__ import annotations

import unicodedata

_EN = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_EN_ORD = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_FR_ORD = (
    "premier deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième"
)
_IT_ORD = "primo secondo terzo quarto quinto sesto settimo ottavo nono decimo"
_IT_ORD_F = "prima seconda terza quarta quinta sesta settima ottava nona decima"
_NL_ORD = "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende"
# Spanish and Portuguese ordinals, masculine (artículo, artigo) and feminine (parte,
# sección): the units, then the tens that compound with them (décimo primero = 11).
_ES_UNITS = "primero segundo tercero cuarto quinto sexto séptimo octavo noveno"
_ES_UNITS_F = "primera segunda tercera cuarta quinta sexta séptima octava novena"
_PT_UNITS = "primeiro segundo terceiro quarto quinto sexto sétimo oitavo nono"
_PT_UNITS_F = "primeira segunda terceira quarta quinta sexta sétima oitava nona"
_TENS = {"décimo": 10, "vigésimo": 20, "trigésimo": 30, "quadragésimo": 40, "cuadragésimo": 40}
_TENS_F = {"décima": 10, "vigésima": 20, "trigésima": 30}
_EXTRA = {
    "première": 1,
    "second": 2,
    "seconde": 2,
    "erster": 1,
    "undécimo": 11,
    "duodécimo": 12,
    "undicesimo": 11,
    "dodicesimo": 12,
}


def _plain(word: str) -> str:
    """A word without its accents (``décimo`` -> ``decimo``)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def _table() -> dict[str, int]:
    table: dict[str, int] = {}
    for words in (_EN, _EN_ORD, _FR_ORD, _IT_ORD, _IT_ORD_F, _NL_ORD):
        table |= {w: i for i, w in enumerate(words.split(), start=1)}
    table |= _EXTRA
    for units, tens in ((_ES_UNITS, _TENS), (_PT_UNITS, _TENS), (_ES_UNITS_F, _TENS_F)):
        unit = {w: i for i, w in enumerate(units.split(), start=1)}
        table |= unit
        for ten, value in tens.items():
            table[ten] = value
            for word, i in unit.items():
                table[f"{ten} {word}"] = table[f"{ten}{word}"] = value + i
    table |= {w: i for i, w in enumerate(_PT_UNITS_F.split(), start=1)}
    return table | {_plain(w): n for w, n in table.items()}


WORD_NUMBERS: dict[str, str] = {w: str(n) for w, n in _table().items()}
#: The English ordinals, first to twentieth: position + 1 is the number.
EN_ORDINALS: tuple[str, ...] = tuple(_EN_ORD.split())


def word_number(raw: str) -> str | None:
    """The digits of a number written as words, or None.

    >>> [word_number(w) for w in ("PRIMERO", "Décimo  Primero", "decimoprimero", "tiende")]
    ['1', '11', '11', '10']
    >>> word_number("sole") is None
    True
    """
    return WORD_NUMBERS.get(" ".join(raw.split()).casefold())

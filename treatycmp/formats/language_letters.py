"""Languages told apart by their own letters where their commonest words are alike or
absent: the Cyrillic ones (Russian, Ukrainian, Bulgarian, Serbian, Macedonian), and
Czech from Slovak, which write half their commonest words alike (a, v, na, je, že).
"""

from __future__ import annotations

import re

# Cyrillic: the script says ru unless the letters or words say otherwise: Russian by the
# letters none of the others writes (yery, e, yo: Russian of before 1918 writes the
# Ukrainian i too), Ukrainian (U+0456 i, yi, ye, ghe with upturn), Serbian (je, lje, nje,
# tshe, dje, dzhe; Macedonian gje, kje, dze), Bulgarian by its own commonest words.
_RU = re.compile(r"[ыэёЫЭЁ]")
_UK = re.compile(r"[іїєґІЇЄҐ]")
_SR = re.compile(r"[јљњћђџЈЉЊЋЂЏ]")
_MK = re.compile(r"[ѓќѕЃЌЅ]")
_RU_ONLY = frozenset(
    "для что которые который является также года его при быть этого настоящего настоящее"  # noqa: RUF001, SIM905
    " настоящим соответствии сторона сторон".split()
)
# Not "за" nor "да": as common in Russian ("ответственность за", "да будет").
_BG_ONLY = frozenset("се които към със като са това както съгласно".split())  # noqa: RUF001, SIM905
# The letters one of the two writes and the other does not: Czech ě ř ů, Slovak ľ ĺ ŕ ä ô.
_CS_LETTERS = re.compile(r"[ěřůĚŘŮ]")
_SK_LETTERS = re.compile(r"[ľĺŕäôĽĹŔÄÔ]")


def cyrillic(text: str) -> str:
    """Which language a Cyrillic text is in: its letters, else its commonest words.

    >>> cyrillic("Стаття 1. Сторони співпрацюють"), cyrillic("Страните си сътрудничат за това")
    ('uk', 'bg')
    >>> cyrillic("Стороны сотрудничают для этого")
    'ru'
    """
    letters = max(1, len(re.findall(r"[\u0400-\u04ff]", text)))
    if len(_RU.findall(text)) >= 0.005 * letters:
        return "ru"
    if len(_UK.findall(text)) >= 0.01 * letters:
        return "uk"
    if _MK.search(text):
        return "mk"
    if len(_SR.findall(text)) >= 0.01 * letters:
        return "sr"
    words = [w.casefold() for w in re.findall(r"[\u0400-\u04ff]+", text)]
    return "bg" if sum(w in _BG_ONLY for w in words) > sum(w in _RU_ONLY for w in words) else "ru"


def czech_or_slovak(text: str, cs_words: int, sk_words: int) -> str | None:
    """Czech or Slovak, for a text whose commonest words are one of theirs: each one's
    words counted (se, jako, které; sa, ako, ktoré) with each one's own letters; None
    when they tie (words both write, no letter of either's: its neighbours decide).

    >>> czech_or_slovak("Strany se dohodly, že smlouvu uzavřou.", 3, 2)
    'cs'
    >>> czech_or_slovak("Strany sa dohodli, že zmluvu uzavrú podľa práva.", 2, 4)
    'sk'
    >>> czech_or_slovak("a to v roku 1993 na dobu 5 rokov", 2, 2) is None
    True
    """
    cs = cs_words + len(_CS_LETTERS.findall(text))
    sk = sk_words + len(_SK_LETTERS.findall(text))
    return "cs" if cs > sk else "sk" if sk > cs else None

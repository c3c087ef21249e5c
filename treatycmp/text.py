"""Normalisation and tokenisation shared by align, diff and rules.

One definition of "the same words" for the whole tool: case folded, curly and
straight quotes alike, fullwidth and ASCII forms alike, OCR restoration brackets
(``[T]he``) ignored, punctuation and runs of white space reduced to one space,
invisible characters (zero-width space and joiners, soft hyphen, bidi marks;
``INVISIBLE``) dropped, so ``arm\u200bed attack`` reads, and matches rules, as
``armed attack``; every human output format still shows them spelled out
(docs/robustness.md). Letters of every script are kept, so Hangul, Cyrillic and Han
survive; Korean and Chinese have no case and are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        # Fullwidth forms of ASCII, as Chinese and Japanese texts print digits and
        # Latin letters ("１９４９年"): the same characters as their ASCII forms.
        **{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)},
        "\u3000": " ",
    }
)

# An OCR restoration: a few characters in brackets glued to a word, as in
# "[T]he", "[Th]e", "Japa[n,]" or "well-bein[g.]".
_RESTORATION = re.compile(r"(?<=\w)\[([^\[\]\s]{1,4})\]|\[([^\[\]\s]{1,4})\](?=\w)")

# A heading or number that opens a clause and says nothing about its content:
# "Article 5", "ARTICLE V.", "Art. 5", "1.", "(a)", "제4조", "Статья 4".
_LEADING_NUMBER = re.compile(
    r"^\s*(?:(?:article|art\.?|статья|ст\.)\s*[0-9ivxlcdm]+[a-z]?\s*[.:)\-]?"
    r"|제\s*\d+\s*조"
    r"|\(?[0-9]{1,3}[.)]|\([a-z]\))\s+",
    re.IGNORECASE,
)


# Format characters that change nothing a reader sees: the comparison form drops them
# (a word split by one is still the word). Renderers spell them out (escape.py).
INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)


def strip_restorations(text: str) -> str:
    """Drop the brackets of OCR restorations, keep the restored letters.

    >>> strip_restorations("[T]he Parties of Japa[n,]")
    'The Parties of Japan,'
    """
    return _RESTORATION.sub(lambda m: m.group(1) or m.group(2) or "", text)


def fold(text: str) -> str:
    """Case-fold and unify quotes and dashes; same length class, no chars dropped."""
    return unicodedata.normalize("NFC", text).translate(_QUOTES).casefold()


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LNM"


# Character classes of the fast path, after ``_FAST`` has translated a text: a word
# character is any but these four; a character the fast path cannot mirror exactly
# becomes ``_COMPLEX``, and that text takes the slow path.
_COMPLEX = "\x01"
_KEPT = "\x00"


class _FastTable(dict[int, str]):
    """``str.translate`` table, filled on first sight of each character.

    A word character becomes its folded form; an apostrophe ``'``; a bracket stays
    itself; anything else a space. A character is ``_COMPLEX`` when its folded form
    mixes classes or when its own category and its folded form's disagree on being
    a word character (``normalize_with_offsets`` tests neighbours unfolded).
    """

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        folded = fold(ch)
        word = bool(folded) and all(_is_word_char(c) and not c.isspace() for c in folded)
        if ch in "[]":
            out = ch
        elif ch in INVISIBLE:
            out = _COMPLEX  # rare: the character loop drops it and keeps the offsets
        elif word != _is_word_char(ch):
            out = _COMPLEX
        elif word:
            out = folded
        else:
            out = "'" if folded == "'" else " "
        self[cp] = out
        return out


_FAST = _FastTable()
# On the translated text: an apostrophe between word characters (a restoration
# bracket in between, as in "Party]'s", vanishes first), and a bracket touching a
# word character. Lookarounds see the text before any substitution, as the slow
# path looks at unfolded neighbours. Each pattern opens with the character it
# replaces, so the regex engine jumps from one candidate to the next instead of
# trying lookbehinds at every position (about 50 times faster on long texts).
# ``_KEPT`` never survives ``_FAST`` (it is a control character, so a space): the
# apostrophes kept by the first pass look to the second like the apostrophes they
# were, neither being a word character.
_W = r"[^ '\[\]\x00]"
_APOSTROPHE = re.compile(rf"'(?:(?<={_W}')|(?<={_W}[\[\]]'))(?={_W})")
_BRACKET = re.compile(rf"[\[\]](?:(?<={_W}[\[\]])|(?={_W}))")
# Runs of non-ASCII characters: str.translate is several times faster on ASCII
# text (CPython caches its table), so long texts are translated run by run.
_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")


def _translate(text: str) -> str:
    """``text.translate(_FAST)``, run by run of ASCII and non-ASCII on long texts."""
    if len(text) < 512 or text.isascii():
        return text.translate(_FAST)
    return "".join([part.translate(_FAST) for part in _NON_ASCII.split(text)])


def _marks(u: str) -> str:
    """Apostrophes inside words kept, brackets touching a word dropped, the rest spaces.

    As one pass keeping or dropping each mark; ``str.replace``, as a table lookup per
    character is slow on non-ASCII text."""
    if "'" in u:
        u = _APOSTROPHE.sub(_KEPT, u).replace("'", " ")
    if "[" in u or "]" in u:
        u = _BRACKET.sub("", u).replace("[", " ").replace("]", " ")
    return u.replace(_KEPT, "'")


def char_form(cp: int) -> str:
    """The fast path's form of one character before marks (empty: the text needs the
    loop); for callers translating code points in bulk (``similarity.shingles``)."""
    return "" if _FAST[cp] == _COMPLEX else _FAST[cp]


def marked(u: str) -> str:
    """``spaced_form``'s second step on a translated text: in-word apostrophes kept."""
    return _marks(u) if "'" in u or "[" in u or "]" in u else u


def visible(text: str) -> str:
    """``text`` without ``INVISIBLE`` characters, which the loop drops first anyway."""
    for ch in INVISIBLE:
        if ch in text:
            text = text.replace(ch, "")
    return text


def spaced_form(text: str) -> str | None:
    """``normalize(text, strip_number=False)`` before its runs of spaces are collapsed
    and its ends stripped (the only white space left is " "), or None when the text
    needs the character loop. For callers that collapse spaces themselves, faster
    (``similarity.shingle_texts`` does it in numpy on whole treaties).
    """
    u = _translate(text)
    if _COMPLEX in u:
        clean = visible(text)
        return None if clean == text else spaced_form(clean)
    return marked(u)


def normalize(text: str, *, strip_number: bool = True) -> str:
    """The comparison form of a text: folded, restorations and punctuation removed.

    Equal to ``normalize_with_offsets(text, strip_number=...)[0]`` (property-tested),
    computed with ``str.translate`` and two regular expressions instead of a loop
    over characters; texts with rare characters whose folding changes class take
    that slow path.

    >>> normalize("Article 4. The “Parties” shall   consult [T]he")
    'the parties shall consult the'
    >>> normalize("체약 쌍방은, 지체없이")
    '체약 쌍방은 지체없이'
    """
    if strip_number:
        m = _LEADING_NUMBER.match(text)
        if m and m.end() < len(text):
            # The pattern ends in white space, so nothing before the cut is a neighbour
            # that could change how the rest reads.
            text = text[m.end() :]
    u = _translate(text)
    if _COMPLEX in u:
        clean = visible(text)  # the loop drops them first: the same form, faster
        if clean != text:
            return normalize(clean, strip_number=False)
        return normalize_with_offsets(text)[0]
    return " ".join(marked(u).split())


_NON_SPACE = re.compile(r"\S+")


def normalize_with_offsets(text: str, *, strip_number: bool = False) -> tuple[str, list[int]]:
    """``normalize`` plus, for each output character, its index in ``text``.

    Rules match on the normalised text and report spans in the original through
    these offsets, so renderers highlight exactly the matched words. Texts whose
    characters all translate one to one (no restoration brackets, no folding that
    grows, as in most treaty text) take a word-by-word path; the rest a loop over
    characters, which is the reference (property-tested equal).
    """
    start = 0
    if strip_number:
        m = _LEADING_NUMBER.match(text)
        if m and m.end() < len(text):
            start = m.end()
    fast = _offsets_by_word(text, start)
    return fast if fast is not None else _offsets_by_char(text, start)


def _offsets_by_word(text: str, start: int) -> tuple[str, list[int]] | None:
    """The fast path of ``normalize_with_offsets``, or None when it does not apply."""
    body = text[start:]
    u = _translate(body)
    if len(u) != len(body) or _COMPLEX in u or "[" in u or "]" in u:
        return None
    if "'" in u:
        u = _marks(u)  # keeps the length: no brackets
    words: list[str] = []
    offsets: list[int] = []
    for m in _NON_SPACE.finditer(u):
        if words:
            offsets.append(start + m.start())  # a space stands where the next word starts
        words.append(m.group())
        offsets.extend(range(start + m.start(), start + m.end()))
    return " ".join(words), offsets


def offset_map(text: str) -> Callable[[int], int]:
    """``normalize_with_offsets(text)[1].__getitem__`` without building the whole list.

    Rules need the original index of only the first and last character of each
    match; on the fast path this keeps where each word starts in the original text
    (one comprehension in C) and the normalised text, whose words are the same
    characters one space apart: a position's word is the number of spaces before it
    (``str.count``). Property-tested equal to the list.
    """
    u = _translate(text)
    if len(u) != len(text) or _COMPLEX in u or "[" in u or "]" in u:
        return normalize_with_offsets(text)[1].__getitem__
    if "'" in u:
        u = _marks(u)
    starts = [m.start() for m in _NON_SPACE.finditer(u)]
    norm = " ".join(u.split())

    def find(position: int) -> int:
        if position < 0:
            raise IndexError(position)
        if norm[position] == " ":
            # A space stands where the next word starts, as in normalize_with_offsets.
            return starts[norm.count(" ", 0, position) + 1]
        word_start = norm.rfind(" ", 0, position) + 1
        return starts[norm.count(" ", 0, position)] + position - word_start

    return find


def _offsets_by_char(text: str, start: int) -> tuple[str, list[int]]:
    """``normalize_with_offsets`` one character at a time: slow, and the reference."""
    if any(ch in INVISIBLE for ch in text[start:]):
        # As if the invisible characters were not there, offsets into the real text.
        kept = [i for i in range(start, len(text)) if text[i] not in INVISIBLE]
        clean, inner = _offsets_by_char("".join(text[i] for i in kept), 0)
        return clean, [kept[o] for o in inner]
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "[]":
            # A restoration bracket glued to a word vanishes; any other is punctuation.
            prev_word = i > 0 and _is_word_char(text[i - 1])
            next_word = i + 1 < n and _is_word_char(text[i + 1])
            if prev_word or next_word:
                i += 1
                continue
        folded = fold(ch)
        if all(_is_word_char(c) for c in folded) and folded:
            if pending_space and out:
                out.append(" ")
                offsets.append(i)
            pending_space = False
            for c in folded:
                out.append(c)
                offsets.append(i)
        elif (
            folded == "'" and not pending_space and out and i + 1 < n and _is_word_char(text[i + 1])
        ):
            # An apostrophe inside a word ("other's") keeps the word whole.
            out.append("'")
            offsets.append(i)
        else:
            pending_space = True
        i += 1
    return "".join(out), offsets


_TOKEN = re.compile(r"\s+|[\w\[\]'\u2019\-]+|[^\w\s]", re.UNICODE)

# Scripts written without spaces between words: Han ideographs (with their radicals,
# iteration marks and compatibility forms), kana and bopomofo. Hangul is not here:
# Korean puts spaces between words.
CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x31A0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
CJK_CHARS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in CJK_RANGES)


@cache
def _cjk() -> re.Pattern[str]:
    """Compiled on first use (start-up): texts without such characters never need it."""
    return re.compile(f"[{CJK_CHARS}]")


@cache
def _cjk_pieces() -> re.Pattern[str]:
    return re.compile(f"[{CJK_CHARS}]|[^{CJK_CHARS}]+")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a character of a script written without spaces."""
    return bool(text) and max(text) >= "\u2e80" and _cjk().search(text) is not None


def tokenize(text: str) -> list[str]:
    """Split into words, runs of white space and single punctuation marks.

    Joining the tokens gives back ``text`` exactly. Chinese and Japanese put no
    spaces between words, so there each character is a token of its own: one
    changed character is then one changed token, not a changed sentence.

    >>> tokenize("the Parties, [T]he")
    ['the', ' ', 'Parties', ',', ' ', '[T]he']
    >>> tokenize("締約國，Article 51條")
    ['締', '約', '國', '，', 'Article', ' ', '51', '條']
    """
    tokens: list[str] = _TOKEN.findall(text)
    if not has_cjk(text):
        return tokens
    return [piece for t in tokens for piece in (_cjk_pieces().findall(t) if has_cjk(t) else (t,))]


def words(norm: str) -> list[str]:
    """The words of a normalised text; in Chinese and Japanese, its characters.

    >>> words("the parties shall"), words("各締約國承諾 在")
    (['the', 'parties', 'shall'], ['各', '締', '約', '國', '承', '諾', '在'])
    """
    if not has_cjk(norm):
        return norm.split()
    return [
        piece for w in norm.split() for piece in (_cjk_pieces().findall(w) if has_cjk(w) else (w,))
    ]


def token_key(token: str) -> str:
    """What a token is compared by: folded, restorations dropped, all space alike."""
    if token.isspace():
        return " "
    return fold(strip_restorations(token)).replace("[", "").replace("]", "")


# Fullwidth forms of ASCII and the ideographic space, read as their ASCII forms: the one
# Unicode folding ``surface`` does beyond NFC (``_QUOTES`` has them; quotes and dashes
# are punctuation, which ``surface`` keeps).
_FULLWIDTH = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " "})
_WORD = re.compile(r"\w+")

Change = str
"""What a one-to-one pair's texts differ in when only case or punctuation differs:
``"case"``, ``"punctuation"`` or ``"case+punctuation"`` (``text_change``)."""
CHANGES: tuple[Change, ...] = ("case", "punctuation", "case+punctuation")


def surface(text: str) -> str:
    """What ``same`` compares: the text itself, up to white space and Unicode forms.

    NFC, fullwidth ASCII forms as ASCII, invisible characters (``INVISIBLE``) dropped,
    every run of white space one space, ends stripped. Nothing else: case, punctuation,
    quotes, numbers and a clause's leading reference ("Article VIII") all count.

    >>> surface("  Article\u00a0VIII\u200b  applies. ") == surface("Article VIII applies.")
    True
    >>> surface("Article VIII applies.") == surface("Article XX applies.")
    False
    """
    t = unicodedata.normalize("NFC", text).translate(_FULLWIDTH)
    if any(ch in INVISIBLE for ch in t):
        t = "".join(ch for ch in t if ch not in INVISIBLE)
    return " ".join(t.split())


def _word_forms(text: str) -> list[str]:
    """The words of a text, case kept, restorations and punctuation dropped."""
    t = strip_restorations(unicodedata.normalize("NFC", text).translate(_FULLWIDTH))
    return _WORD.findall("".join(ch for ch in t if ch not in INVISIBLE))


def text_change(left: str, right: str) -> Change | None:
    """How two texts differ when they differ only in case or punctuation, else None.

    None too when they are the same (``surface``): ask ``surface`` for that.

    >>> text_change("the parties shall", "the Parties shall")
    'case'
    >>> text_change("the Parties, shall", "the Parties shall")
    'punctuation'
    >>> text_change("the parties, shall", "the Parties shall")
    'case+punctuation'
    >>> text_change("Article VIII applies", "Article XX applies") is None
    True
    """
    a, b = surface(left), surface(right)
    if a == b:
        return None
    if a.casefold() == b.casefold():
        return "case"
    if normalize(a, strip_number=False) != normalize(b, strip_number=False):
        return None
    wa, wb = _word_forms(a), _word_forms(b)
    if wa == wb:
        return "punctuation"
    if [w.casefold() for w in wa] == [w.casefold() for w in wb]:
        return "case+punctuation"
    return None


def same_text(
    left: str, right: str, *, ignore_case: bool = False, ignore_punctuation: bool = False
) -> bool:
    """Whether a pair is ``same``: equal ``surface`` forms, or a change the caller folds.

    ``ignore_case`` folds a case-only change (``diff -i``), ``ignore_punctuation`` a
    punctuation-only one; both fold one of case and punctuation together.
    """
    if surface(left) == surface(right):
        return True
    if not (ignore_case or ignore_punctuation):
        return False
    return folded(text_change(left, right), ignore_case, ignore_punctuation)


def folded(change: Change | None, ignore_case: bool, ignore_punctuation: bool) -> bool:
    """Whether the options fold a change (``text_change``'s answer) into ``same``."""
    if change == "case":
        return ignore_case
    if change == "punctuation":
        return ignore_punctuation
    return change == "case+punctuation" and ignore_case and ignore_punctuation


def word_count(text: str) -> int:
    """Number of words, for summaries and benchmarks."""
    return len(normalize(text, strip_number=False).split())

"""Which language a text is in, and one language's text picked out of a bilingual document.

The detector is simple on purpose: the script decides (Han, Hangul, kana,
Cyrillic, Arabic, Greek, Hebrew, Thai, Georgian, Armenian); within the Latin
script the share of each language's commonest words does. A bilingual document
(a treaty followed by its translation, a page that sets Chinese and English blocks
one after the other) keeps the blocks of one language: the one asked for, else the
first one met among those holding a fifth of the words. What is left out is counted
and said, never dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from treatycmp.formats.headings import CHAPTER, read_heading
from treatycmp.formats.language_letters import cyrillic, czech_or_slovak
from treatycmp.formats.segment_blocks import Block

_STOPWORDS = {
    "en": "the of and to in shall be by for with which or any this that is on as are such its",
    "fr": "le la les de des du et à en un une est dans par pour sur qui aux ou sont au ses",
    "nl": "de het een van en in op te voor met zijn door aan die dat wordt niet bij worden",
    "es": "el la los las de del y en que por con para un una se al su sus será o",
    "de": "der die das und von zu mit den des im ist für auf dem nicht eine einer wird",
    "it": "il lo la di e che per con del della un una sono nel alla delle",
    "pt": "o a os as de do da e que em para com um uma não dos das pelo",
    "tr": "ve bu bir ile için olarak olan veya her ya gibi ilgili taraf\u0131ndan kadar daha ise",
    "az": "və bu bir ilə üçün olaraq olan və ya hər edilməsi tərəflər tərəfindən qədər isə",
    "pl": "i w z na do się nie oraz lub przez dla jest od po jako które która który tym być"
    " niniejszej niniejszego niniejsza ich jej ze celu będą",
    "ro": "și în cu pe din pentru care prin sau este sunt să ale această acestui părțile",
    "sv": "och att det som är av för med till har inte ska enligt detta denna parterna",
    "da": "og at det som er af for med til har ikke skal ifølge denne dette parterne",
    "cs": "a v na se že je s z do o k jako které která který podle této tohoto smluvní",
    # Slovak: Czech's list in Slovak; the two are told apart by czech_or_slovak.
    "sk": "a v na sa že je s z do o k ako ktoré ktorá ktorý podľa tejto tohto zmluvné",
    "fi": "ja on ei että se joka tai kuin myös sekä tämän mukaan sopimuksen osapuolet",
    "hu": "az és hogy nem is egy ez meg van vagy által szerint kell amely e felek",
    # Vietnamese: syllables, as its words are written.
    "vi": "của và các là có được trong cho với này những một theo không đã để về từ khi"
    " hoặc tại sẽ nước đó mà thì bởi hay nào",
}
# The designator words that say which language's text a heading belongs to, where the
# document holds one of them only (Article is English or French, Điều Vietnamese): a
# facing-page print interleaves the two texts' headings (ĐIỀU 3 ... ARTICLE 3).
_DESIGNATOR_LANGUAGES = {
    "article": ("en", "fr"),
    "artikel": ("de", "nl", "da", "sv"),
    "artículo": ("es",),
    "articolo": ("it",),
    "artigo": ("pt",),
    "điều": ("vi",),
    "dieu": ("vi",),
}
_CYRILLIC = ("ru", "uk", "bg", "sr", "mk")
_WORDSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    # Scripts one language writes among those a treaty comes in: a Greek gazette's
    # text was recorded as English (no Latin letter, so no language found).
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")),
    ("he", re.compile(r"[\u05d0-\u05ea]")),
    ("th", re.compile(r"[\u0e01-\u0e4e]")),
    ("ka", re.compile(r"[\u10d0-\u10ff]")),
    ("hy", re.compile(r"[\u0531-\u0587]")),
)
_NOTE = re.compile(r"^\[")  # an editor's [GAP: ...] or [note]: no language's text
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# A run of blocks in another language of the same script is a translation (not a
# quotation) from this many words on.
MIN_TRANSLATION_WORDS = 150
# A document is bilingual when its other languages hold at least this share of its words.
MIN_OTHER_SHARE = 0.2


def script_of(text: str) -> str | None:
    """The script group of a text: a language code for the scripts one language owns
    here (zh, ko, ja, ru, ar, el, he, th, ka, hy), ``latin``, or None for no letters.

    >>> script_of("Κυρώνεται η Συμφωνία"), script_of("The Parties"), script_of("12.")
    ('el', 'latin', None)
    """
    counts = Counter[str]()
    for lang, pattern in _SCRIPTS:
        counts[lang] = len(pattern.findall(text))
    counts["latin"] = len(_LATIN.findall(text)) // 4  # a Han character is a word
    best, n = counts.most_common(1)[0]
    if counts["ja"] and best == "zh":
        best = "ja"
    return best if n else None


def detect(text: str) -> str | None:
    """The language of a text, or None when it is too short to tell.

    >>> detect("The Parties shall settle any dispute by peaceful means."), detect("第一條")
    ('en', 'zh')
    >>> detect("De Regeringen van de Staten die partij zijn bij dit Verdrag")
    'nl'
    """
    script = script_of(text)
    if script is None:
        return None
    if script == "ru":
        return cyrillic(text)
    if script != "latin":
        return script
    if _vietnamese(text):
        return "vi"
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]
    if len(words) < 4:
        return None
    scores = {lang: sum(w in ws for w in words) for lang, ws in _WORDSETS.items()}
    best = max(scores, key=lambda k: scores[k])
    distinct = len(set(words) & _WORDSETS[best])
    if scores[best] < max(1, len(words) // 12) or distinct < 3:
        return None
    return czech_or_slovak(text, scores["cs"], scores["sk"]) if best in ("cs", "sk") else best


# Letters Vietnamese writes and the other Latin-script languages here do not: ă đ ĩ ũ ơ
# ư and the tone-marked vowels of Latin Extended Additional (ạ ả ấ ... ỹ). Romanian
# writes ă and Croatian đ too, so a text is Vietnamese only with one of its own
# (``_VI_OWN``): a short Romanian line has as high a share of ă.
_VI = re.compile(r"[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
_VI_OWN = re.compile(r"[ĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
# Vietnamese writes a tone or a vowel mark on about every third syllable; a share of its
# own letters this high among the letters is Vietnamese text, however short the line
# (an OCR'd facing-page print sets it line by line beside the English).
MIN_VI_SHARE = 0.04


def _vietnamese(text: str) -> bool:
    """Whether a Latin-script text is Vietnamese, by its own letters.

    >>> _vietnamese("Hiệp định này được áp dụng"), _vietnamese("GIỮA"), _vietnamese("The Parties")
    (True, True, False)
    >>> _vietnamese("Părțile vor sprijini această cooperare.")  # Romanian: ă, no tone mark
    False
    """
    marks = len(_VI.findall(text))
    own = _VI_OWN.search(text) is not None
    return own and marks >= MIN_VI_SHARE * len(_LATIN.findall(text))


@dataclass(frozen=True)
class Picked:
    """The blocks of one language, its code, and what was left out (words, languages)."""

    blocks: list[Block]
    language: str | None
    dropped_words: int = 0
    dropped_languages: tuple[str, ...] = ()
    flattened: int = 0  # the characters of the longest block read as a flattened text
    # Runs of another language of the script kept as too short for a translation: their
    # count, words and first line (two texts interleaved, when words were left out too).
    mixed: tuple[int, int, int | None] = (0, 0, None)

    def notes(self, path: str) -> list[str]:
        """The warning a flattened text gets: how it was read is a guess worth checking."""
        if not self.flattened:
            return []
        return [
            f"{path}: a line of {self.flattened:,} characters is a text flattened without "
            "its line breaks: its language was told sentence by sentence and its articles "
            "cut where their numbering runs on; check where pages meet (a page of another "
            "language may end or begin inside a sentence)"
        ]


def _words(text: str) -> int:
    return len(re.findall(r"[\u3400-\u9fff\u3040-\u30ff]|[^\W_\u3400-\u9fff\u3040-\u30ff]+", text))


def _declared(block: Block) -> str | None:
    """The language a document declares for a block (a web page's ``lang``), when its
    script agrees: a page may mark a whole section with one language and set a
    quotation in another script inside it."""
    if block.lang is None:
        return None
    script = script_of(block.text)
    return block.lang if script in (None, script_of(tag_sample(block.lang))) else None


def _tag(block: Block) -> str | None:
    """A block's own language: declared, else detected; none for a heading, a chapter
    or a note, unless text runs on after the heading (a table cell: 第一條 締約雙方...)."""
    if declared := _declared(block):
        return declared
    if CHAPTER.match(block.text) or _NOTE.match(block.text):
        return None
    heading = read_heading(block.text)
    if heading is None:
        return detect(block.text)
    return detect(heading.rest) if heading.rest and heading.caption is None else None


def _designator_language(text: str, present: set[str]) -> str | None:
    """The language a heading's designator word names, when it is the one language of
    the document's that writes that word (``ĐIỀU 3`` in a Vietnamese-English print)."""
    heading = read_heading(text)
    if heading is None or not _stands_as_heading(text):
        return None
    names = _DESIGNATOR_LANGUAGES.get(heading.label.split()[0].casefold(), ())
    found = [lang for lang in names if lang in present]
    return found[0] if len(found) == 1 else None


def _tags(blocks: list[Block]) -> tuple[list[str | None], list[str | None], list[str | None]]:
    """Each block's language; a heading takes its designator's (``_designator_language``),
    else a heading or a short block takes its neighbours'. With them, each block's
    designator language (all None in a text of one language), which ``_pick_blocks``
    reads again: the languages it is asked of are these (``_unmarked`` and the
    neighbours only repeat a language told); and each block's language as told by its
    own words or designator (None where a neighbour's was taken)."""
    tags = [_tag(b) for b in blocks]
    present = {t for t in tags if t is not None}
    designators: list[str | None] = [None] * len(blocks)
    if len(present) > 1:
        designators = [_designator_language(b.text, present) for b in blocks]
        tags = [t or d for t, d in zip(tags, designators, strict=True)]
    scripts = [script_of(b.text) for b in blocks]
    ahead: list[str | None] = [None] * len(blocks)  # the next language of each one's script
    seen: dict[str | None, str] = {}
    for i in range(len(blocks) - 1, -1, -1):
        ahead[i] = seen.get(scripts[i])
        tag = tags[i]
        if tag is not None:
            seen[scripts[i]] = tag
    last: str | None = next((t for t in tags if t is not None), None)
    by_script: dict[str | None, str] = {}
    out: list[str | None] = []
    for i, tag in enumerate(tags):
        if tag is not None:
            last = by_script[scripts[i]] = tag
        # Untold: the last (else the next) language of its script (an English line
        # among Chinese blocks is not Chinese), else the last language met.
        out.append(tag or by_script.get(scripts[i]) or ahead[i] or last)
    return _unmarked(blocks, tags, out), designators, tags


def _unmarked(
    blocks: list[Block], tags: list[str | None], out: list[str | None]
) -> list[str | None]:
    """Vietnamese is told by its letters, line by line, so a Latin line too short to tell
    that writes none of them is the other Latin text's, not Vietnamese by its neighbour
    (an OCR'd facing-page print: an English line among the Vietnamese column's)."""
    latin = [t for t in tags if t is not None and t != "vi" and script_of(tag_sample(t)) == "latin"]
    if "vi" not in tags or len(set(latin)) != 1:
        return out
    other = latin[0]
    return [
        other
        if t is None and o == "vi" and script_of(b.text) == "latin" and not _VI.search(b.text)
        else o
        for b, t, o in zip(blocks, tags, out, strict=True)
    ]


# A block this long is no paragraph but a text flattened into one line (a PDF's text
# layer saved without its line breaks, pages of two languages in turn): its languages
# are told sentence by sentence, and what is kept of it is joined again into one block.
FLAT_CHARS = 5000
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=\S)")


def pick_language(blocks: list[Block], language: str | None) -> Picked:
    """``_pick_blocks``, a flattened block (``FLAT_CHARS``) read as its sentences: the
    sentences of the language picked joined again, in order, the others left out."""
    pieces: list[Block] = []
    origin: dict[int, int] = {}  # id of a sentence's block -> index of its flattened block
    for i, block in enumerate(blocks):
        if (pair := _two_headings(block) or _two_columns(block)) is not None:
            pieces.extend(pair)
            continue
        if len(block.text) < FLAT_CHARS or block.heading:
            pieces.append(block)
            continue
        for sentence in _SENTENCE_END.split(block.text):
            pieces.append(replace(block, text=sentence))
            origin[id(pieces[-1])] = i
    picked = _pick_blocks(pieces, language)
    if not origin:
        return picked
    joined: list[Block] = []
    last: int | None = None
    for block in picked.blocks:
        at = origin.get(id(block))
        if at is not None and at == last:
            joined[-1] = replace(joined[-1], text=f"{joined[-1].text} {block.text}")
        else:
            joined.append(block)
        last = at
    longest = max(len(blocks[i].text) for i in origin.values())
    return replace(picked, blocks=joined, flattened=longest)


def _two_headings(block: Block) -> list[Block] | None:
    """A line of two headings of the same article in two designators (``ĐIỀU 6 ARTICLE
    6``: a facing-page print's two columns side by side) as two blocks, one for each
    text; else None.

    >>> [b.text for b in _two_headings(Block("DIEU 10 ARTICLE 10", 1)) or []]
    ['DIEU 10', 'ARTICLE 10']
    >>> _two_headings(Block("Article 5 Article 5 of the Convention applies", 1)) is None
    True
    """
    first = read_heading(block.text)
    if first is None or not first.rest:
        return None
    second = read_heading(first.rest)
    if (
        second is None
        or second.rest
        or second.number != first.number
        or second.label.split()[0].casefold() == first.label.split()[0].casefold()
    ):
        return None
    return [replace(block, text=first.label), replace(block, text=first.rest)]


# The other column's part of a line: at least this many words, in a language told.
MIN_COLUMN_WORDS = 3
# The Vietnamese column's part: this share of its words at least in Vietnamese letters
# (a Vietnamese line has most; an English line naming Hà Nội has one).
MIN_VI_WORDS = 1 / 3


def _two_columns(block: Block) -> list[Block] | None:
    """A line that holds both columns of a facing-page print (``3. Những loại thuế hiện
    hành 3. The existing taxes to which the``: Vietnamese left, the other text right)
    as two blocks, split after its last word in Vietnamese letters, where what follows
    is of some words and in another language told; else None.

    >>> [b.text for b in _two_columns(Block("tại Đức: b. in the Federal Republic of", 1)) or []]
    ['tại Đức:', 'b. in the Federal Republic of']
    >>> _two_columns(Block("thuế lợi tức của các Nước", 1)) is None
    True
    >>> _two_columns(Block("The Parties met in Hà Nội on 3 May and agreed", 1)) is None
    True
    """
    if "\n" in block.text or block.heading or not _VI.search(block.text):
        return None
    words = block.text.split(" ")
    last = max(i for i, w in enumerate(words) if _VI.search(w))
    tail = " ".join(words[last + 1 :]).strip()
    if len(tail.split()) < MIN_COLUMN_WORDS or detect(tail) in (None, "vi"):
        return None
    head = " ".join(words[: last + 1])
    marked = sum(1 for w in words[: last + 1] if _VI.search(w))
    if not _vietnamese(head) or marked < MIN_VI_WORDS * len(head.split()):
        return None  # a name in Vietnamese letters inside another language's paragraph
    return [replace(block, text=head), replace(block, text=tail)]


def _pick_blocks(blocks: list[Block], language: str | None) -> Picked:
    """One language's blocks: ``language`` (when the document holds it), else the first.

    Blocks in another script are left out whatever their size; a run of blocks in
    another language of the same script only from ``MIN_TRANSLATION_WORDS`` words
    told in it (a translation, not a quoted phrase). Headings are never left out.
    """
    tags, designators, told = _tags(blocks)
    words_by: Counter[str] = Counter()
    for block, tag in zip(blocks, tags, strict=True):
        if tag is not None:
            words_by[tag] += _words(block.text)
    if not words_by:
        return Picked(blocks, language)
    first = _first_language(blocks, tags, words_by)
    target: str = language if language is not None and language in words_by else first
    others = sum(n for lang, n in words_by.items() if lang != target)
    if len(words_by) == 1 or others < MIN_OTHER_SHARE * sum(words_by.values()):
        return Picked(blocks, target)  # notes or quotations in another language, not a text
    keep = [True] * len(blocks)
    runs, mixed_words, mixed_line = 0, 0, None
    # A language whose text prints its own headings (ĐIỀU 2 in an English import) is a
    # whole text, not quotations: each run of it, however short, is a piece of it (a
    # facing-page print's column cut by its page).
    headed = {t for d, t in zip(designators, tags, strict=True) if d == t}
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and tags[j] == tags[i]:
            j += 1
        tag = tags[i]
        if tag is not None and tag != target:
            same_script = script_of(tag_sample(tag)) == script_of(tag_sample(target))
            size = sum(_words(b.text) for b in blocks[i:j])
            # A translation by its own words: lines that took a neighbour's language (a
            # list's short items after one paragraph the detector misread) are no proof.
            own = sum(
                _words(b.text) for b, t in zip(blocks[i:j], told[i:j], strict=True) if t == tag
            )
            declared = all(_declared(b) in (tag, None) for b in blocks[i:j]) and any(
                _declared(b) for b in blocks[i:j]
            )
            if not same_script or own >= MIN_TRANSLATION_WORDS or declared or tag in headed:
                for k in range(i, j):
                    text = blocks[k].text
                    keep[k] = bool(_NOTE.match(text)) or (
                        _stands_as_heading(text) and not same_script
                    )
            else:
                runs, mixed_words = runs + 1, mixed_words + size
                mixed_line = blocks[i].line if mixed_line is None else mixed_line
        i = j
    kept: list[Block] = []
    dropped, langs_left = 0, set()
    for block, tag, k in zip(blocks, tags, keep, strict=True):
        if k and tag is not None and tag != target:
            block, left = _designator_only(block)  # 第一條 宗旨 in an English import
            dropped += left
            langs_left |= {tag} if left else set()
        if k:
            kept.append(block)
    gone = [(b, t) for b, t, k in zip(blocks, tags, keep, strict=True) if not k]
    dropped += sum(_words(b.text) for b, _ in gone)
    langs = tuple(sorted(langs_left | {t for _, t in gone if t is not None}))
    return Picked(kept, target, dropped, langs, mixed=(runs, mixed_words, mixed_line))


def _stands_as_heading(text: str) -> bool:
    """Whether another text's block is a heading: a designator alone, or with a caption,
    never a paragraph that opens with a reference glued to its sentence
    (第二十六條及第二十九條規定之任何分庭... in the Chinese text of a bilingual page)."""
    heading = read_heading(text)
    return heading is not None and (
        heading.separated or not heading.rest or heading.caption is not None
    )


def _designator_only(block: Block) -> tuple[Block, int]:
    """A heading kept from the other text: its designator stays (the number is the
    article's), its caption in the other language goes, counted (unless the rest is
    the target text's own designator: 第一條 Art. 一)."""
    heading = read_heading(block.text)
    if heading is None or not heading.rest or read_heading(heading.rest):
        return block, 0
    return Block(heading.label, block.line, block.heading, block.lang), _words(heading.rest)


def _first_language(blocks: list[Block], tags: list[str | None], words_by: Counter[str]) -> str:
    """The language of the first text: paragraphs decide before headings, since a
    title (an archive's own title in its language above the treaty's) is no text; and a
    language told in under ``MIN_OTHER_SHARE`` of the words is no text's (a site's
    navigation above the treaty, its short items read as Portuguese, took the page)."""
    total = sum(words_by.values())
    main = {t for t, n in words_by.items() if n >= MIN_OTHER_SHARE * total} or set(words_by)
    body = (t for b, t in zip(blocks, tags, strict=True) if t in main and not b.heading)
    return next(body, None) or next(t for t in tags if t in main)


# A letter of each script one language owns (``_SCRIPTS``), by its language's code.
_SAMPLES = {
    "zh": "中",
    "ja": "の",
    "ko": "한",
    "ar": "ب",
    "el": "\u03b1",
    "he": "א",
    "th": "ก",
    "ka": "ა",
    "hy": "\u0561",
}


def tag_sample(lang: str) -> str:
    """A word in a language's script, to compare scripts by code."""
    if lang in _CYRILLIC:
        return "я"
    return _SAMPLES.get(lang, "abcd")


_NUMERALS = re.compile(
    r"[0-9\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343]"
)
_ALPHABETIC = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


def other_script(label: str, lines: list[tuple[str, int | None]]) -> bool:
    """Whether an article designator is written in another script than the article's
    text (Article 1 over Chinese text, 第一條 over English): a bilingual page's second
    designator of the same article, not a new one."""
    sample = " ".join(text for text, _ in lines[:3])
    word = _NUMERALS.sub("", label)
    return bool(_ALPHABETIC.search(word)) != bool(_ALPHABETIC.search(sample))

"""Who a modal verb binds: its grammatical subject, read from the words before it.

A modal binds a party, an organ of the treaty or the depositary; one whose subject is
a person or body outside the treaty (astronauts, the Secretary-General of the United
Nations) or the instrument itself ("This Treaty shall ...") is no party's duty,
permission or aim, so its modality finding is dropped. The subject is the head of the
noun phrase that opens the clause piece before the modal (English: the words before
"of", "to", "in" ...; Chinese: the last noun of a "X的Y" chain). Passives are left
alone: their subject is what the duty is about ("Prisoners of war shall be released"),
not who owes it. Where no subject is recognised the finding stays: the check only
removes, it never adds. A modal inside what a party undertakes to ensure ("undertakes:
(c) To ensure that the competent authorities shall enforce ...") is the content of that
duty, not a duty of its own, whoever its subject is.
"""

from __future__ import annotations

import re

from treatycmp.lazy_re import LazyPattern
from treatycmp.rule_model import language_key

# Compiled on first use (``LazyPattern``): an English pair never runs the Chinese ones.
# Clause pieces: a sentence ends at . ; : ! ?, a piece at a comma or dash.
_SENTENCE_EN = LazyPattern(r"[.;:!?]")
_PIECE_EN = LazyPattern(r"[,\u2013\u2014()]")
# A piece that is an apposition, an adverbial or a relative clause names no subject.
_NOT_SUBJECT_EN = LazyPattern(
    r"(?:including|such as|in particular|namely|notably|e\.g\.|which|who|whom|that|"
    r"in|on|at|to|for|from|with|within|without|under|upon|after|before|during|by|as|"
    r"if|when|whenever|where|while|unless|until|pending|in case|in the event|"
    r"notwithstanding|subject|pursuant|according|(?!nothing\b)\w+ing)\b",
    re.IGNORECASE,
)
# The head ends where the noun phrase's modifiers begin.
_HEAD_END_EN = LazyPattern(
    r"\s(?:of|to|in|under|within|on|at|for|from|with|by|conducting|engaged|"
    r"which|who|that|and|or)\b",
    re.IGNORECASE,
)
_NON_PARTY_EN = LazyPattern(
    r"\b(?:astronauts?|personnel|crews?|persons?|individuals?|nationals|"
    r"treaty|convention|protocol|statute|charter|instrument|provisions?|article|"
    r"paragraph|nothing)\b",
    re.IGNORECASE,
)
# An organ or official is the treaty's own (the Charter's Secretary-General, a treaty's
# Council) unless named as another organisation's: "the Secretary-General of the United
# Nations" in the Outer Space Treaty.
_OUTSIDE_ORGAN_EN = LazyPattern(
    r"\b(?:secretary[\s-]general|general assembly|security council|director[\s-]general)"
    r"\s+of\s+the\s+(?:united\s+nations|un)\b",
    re.IGNORECASE,
)
_PARTY_EN = LazyPattern(
    r"\b(?:part(?:y|ies)|states?|governments?|countr(?:y|ies)|powers?|"
    r"signator(?:y|ies)|members?|sides?)\b",
    re.IGNORECASE,
)
# "(a) To ensure that any person ... shall have": the modal is what the party ensures
# ... and "Both parties engage that, in all disputed questions, the two states shall have
# recourse to an arbitration": the modal is what they engage to, one duty
_ENSURED_EN = LazyPattern(
    r"\b(?:ensure|ensures|guarantee|guarantees|engage|engages)\s+that\b", re.IGNORECASE
)
# "which it considers": the match names its own subject, a party's pronoun
_OWN_SUBJECT_EN = LazyPattern(
    r"(?:which|that|what|as)\s+(?:it|they|each party|the party|that party|the state|that state)\b",
    re.IGNORECASE,
)
# "shall be released"; not "should be prepared to", an attitude of the subject
_RELATIVE_EN = LazyPattern(r"\b(?:which|who|that)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PASSIVE_EN = LazyPattern(
    r"\s*(?:\w+\s+){0,5}?be\b(?!\s+(?:prepared|ready|able|willing|entitled|free)\b)",
    re.IGNORECASE,
)

_SENTENCE_ZH = LazyPattern(r"[。；;！？]")
_PIECE_ZH = LazyPattern(r"[，,：:、（）()]")
_NON_PARTY_ZH = LazyPattern(
    r"秘書長|秘书长|宇宙航行員|宇宙航行员|宇航員|宇航员|航天員|航天员|太空人|"
    r"本條約|本条约|本公約|本公约|本議定書|本议定书|本規約|本规约|本憲章|本宪章|"
    # "此等政策應促進", "此種措施不得": the policies or measures named, not who owes them
    r"(?:此|該|该|這|这)(?:等|種|种|些)(?:政策|措施)"
)
_PARTY_ZH = LazyPattern(
    r"(?:締約|缔约|當事|当事|接受|派遣|會員|会员|成員|成员|各|該|该|每一?)(?:國|国|方)|"
    r"(?:雙|双|各|一|另一)方|國家|国家"
)
# 被 marks a passive, 由 the agent that follows ("應由交存國政府 ... 辦理"), 受 "be subject
# to": the words before the modal are then not who owes the act
_PASSIVE_ZH = LazyPattern(r"(?:\S{0,6}?被|由|受)")


def binds_party(text: str, start: int, end: int, language: str) -> bool:
    """False when the modal at ``text[start:end]`` has a subject that is not a party."""
    key = language_key(language)  # as the rules pick their patterns: zh_Hant is zh
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if key == "en":
        if _OWN_SUBJECT_EN.match(text, start):
            return True
        if _ensured_en(_SENTENCE_EN.split(before)[-1]):
            return False
        if _PASSIVE_EN.match(text, end):
            return True
        return not _non_party_en(before)
    if key == "zh":
        if _PASSIVE_ZH.match(text, end):
            return True
        # a match that opens on the party's last character ("國得") reads it as subject
        return not _non_party_zh(before + text[start] if text[start] in "國国方" else before)
    return True


def _ensured_en(sentence: str) -> bool:
    """Whether a modal after ``sentence`` is what a party ensures: "ensure that" comes
    before it, and no new clause with a party as its subject has begun since (", and
    each Party shall inform the depositary" is a duty of its own)."""
    if not _ENSURED_EN.search(sentence):
        return False
    clause = re.match(r"(?:and|or|but)\s+(.+)", _PIECE_EN.split(sentence)[-1].strip(), re.I)
    if clause is None or _ENSURED_EN.search(clause[1]):
        return True
    return not _PARTY_EN.search(_HEAD_END_EN.split(clause[1], maxsplit=1)[0])


def _non_party_en(before: str) -> bool:
    if _RELATIVE_EN.search(before):
        return False  # "..., which shall inform": the antecedent is not read
    sentence = _SENTENCE_EN.split(before)[-1]
    for piece in reversed(_PIECE_EN.split(sentence)):
        piece = piece.strip()
        if not piece or _NOT_SUBJECT_EN.match(piece):
            continue
        if _OUTSIDE_ORGAN_EN.match(re.sub(r"^(?:the|an?)\s+", "", piece, flags=re.I)):
            return True
        head = _HEAD_END_EN.split(piece, maxsplit=1)[0]
        return bool(_NON_PARTY_EN.search(head)) and not _PARTY_EN.search(head)
    return False


def _non_party_zh(before: str) -> bool:
    sentence = _SENTENCE_ZH.split(before)[-1]
    for piece in reversed(_PIECE_ZH.split(sentence)):
        words = sorted(
            [(m.start(), m.end(), False) for m in _NON_PARTY_ZH.finditer(piece)]
            + [(m.start(), m.end(), True) for m in _PARTY_ZH.finditer(piece)]
        )
        # "任一締約國的宇宙航行員", "本公約締約國": a word followed by 的, or straight by
        # another word, modifies the next one
        starts = {w[0] for w in words}
        heads = [w for w in words if not piece.startswith("的", w[1]) and w[1] not in starts]
        if heads:
            return not heads[0][2]
    return False

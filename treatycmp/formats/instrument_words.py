"""The kinds of instrument a title line names, kept in one list.

Three readers look for an instrument's title: the several-instruments check (a title in
capitals over each treaty of a volume, ``TREATY WITH ...``), an approval act's
instrument (``Convenio ...``, ``AGREEMENT ON ...``) and a title run onto an act's last
line (``... Oyarzún. PROTOCOLO DE SAN LUIS``). One list keeps them from drifting apart:
a kind one of them knew and another did not was a layout read in one place only.
"""

from __future__ import annotations

# Lower case, as regular expressions; the capitals' forms are these upper-cased.
KINDS = (
    "treaty|convention|agreement|arrangement|protocol|pact|charter|accord|covenant"
    "|memorandum|exchange of notes|trait[ée]|protocole|échange de lettres"
    "|tratado|convenio|acuerdo|convenci[oó]n|protocolo|canje de notas|memorando"
    "|memor[aá]ndum|pacto|estatuto|acordo|conven[cç][aã]o|accordo|trattato"
    "|vertrag|abkommen|übereinkommen|protokoll|vereinbarung|notenwechsel"
    "|verdrag|overeenkomst"
)
KINDS_UPPER = KINDS.upper()

"""A treaty as a command names it: an id or alias, a treaty YAML path, a document, or '-'.

``diff`` read documents (text, Markdown, PDF, Word, web pages) and standard input
this way; ``show``, ``buffers``, ``profile`` and ``lineup`` read them the same way, so a
text just diffed can be looked at before it is imported. A clause of a document is
named as any other (``draft.txt:4``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from treatycmp.cli.common import say
from treatycmp.errors import LookupProblem, Problem
from treatycmp.formats.folders import IMPORT_SUFFIXES as _SUFFIXES
from treatycmp.formats.folders import is_document as is_document

if TYPE_CHECKING:
    from treatycmp.corpus import Corpus
    from treatycmp.model import Clause, Level, Treaty


def treaty_named(corpus: Corpus, name: str) -> Treaty:
    """A treaty by name, or read as ``import`` reads it from a document or ``-`` (stdin)."""
    from treatycmp.formats.inputs import read_input, shown

    if name != "-" and not is_document(name):
        return _corpus_treaty(corpus, name)
    # Documents only (start-up).
    from treatycmp.formats.documents import id_from_name, treaty_from_bytes

    if name != "-":
        # The id import gives the file (Traité.txt: traite), not a second spelling of it.
        default_id, source = id_from_name(Path(name)), shown(name)
    else:
        default_id, source = "stdin", "<stdin>"
    # What the import would warn of (unknown parties; no headings, so partial) is not
    # this command's business: the caveats show a partial text. How the bytes were
    # read is: a legacy encoding is said as import says it.
    said: list[str] = []
    data = read_input(name, what="document")
    treaty = treaty_from_bytes(data, source, default_id=default_id, encoding=said)
    for warning in said:
        say(f"treatycmp: warning: {warning}")
    return treaty


def clause_named(corpus: Corpus, ref: str, level: Level) -> tuple[Treaty, Clause]:
    """A clause named ``TREATY:CLAUSE`` whose treaty may also be a document file: read as
    YAML, ``draft.txt:2`` was refused as invalid YAML at some line of the draft."""
    name, sep, clause_id = ref.rpartition(":")
    if not (sep and clause_id and is_document(name)):
        return corpus.clause(ref, level)
    from treatycmp.corpus import find_clause

    treaty = treaty_named(corpus, name)
    return treaty, find_clause(treaty, clause_id, level)


def _corpus_treaty(corpus: Corpus, name: str) -> Treaty:
    """A treaty of the corpus; a name ending as a document does (notes.txt) with no such
    file is a path mistyped, and the fix is the path, not the corpus's ids."""
    try:
        return corpus.get(name)
    except LookupProblem:
        if ":" in name and not os.path.exists(name):  # no id holds ':'; a clause does
            treaty = name.partition(":")[0] or "the treaty's id"
            raise LookupProblem(
                Problem(
                    "",
                    None,
                    f"'{name}' names a clause (TREATY:CLAUSE); this command reads a whole treaty",
                    f"write the treaty alone ({treaty})",
                )
            ) from None
        if not name.casefold().endswith(_SUFFIXES) or os.path.exists(name):
            raise
        raise LookupProblem(
            Problem(
                name,
                None,
                "no such file, nor a treaty of that name in the corpus",
                "check the path (or run 'treatycmp list' to see the ids)",
            )
        ) from None

"""One way to run expat over an XML input, for every XML reader (Akoma Ntoso, ToTA).

expat, not ElementTree: it gives each element its line, and a document type (the door
to entity expansion and external entities) can be refused before anything is read.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.parsers import expat

from treatycmp.errors import Problem, TreatyFileError


def run_expat(
    parser: expat.XMLParserType,
    data: bytes,
    name: str,
    *,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    chars: Callable[[str], None],
    doctype: tuple[str, str],
    not_xml: str,
) -> None:
    """Feed ``data`` to ``parser`` with these handlers; any fault is a located problem.

    Args:
        doctype: the problem and its fix when the document declares a document type.
        not_xml: the words before "(expat's reason)" when the bytes are not XML.
    """

    def refuse_doctype(*args: object) -> None:
        raise TreatyFileError(Problem(name, parser.CurrentLineNumber, *doctype))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise TreatyFileError(
            Problem(name, exc.lineno, f"{not_xml} ({expat.errors.messages[exc.code]})")
        ) from None
    except (LookupError, ValueError) as exc:  # an encoding expat does not know
        raise TreatyFileError(
            Problem(name, 1, f"cannot be read as XML ({exc})", "save it as UTF-8")
        ) from None

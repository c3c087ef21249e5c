"""One way to run expat over an XML input, for every XML reader (Akoma Ntoso, ToTA, TEI).

expat, not ElementTree or lxml: it gives each element its line, and a document type (the
door to entity expansion and external entities) can be refused before anything is read.
TEI P4 editions carry ``<!DOCTYPE TEI.2 PUBLIC "..." "TEI.dtd" [ ]>``: a reader may
accept a document type that only names a DTD (never fetched: expat reads no external
entity or DTD unless a handler loads it, and none here does) and whose internal subset,
if any, holds nothing but comments. Anything declared in it (an entity: "billion
laughs", an external entity) is refused at its line, as is a reference to an entity
that only an unread DTD declares (its text would be lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn
from xml.parsers import expat

from treatycmp.errors import Problem, TreatyFileError

ENTITY = (
    "declares an entity in its document type (treatycmp expands none)",
    "remove the <!ENTITY> declarations, or give the text as plain text",
)


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
    external_doctype_ok: bool = False,
) -> None:
    """Feed ``data`` to ``parser`` with these handlers; any fault is a located problem.

    Args:
        doctype: the problem and its fix when the document declares a document type.
        not_xml: the words before "(expat's reason)" when the bytes are not XML.
        external_doctype_ok: accept a document type that names a DTD (not read) and
            declares nothing in an internal subset.
    """

    def refuse(problem: str, fix: str) -> NoReturn:
        raise TreatyFileError(Problem(name, parser.CurrentLineNumber, problem, fix))

    def refuse_doctype(*args: object) -> None:
        refuse(*doctype)

    def open_doctype(name: str, system: str | None, public: str | None, subset: int) -> None:
        if subset:  # only white space and comments may stand between its brackets
            parser.DefaultHandlerExpand = in_subset

    def in_subset(text: str) -> None:
        if text.strip() and not text.startswith("<!--"):  # a comment declares nothing
            refuse(
                f"declares {text.strip()[:40]!r} in its document type's internal subset "
                "(treatycmp reads none)",
                "remove what stands between the [ ] of its <!DOCTYPE ...>",
            )

    def close_doctype() -> None:
        parser.DefaultHandlerExpand = None

    def external_entity(*args: str | None) -> int:  # unreachable: declarations are refused
        refuse(*ENTITY)

    def unread_entity(entity: str, parameter: int) -> None:
        refuse(
            f"refers to the entity &{entity}; that only a DTD declares (treatycmp reads none)",
            "write the character itself, or a character reference such as &#8212;",
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = open_doctype if external_doctype_ok else refuse_doctype
    parser.EndDoctypeDeclHandler = close_doctype
    parser.EntityDeclHandler = lambda *args: refuse(*ENTITY)
    parser.SkippedEntityHandler = unread_entity
    parser.ExternalEntityRefHandler = external_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)  # the default, said
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

"""Finding the files of a folder: a corpus folder's treaty YAML, a folder import's documents.

Bounded (a huge tree is an error, not a long wait), sorted (the same files in the same
order on every run and system), never following links to folders, refusing system folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from operator import attrgetter
from pathlib import Path

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.inputs import check_folder, os_problem, shown

MAX_FOLDER_FILES = 200_000
# The documents a folder import reads: text, markdown, Word, PDF and web pages.
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".docx", ".pdf", ".html", ".htm")
# What import reads from a folder (Markdown too), and the XML it reads one at a time.
IMPORT_SUFFIXES = (*DOCUMENT_SUFFIXES, ".xml", ".akn")


def is_document(name: str) -> bool:
    """A path to a document ``import`` reads (not treaty YAML, not a treaty's name)."""
    return name.casefold().endswith(IMPORT_SUFFIXES) and os.path.isfile(name)


def walk_files(folder: Path, suffixes: tuple[str, ...], what: str = "corpus folder") -> list[Path]:
    """The files under ``folder`` ending in ``suffixes`` in any case (``.PDF`` too: a folder
    import left them out without a word), sorted; links to folders are not followed (so no
    loop), system folders are refused and a huge tree is cut off with an error."""
    check_folder(folder, what)
    found: list[Path] = []
    seen = 0

    def error(exc: OSError) -> None:
        raise TreatyFileError(os_problem(shown(exc.filename or folder), exc, "folder"))

    for root, dirs, files in _walk(folder, error):
        dirs.sort()
        seen += len(files) + len(dirs)
        if seen > MAX_FOLDER_FILES:
            raise TreatyFileError(
                Problem(
                    shown(folder),
                    None,
                    f"holds more than {MAX_FOLDER_FILES:,} files and folders",
                    f"name the {what} that holds your treaty files, not a parent of it",
                )
            )
        base: Path | None = None
        for name in files:
            if name.casefold().endswith(suffixes):
                base = Path(root) if base is None else base  # one Path per folder
                path = base / name
                if path.is_file():
                    found.append(path)
    # On POSIX, paths order by their parts: sorting by ``parts`` orders them as
    # ``sorted`` does without a Python comparison per pair (450 ToTA files: ~3 ms of
    # a cold ``nearest``, issue 22).
    if os.name == "posix":
        found.sort(key=attrgetter("parts"))
    else:
        found.sort()
    return found


def _walk(
    folder: Path, onerror: Callable[[OSError], object]
) -> Iterator[tuple[str, list[str], list[str]]]:
    yield from os.walk(folder, onerror=onerror, followlinks=False)

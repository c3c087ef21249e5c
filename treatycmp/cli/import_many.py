"""``treatycmp import A B ...`` and ``import FOLDER``: many documents, each to its own file.

Each document becomes ``-o FOLDER/<id>.yaml`` (its id from its file name, e.g.
``Treaty of Rome.pdf`` -> ``treaty-of-rome``). A bad document gets its own
one-line error and the others are imported; the command exits 2 at the end if
any failed. A file already in the folder is left alone unless ``--force``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treatycmp.cli.common import say, say_written, write_output
from treatycmp.errors import OutputError, Problem, TreatycmpError, TreatyFileError
from treatycmp.formats.folders import DOCUMENT_SUFFIXES
from treatycmp.model import Treaty


def document_paths(sources: list[str]) -> list[Path]:
    """The files named, a folder standing for its documents (sorted, not recursing
    into hidden folders)."""
    from treatycmp.formats.folders import walk_files

    out: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = walk_files(path, DOCUMENT_SUFFIXES, "folder of documents")
            if not found:
                raise TreatyFileError(
                    Problem(
                        source,
                        None,
                        "holds no documents (.txt, .md, .docx, .pdf, .html)",
                        "name a folder of treaty documents, or the files themselves",
                    )
                )
            out.extend(found)
        else:
            out.append(path)
    return out


def _clashes(paths: list[Path], output: Path) -> tuple[list[Problem], list[Path]]:
    """A problem for each id that several documents would get (``pact.txt`` and
    ``pact.md``), and the documents left to import: none of those. Whichever came first
    was imported, the other refused, so the order of the names chose the text."""
    from treatycmp.formats.documents import id_from_name
    from treatycmp.formats.inputs import shown

    by_id: dict[str, list[Path]] = {}
    for path in dict.fromkeys(paths):
        by_id.setdefault(id_from_name(path), []).append(path)
    problems = [
        Problem(
            shown(first),
            None,
            f"would be written as {output / (treaty_id + '.yaml')}, as would "
            f"{' and '.join(map(shown, others))}: none of them is imported",
            "rename all but one, or import each alone with -o FILE",
        )
        for treaty_id, (first, *others) in ((i, sorted(s)) for i, s in by_id.items())
        if others
    ]
    return problems, [same[0] for same in by_id.values() if len(same) == 1]


def import_documents(
    paths: list[Path],
    output: Path | None,
    *,
    force: bool,
    read_one: Callable[[bytes, str, str], tuple[Treaty, str]],
    read_bytes: Callable[[Path], bytes],
) -> None:
    """Import every document into ``output`` (a folder), one error line per bad one.

    ``read_one(data, name, treaty_id)`` returns the treaty and its file's text.

    Raises:
        OutputError: no ``-o FOLDER``, or it is a file.
        TreatyFileError: every problem of the documents that failed (after the others
            were written).
    """
    from treatycmp.formats.documents import id_from_name
    from treatycmp.formats.inputs import shown

    if output is None:
        raise OutputError(
            Problem(
                shown(paths[0]) if paths else "import",
                None,
                "several documents need a folder to be written to",
                "give -o FOLDER/ (each document becomes FOLDER/<id>.yaml)",
            )
        )
    if output.exists() and not output.is_dir():
        raise OutputError(Problem(str(output), None, "is not a folder", "give -o a folder"))
    if not output.exists() and output.suffix.casefold() in (".yaml", ".yml"):
        # A name for one treaty file: made a folder 'x.yaml' holding the documents' files.
        raise OutputError(
            Problem(
                str(output),
                None,
                "is a file's name, but several documents (or a folder's) are written each "
                "to FOLDER/<id>.yaml",
                "give -o a folder (out/), or import one document to a file",
            )
        )
    problems, unique = _clashes(paths, output)
    output.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    for path in unique:
        treaty_id = id_from_name(path)
        target = output / f"{treaty_id}.yaml"
        if target.exists() and not force:
            skipped += 1
            continue
        try:
            treaty, text = read_one(read_bytes(path), shown(path), treaty_id)
            write_output(text, target, force=force, exact=True)
        except TreatycmpError as exc:
            problems.extend(exc.problems)
            continue
        written += 1
        say_written(target, len(treaty.article_list))
    say(f"imported {written} of {len(paths)} document(s) into {output}")
    if skipped:
        say(f"skipped {skipped} file(s) already in {output} (pass --force to overwrite them)")
    if problems:
        raise TreatyFileError(problems)

"""``treatycmp import --from tota``: ToTA XML files into treaty YAML files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treatycmp.cli.common import register_inputs, say, say_written, write_output
from treatycmp.errors import OutputError, Problem, TreatycmpError, TreatyFileError
from treatycmp.formats.importing import checked_yaml_model
from treatycmp.formats.tota import load_tota, tota_paths
from treatycmp.model import Treaty


def names_folder(output: str) -> bool:
    """Whether ``-o`` names a folder: an existing one, or a path written with a trailing '/'."""
    return output.endswith(("/", "\\")) or Path(output).is_dir()


def import_tota(
    source: Path,
    output: Path | None,
    force: bool,
    *,
    to_folder: bool,
    progress: Callable[[str], tuple[Callable[[int, int], None] | None, Callable[[], None]]]
    | None = None,
    limit: int | None = None,
) -> None:
    """Convert one ToTA file (to a file, a folder or stdout) or a folder (into a folder).

    A folder is converted file by file and may be resumed: a YAML file that
    already exists is left alone (and counted as skipped) unless ``force``. A
    file that is not ToTA XML, or would not validate, is reported and not
    written; the command exits 2 at the end if any was.
    """
    paths = tota_paths(source)
    register_inputs(*paths)
    if source.is_file():
        treaty = load_tota(source, limit=limit)
        if output is not None and to_folder:
            output.mkdir(parents=True, exist_ok=True)
            output = output / f"{treaty.id}.yaml"
        text, loaded = checked_yaml_model(treaty)
        write_output(text, output, force=force, exact=True)
        if output is not None and str(output) != "-":
            _store_sets(output, loaded)
            say_written(output, len(treaty.article_list))
        return
    if output is None:
        raise OutputError(
            Problem(str(source), None, "is a folder", "give -o FOLDER for the converted files")
        )
    if output.exists() and not output.is_dir():
        raise OutputError(Problem(str(output), None, "is not a folder", "give -o a folder"))
    output.mkdir(parents=True, exist_ok=True)
    problems: list[Problem] = []
    written = skipped = 0
    update, done = progress("importing ToTA") if progress else (None, lambda: None)
    try:
        for number, path in enumerate(paths, start=1):
            if update is not None:
                update(number, len(paths))
            try:
                treaty = load_tota(path, limit=limit)
                target = output / f"{treaty.id}.yaml"
                if target.exists() and not force:
                    skipped += 1
                    continue
                text, loaded = checked_yaml_model(treaty)
                write_output(text, target, force=force, exact=True)
                _store_sets(target, loaded)
                written += 1
            except TreatycmpError as exc:
                problems.extend(exc.problems)
    finally:
        done()
    say(f"wrote {written} treaty file(s) to {output}")
    if skipped:
        say(f"skipped {skipped} file(s) already in {output} (pass --force to overwrite them)")
    if problems:
        raise TreatyFileError(problems)


def _store_sets(target: Path, loaded: Treaty) -> None:
    """The file's shingle set beside it, for a first ``matrix`` (``similarity.sidecar``):
    part of making the corpus; a folder that cannot take it only makes ``matrix`` load
    the file."""
    from treatycmp.similarity import sidecar

    sidecar.write(target, loaded)

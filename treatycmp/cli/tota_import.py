"""``treatycmp import --from tota``: ToTA XML files into treaty YAML files."""

from __future__ import annotations

from pathlib import Path

import click

from ..dump import treaty_to_yaml
from ..errors import OutputError, Problem, TreatycmpError, TreatyFileError
from ..tota import load_tota, tota_paths
from .common import write_output


def import_tota(source: Path, output: Path | None, force: bool) -> None:
    """Convert one ToTA file (to ``output`` or stdout) or a folder (into folder ``output``).

    A folder is converted file by file; a file that is not ToTA XML is reported
    and skipped, and the command exits 2 at the end if any was.
    """
    paths = tota_paths(source)
    if source.is_file():
        treaty = load_tota(source)
        write_output(treaty_to_yaml(treaty), output, force=force)
        if output is not None:
            click.echo(f"wrote {output} ({len(treaty.article_list)} articles)", err=True)
        return
    if output is None:
        raise OutputError(
            Problem(str(source), None, "is a folder", "give -o FOLDER for the converted files")
        )
    if output.exists() and not output.is_dir():
        raise OutputError(Problem(str(output), None, "is not a folder", "give -o a folder"))
    output.mkdir(parents=True, exist_ok=True)
    problems: list[Problem] = []
    written = 0
    for path in paths:
        try:
            treaty = load_tota(path)
            write_output(treaty_to_yaml(treaty), output / f"{treaty.id}.yaml", force=force)
            written += 1
        except TreatycmpError as exc:
            problems.extend(exc.problems)
    click.echo(f"wrote {written} treaty file(s) to {output}", err=True)
    if problems:
        raise TreatyFileError(problems)

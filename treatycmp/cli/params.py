"""Numbers from the user as click types: one validation for options and the environment.

``click.FloatRange`` lets ``nan`` through (every comparison with NaN is false) and
``inf`` through an open upper bound; these types refuse both, so a threshold or a size
is a finite number in its range or a one-line usage error.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence

import click

from treatycmp.errors import TreatyFileError


class FiniteRange(click.FloatRange):
    """A ``FloatRange`` that refuses NaN and infinities."""

    name = "finite float range"

    def convert(
        self, value: float, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


class Megabytes(click.types.FloatParamType):
    """A size in megabytes, checked by ``formats.inputs.megabytes`` (as the environment is)."""

    name = "MB"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        from treatycmp.formats.inputs import megabytes

        try:
            return megabytes(value if isinstance(value, float) else str(value), "--max-input")
        except TreatyFileError as exc:
            problem = exc.problems[0]
            self.fail(f"{problem.message}; {problem.hint}", param, ctx)


FRACTION = FiniteRange(0.0, 1.0)
MEGABYTES = Megabytes()


class LazyChoice(click.Choice):  # type: ignore[type-arg]  # generic from click 8.2 on
    """A ``click.Choice`` whose choices are computed when first needed (a command's help,
    its parsing), so building the CLI does not import what lists them (the format
    registry, for ``import --from``)."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        self._loaded: tuple[str, ...] | None = None
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]  # read-only: computed
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded


class OutputPath(click.Path):
    """``click.Path`` for ``-o``: an empty name is refused as empty; as a path it is the
    current folder, and the error said ``.: is a folder``."""

    def convert(
        self,
        value: str | os.PathLike[str],
        param: click.Parameter | None,
        ctx: click.Context | None,
    ) -> str | bytes | os.PathLike[str]:
        if value == "":
            self.fail("an empty name: give a file name", param, ctx)
        return super().convert(value, param, ctx)

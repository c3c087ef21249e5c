"""Numbers from the user as click types: one validation for options and the environment.

``click.FloatRange`` lets ``nan`` through (every comparison with NaN is false) and
``inf`` through an open upper bound; these types refuse both, so a threshold or a size
is a finite number in its range or a one-line usage error.
"""

from __future__ import annotations

import math

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

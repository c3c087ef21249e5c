"""Which Dask scheduler a command runs on, if any: decided before anything heavy is imported.

Kept apart from ``similarity.dask`` so a command without a scheduler (the usual case)
never imports the cluster backend, numpy or the index to learn that it has none.
"""

from __future__ import annotations

import os

ENV_SCHEDULER = "DASK_SCHEDULER_ADDRESS"


def scheduler_address(option: str | None, env: dict[str, str] | None = None) -> str | None:
    """The scheduler to use: ``--scheduler``, else ``DASK_SCHEDULER_ADDRESS``, else None."""
    environ = os.environ if env is None else env
    return option or environ.get(ENV_SCHEDULER) or None

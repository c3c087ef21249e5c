"""Optional libraries: imported on first use, and a missing one named with its extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.registry import extras

# module -> (what it is for, the extra that installs it, another install command)
EXTRAS = extras()


def need(module: str, name: str = "") -> ModuleType:
    """The module, or a one-line error naming the extra to install.

    Raises:
        TreatyFileError: the module is not installed.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.partition(".")[0]
        what, extra, install = EXTRAS.get(top, (f"using {module}", "formats", None))
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"{what} needs the optional library '{top}', which is not installed",
                install
                or f"install treatycmp with its '{extra}' extra, e.g. pip install '.[{extra}]' "
                "in its source folder ('.[formats]' for every format)",
            )
        ) from None

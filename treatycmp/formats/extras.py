"""Optional libraries: imported on first use, and a missing one named with its extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from treatycmp.errors import Problem, TreatyFileError

# module -> (what it is for, the extra that installs it)
EXTRAS = {
    "pypdf": ("reading PDF", "pdf"),
    "docx": ("reading Word (.docx) files", "docx"),
    "readability": ("reading web pages", "html"),
    "trafilatura": ("reading web pages with --html-extractor trafilatura", "html"),
    "lxml": ("reading web pages, or checking Akoma Ntoso against its schema", "html"),
}


def need(module: str, name: str = "") -> ModuleType:
    """The module, or a one-line error naming the extra to install.

    Raises:
        TreatyFileError: the module is not installed.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        what, extra = EXTRAS.get(module.partition(".")[0], (f"using {module}", "formats"))
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"{what} needs the optional library '{module.partition('.')[0]}', "
                "which is not installed",
                "pip install trafilatura"
                if module == "trafilatura"
                else f"install treatycmp with its '{extra}' extra, e.g. pip install '.[{extra}]' "
                "in its source folder ('.[formats]' for every format)",
            )
        ) from None

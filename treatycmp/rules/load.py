"""The rules in force: the bundled library, then ``TREATYCMP_RULES``, then ``--rules`` files.

The bundled library is read through a pickle cache (``parse_bundled_rules``): it is
the only trusted file, parsed on every run otherwise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from treatycmp.corpus import data_dir
from treatycmp.defaults import RULES_ENV_VAR as ENV_VAR
from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.inputs import decode_text, shown
from treatycmp.rule_model import Rule, RuleSet, work_out_needs
from treatycmp.stamps import code_stamp, hex_digest


def parse_rules_file(
    path: str | Path | Traversable, *, trusted: bool = False
) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """The rule reader, imported when a rule file is parsed: a run served from the rules
    cache never imports it (nor PyYAML)."""
    from treatycmp.formats.rules_file import parse_rules_file as parse

    return parse(path, trusted=trusted)


def parse_rules(
    text: str, path: str = "<rules>", *, trusted: bool = False
) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """``formats.rules_file.parse_rules``, imported on use (see ``parse_rules_file``)."""
    from treatycmp.formats.rules_file import parse_rules as parse

    return parse(text, path, trusted=trusted)


if TYPE_CHECKING:  # annotations only: importing importlib.resources costs start-up
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable


def default_rules_path() -> Traversable:
    """The bundled rule library, inside the installed package or this checkout."""
    try:
        return data_dir() / "rules" / "default.yaml"
    except ModuleNotFoundError:
        # Running from a source checkout that is not installed: data/ sits next to
        # the package, as pyproject maps it.
        return Path(__file__).resolve().parents[2] / "data" / "rules" / "default.yaml"


def rule_paths(
    extra: Sequence[str | Path] = (), *, env: Mapping[str, str] | None = None
) -> list[str | Path | Traversable]:
    """The rule files in load order: bundled, then ``TREATYCMP_RULES``, then ``extra``."""
    environ = os.environ if env is None else env
    from_env = [p for p in environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    return [default_rules_path(), *from_env, *extra]


def load_rules(
    extra: Sequence[str | Path] = (), *, env: Mapping[str, str] | None = None
) -> RuleSet:
    """Load the bundled rules, then ``TREATYCMP_RULES`` (os.pathsep-separated), then ``extra``.

    A later file replaces an earlier rule with the same id (``enabled: false`` drops it).

    Raises:
        TreatyFileError: a file is missing or invalid; every problem is reported
            with its file, line and rule id.
    """
    merged: dict[str, Rule] = {}
    problems: list[Problem] = []
    for index, path in enumerate(rule_paths(extra, env=env)):
        try:
            # rule_paths puts the bundled library first: the only trusted file.
            if index == 0:
                rules, disabled = parse_bundled_rules(path)
            else:
                rules, disabled = parse_rules_file(path)
        except TreatyFileError as err:
            problems.extend(err.problems)
            continue
        for rule in rules:
            merged[rule.id] = rule
        for rule_id in disabled:
            merged.pop(rule_id, None)
    if problems:
        raise TreatyFileError(problems)
    return RuleSet(tuple(merged.values()))


RULES_CACHE_FORMAT = 3  # 2: with each pattern's needs; 3: and its requires
# The files whose code shapes the cached rules (from the package root): the model,
# the reader that builds it and its checker base, this cache, and the ground below.
CODE_STAMP = (
    "rule_model.py",
    "lazy_re.py",
    "formats/rules_file.py",
    "formats/checker.py",
    "rules/load.py",
    "text.py",
    "model.py",
    "defaults.py",
    "errors.py",
)


def parse_bundled_rules(
    path: str | Path | Traversable,
) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """``parse_rules_file(path, trusted=True)``, through the parse cache (``cache.cache_dir``).

    Parsing and checking the bundled library's YAML costs ~16 ms, a tenth of a small
    diff; its pickle loads in well under 1 ms. The entry is keyed on the file's bytes
    and on the code that builds the rules, so an edit to either is a new entry
    (tested equal to a fresh parse); a missing, corrupt or unwritable cache only
    means parsing the YAML. Patterns are pickled uncompiled (``LazyRegex``), with the
    literals every match needs (``Pattern.needs``).
    """
    import pickle

    from treatycmp.cache import cache_dir  # here: cache imports the loader

    folder = cache_dir()
    if folder is None:
        return parse_rules_file(path, trusted=True)
    try:
        raw = Path(path).read_bytes() if isinstance(path, str) else path.read_bytes()
        head = f"{RULES_CACHE_FORMAT}\0{sys.version}\0{code_stamp(CODE_STAMP)}".encode()
        entry = folder / "rules" / f"{hex_digest(head, raw, size=16)}.pickle"
    except OSError:
        return parse_rules_file(path, trusted=True)
    try:
        cached = pickle.loads(entry.read_bytes())
        if isinstance(cached, tuple) and len(cached) == 2:
            return cast("tuple[tuple[Rule, ...], tuple[str, ...]]", cached)
    except Exception:  # any unreadable entry is rebuilt, never fatal
        pass
    parsed = parse_rules(
        decode_text(raw, shown(str(path)), what="rule file"), shown(str(path)), trusted=True
    )
    # Stored with the rules: later runs prefilter from the first paragraph and compile
    # only the patterns whose literals the texts hold (start-up).
    work_out_needs(parsed[0])
    from treatycmp.formats.writing import write_cache_entry  # on a miss only (start-up)

    write_cache_entry(entry, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
    return parsed

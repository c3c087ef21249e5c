"""Rules that find buffers, intensifiers, triggers, conditions and modality in clauses.

The rules are data (``data/rules/default.yaml``, plus user files) so an analyst can
add a phrasing without touching code. Patterns match the normalised text and report
spans in the original, so every renderer highlights exactly the matched words.
Clauses only ever hold real text (gaps are left out by the model), and patterns are
matched paragraph by paragraph, so a finding is never claimed across or inside a gap.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

import yaml

from treatycmp.errors import Problem, TreatycmpError, TreatyFileError
from treatycmp.formats.inputs import decode_text, read_input, shown
from treatycmp.formats.writing import write_cache_entry
from treatycmp.formats.yamlkit import compose_text
from treatycmp.kinds import CATEGORIES, Category
from treatycmp.model import Clause, Level, Treaty
from treatycmp.text import normalize, normalize_with_offsets, offset_map

if TYPE_CHECKING:
    import regex as regex_module

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:
    from importlib.abc import Traversable

PatternKind = Literal["phrase", "regex"]

ENV_VAR = "TREATYCMP_RULES"
RULE_KEYS = ("id", "category", "label", "description", "patterns", "exclude", "strength", "enabled")
TOP_KEYS = ("version", "rules")
PATTERN_KINDS: tuple[PatternKind, ...] = ("phrase", "regex")
# Languages written without reliable word spaces around particles: phrases match with
# optional spaces and no word boundaries ("지체없이" also finds "지체 없이").
SPACE_OPTIONAL_LANGUAGES = frozenset({"ko", "ja", "zh"})
GAP_WORDS = 6

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"
# Strength is a small whole number in decimal digits; YAML 1.1 would also read
# 0x1F, 0b101, 190:20:30 or 5,000 digits as integers, which are surely mistakes.
_DECIMAL = re.compile(r"[-+]?[0-9]{1,6}")
# The longest a user regex may search one paragraph before the run stops with an
# error naming the rule (catastrophic backtracking such as ``(a+)+$``).
REGEX_TIMEOUT = 2.0
# Deeper nesting than this is refused before compiling (the parsers recurse).
MAX_REGEX_DEPTH = 100


class Matcher(Protocol):
    """What matching needs of a compiled pattern (``re`` or a timed ``regex``)."""

    def search(self, string: str) -> Any: ...

    def finditer(self, string: str) -> Iterator[Any]: ...


class TimedRegex:
    """A user regex compiled with the ``regex`` package, matched with a time limit."""

    def __init__(self, compiled: regex_module.Pattern[str], timeout: float) -> None:
        self.compiled = compiled
        self.timeout = timeout

    def search(self, string: str) -> Any:
        return self.compiled.search(string, timeout=self.timeout)

    def finditer(self, string: str) -> Iterator[Any]:
        # Materialised inside the call, so a timeout is raised here, never later.
        return iter(list(self.compiled.finditer(string, timeout=self.timeout)))


class LazyRegex:
    """A bundled pattern, compiled with ``re`` on first use: a comparison in one
    language needs only that language's patterns (tests check they all compile)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def search(self, string: str) -> Any:
        return self.compiled.search(string)

    def finditer(self, string: str) -> Iterator[Any]:
        return self.compiled.finditer(string)


class RegexTimeout(TreatycmpError):
    """A user regex took longer than ``REGEX_TIMEOUT`` on one paragraph."""


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern of a rule, for one language, as written in its file.

    ``needs``: literal strings of which every match contains at least one (derived
    from the compiled pattern on first use; empty when none is known, and for user
    regexes), so text holding none of them is skipped without running the regex.
    """

    language: str
    kind: PatternKind
    source: str
    regex: Matcher = field(compare=False)
    line: int | None = None

    @cached_property
    def needs(self) -> tuple[str, ...]:
        regex = self.regex.compiled if isinstance(self.regex, LazyRegex) else self.regex
        if isinstance(regex, re.Pattern):
            return required_literals(regex)
        return ()


@dataclass(frozen=True)
class Rule:
    """A named finding: what it means, and how to spot it in each language."""

    id: str
    category: Category
    label: str
    description: str
    patterns: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...] = ()
    strength: int | None = None
    path: str | None = None
    line: int | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this rule has patterns for, in file order."""
        return tuple(dict.fromkeys(p.language for p in self.patterns))

    @property
    def by_language(self) -> dict[str, tuple[Pattern, ...]]:
        """Patterns grouped by language."""
        return {lang: self.patterns_for(lang) for lang in self.languages}

    def patterns_for(self, language: str) -> tuple[Pattern, ...]:
        lang = language_key(language)
        return tuple(p for p in self.patterns if p.language == lang)

    def exclude_for(self, language: str) -> tuple[Pattern, ...]:
        lang = language_key(language)
        return tuple(p for p in self.exclude if p.language == lang)


@dataclass(frozen=True)
class RuleSet:
    """The rules in force: bundled, then user files, later ones overriding by id."""

    rules: tuple[Rule, ...]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def by_category(self, category: Category) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.category == category)

    def languages_missing(self, language: str) -> tuple[str, ...]:
        """Ids of the rules with no pattern for ``language``: they cannot fire on it."""
        return tuple(r.id for r in self.rules if not r.patterns_for(language))


@dataclass(frozen=True)
class Finding:
    """A rule matched in a clause; ``start``/``end`` index the ORIGINAL clause text."""

    rule_id: str
    category: Category
    label: str
    start: int
    end: int
    text: str
    strength: int | None = None


@dataclass(frozen=True)
class ClauseFindings:
    """The findings in one clause."""

    clause: Clause
    findings: tuple[Finding, ...]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule_id for f in self.findings))


@dataclass(frozen=True)
class TreatyFindings:
    """Every finding in one treaty, by clause, and the rules that could not look."""

    treaty_id: str
    language: str
    level: Level
    clauses: tuple[ClauseFindings, ...]
    missing: tuple[str, ...]

    @property
    def warning(self) -> str | None:
        """A sentence for stderr when some rules have no patterns for this language."""
        return missing_warning(self.language, self.missing)


@dataclass(frozen=True)
class ModalityShift:
    """The verb got weaker or stronger between two aligned clauses."""

    from_ids: tuple[str, ...]
    to_ids: tuple[str, ...]
    from_strength: int
    to_strength: int

    @property
    def direction(self) -> Literal["weaker", "stronger"]:
        return "weaker" if self.to_strength < self.from_strength else "stronger"


@dataclass(frozen=True)
class PairFindings:
    """How the findings changed between two aligned clauses (rule ids, sorted).

    ``unknown`` holds ids found on one side only where the other side is partial:
    the missing words may hold them, so they are neither added nor removed.
    """

    added: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]
    left: tuple[Finding, ...] = ()
    right: tuple[Finding, ...] = ()
    unknown: tuple[str, ...] = ()
    modality_shift: ModalityShift | None = None


# --- loading -----------------------------------------------------------------------


def default_rules_path() -> Traversable:
    """The bundled rule library, inside the installed package or this checkout."""
    try:
        return files("treatycmp.data").joinpath("rules").joinpath("default.yaml")
    except ModuleNotFoundError:
        # Running from a source checkout that is not installed: data/ sits next to
        # the package, as pyproject maps it.
        return Path(__file__).resolve().parent.parent / "data" / "rules" / "default.yaml"


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


RULES_CACHE_FORMAT = 1


def parse_bundled_rules(
    path: str | Path | Traversable,
) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """``parse_rules_file(path, trusted=True)``, through the parse cache (``cache.cache_dir``).

    Parsing and checking the bundled library's YAML costs ~16 ms, a tenth of a small
    diff; its pickle loads in well under 1 ms. The entry is keyed on the file's bytes
    and on the code that builds the rules, so an edit to either is a new entry
    (tested equal to a fresh parse); a missing, corrupt or unwritable cache only
    means parsing the YAML. Patterns are pickled uncompiled (``LazyRegex``).
    """
    import hashlib
    import pickle

    from treatycmp.cache import cache_dir  # here: cache imports the loader

    folder = cache_dir()
    if folder is None:
        return parse_rules_file(path, trusted=True)
    try:
        raw = Path(path).read_bytes() if isinstance(path, str) else path.read_bytes()
        digest = hashlib.sha256(f"{RULES_CACHE_FORMAT}\0{sys.version}\0".encode())
        here = Path(__file__).resolve().parents[1]
        for name in ("rules/core.py", "text.py", "model.py", "defaults.py", "errors.py"):
            digest.update((here / name).read_bytes())
        digest.update(raw)
        entry = folder / "rules" / f"{digest.hexdigest()[:32]}.pickle"
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
    write_cache_entry(entry, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
    return parsed


def parse_rules_file(
    path: str | Path | Traversable, *, trusted: bool = False
) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """Read one rule file: its rules, and the ids it disables (``enabled: false``)."""
    name = shown(str(path))
    if isinstance(path, (str, Path)):
        try:
            raw = read_input(path, what="rule file")
        except TreatyFileError as err:
            if any(p.message == "no such file" for p in err.problems):
                raise TreatyFileError(
                    Problem(
                        name,
                        None,
                        "rule file not found",
                        "check the path given to --rules or in " + ENV_VAR,
                    )
                ) from None
            raise
    else:  # a bundled resource inside the installed package
        raw = path.read_bytes()
    text = decode_text(raw, name, what="rule file")
    return parse_rules(text, name, trusted=trusted)


def parse_rules(
    text: str, path: str = "<rules>", *, trusted: bool = False
) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """Parse rule YAML; ``path`` only labels the problems.

    Regexes of an untrusted file (every file but the bundled library) are compiled
    with the ``regex`` package and matched with a time limit (``REGEX_TIMEOUT``).
    """
    root = compose_text(text, path)
    checker = _RuleChecker(path, trusted=trusted)
    result = checker.document(root)
    if checker.problems:
        raise TreatyFileError(checker.problems)
    return result


class _Invalid:
    """Marks a rule that had problems (already reported)."""


_INVALID = _Invalid()


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "nothing" if node.tag == _NULL_TAG else "a single value"


class _RuleChecker:
    """Walks a composed rule file, building rules and collecting located problems."""

    def __init__(self, path: str, *, trusted: bool = False) -> None:
        self.path = path
        self.trusted = trusted
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, _line(node) if node else None, message, hint))

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                f"{what} must be a mapping, not {_kind(node)}",
                "write it as 'key: value' lines (see docs/rules.md)",
            )
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in out:
                self.problem(key_node, f"duplicate key '{key}' in {what}", "keep only one")
                continue
            if allowed is not None and key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
                self.problem(key_node, f"unknown key '{key}' in {what}", hint)
                continue
            out[key] = (key_node, value_node)
        return out

    def string(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
            self.problem(node, f"{what} must be text, not {_kind(node)}")
            return None
        value = unicodedata.normalize("NFC", str(node.value))
        if not value.strip():
            self.problem(node, f"{what} is empty")
            return None
        return value

    def document(self, root: yaml.Node | None) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
        if root is None:
            self.problem(None, "rule file is empty", "write 'rules:' followed by a list of rules")
            return (), ()
        top = self.mapping(root, "the rule file", TOP_KEYS)
        if top is None:
            return (), ()
        if "version" in top:
            node = top["version"][1]
            if not (isinstance(node, yaml.ScalarNode) and node.value == "1"):
                self.problem(node, "unsupported rule file version", "write 'version: 1'")
        if "rules" not in top:
            self.problem(root, "the rule file has no 'rules'", "add 'rules:' and a list of rules")
            return (), ()
        seq = top["rules"][1]
        if not isinstance(seq, yaml.SequenceNode):
            self.problem(
                seq, f"'rules' must be a list, not {_kind(seq)}", "write one '- id: ...' per rule"
            )
            return (), ()
        rules: list[Rule] = []
        disabled: list[str] = []
        first_line: dict[str, int] = {}
        for node in seq.value:
            rule_id, rule = self.rule(node)
            if rule_id is None:
                continue
            if rule_id in first_line:
                self.problem(
                    node,
                    f"duplicate rule id '{rule_id}' (first at line {first_line[rule_id]})",
                    "give each rule its own id; override bundled rules from another file",
                )
                continue
            first_line[rule_id] = _line(node)
            if rule is None:
                disabled.append(rule_id)
            elif isinstance(rule, Rule):
                rules.append(rule)
        return tuple(rules), tuple(disabled)

    def rule(self, node: yaml.Node) -> tuple[str | None, Rule | _Invalid | None]:
        """The rule's id, and the rule (None when disabled, ``_INVALID`` on problems)."""
        fields = self.mapping(node, "a rule", RULE_KEYS)
        if fields is None:
            return None, _INVALID
        rule_id: str | None = None
        if "id" not in fields:
            self.problem(node, "a rule has no 'id'", "add 'id: some-name'")
        else:
            rule_id = self.string(fields["id"][1], "the rule id")
            if rule_id is not None and not _ID.match(rule_id):
                self.problem(
                    fields["id"][1],
                    f"rule id '{rule_id}' is not a slug",
                    "use lowercase letters, digits and '-'",
                )
                rule_id = None
        if rule_id is None:
            return None, _INVALID
        before = len(self.problems)
        where = f"rule '{rule_id}'"
        if "enabled" in fields:
            flag_node = fields["enabled"][1]
            flag = str(flag_node.value).lower() if isinstance(flag_node, yaml.ScalarNode) else ""
            if flag in {"false", "no", "off"}:
                return rule_id, None
            if flag not in {"true", "yes", "on"}:
                self.problem(flag_node, f"{where}: 'enabled' must be true or false")
        for key in ("category", "label", "description", "patterns"):
            if key not in fields:
                self.problem(node, f"{where} has no '{key}'", f"add '{key}:' to the rule")
        category: Category | None = None
        if "category" in fields:
            cat_node = fields["category"][1]
            value = self.string(cat_node, f"the category of {where}")
            if value is not None and value not in CATEGORIES:
                close = difflib.get_close_matches(value, CATEGORIES, n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "use one of " + ", ".join(CATEGORIES)
                )
                self.problem(cat_node, f"{where}: unknown category '{value}'", hint)
            elif value is not None:
                category = value
        label = (
            self.string(fields["label"][1], f"the label of {where}") if "label" in fields else None
        )
        description = (
            self.string(fields["description"][1], f"the description of {where}")
            if "description" in fields
            else None
        )
        strength: int | None = None
        if "strength" in fields:
            s_node = fields["strength"][1]
            if (
                isinstance(s_node, yaml.ScalarNode)
                and s_node.tag == _INT_TAG
                and _DECIMAL.fullmatch(str(s_node.value))
            ):
                strength = int(s_node.value)
            else:
                self.problem(
                    s_node,
                    f"{where}: 'strength' must be a whole number in decimal digits",
                    "write a small number such as 2 (no 0x, 0b, ':' or long digit runs)",
                )
        patterns = self.patterns(fields["patterns"][1], where) if "patterns" in fields else ()
        if "patterns" in fields and not patterns and len(self.problems) == before:
            self.problem(fields["patterns"][1], f"{where} has no patterns", "add at least one")
        exclude = self.patterns(fields["exclude"][1], where) if "exclude" in fields else ()
        if len(self.problems) > before or category is None or label is None or description is None:
            return rule_id, _INVALID
        return rule_id, Rule(
            rule_id,
            category,
            label,
            description,
            patterns,
            exclude,
            strength,
            self.path,
            _line(node),
        )

    def patterns(self, node: yaml.Node, where: str) -> tuple[Pattern, ...]:
        langs = self.mapping(node, f"the patterns of {where}", None)
        if langs is None:
            return ()
        out: list[Pattern] = []
        for lang, (key_node, items) in langs.items():
            if not _LANGUAGE.match(lang):
                self.problem(
                    key_node,
                    f"{where}: '{lang}' is not a language code",
                    "use an ISO 639-1 code such as en, ko, ru",
                )
                continue
            if isinstance(items, yaml.ScalarNode) and items.tag != _NULL_TAG:
                items_list: list[yaml.Node] = [items]
            elif isinstance(items, yaml.SequenceNode):
                items_list = list(items.value)
            else:
                self.problem(
                    items,
                    f"{where}: patterns for '{lang}' must be a list",
                    f"write {lang}: [phrase, {{regex: ...}}]",
                )
                continue
            for item in items_list:
                pattern = self.pattern(item, lang, where)
                if pattern is not None:
                    out.append(pattern)
        return tuple(out)

    def pattern(self, node: yaml.Node, lang: str, where: str) -> Pattern | None:
        kind: PatternKind = "phrase"
        value_node = node
        if isinstance(node, yaml.MappingNode):
            fields = self.mapping(node, f"a pattern of {where}", PATTERN_KINDS)
            if not fields:
                if fields is not None:
                    self.problem(
                        node, f"{where}: empty pattern", "write {phrase: ...} or {regex: ...}"
                    )
                return None
            if len(fields) != 1:
                self.problem(node, f"{where}: a pattern is either a phrase or a regex, not both")
                return None
            key, (_, value_node) = next(iter(fields.items()))
            kind = cast(PatternKind, key)
        source = self.string(value_node, f"a {kind} of {where}")
        if source is None:
            return None
        quoted = _shown(source)
        try:
            if self.trusted:  # the bundled library: compiled when first used
                lazy = LazyRegex(pattern_text(source, kind, lang))
                return Pattern(lang, kind, source, lazy, _line(value_node))
            if kind == "regex":
                regex: Matcher = compile_user_regex(source, lang)
            else:
                regex = compile_pattern(source, kind, lang)
        except PatternError as err:
            self.problem(value_node, f"{where}: bad regex {quoted}: {err}", err.hint)
            return None
        except re.error as err:
            self.problem(
                value_node,
                f"{where}: bad regex {quoted}: {err.msg}",
                "fix the regular expression (Python re syntax)",
            )
            return None
        except ValueError as err:
            self.problem(value_node, f"{where}: bad phrase {quoted}: {err}")
            return None
        try:
            empty = regex.search("") is not None
        except TimeoutError:
            empty = False
        if empty:
            self.problem(value_node, f"{where}: {kind} {quoted} matches empty text")
            return None
        return Pattern(lang, kind, source, regex, _line(value_node))


# --- compiling patterns --------------------------------------------------------------


def language_key(language: str) -> str:
    """The primary language subtag, lowercased: ``en-GB`` -> ``en``."""
    return re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower()


def compile_pattern(source: str, kind: PatternKind, language: str) -> re.Pattern[str]:
    """``pattern_text`` compiled with ``re``.

    >>> bool(compile_pattern("Article 51 ... Charter", "phrase", "en").search(
    ...     "article 51 of the un charter"))
    True
    >>> compile_pattern("지체없이", "phrase", "ko").search("지체 없이").group()
    '지체 없이'
    """
    return re.compile(pattern_text(source, kind, language))


def pattern_text(source: str, kind: PatternKind, language: str) -> str:
    """A phrase or regex as the regular expression matched on normalised text.

    Regexes get a word-start boundary (none in space-optional languages); phrases
    get boundaries at both ends.

    >>> print(pattern_text("without delay", "phrase", "en"))
    (?<![\\w'])without delay(?![\\w'])
    """
    spaced = language_key(language) not in SPACE_OPTIONAL_LANGUAGES
    if kind == "regex":
        return (r"(?<![\w'])" if spaced else "") + f"(?:{source})"
    parts: list[str] = []
    gap_next = False
    for token in source.split():
        if token == "...":
            if not parts:
                raise ValueError("'...' cannot open a phrase")
            gap_next = True
            continue
        stem = token.endswith("*") and len(token) > 1
        word = normalize(token.rstrip("*") if stem else token, strip_number=False)
        if not word:
            raise ValueError(f"'{token}' has no letters or digits")
        if spaced:
            piece = r"\ ".join(re.escape(w) for w in word.split())
        else:
            piece = " ?".join(re.escape(c) for c in word.replace(" ", ""))
        if stem:
            piece += r"[\w']*"
        if parts:
            if gap_next:
                parts.append(f" (?:\\S+ ){{0,{GAP_WORDS}}}" if spaced else ".{0,30}?")
            else:
                parts.append(" " if spaced else " ?")
        parts.append(piece)
        gap_next = False
    if not parts:
        raise ValueError("the phrase is empty")
    if gap_next:
        raise ValueError("'...' cannot close a phrase")
    body = "".join(parts)
    return rf"(?<![\w']){body}(?![\w'])" if spaced else body


class PatternError(ValueError):
    """A user regex that cannot be compiled safely (too deep, too large, bad syntax)."""

    def __init__(self, message: str, hint: str = "fix the regular expression") -> None:
        super().__init__(message)
        self.hint = hint


def _shown(source: str, limit: int = 80) -> str:
    """A pattern as quoted in an error message, cut to ``limit`` characters."""
    return repr(source if len(source) <= limit else source[:limit] + "...")


def _nesting(source: str) -> int:
    """How deeply the groups of a regex nest (escapes and character classes skipped)."""
    depth = deepest = 0
    escaped = in_class = False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth = max(depth - 1, 0)
    return deepest


def compile_user_regex(source: str, language: str) -> TimedRegex:
    """Compile a regex from a user's rule file, refusing what could crash or hang.

    The ``regex`` package (Python ``re`` syntax) is used because its matching takes
    a time limit; nesting deeper than ``MAX_REGEX_DEPTH`` and repetition counts it
    cannot hold are reported as problems, never as tracebacks.

    Raises:
        PatternError: the regex is refused, with the reason.
    """
    import regex  # only user rule files pay for it

    if _nesting(source) > MAX_REGEX_DEPTH:
        raise PatternError(
            f"groups nested more than {MAX_REGEX_DEPTH} deep", "flatten the regular expression"
        )
    spaced = language_key(language) not in SPACE_OPTIONAL_LANGUAGES
    try:
        compiled = regex.compile((r"(?<![\w'])" if spaced else "") + f"(?:{source})")
    except regex.error as err:
        raise PatternError(
            str(getattr(err, "msg", None) or err), "fix the regular expression (Python re syntax)"
        ) from None
    except (OverflowError, RecursionError, MemoryError):
        raise PatternError(
            "too large to compile (a repetition count or nesting too big)",
            "use a smaller repetition count, such as {0,100}",
        ) from None
    return TimedRegex(compiled, REGEX_TIMEOUT)


def required_literals(compiled: re.Pattern[str], shortest: int = 2) -> tuple[str, ...]:
    """Literals of which every match of ``compiled`` contains one, or () if unknown.

    Read from the parsed pattern: a run of literal characters outside any optional
    part is required; a group or a repetition of at least one contributes what its
    body requires; an alternation contributes one literal per branch when every
    branch has one. The alternative with the longest shortest literal is returned
    (none shorter than ``shortest``). Exact by construction: text without any of
    the literals cannot match.
    """
    if compiled.flags & (re.IGNORECASE | re.LOCALE):
        return ()
    try:
        if sys.version_info >= (3, 11):
            from re import _parser as sre_parse
        else:  # pragma: no cover - Python 3.10
            import sre_parse
        parsed = sre_parse.parse(compiled.pattern, compiled.flags)
        options = _requirements(list(parsed.data))
    except Exception:  # an unknown shape: no prefilter, never a wrong one
        return ()
    best: tuple[str, ...] = ()
    best_score = (shortest - 1, 0)
    for option in options:
        score = (min(len(x) for x in option), -len(option))
        if score > best_score:
            best, best_score = option, score
    return best


def _requirements(items: list[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    """Every requirement (any-of literals) of a parsed sequence; see required_literals."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: list[tuple[str, ...]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            out.append(("".join(run),))
            run.clear()

    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        close()
        if op is c.SUBPATTERN:
            if arg[1] or arg[2]:  # local flags: not worth reasoning about
                continue
            out.extend(_requirements(list(arg[3])))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            out.extend(_requirements(list(arg[2])))
        elif op is c.ATOMIC_GROUP:
            out.extend(_requirements(list(arg)))
        elif op is c.BRANCH:
            union: list[str] = []
            for branch in arg[1]:
                options = _requirements(list(branch))
                if not options:
                    union = []
                    break
                union.extend(max(options, key=lambda o: min(len(x) for x in o)))
            if union:
                out.append(tuple(dict.fromkeys(union)))
    close()
    return out


# --- matching ------------------------------------------------------------------------


def find_rules(text: str, language: str, rules: RuleSet) -> tuple[Finding, ...]:
    """Every finding in ``text`` (a clause's real text), sorted by start.

    Rules without patterns for ``language`` cannot fire: ask
    ``rules.languages_missing(language)`` and say so. Patterns match within one
    paragraph (line) at a time; within a rule, findings never overlap.

    A pattern runs only on the paragraphs holding one of its required literals
    (``Pattern.needs``), exclusions only where the rule matched, and offsets into
    the original are computed only for paragraphs with a finding: the same
    findings as running every pattern on every paragraph, at a fraction of the cost.

    Raises:
        RegexTimeout: a user regex ran longer than ``REGEX_TIMEOUT`` on a paragraph.
    """
    plan, seen = _plan(rules, language)
    if not plan:
        return ()
    lines: list[tuple[int, str, str]] = []  # (offset, line, normalised line)
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line, normalize(line, strip_number=False)))
        offset += len(line) + 1
    if not lines:
        return ()
    # The prefilter costs a parse of every pattern: worth it from a few hundred
    # paragraphs on (a long treaty), not for a handful (the bundled diff).
    seen[0] += len(lines)
    prefilter = seen[0] > PREFILTER_AFTER
    whole = "\n".join(norm for _, _, norm in lines) if prefilter else ""
    found: list[Finding] = []
    offsets: dict[int, Callable[[int], int]] = {}
    for rule, patterns, exclude in plan:
        live = (
            [p for p in patterns if not p.needs or any(n in whole for n in p.needs)]
            if prefilter
            else patterns
        )
        if not live:
            continue
        for index, (start_at, line, norm) in enumerate(lines):
            for s, e in _rule_spans(norm, live, exclude, rule, prefilter):
                if index not in offsets:
                    offsets[index] = offset_map(line)
                where = offsets[index]
                start = start_at + where(s)
                end = start_at + where(e - 1) + 1
                found.append(
                    Finding(
                        rule.id,
                        rule.category,
                        rule.label,
                        start,
                        end,
                        text[start:end],
                        rule.strength,
                    )
                )
    found.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return tuple(found)


_Plan = tuple[tuple[Rule, tuple[Pattern, ...], tuple[Pattern, ...]], ...]
_PLANS: dict[tuple[int, str], tuple[RuleSet, _Plan, list[int]]] = {}
# Paragraphs a rule set matches before its literal prefilters are worked out.
PREFILTER_AFTER = 400


def _plan(rules: RuleSet, language: str) -> tuple[_Plan, list[int]]:
    """The rules that can fire on ``language`` with their patterns, built once per set,
    and a counter of the paragraphs matched with them."""
    key = (id(rules), language_key(language))
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1], cached[2]
    plan = tuple(
        (r, r.patterns_for(language), r.exclude_for(language))
        for r in rules
        if r.patterns_for(language)
    )
    if len(_PLANS) > 64:
        _PLANS.clear()
    seen = [0]
    _PLANS[key] = (rules, plan, seen)
    return plan, seen


def _matches(pattern: Pattern, norm: str, rule: Rule, prefilter: bool) -> list[tuple[int, int]]:
    """The non-empty spans of ``pattern`` in ``norm``; a timeout names the rule."""
    if prefilter and pattern.needs and not any(n in norm for n in pattern.needs):
        return []
    try:
        return [m.span() for m in pattern.regex.finditer(norm) if m.end() > m.start()]
    except TimeoutError:
        raise RegexTimeout(
            Problem(
                rule.path or "<rules>",
                pattern.line,
                f"rule '{rule.id}': regex {_shown(pattern.source)} ran longer than "
                f"{REGEX_TIMEOUT:g} s on one paragraph (catastrophic backtracking)",
                "rewrite it without nested repetition, e.g. (a+)+ -> a+",
            )
        ) from None


def _rule_spans(
    norm: str,
    patterns: Sequence[Pattern],
    exclude: Sequence[Pattern],
    rule: Rule,
    prefilter: bool,
) -> list[tuple[int, int]]:
    hits = {span for p in patterns for span in _matches(p, norm, rule, prefilter)}
    if not hits:
        return []
    if exclude:
        blocked = [span for p in exclude for span in _matches(p, norm, rule, prefilter)]
        hits = {
            (s, e)
            for s, e in hits
            if not any(s < b_end and b_start < e for b_start, b_end in blocked)
        }
    # Overlapping matches of one rule ("with all means" and "all means in its
    # possession") merge into one span, so the highlight covers every matched word.
    merged: list[tuple[int, int]] = []
    for s, e in sorted(hits):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def scan_treaty(treaty: Treaty, rules: RuleSet, level: Level = "paragraph") -> TreatyFindings:
    """Every finding in one treaty, clause by clause (what ``treatycmp buffers`` shows)."""
    clauses = tuple(
        ClauseFindings(c, find_rules(c.text, treaty.language, rules)) for c in treaty.clauses(level)
    )
    return TreatyFindings(
        treaty.id, treaty.language, level, clauses, rules.languages_missing(treaty.language)
    )


def missing_warning(language: str, missing: Sequence[str]) -> str | None:
    """The stderr sentence for rules that have no patterns for ``language``."""
    if not missing:
        return None
    return (
        f"{len(missing)} rule(s) have no patterns for language '{language}' and cannot "
        f"fire: {', '.join(missing)}"
    )


# --- comparing -----------------------------------------------------------------------


def compare_findings(
    left: Sequence[Finding],
    right: Sequence[Finding],
    *,
    left_partial: bool = False,
    right_partial: bool = False,
) -> PairFindings:
    """What changed between the findings of two aligned clauses.

    An id found only on one side goes to ``unknown`` instead of added/removed when
    the other side is partial (its missing words may hold it). A modality shift is
    reported when both sides have a modality finding and the strongest one differs
    in strength ("shall provide" -> "shall consult").
    """
    left_ids = {f.rule_id for f in left}
    right_ids = {f.rule_id for f in right}
    added = right_ids - left_ids
    removed = left_ids - right_ids
    unknown: set[str] = set()
    if left_partial:
        unknown |= added
        added = set()
    if right_partial:
        unknown |= removed
        removed = set()
    return PairFindings(
        tuple(sorted(added)),
        tuple(sorted(removed)),
        tuple(sorted(left_ids & right_ids)),
        tuple(left),
        tuple(right),
        tuple(sorted(unknown)),
        modality_shift(left, right),
    )


def modality_shift(left: Sequence[Finding], right: Sequence[Finding]) -> ModalityShift | None:
    """The change in the strongest modality between two clauses, if any."""
    lmod = [f for f in left if f.category == "modality" and f.strength is not None]
    rmod = [f for f in right if f.category == "modality" and f.strength is not None]
    if not lmod or not rmod:
        return None
    lmax = max(cast(int, f.strength) for f in lmod)
    rmax = max(cast(int, f.strength) for f in rmod)
    if lmax == rmax:
        return None
    return ModalityShift(
        tuple(sorted({f.rule_id for f in lmod if f.strength == lmax})),
        tuple(sorted({f.rule_id for f in rmod if f.strength == rmax})),
        lmax,
        rmax,
    )


def summarize(pairs: Sequence[PairFindings], rules: RuleSet) -> dict[str, dict[str, int]]:
    """Totals per category of added, removed, kept and unknown ids (for JSON ``summary``).

    Modality shifts are counted under ``modality`` as ``shifted``.
    """
    category = {r.id: r.category for r in rules}
    totals: dict[str, dict[str, int]] = {
        c: {"added": 0, "removed": 0, "kept": 0, "unknown": 0, "shifted": 0} for c in CATEGORIES
    }
    for pair in pairs:
        for key, ids in (
            ("added", pair.added),
            ("removed", pair.removed),
            ("kept", pair.kept),
            ("unknown", pair.unknown),
        ):
            for rule_id in ids:
                if rule_id in category:
                    totals[category[rule_id]][key] += 1
        if pair.modality_shift is not None:
            totals["modality"]["shifted"] += 1
    return totals


def find_rules_reference(text: str, language: str, rules: RuleSet) -> tuple[Finding, ...]:
    """``find_rules`` without its prefilter: every pattern on every normalised paragraph.

    Slow and plain on purpose: the oracle that tests and bench/bench_rules.py hold the
    fast path to (the two must return identical findings).
    """
    found: list[Finding] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            norm, offsets = normalize_with_offsets(line, strip_number=False)
            for rule in rules:
                patterns, exclude = rule.patterns_for(language), rule.exclude_for(language)
                blocked = [m.span() for p in exclude for m in p.regex.finditer(norm)]
                spans = sorted(
                    {
                        m.span()
                        for p in patterns
                        for m in p.regex.finditer(norm)
                        if m.end() > m.start()
                        and not any(m.start() < be and bs < m.end() for bs, be in blocked)
                    }
                )
                merged: list[tuple[int, int]] = []
                for s, e in spans:
                    if merged and s < merged[-1][1]:
                        merged[-1] = (merged[-1][0], max(merged[-1][1], e))
                    else:
                        merged.append((s, e))
                for s, e in merged:
                    start, end = offset + offsets[s], offset + offsets[e - 1] + 1
                    found.append(
                        Finding(
                            rule.id,
                            rule.category,
                            rule.label,
                            start,
                            end,
                            text[start:end],
                            rule.strength,
                        )
                    )
        offset += len(line) + 1
    found.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return tuple(found)

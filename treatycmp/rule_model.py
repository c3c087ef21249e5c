"""The rules a rule file holds: patterns, rules, rule sets, and how a pattern compiles.

A phrase becomes a regular expression over normalised text (``pattern_text``); the
bundled library's patterns compile with ``re`` on first use (``LazyRegex``), a user's
regexes with the ``regex`` package under a time limit (``compile_user_regex``). Each
pattern knows the literals every match contains (``required_literals``), the prefilter
of matching. Ground layer: the rule-file reader (formats) builds these objects and
matching (rules/) reads them, so neither owns them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol

from treatycmp.kinds import Category
from treatycmp.lazy_re import LazyPattern
from treatycmp.text import normalize

if TYPE_CHECKING:
    import regex as regex_module

PatternKind = Literal["phrase", "regex"]

PATTERN_KINDS: tuple[PatternKind, ...] = ("phrase", "regex")
# Languages written without reliable word spaces around particles: phrases match with
# optional spaces and no word boundaries ("지체없이" also finds "지체 없이").
SPACE_OPTIONAL_LANGUAGES = frozenset({"ko", "ja", "zh"})
GAP_WORDS = 6
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


# A bundled pattern, compiled with ``re`` on first use: a comparison in one language
# needs only that language's patterns (tests check they all compile).
LazyRegex = LazyPattern


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
        return _most_selective(self.requires)

    @cached_property
    def requires(self) -> tuple[tuple[str, ...], ...]:
        """Every literal group the pattern requires: each match holds one literal of
        each group (``needs`` is the group with the longest shortest literal). Tested
        all together, "the (?:\\w+ )?(?:sea|ocean)" runs only where "sea" or "ocean"
        stands, not on every paragraph with "the " (issue 22)."""
        regex = self.regex.compiled if isinstance(self.regex, LazyRegex) else self.regex
        if isinstance(regex, re.Pattern):
            return literal_groups(regex)
        return ()

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the bound ``finditer`` of a compiled pattern (it would
        unpickle by compiling); ``needs``, once worked out, is kept."""
        return {k: v for k, v in self.__dict__.items() if k != "finditer"}

    @property
    def needs_known(self) -> bool:
        """Whether ``needs`` and ``requires`` were worked out already (the bundled rules
        cache stores them), so prefiltering by them compiles nothing."""
        return "needs" in self.__dict__ and "requires" in self.__dict__

    @cached_property
    def finditer(self) -> Callable[[str], Iterator[re.Match[str]]]:
        """The matcher's ``finditer``, a bundled pattern's compiled one without its lazy
        wrapper (matching calls it once per pattern and line)."""
        if isinstance(self.regex, LazyRegex):
            return self.regex.compiled.finditer
        return self.regex.finditer


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


def work_out_needs(rules: Iterable[Rule]) -> int:
    """Work out every pattern's ``needs`` and ``requires`` now (compiling each), so that
    a pickle of the rules carries them; the number of literals."""
    return sum(
        len(p.needs) + sum(map(len, p.requires))
        for rule in rules
        for p in (*rule.patterns, *rule.exclude)
    )


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


def quote_pattern(source: str, limit: int = 80) -> str:
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
    return _most_selective(literal_groups(compiled, shortest))


def literal_groups(compiled: re.Pattern[str], shortest: int = 2) -> tuple[tuple[str, ...], ...]:
    """Every group of literals (as ``required_literals`` reads them, none shorter than
    ``shortest``) of which each match of ``compiled`` contains one, or () if unknown.
    Each group is required on its own, so text lacking any one group cannot match."""
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
    return tuple(dict.fromkeys(o for o in options if min(len(x) for x in o) >= shortest))


def _most_selective(groups: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The group with the longest shortest literal, the fewer literals on a tie (the
    first such)."""
    best: tuple[str, ...] = ()
    best_score = (0, 0)
    for option in groups:
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

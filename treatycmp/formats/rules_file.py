"""Reading and checking a rule file: YAML in, ``rule_model`` rules out, every problem located.

The rules are data (``data/rules/default.yaml``, plus user files) so an analyst can
add a phrasing without touching code; this reader reports each mistake with its
file, line and rule id instead of stopping at the first.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import yaml

from treatycmp.defaults import RULES_ENV_VAR
from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.checker import YamlChecker
from treatycmp.formats.inputs import decode_text, read_input, shown
from treatycmp.formats.yamlkit import INT_TAG, compose_text
from treatycmp.kinds import CATEGORIES, Category
from treatycmp.rule_model import (
    PATTERN_KINDS,
    LazyRegex,
    Matcher,
    Pattern,
    PatternError,
    PatternKind,
    Rule,
    compile_pattern,
    compile_user_regex,
    pattern_text,
    quote_pattern,
)

if TYPE_CHECKING:  # annotations only: importing importlib.resources costs start-up
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

ENV_VAR = RULES_ENV_VAR
RULE_KEYS = ("id", "category", "label", "description", "patterns", "exclude", "strength", "enabled")
TOP_KEYS = ("version", "rules")

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
# Strength is a small whole number in decimal digits; YAML 1.1 would also read
# 0x1F, 0b101, 190:20:30 or 5,000 digits as integers, which are surely mistakes.
_DECIMAL = re.compile(r"[-+]?[0-9]{1,6}")


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


class _RuleChecker(YamlChecker):
    """Walks a composed rule file, building rules and collecting located problems.

    Its messages predate the shared base and are kept word for word: a mapping is
    "a mapping" (no "of keys to values"), keys are shown as written, scalars are
    "a single value", and a value that is not text gets no hint.
    """

    MAPPING_MESSAGE = "{what} must be a mapping, not {kind}"
    MAPPING_HINT = "write it as 'key: value' lines (see docs/rules.md)"
    ALLOWED_HINT = "allowed: {allowed}"
    TEXT_HINT = ""
    EMPTY_HINT = ""

    def __init__(self, path: str, *, trusted: bool = False) -> None:
        super().__init__(path)
        self.trusted = trusted

    def kind(self, node: yaml.Node) -> str:
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return super().kind(node)
        return "nothing" if self.is_null(node) else "a single value"

    def shown_key(self, key: str) -> str:
        return key

    def document(self, root: yaml.Node | None) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
        if root is None:
            self.problem(None, "rule file is empty", "write 'rules:' followed by a list of rules")
            return (), ()
        top = self.entries(root, "the rule file", TOP_KEYS)
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
                seq,
                f"'rules' must be a list, not {self.kind(seq)}",
                "write one '- id: ...' per rule",
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
            first_line[rule_id] = self.line(node)
            if rule is None:
                disabled.append(rule_id)
            elif isinstance(rule, Rule):
                rules.append(rule)
        return tuple(rules), tuple(disabled)

    def rule(self, node: yaml.Node) -> tuple[str | None, Rule | _Invalid | None]:
        """The rule's id, and the rule (None when disabled, ``_INVALID`` on problems)."""
        fields = self.entries(node, "a rule", RULE_KEYS)
        if fields is None:
            return None, _INVALID
        rule_id = self.rule_id(node, fields)
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
        category = self.category(fields["category"][1], where) if "category" in fields else None
        label = (
            self.string(fields["label"][1], f"the label of {where}") if "label" in fields else None
        )
        description = (
            self.string(fields["description"][1], f"the description of {where}")
            if "description" in fields
            else None
        )
        strength = self.strength(fields["strength"][1], where) if "strength" in fields else None
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
            self.line(node),
        )

    def rule_id(
        self, node: yaml.Node, fields: dict[str, tuple[yaml.Node, yaml.Node]]
    ) -> str | None:
        """The rule's id, when it is present and a slug."""
        if "id" not in fields:
            self.problem(node, "a rule has no 'id'", "add 'id: some-name'")
            return None
        rule_id = self.string(fields["id"][1], "the rule id")
        if rule_id is not None and not _ID.match(rule_id):
            self.problem(
                fields["id"][1],
                f"rule id '{rule_id}' is not a slug",
                "use lowercase letters, digits and '-'",
            )
            return None
        return rule_id

    def category(self, node: yaml.Node, where: str) -> Category | None:
        value = self.string(node, f"the category of {where}")
        if value is not None and value not in CATEGORIES:
            close = difflib.get_close_matches(value, CATEGORIES, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "use one of " + ", ".join(CATEGORIES)
            self.problem(node, f"{where}: unknown category '{value}'", hint)
            return None
        return value

    def strength(self, node: yaml.Node, where: str) -> int | None:
        if (
            isinstance(node, yaml.ScalarNode)
            and node.tag == INT_TAG
            and _DECIMAL.fullmatch(str(node.value))
        ):
            return int(node.value)
        self.problem(
            node,
            f"{where}: 'strength' must be a whole number in decimal digits",
            "write a small number such as 2 (no 0x, 0b, ':' or long digit runs)",
        )
        return None

    def patterns(self, node: yaml.Node, where: str) -> tuple[Pattern, ...]:
        langs = self.entries(node, f"the patterns of {where}", None)
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
            if isinstance(items, yaml.ScalarNode) and not self.is_null(items):
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
            fields = self.entries(node, f"a pattern of {where}", PATTERN_KINDS)
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
        quoted = quote_pattern(source)
        try:
            if self.trusted:  # the bundled library: compiled when first used
                lazy = LazyRegex(pattern_text(source, kind, lang))
                return Pattern(lang, kind, source, lazy, self.line(value_node))
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
        return Pattern(lang, kind, source, regex, self.line(value_node))

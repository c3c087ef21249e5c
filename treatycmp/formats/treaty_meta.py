"""The treaty file's metadata, checked: codes, dates, completeness, source, status.

Part of the treaty checker (``treaty_yaml``): the fields about a treaty, as
opposed to its text (``treaty_body``). Messages name the field as the file
writes it (``source.text``, ``status.date``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

import yaml

from treatycmp.escape import shown as shown_value
from treatycmp.formats.checker import YamlChecker
from treatycmp.model import Source, Status, StatusState

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:@[a-z0-9]+(?:-[a-z0-9]+)*)?$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

SOURCE_KEYS = ("text", "authentic", "official", "translator", "citation", "urls", "notes")
STATUS_KEYS = ("state", "date", "by", "note")
STATUS_STATES: tuple[StatusState, ...] = ("in force", "terminated", "superseded", "not in force")
NUMBERING_KEYS = ("inferred", "reason")


def is_calendar_date(value: str) -> bool:
    """Whether ``value`` is a real YYYY-MM-DD day (not 1961-02-30, 2024-13-01 or 0000-00-00).

    >>> [is_calendar_date(d) for d in ("1961-07-06", "1961-02-30", "0000-01-01")]
    [True, False, False]
    """
    if not DATE_PATTERN.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class MetaChecks(YamlChecker):
    """The checks of a treaty's metadata fields, mixed into the treaty checker."""

    def date(self, node: yaml.Node | None, what: str, *, free_text: bool = False) -> str | None:
        value = self.optional_string(node, what)
        if value is None or node is None:
            return None
        if is_calendar_date(value):
            return value
        if DATE_PATTERN.match(value):
            self.problem(
                node,
                f"{what} '{shown_value(value)}' is not a day of the calendar",
                "check the day and month; write it as YYYY-MM-DD, e.g. 1961-07-06",
            )
            return None
        if free_text and not re.fullmatch(r"[\d\-/.]+", value):
            return value
        self.problem(
            node,
            f"{what} '{shown_value(value)}' is not a date",
            "write it as YYYY-MM-DD, e.g. 1961-07-06",
        )
        return None

    def codes(
        self, fields: Mapping[str, yaml.Node]
    ) -> tuple[str | None, str | None, tuple[str, ...]]:
        """The id, the language and the authentic languages, each checked for its shape."""
        get = fields.get
        treaty_id = self.optional_string(get("id"), "id")
        if treaty_id is not None and not ID_PATTERN.match(treaty_id):
            self.problem(
                get("id"),
                f"id '{shown_value(treaty_id)}' is not a slug",
                "use lowercase letters, digits and '-', and an optional '@tag' (us-rok-1953@ko)",
            )
        language = self.optional_string(get("language"), "language")
        if language is not None and not LANG_PATTERN.match(language):
            self.problem(
                get("language"),
                f"language '{shown_value(language)}' is not a language code",
                "use an ISO 639-1 code such as en, ko, ru",
            )
        authentic = self.string_list(get("authentic_languages"), "authentic_languages")
        for code in authentic:
            if not LANG_PATTERN.match(code):
                self.problem(
                    get("authentic_languages"),
                    f"'{shown_value(code)}' is not a language code",
                    "use ISO 639-1 codes such as en, ko, ru",
                )
        return treaty_id, language, authentic

    def completeness(self, node: yaml.Node | None) -> str | None:
        """'complete' or 'partial'; None (reported) for any other word."""
        completeness = self.optional_string(node, "completeness")
        if completeness is not None and completeness not in ("complete", "partial"):
            self.problem(
                node,
                f"completeness '{shown_value(completeness)}' is not allowed",
                "write complete or partial",
            )
            completeness = None
        return completeness

    def gaps_agree(self, node: yaml.Node | None, completeness: str | None, has_gap: bool) -> None:
        """Report a completeness the text's gaps contradict."""
        if completeness == "complete" and has_gap:
            self.problem(
                node,
                "completeness is 'complete' but the text has gaps",
                "write completeness: partial",
            )
        if completeness == "partial" and not has_gap:
            self.problem(
                node,
                "completeness is 'partial' but no gap says what is missing",
                "add {gap: reason} where text is missing, or write completeness: complete",
            )

    def numbering(self, node: yaml.Node | None) -> str | None:
        if node is None or self.is_null(node):
            return None
        fields = self.mapping(node, "numbering", NUMBERING_KEYS)
        if fields is None:
            return None
        if not self.boolean(fields.get("inferred"), "numbering.inferred", False):
            return None
        reason = self.optional_string(fields.get("reason"), "numbering.reason")
        if reason is None:
            self.problem(
                node,
                "inferred numbering needs a reason",
                "add 'reason:' saying where the numbers come from",
            )
            return None
        return reason

    def source(self, node: yaml.Node | None) -> Source | None:
        if node is None:
            return None
        fields = self.mapping(node, "source", SOURCE_KEYS)
        if fields is None:
            return None
        self.require(fields, node, "source", ("text",))
        text = self.optional_string(fields.get("text"), "source.text")
        if text is None:
            return None
        return Source(
            text=text,
            authentic=self.boolean(fields.get("authentic"), "source.authentic", False),
            official=self.official(fields.get("official")),
            translator=self.optional_string(fields.get("translator"), "source.translator"),
            citation=self.optional_string(fields.get("citation"), "source.citation"),
            urls=self.string_list(fields.get("urls"), "source.urls"),
            notes=self.string_list(fields.get("notes"), "source.notes"),
        )

    def official(self, node: yaml.Node | None) -> bool | None:
        """``source.official``: true when absent (the corpus's texts), None when null
        (``official: null``, the status not given, as an import not told writes it)."""
        if node is not None and self.is_null(node):
            return None
        return self.boolean(node, "source.official", True)

    def status(self, node: yaml.Node | None) -> Status | None:
        if node is None or self.is_null(node):
            return None
        if isinstance(node, yaml.ScalarNode):
            fields: dict[str, yaml.Node] | None = {"state": node}
        else:
            fields = self.mapping(node, "status", STATUS_KEYS)
        if fields is None:
            return None
        self.require(fields, node, "status", ("state",))
        state = self.optional_string(fields.get("state"), "status.state")
        if state is None:
            return None
        if state not in STATUS_STATES:
            self.problem(
                fields["state"],
                f"status '{shown_value(state)}' is not allowed",
                "write one of: " + ", ".join(STATUS_STATES),
            )
            return None
        return Status(
            state=state,
            date=self.date(fields.get("date"), "status.date"),
            by=self.optional_string(fields.get("by"), "status.by"),
            note=self.optional_string(fields.get("note"), "status.note"),
        )

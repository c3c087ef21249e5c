"""The treaty file's text, checked: preface, preamble, articles, paragraphs, gaps.

Part of the treaty checker (``treaty_yaml``): the text of a treaty, as opposed
to the fields about it (``treaty_meta``). Each paragraph gets its clause id here
("preamble.3", or "4.2" in an article) and each article and paragraph its line.
"""

from __future__ import annotations

import yaml

from treatycmp.errors import Problem
from treatycmp.escape import shown as shown_value
from treatycmp.formats.checker import YamlChecker
from treatycmp.formats.yamlkit import line_of
from treatycmp.model import Article, Gap, Paragraph, paragraph_id

ARTICLE_KEYS = ("number", "unnumbered", "label", "heading", "chapter", "paragraphs")
PARAGRAPH_KEYS = ("text", "gap", "gap_before", "gap_after")


class BodyChecks(YamlChecker):
    """The checks of a treaty's text, mixed into the treaty checker."""

    def clause_ids(
        self,
        preface: tuple[Paragraph, ...],
        preamble: tuple[Paragraph, ...],
        articles: tuple[Article | Gap, ...],
        closing: tuple[Paragraph, ...],
    ) -> None:
        """Every clause id names one thing: article "5.1" must not shadow paragraph 5.1."""
        seen: dict[str, str] = {p.id: "a paragraph" for p in (*preface, *preamble, *closing)}
        for a in articles:
            if not isinstance(a, Article):
                continue
            named = [(a.id, f"article {a.number}")]
            named += [
                (p.id, f"paragraph {p.id} of article {a.number}")
                for p in a.paragraphs
                if p.id != a.id
            ]
            for clause_id, what in named:
                if clause_id in seen:
                    self.problems.append(
                        Problem(
                            self.path,
                            a.line,
                            f"clause id '{clause_id}' would name both {seen[clause_id]} and {what}",
                            "renumber the article so its id is not a paragraph id (e.g. 5bis)",
                        )
                    )
                seen.setdefault(clause_id, what)

    def paragraphs(
        self, node: yaml.Node | None, what: str, prefix: str, *, article: bool = False
    ) -> tuple[Paragraph, ...]:
        """A list of paragraphs; ``prefix`` makes ids ("preamble.3", or "4.2" in an article)."""
        if node is None or self.null_list(node, what):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, f"{what} must be a list of paragraphs", "write one '- ' entry per paragraph"
            )
            return ()
        count = len(node.value)
        out: list[Paragraph] = []
        for index, item in enumerate(node.value, start=1):
            pid = paragraph_id(prefix, index, count) if article else f"{prefix}.{index}"
            para = self.paragraph(item, f"{what}, paragraph {index}", pid)
            if para is not None:
                out.append(para)
        return tuple(out)

    def paragraph(self, node: yaml.Node, what: str, pid: str) -> Paragraph | None:
        line = line_of(node)
        if isinstance(node, yaml.ScalarNode) and not self.is_null(node):
            text = self.string(node, what)
            return Paragraph(pid, text, line) if text is not None else None
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                f"{what} must be text or a mapping with 'text' or 'gap'",
                "write the paragraph's words, or {gap: reason}",
            )
            return None
        fields = self.mapping(node, what, PARAGRAPH_KEYS)
        if fields is None:
            return None
        gap = self.optional_string(fields.get("gap"), f"{what}: gap")
        if "gap" in fields and self.is_null(fields["gap"]):
            self.problem(
                fields["gap"], f"{what}: the gap has no reason", "say what is missing and why"
            )
        if "gap" in fields:
            if len(fields) > 1:
                self.problem(
                    node,
                    f"{what} is a gap and also has {', '.join(k for k in fields if k != 'gap')}",
                    "a whole-paragraph gap has only 'gap'; use text with gap_before/gap_after",
                )
            return Paragraph(pid, "", line, gap=gap) if gap else None
        if "text" not in fields:
            self.problem(
                node,
                f"{what} has neither 'text' nor 'gap'",
                "add 'text:' (the words) or 'gap:' (why they are missing)",
            )
            return None
        text = self.string(fields["text"], f"{what}: text")
        if text is None:
            return None
        return Paragraph(
            pid,
            text,
            line,
            gap_before=self.optional_string(fields.get("gap_before"), f"{what}: gap_before"),
            gap_after=self.optional_string(fields.get("gap_after"), f"{what}: gap_after"),
        )

    def articles(self, node: yaml.Node | None, inferred: str | None) -> tuple[Article | Gap, ...]:
        if node is None or self.null_list(node, "articles"):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, "articles must be a list", "write one '- number: ...' entry per article"
            )
            return ()
        out: list[Article | Gap] = []
        seen: dict[str, int] = {}
        unnumbered = 0
        for index, item in enumerate(node.value, start=1):
            what = f"article entry {index}"
            fields = self.mapping(item, what, (*ARTICLE_KEYS, "gap"))
            if fields is None:
                continue
            if "gap" in fields:
                gap = self.article_gap(item, fields, what)
                if gap is not None:
                    out.append(gap)
                continue
            numbered = self.article_number(item, fields, what, seen, unnumbered)
            if numbered is None:
                continue
            number, unnumbered_reason, what = numbered
            if unnumbered_reason is not None:
                unnumbered += 1
            article = self.article(item, fields, what, number, inferred, unnumbered_reason)
            if article is not None:
                out.append(article)
        return tuple(out)

    def article_gap(self, item: yaml.Node, fields: dict[str, yaml.Node], what: str) -> Gap | None:
        """An article entry that is only ``gap: reason``: a missing article."""
        extra = [k for k in fields if k != "gap"]
        if extra:
            self.problem(
                item,
                f"{what} is a gap and also has {', '.join(extra)}",
                "an article gap has only 'gap: reason'",
            )
        reason = self.optional_string(fields["gap"], f"{what}: gap")
        if self.is_null(fields["gap"]):
            self.problem(
                fields["gap"],
                f"{what}: the gap has no reason",
                "say what is missing and why",
            )
        return Gap(reason, line_of(item)) if reason else None

    def article_number(
        self,
        item: yaml.Node,
        fields: dict[str, yaml.Node],
        what: str,
        seen: dict[str, int],
        unnumbered: int,
    ) -> tuple[str, str | None, str] | None:
        """The article's number, its reason when unnumbered, and how messages name it.

        ``seen`` holds the line of each number so far (casefolded), to report a
        repeat; an unnumbered article is numbered "u1", "u2", ... after ``unnumbered``.
        """
        if "unnumbered" in fields:
            if "number" in fields:
                self.problem(item, f"{what} has both 'number' and 'unnumbered'", "keep one")
            unnumbered_reason = self.string(fields["unnumbered"], f"{what}: unnumbered")
            if unnumbered_reason is None:
                return None
            return f"u{unnumbered + 1}", unnumbered_reason, what
        if "number" not in fields:
            self.problem(
                item,
                f"{what} has no 'number'",
                'add number: "1" (as written in the source), or unnumbered: <reason>',
            )
            return None
        number = self.string(fields["number"], f"{what}: number")
        if number is None:
            return None
        number = number.strip()
        key = number.casefold()
        if key in seen:
            self.problem(
                fields["number"],
                f"duplicate article number '{shown_value(number)}' (first at line {seen[key]})",
                "give each article its own number",
            )
            return None
        seen[key] = line_of(item)
        return number, None, f"article {shown_value(number)}"

    def article(
        self,
        item: yaml.Node,
        fields: dict[str, yaml.Node],
        what: str,
        number: str,
        inferred: str | None,
        unnumbered_reason: str | None,
    ) -> Article | None:
        """The article with its paragraphs; None (reported) when it has none."""
        if "paragraphs" not in fields:
            self.problem(
                item,
                f"{what} has no 'paragraphs'",
                "add paragraphs: with at least one paragraph",
            )
            return None
        para_node = fields["paragraphs"]
        if self.is_null(para_node) or (
            isinstance(para_node, yaml.SequenceNode) and not para_node.value
        ):
            self.problem(
                para_node,
                f"{what} has an empty list of paragraphs",
                "add its paragraphs, or make it {gap: reason}",
            )
            return None
        paragraphs = self.paragraphs(para_node, what, number, article=True)
        return Article(
            number=number,
            paragraphs=paragraphs,
            line=line_of(item),
            label=self.optional_string(fields.get("label"), f"{what}: label"),
            heading=self.optional_string(fields.get("heading"), f"{what}: heading"),
            chapter=self.optional_string(fields.get("chapter"), f"{what}: chapter"),
            inferred=inferred,
            unnumbered=unnumbered_reason,
        )

"""Shell completion of treaty ids and ``TREATY:CLAUSE`` references (see README)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # imported where items are made: a run that completes nothing needs none
    from click.shell_completion import CompletionItem

from treatycmp.errors import TreatycmpError


def _corpus(ctx: click.Context) -> Any:
    from treatycmp.corpus import Corpus

    dirs = ctx.params.get("corpus_dirs") or ()
    return Corpus.load(tuple(dirs))


def treaty_ids(ctx: click.Context, incomplete: str) -> list[str]:
    """Treaty ids (bundled, $TREATYCMP_CORPUS and ``--corpus``) starting with ``incomplete``."""
    try:
        corpus = _corpus(ctx)
    except (TreatycmpError, OSError):  # a broken corpus must not break the shell
        return []
    return [t.id for t in corpus.treaties if t.id.startswith(incomplete)]


def clause_refs(ctx: click.Context, incomplete: str) -> list[str]:
    """``TREATY:CLAUSE`` for every clause (paragraphs and articles) of the named treaty."""
    name, _, part = incomplete.partition(":")
    try:
        treaty = _corpus(ctx).get(name)
    except (TreatycmpError, OSError):
        return []
    ids = dict.fromkeys(c.id for level in ("article", "paragraph") for c in treaty.clauses(level))
    return [f"{name}:{i}" for i in ids if i.startswith(part)]


def article_refs(ctx: click.Context, incomplete: str) -> list[str]:
    """``TREATY:ARTICLE`` for every article number of the named treaty: what ``show``
    takes (its article-level clauses also hold ``preamble.1`` and ``closing.1``, which
    it refuses, and leave out an article without text, which it shows)."""
    name, _, part = incomplete.partition(":")
    try:
        treaty = _corpus(ctx).get(name)
    except (TreatycmpError, OSError):
        return []
    numbers = dict.fromkeys(a.number for a in treaty.article_list)
    return [f"{name}:{n}" for n in numbers if n.startswith(part)]


def complete_treaty(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Completion for an argument that names a treaty."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(x) for x in treaty_ids(ctx, incomplete)]


def complete_clause_or_treaty(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Completion for an argument that names a treaty or a ``TREATY:CLAUSE``."""
    from click.shell_completion import CompletionItem

    if ":" in incomplete:
        return [CompletionItem(x) for x in clause_refs(ctx, incomplete)]
    return [CompletionItem(x) for x in treaty_ids(ctx, incomplete)]


def complete_article_or_treaty(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Completion for ``show``'s argument: a treaty or ``TREATY:ARTICLE`` (``show`` takes
    whole articles, so paragraph ids would complete to a reference it refuses)."""
    from click.shell_completion import CompletionItem

    if ":" in incomplete:
        return [CompletionItem(x) for x in article_refs(ctx, incomplete)]
    return [CompletionItem(x) for x in treaty_ids(ctx, incomplete)]

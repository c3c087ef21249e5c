"""Shell completion of treaty ids, ``TREATY:CLAUSE`` references and paths (see README)."""

from __future__ import annotations

import os
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
    """Treaty ids (bundled, $TREATYCMP_CORPUS and ``--corpus``) starting with ``incomplete``,
    then the aliases that do (``na`` gives ``nato``), once something is typed: every
    command takes an alias where it takes an id. An alias that begins an id offered
    (``north-atlantic`` of ``north-atlantic-1949``) adds nothing and is left out."""
    try:
        corpus = _corpus(ctx)
    except (TreatycmpError, OSError):  # a broken corpus must not break the shell
        return []
    ids = [t.id for t in corpus.treaties if t.id.startswith(incomplete)]
    if not incomplete:
        return ids
    aliases = (a for t in corpus.treaties for a in t.aliases if a.startswith(incomplete))
    return list(
        dict.fromkeys([*ids, *(a for a in aliases if not any(i.startswith(a) for i in ids))])
    )


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


def _is_path(incomplete: str) -> bool:
    """Whether a word being typed is a path (``./pa``, ``../x``, ``~/t``, ``/srv/t``,
    ``docs/``) rather than the start of a treaty id, which holds no separator."""
    seps = (os.sep, os.altsep) if os.altsep else (os.sep,)
    return incomplete.startswith((".", "~")) or any(s in incomplete for s in seps)


def _or_files(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    """Treaty ids, and the shell's own completion of file names: only that for a path.

    A treaty argument also takes a treaty file or a document (``show ./pact.txt``). The
    file entry comes first: bash then offers files only when no id matches (zsh and fish
    offer both)."""
    from click.shell_completion import CompletionItem

    files = [CompletionItem(incomplete, type="file")]
    if _is_path(incomplete):
        return files
    return [*files, *(CompletionItem(x) for x in treaty_ids(ctx, incomplete))]


def complete_treaty(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Completion for an argument that names a treaty (an id, or a file's path)."""
    return _or_files(ctx, incomplete)


def complete_clause_or_treaty(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Completion for an argument that names a treaty or a ``TREATY:CLAUSE``."""
    from click.shell_completion import CompletionItem

    if ":" in incomplete:
        return [CompletionItem(x) for x in clause_refs(ctx, incomplete)]
    return _or_files(ctx, incomplete)


def complete_article_or_treaty(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Completion for ``show``'s argument: a treaty or ``TREATY:ARTICLE`` (``show`` takes
    whole articles, so paragraph ids would complete to a reference it refuses)."""
    from click.shell_completion import CompletionItem

    if ":" in incomplete:
        return [CompletionItem(x) for x in article_refs(ctx, incomplete)]
    return _or_files(ctx, incomplete)

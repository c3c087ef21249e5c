"""Checks of the real-document benchmark's gold and manifest (issue 21), without treatycmp.

A held-apart part is read once, at its checkpoint, so its gold must be right before
that: this finds what would make the benchmark crash or score against a wrong gold
(a document without gold, a gold number the benchmark would never produce, a word
count missing) and, where a repository is mirrored here, a path or a body span
that is not in the file. It never imports a document.

    python bench/bench_import_real.py --check-gold               # every part
    python bench/bench_import_real.py --check-gold --part fresh  # and list what a part selects
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

PARTS = ("tune", "held", "fresh")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_DOC_KEYS = ("id", "repo", "path", "commit", "licence", "kind", "language", "family", "part")
_GOLD_KEYS = ("id", "language", "articles", "body_words", "body", "heading_style")


def _manifest_problems(manifest: dict, kinds: set[str]) -> list[str]:
    out: list[str] = []
    sources = {(s.get("repo"), s.get("family")) for s in manifest.get("sources") or []}
    seen: Counter[str] = Counter()
    for d in manifest.get("documents") or []:
        name = d.get("id", "?")
        seen[name] += 1
        out += [f"manifest {name}: no '{k}'" for k in _DOC_KEYS if not d.get(k)]
        if not _SLUG.match(str(name)):
            out.append(f"manifest {name}: id is not a slug (a-z, 0-9, -)")
        if d.get("commit") and not _COMMIT.match(str(d["commit"])):
            out.append(f"manifest {name}: commit is not 40 hex digits")
        if d.get("kind") and d["kind"] not in kinds:
            out.append(f"manifest {name}: kind '{d['kind']}' is not one of {sorted(kinds)}")
        if d.get("part") and d["part"] not in PARTS:
            out.append(f"manifest {name}: part '{d['part']}' is not one of {PARTS}")
        if (d.get("repo"), d.get("family")) not in sources:
            out.append(
                f"manifest {name}: no entry in sources for {d.get('repo')} ({d.get('family')})"
            )
    out += [f"manifest {i}: listed {n} times" for i, n in seen.items() if n > 1]
    return out


def _gold_problems(g: dict, doc: dict, norm: Callable[[object], str]) -> list[str]:
    name = g.get("id", "?")
    out = [f"gold {name}: no '{k}'" for k in _GOLD_KEYS if k not in g]
    refuse = g.get("expect") == "refuse"
    if g.get("expect") not in (None, "refuse"):
        out.append(f"gold {name}: expect '{g['expect']}' is not 'refuse'")
    arts = g.get("articles")
    if not isinstance(arts, list) or not all(isinstance(a, str) for a in arts):
        out.append(f"gold {name}: articles is not a list of quoted strings")
    else:
        out += [
            f"gold {name}: article '{a}' is not normalised (the benchmark reads it as '{norm(a)}')"
            for a in arts
            if norm(a) != a
        ]
        if not refuse and len(set(arts)) != len(arts):
            out.append(f"gold {name}: repeated article numbers (no import can give them)")
    words = g.get("body_words")
    if not refuse and not (isinstance(words, int) and words > 0):
        out.append(f"gold {name}: body_words must be a positive integer")
    if g.get("language") != doc.get("language"):
        out.append(
            f"gold {name}: language {g.get('language')} but {doc.get('language')} in the manifest"
        )
    if not isinstance(g.get("body"), dict) or not g["body"]:
        out.append(f"gold {name}: body says nothing of the span")
    return out


def _git(git: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "--git-dir", str(git), *args], capture_output=True)


def _mirror_problems(doc: dict, g: dict, mirror: Path) -> tuple[list[str], bool]:
    """Problems found in the mirrored file; False when the repository is not mirrored."""
    git = mirror / str(doc["repo"]).replace("/", "+") / "repo"
    git = git / ".git" if (git / ".git").is_dir() else git
    if not git.is_dir():
        return [], False
    spec = f"{doc['commit']}:{doc['path']}"
    if _git(git, "cat-file", "-e", spec).returncode != 0:
        return [f"mirror {doc['id']}: {spec} is not in {git}"], True
    body = g.get("body") or {}
    if doc.get("kind") in ("markdown", "text") and "end_line" in body:
        text = _git(git, "show", spec).stdout.decode("utf-8", "replace")
        lines = len(text.splitlines())
        if not 1 <= body.get("start_line", 1) <= body["end_line"] <= lines:
            return [
                f"mirror {doc['id']}: body lines {body.get('start_line')}-{body['end_line']} "
                f"are not within the file's {lines} lines"
            ], True
    return [], True


def check(
    manifest: dict,
    gold: dict,
    kinds: set[str],
    norm: Callable[[object], str],
    mirror: Path,
    part: str = "all",
) -> tuple[list[str], list[str]]:
    """(problems, report lines) for the manifest and gold as committed."""
    problems = _manifest_problems(manifest, kinds)
    golds: dict[str, dict] = {}
    for g in gold.get("documents") or []:
        if g.get("id") in golds:
            problems.append(f"gold {g.get('id')}: listed twice")
        golds[str(g.get("id"))] = g
    docs = {str(d.get("id")): d for d in manifest.get("documents") or []}
    problems += [f"gold {i}: not in the manifest" for i in golds if i not in docs]
    problems += [f"manifest {i}: no gold" for i in docs if i not in golds]
    unmirrored: Counter[str] = Counter()
    for i, d in docs.items():
        if i not in golds:
            continue
        problems += _gold_problems(golds[i], d, norm)
        found, mirrored = _mirror_problems(d, golds[i], mirror)
        problems += found
        if not mirrored:
            unmirrored[str(d["repo"])] += 1
    parts = Counter(str(d.get("part")) for d in docs.values())
    report = [f"{len(docs)} documents: " + ", ".join(f"{p} {parts[p]}" for p in PARTS)]
    report += [f"not mirrored here (paths unchecked): {r} ({n})" for r, n in unmirrored.items()]
    if part != "all":
        chosen = [d for d in docs.values() if d.get("part") == part]
        fams = Counter(f"{d['family']} ({d['repo']})" for d in chosen)
        report.append(f"--part {part} selects {len(chosen)} documents:")
        report += [f"  {f}: {n}" for f, n in fams.items()]
        report += [
            f"  {d['id']}  {d['kind']}  {len(golds[str(d['id'])]['articles'])} articles"
            f"{'  expect: refuse' if golds[str(d['id'])].get('expect') == 'refuse' else ''}"
            for d in chosen
            if str(d["id"]) in golds
        ]
    return problems, report

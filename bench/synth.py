"""Seeded synthetic treaties for benchmarks and alignment tests.

Treaty-like articles are built from shared boilerplate (subjects, obligations,
qualifiers), so unrelated clauses share many words as real treaties do. A second
version of a treaty is made by editing words inside paragraphs and by moving,
splitting, merging, deleting and adding clauses; ``SynthPair.truth`` records what
became of every paragraph, so tests and measurements know the right answer.

    python bench/synth.py --treaties 1000 --articles 20 --seed 1 OUT_DIR
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from treatycmp.model import Article, Paragraph, Source, Treaty, paragraph_id

SUBJECTS = (
    "The Contracting Parties",
    "The High Contracting Parties",
    "Each Contracting Party",
    "The two sides",
    "The Parties",
    "Either Party",
)
VERBS = (
    "shall consult together on",
    "undertake to develop",
    "shall maintain and strengthen",
    "agree to promote",
    "shall take all necessary measures to ensure",
    "shall render each other assistance in",
    "shall exchange views on",
    "undertake not to participate in any action directed against",
    "shall cooperate closely in",
    "recognise the importance of",
)
OBJECTS = (
    "the economic and cultural ties between them",
    "peace and security in the region and throughout the world",
    "all important international questions involving the interests of both States",
    "the maintenance of international peace and security",
    "scientific and technical co-operation",
    "the development of trade and navigation",
    "the protection of the rights and interests of their nationals",
    "the settlement of disputes by peaceful means",
    "the exchange of information on matters of common concern",
    "the prevention of aggression against either of them",
    "the fight against terrorism and transnational crime",
    "co-operation in the fields of education, health and sport",
)
QUALIFIERS = (
    "in accordance with the purposes and principles of the United Nations",
    "on the basis of equal rights and mutual respect for sovereignty",
    "in conformity with their constitutional processes",
    "without delay",
    "with all the means at their disposal",
    "in a spirit of friendship and good-neighbourliness",
    "as the case may require",
    "subject to their national laws and international obligations",
)
CLOSERS = (
    "This Treaty shall be ratified and shall enter into force on the exchange of instruments.",
    "Each Party may denounce this Treaty by giving one year's notice to the other Party.",
    "Any dispute concerning the interpretation of this Treaty shall be settled by consultation.",
)
SYNONYMS = {
    "shall": "will",
    "undertake": "agree",
    "develop": "expand",
    "strengthen": "reinforce",
    "measures": "steps",
    "co-operation": "cooperation",
    "States": "countries",
    "assistance": "support",
    "important": "major",
    "ties": "relations",
}
INSERTS = ("and other", "fully", "in particular", "as soon as possible", "jointly")


def sentence(rng: random.Random) -> str:
    """One treaty-like sentence of shared boilerplate."""
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.7:
        parts.append(rng.choice(QUALIFIERS))
    if rng.random() < 0.3:
        parts.append("and " + rng.choice(OBJECTS))
    return " ".join(parts) + "."


def paragraph_text(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def edit_words(text: str, rng: random.Random, rate: float = 0.08) -> str:
    """Substitute synonyms, insert and delete a few words, as a redraft would."""
    out: list[str] = []
    for w in text.split(" "):
        r = rng.random()
        if r < rate and w in SYNONYMS:
            out.append(SYNONYMS[w])
        elif r < rate / 3 and not w.endswith("."):
            continue
        else:
            out.append(w)
        if rng.random() < rate / 4:
            out.append(rng.choice(INSERTS))
    return " ".join(out)


# A paragraph while a version is being built: its text and the left paragraphs it
# came from (empty for an added one).
Draft = tuple[str, frozenset[int]]


@dataclass(frozen=True)
class SynthPair:
    """Two versions of a treaty and, per right paragraph, the left ones it came from."""

    left: Treaty
    right: Treaty
    truth: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)


def build_treaty(tid: str, arts: list[list[str]], *, title: str = "", signed: str = "") -> Treaty:
    """A model.Treaty from lists of paragraph texts, numbered 1..n."""
    articles = []
    for n, paras in enumerate(arts, 1):
        ps = tuple(
            Paragraph(paragraph_id(str(n), k, len(paras)), t, 0) for k, t in enumerate(paras, 1)
        )
        articles.append(Article(str(n), ps, 0, label=f"Article {n}"))
    return Treaty(
        id=tid,
        title=title or f"Synthetic Treaty {tid}",
        short_title=tid,
        parties=("Party A", "Party B"),
        language="en",
        source=Source("synthetic text generated by bench/synth.py", official=False),
        completeness="complete",
        signed=signed or None,
        articles=tuple(articles),
    )


def make_articles(rng: random.Random, count: int) -> list[list[str]]:
    arts = [[paragraph_text(rng) for _ in range(rng.choice((1, 1, 2, 3)))] for _ in range(count)]
    arts.append([rng.choice(CLOSERS)])
    return arts


def synth_pair(articles: int, seed: int, *, changes: int | None = None) -> SynthPair:
    """A treaty of ``articles`` articles and an edited version with known ground truth.

    Structural changes (``changes`` of each kind, default about 2% of articles, at
    least 1): articles moved, a paragraph split, two paragraphs merged, a paragraph
    deleted, a paragraph added; about a third of paragraphs get word edits.
    """
    rng = random.Random(seed)
    base = make_articles(rng, articles)
    k = changes if changes is not None else max(1, articles // 50)
    counter = 0
    ids: list[list[int]] = []
    for a in base:
        ids.append(list(range(counter, counter + len(a))))
        counter += len(a)
    flat = {i: t for a, row in zip(base, ids, strict=True) for i, t in zip(row, a, strict=True)}
    draft: list[list[Draft]] = [[(flat[i], frozenset({i})) for i in row] for row in ids]
    kinds: dict[int, str] = {}

    multi = [n for n, a in enumerate(draft) if len(a) >= 2]
    rng.shuffle(multi)
    for n in multi[:k]:  # merge the first two paragraphs of an article
        (t1, o1), (t2, o2) = draft[n][0], draft[n][1]
        draft[n][0:2] = [(t1 + " " + t2, o1 | o2)]
        kinds.update({next(iter(o1)): "merged", next(iter(o2)): "merged"})
    long_ = [
        (n, p)
        for n, a in enumerate(draft)
        for p, (t, o) in enumerate(a)
        if len(o) == 1 and t.count(". ") >= 1
    ]
    rng.shuffle(long_)
    for n, p in sorted(long_[:k], reverse=True):  # split a paragraph at a sentence end
        t, o = draft[n][p]
        cut = t.index(". ") + 1
        draft[n][p : p + 1] = [(t[:cut], o), (t[cut + 1 :], o)]
        kinds[next(iter(o))] = "split"
    singles = [(n, p) for n, a in enumerate(draft) for p, (_, o) in enumerate(a) if len(o) == 1]
    singles = [(n, p) for n, p in singles if next(iter(draft[n][p][1])) not in kinds]
    rng.shuffle(singles)
    for n, p in sorted(singles[:k], reverse=True):  # delete a paragraph
        kinds[next(iter(draft[n][p][1]))] = "removed"
        del draft[n][p]
    for n, a in enumerate(draft):  # word edits
        draft[n] = [
            (edit_words(t, rng) if len(o) == 1 and rng.random() < 0.35 else t, o) for t, o in a
        ]
    for _ in range(k):  # add a paragraph
        n = rng.randrange(len(draft))
        draft[n].insert(rng.randint(0, len(draft[n])), (paragraph_text(rng), frozenset()))
    draft = [a for a in draft if a]
    order = list(range(len(draft) - 1))
    for _ in range(k):  # move an article elsewhere
        src = rng.randrange(len(order))
        order.insert(rng.randrange(len(order)), order.pop(src))
    order.append(len(draft) - 1)
    draft = [draft[n] for n in order]

    left = build_treaty(f"synth-{seed}-a", base)
    right = build_treaty(f"synth-{seed}-b", [[t for t, _ in a] for a in draft])
    lid = {i: c.id for i, c in zip(sorted(flat), left.clauses(), strict=True)}
    truth: dict[str, tuple[str, ...]] = {}
    for a_clause, (_, origin) in zip(right.clauses(), [d for a in draft for d in a], strict=True):
        truth[a_clause.id] = tuple(lid[i] for i in sorted(origin))
    return SynthPair(left, right, truth, {lid[i]: kv for i, kv in kinds.items()})


def synth_corpus(treaties: int, articles: int, seed: int) -> list[Treaty]:
    """``treaties`` treaties; about half are edited versions of an earlier one."""
    rng = random.Random(seed)
    out: list[Treaty] = []
    for n in range(treaties):
        year = 1900 + rng.randrange(125)
        signed = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if out and rng.random() < 0.5:
            pair = synth_pair(articles, rng.randrange(2**31))
            arts = [[p.text for p in a.paragraphs] for a in pair.right.article_list]
        else:
            arts = make_articles(random.Random(rng.randrange(2**31)), articles)
        out.append(build_treaty(f"synth-{n:05d}", arts, signed=signed))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--treaties", type=int, default=10)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("out_dir", type=Path)
    args = ap.parse_args(argv)
    from treatycmp.formats.treaty_writer import treaty_to_yaml

    args.out_dir.mkdir(parents=True, exist_ok=True)
    for t in synth_corpus(args.treaties, args.articles, args.seed):
        (args.out_dir / f"{t.id}.yaml").write_text(treaty_to_yaml(t), encoding="utf-8")
    print(f"wrote {args.treaties} treaties to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Real-document import benchmark (issue 21).

Runs the installed CLI end to end, as a user would, on real treaty documents
that nobody here wrote, and compares what it imported with hand-checked gold
(bench/realdocs/gold.yaml): the article numbers in order and the body's word
count. The documents themselves are never in this repository: the manifest
(bench/realdocs/manifest.yaml) names each one by repository, path and commit,
and this script takes it out of the local mirror of that repository with
`git show` into a cache folder, or reads it from a folder given with --docs.

    python bench/bench_import_real.py                      # all documents
    python bench/bench_import_real.py --part tune          # the tuning part only
    python bench/bench_import_real.py --part fresh         # the fresh held-apart source only
    python bench/bench_import_real.py --out report.md --treatycmp /path/to/treatycmp
    python bench/bench_import_real.py --docs /tmp/realdocs --only un-bbnj-2023-en
    python bench/bench_import_real.py --check-gold --part fresh   # the gold's checks, no import

The held-apart parts ("held", and "fresh" for a source added after the last
round's figures were read) are for the final figures only: never look at its
documents or its failures while changing the importer.

Figures, per part and per source family:
- exact: share of documents whose imported article numbers, in order and
  normalised ("Article premier" -> 1, "2 bis" -> 2bis, 第三條 -> 3), equal the gold;
- articles found: share of gold article numbers present among the imported ones;
- words kept: words in the imported preamble, article headings and paragraphs,
  chapters and closing, over the gold body words, capped at 1 per document
  (mean over documents, and pooled);
- silent failures: exit status 0, structure lost (not exact, or words kept
  < 0.99) and no warning on standard error other than "the parties are not
  known" (which every text without a header gets, whatever its structure).
Documents whose text cannot be read at all (gold `expect: refuse`, e.g. a PDF
without a Unicode text layer) count as right when the import refuses (non-zero
exit); an exit 0 without a warning on them is a silent failure.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REALDOCS = HERE / "realdocs"
EXT = {
    "markdown": ".md",
    "text": ".txt",
    "html": ".html",
    "pdf": ".pdf",
    "docx": ".docx",
    "xml": ".xml",
}

# The word rule of gold.yaml: each Han/kana character is one word; any other
# maximal run of letters or digits is one word.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")

_CN = {
    "零": 0,
    "〇": 0,  # noqa: RUF001
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_WORDNUM = {
    "premier": "1",
    "1er": "1",
    "first": "1",
    "one": "1",
    "un": "1",
    "eerste": "1",
    "primero": "1",
}
_SOLE = {"sole", "single", "unique", "enig", "único", "unico"}


def words(text: str) -> int:
    return len(TOKEN.findall(text))


def cn_to_int(s: str) -> int:
    total, num = 0, 0
    for ch in s:
        if ch in _CN:
            num = _CN[ch]
        elif ch == "十":
            total += (num or 1) * 10
            num = 0
        elif ch == "百":
            total += (num or 1) * 100
            num = 0
        elif ch == "千":
            total += (num or 1) * 1000
            num = 0
    return total + num


def norm_number(raw: object) -> str:
    """Normalise an article number as printed: '1', 'I', '2bis', 'sole'."""
    s = str(raw).strip()
    s = re.sub(r"^(article|artikel|artículo|articulo|art\.?|статья|المادة)\s*", "", s, flags=re.I)
    s = s.strip().rstrip(".:-\u2013\u2014").strip()
    m = re.fullmatch(r"第?([一二三四五六七八九十百千零〇]+)(?:之([二三]))?[条條]?", s)
    if m:
        return str(cn_to_int(m.group(1))) + (
            {"二": "bis", "三": "ter"}[m.group(2)] if m.group(2) else ""
        )
    m = re.fullmatch(r"第?([0-9]+)[条條]", s)
    if m:
        return m.group(1)
    low = s.lower()
    if low in _SOLE:
        return "sole"
    if low in _WORDNUM:
        return _WORDNUM[low]
    # `1er` and the English ordinals as printed (`1st`, `2nd`, `3d`, `4th`) are the number.
    m = re.fullmatch(
        r"([0-9]+|[ivxlcdm]+)\s*(er|st|nd|rd|d|th)?\s*(bis|ter|quater|quinquies)?", low
    )
    if m:
        n = m.group(1)
        n = n.upper() if re.fullmatch(r"[ivxlcdm]+", n) else n
        return n + (m.group(3) or "")
    return re.sub(r"\s+", "", s)


def para_text(p: object) -> str:
    if isinstance(p, str):
        return p
    if isinstance(p, dict):
        return str(p.get("text", ""))  # partial paragraph; a gap holds no treaty words
    return ""


def imported_words(doc: dict) -> int:
    parts: list[str] = []
    for key in ("preamble", "closing"):
        parts += [para_text(p) for p in doc.get(key) or []]
    chapters: list[str] = []
    chapter = None
    for art in doc.get("articles") or []:
        if not isinstance(art, dict) or "paragraphs" not in art:
            continue
        if art.get("heading"):
            parts.append(str(art["heading"]))
        # A chapter heading is printed where a run of its articles begins (again when a
        # later part repeats its name: CHAPTER 1 of PART I, then of PART II).
        if art.get("chapter") and art["chapter"] != chapter:
            chapters.append(str(art["chapter"]))
        chapter = art.get("chapter")
        parts += [para_text(p) for p in art.get("paragraphs") or []]
    return words("\n".join(parts + chapters))


def imported_numbers(doc: dict) -> list[str]:
    out = []
    for art in doc.get("articles") or []:
        if isinstance(art, dict) and "number" in art:
            out.append(norm_number(art["number"]))
        elif isinstance(art, dict) and "unnumbered" in art:
            out.append("?")
    return out


def mirror_dir(mirror: Path, repo: str) -> Path:
    """The mirror's git directory: `repo` itself, or `repo/.git` for a snapshot with a work tree."""
    git = mirror / repo.replace("/", "+") / "repo"
    return git / ".git" if (git / ".git").is_dir() else git


def extract(entry: dict, mirror: Path, cache: Path) -> Path:
    dest = cache / f"{entry['id']}{EXT[entry['kind']]}"
    if dest.exists() and dest.stat().st_size > 0:
        return dest
    git = mirror_dir(mirror, entry["repo"])
    if not git.exists():
        raise FileNotFoundError(
            f"{entry['repo']} is not mirrored at {git}: "
            "fetch it (the search tool's fetch) or give --docs"
        )
    for rev in (entry["commit"], "HEAD"):
        r = subprocess.run(
            ["git", "--git-dir", str(git), "show", f"{rev}:{entry['path']}"], capture_output=True
        )
        if r.returncode == 0:
            cache.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(r.stdout)
            if rev != entry["commit"]:
                print(
                    f"note: {entry['id']}: commit {entry['commit'][:10]} "
                    "not in the mirror; took HEAD",
                    file=sys.stderr,
                )
            return dest
    raise FileNotFoundError(f"{entry['path']} not found in {git}")


def run_one(entry: dict, gold: dict, src: Path, exe: str, work: Path, timeout: float) -> dict:
    out = work / f"{entry['id']}.yaml"
    cmd = [exe, "import", str(src), "--id", entry["id"], "-o", str(out), "--force"]
    lang = gold.get("language") or entry.get("language")
    if lang and (lang != "en" or entry.get("bilingual")):
        cmd += ["--language", lang]
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        code, err = r.returncode, r.stderr
    except subprocess.TimeoutExpired:
        code, err = -9, f"timeout after {timeout:.0f} s"
    secs = time.perf_counter() - t0
    res = dict(
        id=entry["id"], cmd=cmd, exit=code, stderr=err.strip(), secs=secs, numbers=[], kept_words=0
    )
    if code == 0 and out.exists():
        doc = yaml.safe_load(out.read_text(encoding="utf-8")) or {}
        res["numbers"] = imported_numbers(doc)
        res["kept_words"] = imported_words(doc)
        res["labels"] = [
            a.get("label", "") for a in (doc.get("articles") or []) if isinstance(a, dict)
        ][:3]
    return res


# Warnings about what the document does not state (its parties, a language the
# detector does not know): every plain text
# without a header gets one, so they say nothing about the structure found and
# must not turn a structure lost into a warned one (issue 21's fifth round: Lisbon
# 2/44 articles, exit 0, the parties warning only).
_METADATA_WARNING = re.compile(r"the parties are not known|language was not recognised")


def structure_warned(stderr: str) -> bool:
    """Whether stderr holds a warning other than the metadata ones."""
    return any(
        re.search(r"warn", line, re.I) and not _METADATA_WARNING.search(line)
        for line in stderr.splitlines()
    )


def score(res: dict, gold: dict) -> dict:
    warned = structure_warned(res["stderr"])
    if gold.get("expect") == "refuse":
        ok = res["exit"] != 0
        res.update(
            exact=ok,
            found=None,
            kept=None,
            refuse_case=True,
            warned=warned,
            silent=(res["exit"] == 0 and not warned),
        )
        return res
    g = [str(x) for x in gold["articles"]]
    got = res["numbers"]
    exact = res["exit"] == 0 and got == g
    found = None
    if g:
        pool = collections.Counter(got)
        hit = 0
        for n in g:
            if pool[n] > 0:
                pool[n] -= 1
                hit += 1
        found = hit / len(g)
    kept = min(1.0, res["kept_words"] / gold["body_words"]) if gold.get("body_words") else None
    lost = (not exact) or (kept is not None and kept < 0.99)
    res.update(
        exact=exact,
        found=found,
        kept=kept,
        refuse_case=False,
        warned=warned,
        silent=(res["exit"] == 0 and lost and not warned),
    )
    return res


def pct(x: float | None) -> str:
    return "\u2013" if x is None else f"{100 * x:.1f}%"


def table(rows: list[dict], key) -> list[str]:
    groups: dict[str, list[dict]] = collections.OrderedDict()
    for r in rows:
        groups.setdefault(key(r), []).append(r)
    lines = [
        "| group | docs | exact structure | gold articles found | words kept (mean) "
        "| words kept (pooled) | exit ≠ 0 | silent failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, rs in [*groups.items(), ("**all**", rows)]:
        n = len(rs)
        exact = sum(r["exact"] for r in rs) / n
        fs = [r["found"] for r in rs if r["found"] is not None]
        ks = [r["kept"] for r in rs if r["kept"] is not None]
        gw = sum(r["gold_words"] for r in rs if r["kept"] is not None)
        pooled = (
            sum(min(r["kept_words"], r["gold_words"]) for r in rs if r["kept"] is not None) / gw
            if gw
            else None
        )
        lines.append(
            f"| {name} | {n} | {pct(exact)} | {pct(sum(fs) / len(fs) if fs else None)} | "
            f"{pct(sum(ks) / len(ks) if ks else None)} | {pct(pooled)} | "
            f"{sum(r['exit'] != 0 for r in rs)} | {sum(r['silent'] for r in rs)} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--treatycmp",
        action="append",
        help="the CLI to run (repeat it to compare versions in one run; "
        "default $TREATYCMP or /work/venv/bin/treatycmp)",
    )
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument(
        "--cache",
        type=Path,
        default=Path("/tmp/realdocs"),
        help="where documents are extracted to (default /tmp/realdocs)",
    )
    ap.add_argument(
        "--docs",
        type=Path,
        help="read documents from this folder (<id><ext>) instead of the mirror",
    )
    ap.add_argument("--part", choices=["tune", "held", "fresh", "all"], default="all")
    ap.add_argument("--only", nargs="*", help="these document ids only")
    ap.add_argument("--timeout", type=float, default=180.0)
    ap.add_argument("--out", type=Path, help="also write the markdown report here")
    ap.add_argument(
        "--check-gold",
        action="store_true",
        help="check gold.yaml and manifest.yaml (and the mirrored files' paths and spans) "
        "without running treatycmp; with --part, list the documents that part selects",
    )
    a = ap.parse_args(argv)
    if a.check_gold:
        return check_gold(a.mirror, a.part)
    exes = a.treatycmp or [os.environ.get("TREATYCMP", "/work/venv/bin/treatycmp")]
    texts = [run_version(a, exe, argv) for exe in exes]
    if len(exes) > 1:
        texts.insert(0, comparison(exes, texts))
    text = "\n".join(texts)
    print(text)
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0


def check_gold(mirror: Path, part: str) -> int:
    """The gold's and manifest's checks (bench/realdocs_gold.py); never imports a document."""
    sys.path.insert(0, str(HERE))
    from realdocs_gold import check

    manifest = yaml.safe_load((REALDOCS / "manifest.yaml").read_text(encoding="utf-8"))
    gold = yaml.safe_load((REALDOCS / "gold.yaml").read_text(encoding="utf-8"))
    problems, report = check(manifest, gold, set(EXT), norm_number, mirror, part)
    print("\n".join(report))
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    print(f"gold check: {len(problems)} problem(s)")
    return 1 if problems else 0


_SUMMARY: dict[str, list[dict]] = {}
# "fresh": a held-apart source added after the last round's figures were read
# (run once, at the end); "held": the older held-apart sources.
_PART_NAMES = {"tune": "tuning", "held": "held-apart", "fresh": "held-apart (fresh)"}


def comparison(exes: list[str], texts: list[str]) -> str:
    """One table of every CLI run, per part: the figures the issue's targets name."""
    lines = [
        "# Versions compared (one run)",
        "",
        "| treatycmp | part | docs | exact structure | gold articles found "
        "| words kept (pooled) | exit ≠ 0 | silent failures |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for exe in exes:
        rows = _SUMMARY[exe]
        for part in ("fresh", "held", "tune"):
            rs = [r for r in rows if r["part"] == part]
            if not rs:
                continue
            row = table(rs, lambda r: "x")[-1].split("|")
            lines.append(f"| `{exe}` | {part} |" + "|".join(row[2:5] + row[6:]))
    return "\n".join(lines) + "\n"


def run_version(a: argparse.Namespace, exe: str, argv: list[str] | None) -> str:
    """The report of one CLI over the chosen documents."""

    manifest = yaml.safe_load((REALDOCS / "manifest.yaml").read_text(encoding="utf-8"))
    golds = {
        g["id"]: g
        for g in yaml.safe_load((REALDOCS / "gold.yaml").read_text(encoding="utf-8"))["documents"]
    }
    entries = [e for e in manifest["documents"] if a.part == "all" or e["part"] == a.part]
    if a.only:
        entries = [e for e in entries if e["id"] in set(a.only)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-realdocs-") as tmp:
        for e in entries:
            g = golds[e["id"]]
            src = (
                (a.docs / f"{e['id']}{EXT[e['kind']]}") if a.docs else extract(e, a.mirror, a.cache)
            )
            r = score(run_one(e, g, src, exe, Path(tmp), a.timeout), g)
            r.update(
                part=e["part"],
                family=e["family"],
                kind=e["kind"],
                repo=e["repo"],
                gold_words=g.get("body_words") or 0,
                gold_n=len(g["articles"]),
                style=g.get("heading_style", ""),
            )
            rows.append(r)
            print(
                f"{e['id']}: exit {r['exit']} exact={r['exact']} "
                f"found={pct(r['found'])} kept={pct(r['kept'])}"
                f"{' SILENT' if r['silent'] else ''}",
                file=sys.stderr,
            )

    _SUMMARY[exe] = rows
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    cmdline = "python bench/bench_import_real.py " + " ".join(
        shlex.quote(x) for x in (argv if argv is not None else sys.argv[1:])
    )
    parts = ", ".join(f"{k}: {v}" for k, v in collections.Counter(r["part"] for r in rows).items())
    rep = [
        "# Real-document import benchmark",
        "",
        f"- command: `{cmdline.strip()}`",
        f"- treatycmp: `{exe}` ({version or 'version unknown'})",
        f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- documents: {len(rows)} ({parts})",
        "",
        "## By part",
        "",
        *table(rows, lambda r: _PART_NAMES[r["part"]]),
        "",
        "## By source family (part)",
        "",
        *table(
            sorted(rows, key=lambda r: (r["part"], r["family"])),
            lambda r: f"{r['family']} ({r['part']})",
        ),
        "",
        "## By kind",
        "",
        *table(sorted(rows, key=lambda r: r["kind"]), lambda r: r["kind"]),
        "",
        "## Failures (not exact, or words kept < 99%)",
        "",
        "| document | part | exit | articles (got/gold) | found | kept | silent "
        "| heading style (gold) | first labels imported / first stderr line |",
        "|---|---|---:|---:|---:|---:|---|---|---|",
    ]
    for r in rows:
        if r["exact"] and (r["kept"] is None or r["kept"] >= 0.99):
            continue
        first_err = next((x for x in r["stderr"].splitlines() if x.strip()), "")
        seen = "; ".join(x for x in r.get("labels", []) if x) or first_err
        seen = seen.replace("|", "\\|")[:140]
        rep.append(
            f"| {r['id']} | {r['part']} | {r['exit']} | {len(r['numbers'])}/{r['gold_n']} "
            f"| {pct(r['found'])} | "
            f"{pct(r['kept'])} | {'yes' if r['silent'] else ''} "
            f"| {r['style'].replace('|', '/')[:90]} | {seen} |"
        )
    return "\n".join(rep) + "\n"


if __name__ == "__main__":
    sys.exit(main())

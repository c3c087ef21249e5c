"""open-treaties JSON -> treatycmp YAML: a test corpus of real multilateral texts.

open-treaties (https://github.com/lawchat-oss/open-treaties, data CC0 1.0) gives
every article of 28 treaties in English and Traditional Chinese. This script
writes one treaty file per treaty and language (``ot-gc-i.yaml`` in English,
``ot-gc-i_at_zh.yaml`` in Chinese, a rendering of the English), with the
provenance in ``source``. It is for tests and benchmarks; nothing it writes is
shipped.

Words are never changed: a paragraph is a line of the dataset's text (its
blank lines dropped), the preamble one paragraph per line as the dataset gives
it; the dataset's Chinese article numerals become the article numbers
(``五十一`` -> ``"51"``, ``八之二`` -> ``"8bis"``) and its article titles the headings.

    python scripts/open_treaties.py OUT_DIR                  # all 28 treaties
    python scripts/open_treaties.py OUT_DIR gc-i gc-ii       # some of them
    python scripts/open_treaties.py OUT_DIR --data DIR       # another checkout
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "corpora" / "open-treaties" / "data"
REPO = "https://github.com/lawchat-oss/open-treaties"
LANGUAGES = ("en", "zh")

_DIGITS = {"\u3007": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral(text: str) -> int:
    """The value of a Chinese numeral as the dataset writes article numbers.

    >>> [chinese_numeral(x) for x in ("一", "十", "十一", "五十一", "一百一十一", "三百二十")]
    [1, 10, 11, 51, 111, 320]
    >>> chinese_numeral("一百零五"), chinese_numeral("一九六"), chinese_numeral("三〇一")
    (105, 196, 301)
    """
    if len(text) > 1 and not any(ch in _UNITS for ch in text):
        # Positional digits, as UNCLOS numbers its articles from 196 on: 一九六 = 196.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


_LATIN_SUFFIX = {"二": "bis", "三": "ter", "四": "quater"}


def article_number(text: str) -> str:
    """An article number as the dataset writes it, in Arabic figures.

    >>> article_number("五十一"), article_number("八之二"), article_number("十五之三")
    ('51', '8bis', '15ter')
    """
    base, sep, suffix = text.partition("之")
    if sep:
        return f"{chinese_numeral(base)}{_LATIN_SUFFIX[suffix]}"
    return str(chinese_numeral(base))


def lines(text: str) -> list[str]:
    """The non-blank lines of a dataset text, each stripped: its paragraphs."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def convert(data: Mapping[str, Any], key: str, language: str) -> dict[str, Any]:
    """One open-treaties treaty in one language as treaty-file data (docs/format.md)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    en = language == "en"
    tid = f"ot-{key}"
    title = str(data["treaty_en"] if en else data["treaty_zh"])
    english_from = "UN Treaty Collection, OHCHR or ICRC (per the dataset's README)"
    source: dict[str, Any] = {
        "text": f"{'English' if en else 'Traditional Chinese'} text from the open-treaties "
        f"dataset (data/{key}.json)",
        "authentic": False,
        "official": False,
        "citation": f"open-treaties, data/{key}.json (CC0 1.0); English from {english_from}; "
        "Chinese from Taiwan official translations, Wikisource or UN Chinese texts (converted "
        "to Traditional characters with OpenCC), per the dataset's SOURCES.md",
        "urls": [REPO],
        "notes": [
            "A test-corpus text converted by scripts/open_treaties.py; not checked against "
            "an official printing. Article numbers are the dataset's Chinese numerals in "
            "Arabic figures; paragraphs are the dataset's lines, paragraph numbers and "
            "sub-paragraph letters as the dataset gives them (often left out).",
        ],
    }
    articles: list[dict[str, Any]] = []
    for article in data["articles"]:
        paragraphs = lines(article["content_en" if en else "content_zh"])
        if not paragraphs:
            paragraphs = [{"gap": "no text for this article in the open-treaties dataset"}]
        entry: dict[str, Any] = {"number": article_number(article["article"])}
        heading = str(article["title_en" if en else "title_zh"]).strip()
        if heading:
            entry["heading"] = heading
        entry["paragraphs"] = paragraphs
        articles.append(entry)
    out: dict[str, Any] = {
        "id": tid if en else f"{tid}@zh",
        "title": title,
        "short_title": f"{data['treaty_en']} (open-treaties{'' if en else ', Chinese'})",
        "parties": ["the States Parties"],
        "language": language,
    }
    if not en:
        out["rendering_of"] = tid
    out["source"] = source
    out["completeness"] = "partial"
    preamble = lines(str(data.get("preamble_en" if en else "preamble_zh") or ""))
    out["preamble"] = preamble or [{"gap": "no preamble in the open-treaties dataset"}]
    out["articles"] = articles
    out["closing"] = [{"gap": "closing formula and signatures - not in the open-treaties dataset"}]
    return out


def to_yaml(data: Mapping[str, Any]) -> str:
    """Treaty-file text in the bundle's style (one line per paragraph)."""
    return yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=float("inf"))


def file_name(treaty_id: str) -> str:
    return treaty_id.replace("@", "_at_") + ".yaml"


def write_corpus(out: Path, keys: Sequence[str] = (), data_dir: Path = DATA) -> list[Path]:
    """Convert ``keys`` (all treaties when empty) into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [data_dir / f"{k}.json" for k in keys] or sorted(data_dir.glob("*.json"))
    written: list[Path] = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for language in LANGUAGES:
            treaty = convert(data, path.stem, language)
            target = out / file_name(treaty["id"])
            target.write_text(to_yaml(treaty), encoding="utf-8")
            written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the YAML files")
    parser.add_argument("keys", nargs="*", help="treaty keys (file stems), default: all")
    parser.add_argument("--data", type=Path, default=DATA, help="open-treaties data folder")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        sys.stderr.write(f"{args.data}: no open-treaties data folder. Fix: pass --data DIR\n")
        return 2
    missing = [k for k in args.keys if not (args.data / f"{k}.json").is_file()]
    if missing:
        sys.stderr.write(f"{args.data}: no data for {', '.join(missing)}. Fix: check the keys\n")
        return 2
    written = write_corpus(args.out, args.keys, args.data)
    sys.stderr.write(f"wrote {len(written)} files to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

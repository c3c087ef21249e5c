"""Compare the obligation profile with ATOP's codes, treaty by treaty.

ATOP (Alliance Treaty Obligations and Provisions, Leeds et al., atopdata.org) codes
each alliance's obligations: defense, offense, neutral, nonagg, consul (consultation
in a crisis). This script profiles every bundled text of each treaty ATOP codes (all
its renderings, types united over them) and prints, per treaty and type, ATOP's code
beside the profile's, and which texts and articles the profile's type rests on.

The ATOP file is NOT part of this repository (its terms ask users to get it from
atopdata.org and cite it); pass its path. Tested with the alliance-level file of ATOP
version 4 (``atop-alliance-level.csv``, columns atopid, defense, offense, neutral,
nonagg, consul), a copy of which is in github.com/joshuaalley/treaty-depth
(data/atop-alliance-level.csv, commit bc56ce7e2df6).

    python bench/compare_atop.py --atop /path/to/atop-alliance-level.csv

The profile's general consultation ("consult on all important questions") is not
ATOP's consul (consultation when a party is threatened) and is shown apart.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from treatycmp.analysis import bundled_rules
from treatycmp.corpus import Corpus
from treatycmp.profile import profile_treaty
from treatycmp.renderings import treaty_group

# Bundled treaty -> ATOP alliance id (matched on signature date and members, ATOP v4).
# The 2024 treaties are later than the ATOP v4 copy read (last alliance begins 2016); it
# has no alliance begun in 2007 among the EU members, so TEU Art. 42 (Lisbon) is not
# matched. russia-dprk-2000 is coded (4940) but bundled without text: its row shows what
# a missing text leaves.
ATOP_IDS = {
    "rio-1947": "3075",
    "north-atlantic-1949": "3180",
    "us-philippines-1951": "3210",
    "anzus-1951": "3215",
    "us-rok-1953": "3240",
    "seato-1954": "3260",
    "us-japan-1960": "3375",
    "ussr-dprk-1961": "3440",
    "prc-dprk-1961": "3445",
    "csto-1992": "4220",
    "russia-dprk-2000": "4940",
}
# ATOP column -> profile obligation type
TYPES = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atop", type=Path, required=True, help="ATOP alliance-level CSV")
    args = parser.parse_args(argv)
    with args.atop.open(encoding="utf-8") as handle:
        codes = {r["atopid"]: r for r in csv.DictReader(handle)}
    corpus = Corpus.load(env={})
    rules = bundled_rules()
    print(
        "| treaty | ATOP id | type | ATOP | profile | texts profiled | where the profile finds it |"
    )
    print("|---|---|---|---:|---:|---|---|")
    for treaty_id, atop_id in ATOP_IDS.items():
        texts = [t for t in corpus.treaties if treaty_group(t) == treaty_id]
        where: dict[str, list[str]] = {}
        general: list[str] = []
        for text in texts:
            for row in profile_treaty(text, rules).rows:
                for kind in row.obligations:
                    spot = f"{text.id} {row.clause_id}"
                    if kind == "general-consultation":
                        general.append(spot)
                    else:
                        where.setdefault(kind, []).append(spot)
        row_codes = codes.get(atop_id)
        if row_codes is None:
            print(f"| {treaty_id} | {atop_id} | (not in the file) | | | | |")
            continue
        names = ", ".join(t.id for t in texts)
        for column, kind in TYPES.items():
            atop = row_codes[column]
            mine = 1 if kind in where else 0
            spots = "; ".join(where.get(kind, []))
            if kind == "consultation" and general:
                spots = (spots + "; " if spots else "") + "general: " + "; ".join(general)
            flag = "" if str(mine) == atop else " **differs**"
            print(
                f"| {treaty_id} | {atop_id} | {column} | {atop} | {mine}{flag} | {names} | "
                f"{spots} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

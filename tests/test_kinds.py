"""The lists of pair kinds and rule categories (treatycmp.kinds) are the only ones: the
JSON schemas, static files, name exactly what they hold, so a new kind or category that
the schemas do not describe fails here.

The schemas list kinds and categories in descriptions, not enums: a reader of an older
schema must accept kinds a newer version adds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

from treatycmp.kinds import (
    CATEGORIES,
    CATEGORY_ORDER,
    COLUMN_CATEGORY,
    COLUMNS,
    FAIL_KINDS,
    PAIR_KINDS,
    RULE_CATEGORIES,
    Category,
    PairKind,
)

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schema"


def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return data


def test_every_category_has_one_entry() -> None:
    assert sorted(CATEGORY_ORDER) == sorted(get_args(Category))
    assert len(set(CATEGORY_ORDER)) == len(RULE_CATEGORIES)
    assert sorted(COLUMN_CATEGORY) == sorted(COLUMNS)
    assert set(COLUMN_CATEGORY.values()) <= set(CATEGORIES)


def test_fail_kinds_are_derived() -> None:
    assert set(get_args(PairKind)) - {"same"} <= set(FAIL_KINDS)
    for cat in CATEGORIES:
        assert {f"added-{cat}", f"removed-{cat}"} <= set(FAIL_KINDS)


def test_diff_schema_names_every_pair_kind() -> None:
    pair = schema("diff")["properties"]["pairs"]["items"]["properties"]["kind"]
    words = re.findall(r"[\w-]+", pair["description"])
    assert [w for w in words if w in PAIR_KINDS] == list(PAIR_KINDS)


def test_buffers_schema_names_every_category() -> None:
    clause = schema("buffers")["properties"]["clauses"]["items"]["properties"]
    category = clause["findings"]["items"]["properties"]["category"]
    words = re.findall(r"[\w-]+", category["description"])
    assert [w for w in words if w in CATEGORIES] == list(CATEGORIES)


def test_profile_schema_has_every_column() -> None:
    row = schema("profile")["properties"]["treaties"]["items"]["properties"]["rows"]["items"]
    assert [k for k in row["properties"] if k in COLUMNS] == list(COLUMNS)
    assert [k for k in row["required"] if k in COLUMNS] == list(COLUMNS)

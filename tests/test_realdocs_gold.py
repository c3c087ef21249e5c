"""Issue 21: the real-document benchmark's gold is checked without importing anything
(bench/realdocs_gold.py, `bench_import_real.py --check-gold`), so a held-apart part read
once at its checkpoint cannot crash or score against a gold the benchmark misreads.
"""

from __future__ import annotations

import copy
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _committed() -> tuple[dict[str, object], dict[str, object]]:
    read = (ROOT / "bench/realdocs/manifest.yaml").read_text("utf-8")
    gold = (ROOT / "bench/realdocs/gold.yaml").read_text("utf-8")
    return yaml.safe_load(read), yaml.safe_load(gold)


def _check(manifest: object, gold: object, part: str = "all") -> tuple[list[str], list[str]]:
    bench = _load("bench_import_real")
    checks = _load("realdocs_gold")
    result: tuple[list[str], list[str]] = checks.check(
        manifest, gold, set(bench.EXT), bench.norm_number, Path("/nonexistent-mirror"), part
    )
    return result


def test_the_committed_gold_passes_its_checks() -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH / "bench_import_real.py"), "--check-gold"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "gold check: 0 problem(s)" in run.stdout


def test_the_checks_find_a_broken_gold() -> None:
    manifest, gold = _committed()
    gold = copy.deepcopy(gold)
    docs = gold["documents"]
    assert isinstance(docs, list)
    dropped = docs.pop(0)["id"]
    plain = next(g for g in docs if g.get("expect") != "refuse" and len(g["articles"]) > 1)
    plain["articles"] = ["Article 1", plain["articles"][1], plain["articles"][1]]
    plain["body_words"] = None
    problems, _ = _check(manifest, gold)
    text = "\n".join(problems)
    assert f"manifest {dropped}: no gold" in text
    assert f"gold {plain['id']}: article 'Article 1' is not normalised" in text
    assert f"gold {plain['id']}: repeated article numbers" in text
    assert f"gold {plain['id']}: body_words must be a positive integer" in text


def test_a_part_selects_whole_sources() -> None:
    manifest, gold = _committed()
    problems, report = _check(manifest, gold, "fresh")
    assert problems == []
    docs = manifest["documents"]
    assert isinstance(docs, list)
    fresh = [d for d in docs if d["part"] == "fresh"]
    assert any(line.startswith(f"--part fresh selects {len(fresh)} documents") for line in report)
    # held apart by source: no repository has documents in two parts
    for repo in {d["repo"] for d in docs}:
        assert len({d["part"] for d in docs if d["repo"] == repo}) == 1, repo


def test_a_mirror_with_a_work_tree_layout_is_read(tmp_path: Path) -> None:
    """`fetch` may leave `owner+name/repo/.git`: the check reads it and finds a wrong span."""
    work = tmp_path / "owner+name" / "repo"
    work.mkdir(parents=True)
    (work / "t.txt").write_text("Article 1\nText.\n", "utf-8")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "t.txt"], check=True)
    subprocess.run([*git, "commit", "-qm", "t"], check=True)
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    doc = dict(id="t-1", repo="owner/name", path="t.txt", commit=commit, licence="l", kind="text")
    doc.update(language="en", family="f", part="fresh")
    manifest = {"sources": [{"repo": "owner/name", "family": "f"}], "documents": [doc]}
    body = {"start_line": 1, "end_line": 2}
    gold = {"documents": [dict(id="t-1", language="en", articles=["1"], body_words=1, body=body)]}
    gold["documents"][0]["heading_style"] = "h"
    bench, checks = _load("bench_import_real"), _load("realdocs_gold")
    problems, report = checks.check(manifest, gold, set(bench.EXT), bench.norm_number, tmp_path)
    assert problems == []
    assert not any(line.startswith("not mirrored") for line in report)
    assert bench.mirror_dir(tmp_path, "owner/name") == work / ".git"
    body["end_line"] = 9
    problems, _ = checks.check(manifest, gold, set(bench.EXT), bench.norm_number, tmp_path)
    assert problems == ["mirror t-1: body lines 1-9 are not within the file's 2 lines"]

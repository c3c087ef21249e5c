"""matrix --top-k and nearest on a Dask LocalCluster give exactly the single-process results."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.corpus import Corpus
from treatycmp.model import Treaty
from treatycmp.similarity.nearest import ClauseIndex
from treatycmp.similarity.top_k import treaty_top_k

distributed = pytest.importorskip(
    "dask.distributed", reason="dask is not installed (the dask extra: pip install '.[dask]')"
)
from treatycmp.similarity import dask as dask_backend  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import synth_corpus  # type: ignore[import-not-found]  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def synthetic() -> list[Treaty]:
    treaties: list[Treaty] = synth_corpus(90, 8, seed=4)
    return treaties


def test_top_k_on_the_cluster_equals_local(
    client: Any, corpus: Corpus, synthetic: list[Treaty]
) -> None:
    for treaties, block in ((list(corpus.treaties), 5), (synthetic, 25)):
        local = treaty_top_k(treaties, 4, block=block)
        assert dask_backend.top_k(client, treaties, 4, block=block) == local
        assert treaty_top_k(treaties, 4, block=1000) == local  # one block or many


class _Counting:
    """A client that counts what ``top_k`` sends: bytes scattered and tasks submitted."""

    def __init__(self, client: Any, direct_to_workers: bool | None = None) -> None:
        self.client = client
        self.direct_to_workers = direct_to_workers
        self.scattered = 0
        self.objects = 0
        self.tasks = 0
        self.direct: list[bool] = []
        self.priorities: list[tuple[str, tuple[int, int], int]] = []  # (function, blocks, priority)

    def scatter(self, data: list[list[str]], **options: Any) -> Any:
        self.objects += len(data)
        self.scattered += sum(len(text.encode("utf-8")) for block in data for text in block)
        self.direct.append(options.get("direct", False))
        return self.client.scatter(data, **options)

    def submit(self, *args: Any, **options: Any) -> Any:
        self.tasks += 1
        func = args[0].__name__
        sets = [a for a in args[1:] if isinstance(a, distributed.Future) and "shingle" in a.key]
        self.priorities.append((func, tuple(a.key for a in sets), options.get("priority", 0)))
        return self.client.submit(*args, **options)


def test_top_k_sends_each_text_once_and_one_task_per_block_pair(
    client: Any, synthetic: list[Treaty]
) -> None:
    """Work counted, not timed (issue 22): the texts are the only data scattered, each
    once, one object per block (one key, not one per treaty); one shingling task per
    block and one task per pair of blocks, so nothing (treaties, shingle sets) is sent
    twice or shingled per pair."""
    from treatycmp.similarity.forms import treaty_text

    counting = _Counting(client)
    result = dask_backend.top_k(counting, synthetic, 4, block=25)
    assert result == treaty_top_k(synthetic, 4, block=25)
    blocks = -(-len(synthetic) // 25)
    assert counting.objects == blocks
    assert counting.tasks == blocks + blocks * (blocks + 1) // 2
    texts = sum(len(treaty_text(t).encode("utf-8")) for t in synthetic)
    assert counting.scattered == texts


def test_top_k_shingles_first_then_dearest_pairs_first(
    client: Any, synthetic: list[Treaty]
) -> None:
    """Plumbing counted, not timed (issue 22): the texts go straight to the workers (the
    scheduler relays none of them) unless the client says it cannot reach them; every
    block is shingled before any pair task runs, and the pair tasks run dearest first,
    so the cheap diagonal pairs fill the workers' tails."""
    counting = _Counting(client)
    assert dask_backend.top_k(counting, synthetic, 4, block=20) == treaty_top_k(
        synthetic, 4, block=20
    )
    assert counting.direct == [True] * 5
    shingling = [p for f, _, p in counting.priorities if f == "shingle_block"]
    pairs = [(keys, p) for f, keys, p in counting.priorities if f == "pair_top_k"]
    assert len(shingling) == 5
    assert len(pairs) == 15
    assert min(shingling) > max(p for _, p in pairs)
    by_priority = [keys for keys, _ in sorted(pairs, key=lambda pair: -pair[1])]
    diagonal = [len(keys) == 1 for keys in by_priority]
    assert diagonal == [False] * 10 + [True] * 5  # four blocks of 20 and one of 10
    assert len({p for _, p in pairs}) == len(pairs)  # a strict order, no ties left to chance
    blocks = [(0, 20), (20, 40), (40, 60), (60, 80), (80, 90)]
    order = dask_backend.pair_order(blocks)
    assert all(4 not in pair for pair in order[:6])  # two full blocks first,
    assert order[6:10] == [(0, 4), (1, 4), (2, 4), (3, 4)]  # then a full and the short one,
    assert order[-1] == (4, 4)  # and the short block against itself last
    relayed = _Counting(client, direct_to_workers=False)
    dask_backend.top_k(relayed, synthetic[:30], 4, block=20)
    assert relayed.direct == [False, False]


def test_top_k_brings_back_only_candidates(client: Any, synthetic: list[Treaty]) -> None:
    """Work counted (issue 22): what the client receives is each pair task's candidates
    (at most k per row both ways), never shingle sets or texts; a block of sets crosses
    the wire as one packed buffer, whose sets are exactly ``shingle_texts``'."""
    from treatycmp.similarity.forms import treaty_text
    from treatycmp.similarity.shingles import shingle_texts

    received: list[int] = []
    original = distributed.Future.result

    def result(future: Any, *args: Any, **options: Any) -> Any:
        value = original(future, *args, **options)
        received.append(sum(part.nbytes for part in value))
        return value

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(distributed.Future, "result", result)
        dask_backend.top_k(client, synthetic, 4, block=25)
    blocks = -(-len(synthetic) // 25)
    assert len(received) == blocks * (blocks + 1) // 2
    per_candidate = 8 + 8 + 8  # row, column, score
    assert sum(received) <= 2 * 4 * len(synthetic) * blocks * per_candidate
    texts = [treaty_text(t) for t in synthetic[:25]]
    values, ends = dask_backend.shingle_block(texts)
    assert ends.size == 25
    assert values.size == int(ends[-1])
    unpacked = dask_backend.unpack_sets((values, ends))
    assert all(a.base is values for a in unpacked)
    assert all(np.array_equal(a, b) for a, b in zip(unpacked, shingle_texts(texts), strict=True))


def test_nearest_on_the_cluster_equals_local(
    client: Any, corpus: Corpus, synthetic: list[Treaty], monkeypatch: pytest.MonkeyPatch
) -> None:
    import treatycmp.similarity.shortlist as sim

    monkeypatch.setattr(sim, "_CANDIDATES", 30)  # shortlists smaller than the corpus
    for treaties in (list(corpus.treaties), synthetic):
        index = ClauseIndex.build(treaties)
        for tid, clause in index.entries[:: max(1, len(index) // 12)]:
            for others in ((), (tid,)):
                local = index.nearest(clause.text, 5, exclude_treaties=others)
                remote = dask_backend.nearest(
                    client, index, clause.text, 5, exclude_treaties=others, block=97
                )
                assert remote == local
        query = "the parties shall consult each other"
        assert dask_backend.nearest(client, index, query, 3, exact=True, block=50) == (
            index.nearest(query, 3, exact=True)
        )


def test_cli_runs_on_a_scheduler(cluster: Any, runner: CliRunner) -> None:
    address = cluster.scheduler_address

    def run(*args: str) -> str:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    top = ("matrix", "--top-k", "3", "-f", "json")
    assert run(*top, "--scheduler", address) == run(*top)
    near = ("nearest", "dprk-russia-2024:4", "-k", "4", "-f", "json")
    assert run(*near, "--scheduler", address) == run(*near)


def test_full_matrix_is_not_sent_to_a_cluster(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["matrix", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "--top-k" in result.stderr


def test_unreachable_scheduler_is_a_clean_error(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_backend, "CONNECT_TIMEOUT", "1s")
    result = runner.invoke(cli, ["nearest", "nato:5", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("address", ["foo bar", "ftp://x:1"])
def test_a_malformed_scheduler_address_is_a_clean_error(runner: CliRunner, address: str) -> None:
    result = runner.invoke(cli, ["matrix", "--top-k", "2", "--scheduler", address])
    assert result.exit_code == 2
    assert "not a Dask scheduler address" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_base_commands_never_import_dask(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from treatycmp.cli import cli\n"
        "r = CliRunner().invoke(cli, ['matrix', '--top-k', '2', '-f', 'csv'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(cli, ['nearest', 'nato:5', '-f', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    env = {"TREATYCMP_CACHE": "off", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=tmp_path,  # the installed package, not the source tree beside the tests
    )
    assert out.stdout.strip() == "[]"

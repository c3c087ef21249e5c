"""``matrix --top-k`` and ``nearest`` on a Dask cluster (the optional ``treatycmp[dask]``).

The work is split as on one machine, into the same blocks run by the same functions
(``shingles.shingle_texts``, ``top_k.block_top_k``, ``shortlist.nearest_block``); Dask
only places them on workers. Results are identical to the single-process path:

- top-k: treaties in blocks of ``TOP_K_BLOCK``; each block's texts go straight to a
  worker as one object, are normalised and shingled there and stay there, packed in
  one array (``shingle_block``); one task per pair of blocks (i <= j) returns each
  row's best k candidates both ways, every block shingled first and the pair tasks
  dearest first (``pair_order``); the client merges them in numpy as they come, so it
  never holds more than k candidates per treaty per block. Shingle sets never come
  back to the client; a worker fetches another's block (one buffer) only for a pair task.
- nearest: the allowed clauses in blocks; each block returns its own word-level
  shortlist with exact scores, and the best of those shortlists is the corpus's
  shortlist (selection is deterministic, ties to the earlier clause).

Nothing here is imported by the base install: ``dask.distributed`` is imported when a
scheduler is asked for (``--scheduler ADDRESS`` or ``DASK_SCHEDULER_ADDRESS``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from treatycmp.errors import TreatycmpError
from treatycmp.model import Level, Treaty
from treatycmp.similarity.forms import Progress, treaty_text
from treatycmp.similarity.matrix import check_distinct
from treatycmp.similarity.nearest import ClauseIndex, Neighbour
from treatycmp.similarity.scheduler import ENV_SCHEDULER
from treatycmp.similarity.shingles import SHINGLE_SIZE, shingle_texts
from treatycmp.similarity.shortlist import best_rough, nearest_block, shortlist_size
from treatycmp.similarity.top_k import (
    TOP_K_BLOCK,
    TopSimilar,
    best_k,
    block_ranges,
    block_top_k,
    merge_top_k,
    top_similar,
)

if TYPE_CHECKING:
    from treatycmp.arrays import Int64Array, UInt64Array
    from treatycmp.similarity.top_k import Candidates

Client: TypeAlias = Any
"""A ``dask.distributed.Client``: its API is untyped."""

# Clauses per block of a distributed nearest query.
NEAREST_BLOCK = 20_000
# How long a scheduler has to send its handshake (``probe_scheduler``), and then how
# long the Dask client may take to connect: anything that is not a Dask scheduler is
# refused within PROBE_SECONDS.
PROBE_SECONDS = 2.0
CONNECT_TIMEOUT = "5s"
DEFAULT_PORT = 8786
# A Dask handshake is a few hundred bytes (compression, python and pickle versions).
_HANDSHAKE_MAX = 64 * 1024
_HANDSHAKE_KEYS = (b"pickle-protocol", b"compression")


def _distributed() -> ModuleType:
    """``dask.distributed``, imported on demand (typed loosely: its API is untyped)."""
    import importlib

    return importlib.import_module("dask.distributed")


def connect(address: str) -> Client:
    """A ``dask.distributed.Client`` for ``address``.

    Raises:
        TreatycmpError: dask is not installed, or the scheduler cannot be reached.
    """
    try:
        distributed = _distributed()
    except ImportError:
        raise TreatycmpError(
            f"a Dask scheduler was given ({address}) but dask.distributed is not installed; "
            "install the dask extra (pip install '.[dask]' in a checkout, or 'dask[distributed]')"
        ) from None
    probe_scheduler(address)
    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise TreatycmpError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    except (ValueError, TypeError) as err:  # a malformed address
        raise TreatycmpError(
            f"not a Dask scheduler address: {address!r} ({err}); write e.g. tcp://HOST:8786"
        ) from None


def _host_port(address: str) -> tuple[str, int] | None:
    """(host, port) of a plain TCP address (``tcp://h:p``, ``h:p``, ``h``); None for
    the schemes Dask wraps in something else (``tls://``, ``ucx://``, ``inproc://``).

    Raises:
        TreatycmpError: not an address at all.
    """
    from urllib.parse import urlsplit

    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme != "tcp":
        return None
    try:
        parts = urlsplit(f"tcp://{rest}")
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if not host or parts.path not in ("", "/") or not re.fullmatch(r"[\w.:%-]+", host):
        raise TreatycmpError(
            f"not a Dask scheduler address: {address!r}; write e.g. tcp://HOST:{DEFAULT_PORT}"
        )
    return host, port or DEFAULT_PORT


def probe_scheduler(address: str, seconds: float = PROBE_SECONDS) -> None:
    """Check that a Dask scheduler listens at ``address`` before a client connects.

    A Dask scheduler speaks first: on a new connection it sends its handshake, one
    message framed by an 8-byte length. This reads that message within ``seconds``
    and checks it is a handshake: a refused port, a listener that stays silent, an
    HTTP server (whose reply would read as a length of exabytes) or anything else is
    one sentence, never a wait or a huge allocation.

    Raises:
        TreatycmpError: nothing answers as a Dask scheduler does.
    """
    import socket
    import struct
    import time

    where = _host_port(address)
    if where is None:
        return
    deadline = time.monotonic() + seconds

    def fail(why: str) -> TreatycmpError:
        return TreatycmpError(
            f"cannot reach the Dask scheduler at {address}: {why}; check --scheduler or "
            f"${ENV_SCHEDULER} (a scheduler listens on tcp://HOST:{DEFAULT_PORT} by default)"
        )

    def receive(sock: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            sock.settimeout(max(deadline - time.monotonic(), 0.001))
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise fail("the connection was closed before a handshake")
            data += chunk
        return data

    try:
        with socket.create_connection(where, timeout=seconds) as sock:
            (size,) = struct.unpack("Q", receive(sock, 8))
            if not 8 <= size <= _HANDSHAKE_MAX:
                raise fail("it answered, but not with a Dask handshake")
            message = receive(sock, size)
    except TimeoutError:
        raise fail(f"no handshake within {seconds:g} s") from None
    except OSError as err:
        raise fail(err.strerror or type(err).__name__) from None
    if not all(key in message for key in _HANDSHAKE_KEYS):
        raise fail("it answered, but not with a Dask handshake")


def top_k(
    client: Client,
    treaties: Sequence[Treaty],
    k: int = 10,
    *,
    level: Level = "paragraph",
    size: int = SHINGLE_SIZE,
    block: int = TOP_K_BLOCK,
    progress: Progress | None = None,
) -> TopSimilar:
    """``similarity.top_k.treaty_top_k`` on the cluster behind ``client`` (same result)."""
    as_completed = _distributed().as_completed
    if k < 1:
        raise TreatycmpError(f"k must be at least 1, not {k}")
    ids = [t.id for t in treaties]
    check_distinct(ids)
    ranges = block_ranges(len(treaties), block)
    order = pair_order(ranges)
    # Texts straight to a worker, not relayed by the scheduler (half the client's
    # CPU for scattering on a LocalCluster, whose scheduler runs in this process),
    # unless the client was made with ``direct_to_workers=False`` (workers it cannot
    # reach, e.g. behind a gateway).
    direct = getattr(client, "direct_to_workers", None) is not False
    rank = {pair: len(order) - i for i, pair in enumerate(order)}
    sets: list[object] = []  # futures
    tasks: list[object] = []
    for b, (lo, hi) in enumerate(ranges):
        # A block's texts go to a worker as one object (one key, not one per treaty),
        # as data, not inside the task graph; its shingle sets are made and kept there,
        # and its pair tasks are submitted at once, so the worker starts while the
        # client still builds the next block's texts. Priorities: every block's
        # shingling before any pair task (all pair tasks are ready early, so no
        # worker waits for one), then the pair tasks dearest first (``pair_order``),
        # so the last ones are the cheap diagonal blocks and both workers end together.
        (texts,) = client.scatter(
            [[treaty_text(t, level) for t in treaties[lo:hi]]], hash=False, direct=direct
        )
        sets.append(client.submit(shingle_block, texts, size, pure=False, priority=len(order) + 1))
        del texts  # released once its sets are made
        tasks += [
            client.submit(
                pair_top_k,
                sets[a],
                ranges[a][0],
                None if a == b else sets[b],
                lo,
                k,
                pure=False,
                priority=rank[a, b],
            )
            for a in range(b + 1)
        ]
    best: Candidates = (_NO_ROWS, _NO_ROWS, np.zeros(0, dtype=np.float64))
    pending: list[Candidates] = []
    for done, future in enumerate(as_completed(tasks), start=1):
        pending.append(future.result())
        future.release()
        if len(pending) >= _MERGE_EVERY or done == len(tasks):
            best = best_k([best, *pending], k)  # arrays between merges: no Python lists
            pending = []
        if progress is not None:
            progress(done, len(tasks))
    return top_similar(ids, merge_top_k(len(ids), [best], k), k)


_NO_ROWS = np.zeros(0, dtype=np.int64)
# Candidates merged every this many pair tasks: while the workers still compute, so
# what is left after the last task is a small merge, not one of every task's candidates.
_MERGE_EVERY = 4

SetBlock: TypeAlias = "tuple[UInt64Array, Int64Array]"
"""One block's shingle sets as a worker keeps them: every set's hashes in one array, and
where each set ends."""


def shingle_block(texts: Sequence[str], size: int = SHINGLE_SIZE) -> SetBlock:
    """``shingle_texts`` of one block, packed (runs on a worker, which keeps the result).

    Packed so that a block another worker needs crosses the wire as one buffer, not
    one pickled array per treaty.
    """
    sets = shingle_texts(texts, size)
    ends = np.cumsum([s.size for s in sets], dtype=np.int64)
    values = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
    return values, ends


def unpack_sets(packed: SetBlock) -> list[UInt64Array]:
    """The sets of a packed block (views, no copy)."""
    values, ends = packed
    return np.split(values, ends[:-1].tolist()) if ends.size else []


def pair_order(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every pair of blocks (a <= b), dearest first: a pair of two blocks counts the
    intersections of twice as many sets as a block against itself, so the diagonal
    pairs (about half the cost) come last and fill the workers' tails."""

    def cost(pair: tuple[int, int]) -> int:
        a, b = pair
        size = ranges[a][1] - ranges[a][0]
        return size if a == b else size + ranges[b][1] - ranges[b][0]

    pairs = [(a, b) for b in range(len(ranges)) for a in range(b + 1)]
    return sorted(pairs, key=lambda pair: -cost(pair))  # stable: ties keep block order


def pair_top_k(
    left: SetBlock, left_at: int, right: SetBlock | None, right_at: int, k: int
) -> Candidates:
    """``block_top_k`` on packed blocks (runs on a worker)."""
    other = None if right is None else unpack_sets(right)
    return block_top_k(unpack_sets(left), left_at, other, right_at, k)


def nearest(
    client: Client,
    index: ClauseIndex,
    text: str,
    k: int = 10,
    *,
    exclude_treaties: Collection[str] = (),
    exclude: tuple[str, str] | None = None,
    min_score: float = 0.0,
    exact: bool = False,
    block: int = NEAREST_BLOCK,
) -> tuple[Neighbour, ...]:
    """``ClauseIndex.nearest`` with the scoring spread over the cluster (same result)."""
    plan = index._plan(text, k, exclude_treaties, exclude, min_score)
    if plan is None:
        return ()
    query, allowed, cutoff = plan
    size = shortlist_size(k)
    shortlist = not exact and allowed.size > size
    codes = index._all_codes() if shortlist else None
    tasks = []
    for lo, hi in block_ranges(int(allowed.size), block):
        positions = allowed[lo:hi]
        forms = index._forms_at(positions)
        block_codes = [codes[i] for i in positions.tolist()] if codes is not None else None
        tasks.append(
            client.submit(
                nearest_block,
                query,
                positions,
                forms,
                block_codes,
                size if shortlist else None,
                cutoff,
                pure=False,
            )
        )
    results = client.gather(tasks)
    row = np.full(len(index), -1.0)
    if results:
        positions = np.concatenate([r[0] for r in results])
        scores = np.concatenate([r[2] for r in results])
        if shortlist:
            rough = np.concatenate([r[1] for r in results])
            chosen = best_rough(rough, positions, size)
            where = np.searchsorted(positions, chosen, sorter=np.argsort(positions))
            order = np.argsort(positions)[where]
            row[chosen] = scores[order]
        else:
            row[positions] = scores
    return index._finish(row, k, cutoff)

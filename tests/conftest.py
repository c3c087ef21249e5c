"""Shared fixtures: the bundled corpus, a CLI runner, and golden-file support."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from _rules_oracle import Reference, find_rules_reference
from _treaties import PACT
from click.testing import CliRunner

from treatycmp.analysis import bundled_rules
from treatycmp.corpus import Corpus
from treatycmp.rules.findings import Finding

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
SOURCES = ROOT.parent / "shared" / "sources"


def pytest_configure(config: pytest.Config) -> None:
    # Tests never write to the user's cache; test_cache.py turns it on in tmp_path.
    os.environ["TREATYCMP_CACHE"] = "off"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files in tests/golden/ from the current output.",
    )


TOTA_TAR = ROOT.parent / "shared" / "corpora" / "tota" / "tota-xml.tar.xz"


@pytest.fixture(scope="session")
def tota_xml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ToTA XML folder: /tmp/tota/xml when unpacked there, else unpacked from
    ../shared/corpora/tota into a temporary folder (half a second); skip without it.

    ToTA is CC BY-NC: it is read where it lies and never copied into the repository.
    """
    unpacked = Path("/tmp/tota/xml")
    if unpacked.is_dir() and any(unpacked.glob("pta_*.xml")):
        return unpacked
    if not TOTA_TAR.is_file():
        pytest.skip(f"ToTA is not at hand ({TOTA_TAR} or /tmp/tota/xml)")
    import tarfile

    folder = tmp_path_factory.mktemp("tota")
    with tarfile.open(TOTA_TAR) as tar:
        tar.extractall(folder, filter="data")
    return folder / "xml"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The bundled corpus only (no user folders from the environment)."""
    return Corpus.load(env={})


@pytest.fixture(scope="session")
def reference() -> Reference:
    """``find_rules_reference`` with the bundled rules, each (text, language) worked out
    once a session: the plain oracle is the slow half of every test that holds the fast
    matcher to it, and four of them read the same bundled clauses."""
    rules = bundled_rules()

    @functools.cache
    def found(text: str, language: str) -> tuple[Finding, ...]:
        return find_rules_reference(text, language, rules)

    return found


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("TREATYCMP_CORPUS", raising=False)
    monkeypatch.delenv("TREATYCMP_RULES", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME byte for byte (``--update-golden`` rewrites)."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, (
            f"{name} differs from its golden file; review, then --update-golden"
        )

    return check


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    """A user's draft (``_treaties.PACT``) as ``pact.txt``."""
    src = tmp_path / "pact.txt"
    src.write_text(PACT, encoding="utf-8")
    return src

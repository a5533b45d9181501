"""Fixtures of the harvester tests: the loopback portal site (tests/harvest/site.py) and a publisher key.

The harvester needs the optional extra ``portal`` (trafilatura, yt-dlp); it is part of the ``test`` extra, so
CI runs these tests. Anywhere without it they are skipped, saying why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("trafilatura", reason="the harvester's extra 'portal' is not installed")
pytest.importorskip("yt_dlp", reason="the harvester's extra 'portal' is not installed")

from sync import signing
from sync.harvest.run import Options
from tests.harvest.site import PortalSite


@pytest.fixture
def site():
    s = PortalSite()
    s.base = s.start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> signing.KeyPairFiles:
    return signing.generate_keypair(tmp_path_factory.mktemp("keys") / "portal.key")


def fast(**kw) -> Options:
    """No rate limit and short back-off: loopback tests, not a real site."""
    return Options(**{"rate": 0, "backoff": 0.05, "retries": 1, "timeout": 5, **kw})


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "portal"

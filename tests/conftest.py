"""Shared fixtures: run publish.py as a user would, build the demo once, drive Chromium."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PUBLISH = ROOT / "publish.py"
DEMO_CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT / "plugins"))


def publish(*args, cwd=None, env=None, timeout=600) -> subprocess.CompletedProcess:
    """Run ``publish.py`` in a subprocess, the way a clerk or the county office does."""
    return subprocess.run([sys.executable, str(PUBLISH), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, **(env or {})}, timeout=timeout)


def _worker_ports():
    """Ports for this pytest-xdist worker only, below the kernel's ephemeral range (32768+):
    no other worker and no outgoing connection ever takes one, so a port found free here is
    still free when the server a test starts binds it."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    first = 20000 + (worker % 6) * 2000
    return itertools.cycle(range(first, first + 2000))


_PORTS = _worker_ports()


def free_port() -> int:
    """A loopback port nothing listens on, reserved for this worker (see ``_worker_ports``)."""
    for port in _PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def check_lines(content: Path) -> tuple[int, list[str]]:
    """What ``publish.py check --content`` prints and returns, from the same function, in this
    process: the schemas are compiled once per test session, not once per case."""
    from gongkai.load import load_site
    from gongkai.settings import Settings

    _site, problems = load_site(content, Settings())
    return (1 if problems.errors else 0), [str(p) for p in problems.sorted()]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo county built once per test run (read-only for tests: copy before changing)."""
    output = tmp_path_factory.mktemp("demo") / "output"
    result = publish("build", "--content", DEMO_CONTENT, "--output", output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the demo content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()

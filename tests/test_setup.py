"""Setting up: `make demo` installs only what the product runs on, and the product runs without
any of the test tools (`make test` installs those through .ci/install)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import DEMO_CONTENT, PUBLISH, ROOT

# The import name of each test-only requirement (requirements-dev.txt beyond requirements.txt).
TEST_ONLY_MODULES = {"pytest": "pytest", "pytest-xdist": "xdist", "hypothesis": "hypothesis", "playwright": "playwright",
                     "feedparser": "feedparser", "frictionless": "frictionless", "libcoveocds": "libcoveocds",
                     "moto": "moto", "pyftpdlib": "pyftpdlib", "pyopenssl": "OpenSSL", "trustme": "trustme", "jieba": "jieba"}


def requirement_names(name: str) -> list[str]:
    lines = (ROOT / name).read_text("utf-8").splitlines()
    return [re.split(r"[\[=<>]", line)[0].lower() for line in lines if line and not line.startswith(("#", "-r"))]


def make_plan(tmp_path, target: str) -> str:
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    result = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_demo_installs_only_the_products_requirements(tmp_path):
    plan = make_plan(tmp_path, "demo")
    assert "pip install -q -r requirements.txt" in plan and "publish.py serve" in plan
    assert "requirements-dev" not in plan and ".ci/install" not in plan
    assert "bash .ci/install" in make_plan(tmp_path, "test")
    assert "-r requirements-dev.txt" in (ROOT / ".ci/install").read_text("utf-8")


def test_every_test_tool_is_a_dev_requirement_only():
    product = set(requirement_names("requirements.txt"))
    dev = set(requirement_names("requirements-dev.txt"))
    assert dev == set(TEST_ONLY_MODULES) and not product & dev


def test_the_demo_builds_with_every_test_tool_unimportable(tmp_path):
    """What `make demo` gives is enough: publish.py build with the test tools blocked from import."""
    blocker = (
        "import sys, importlib.abc\n"
        f"BLOCKED = {sorted(TEST_ONLY_MODULES.values())!r}\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in BLOCKED:\n"
        "            raise ImportError(f'{name} is a test tool (requirements-dev.txt)')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"sys.argv = ['publish.py', 'build', '--content', {str(DEMO_CONTENT)!r}, '--output', {str(tmp_path / 'out')!r}]\n"
        f"import runpy; runpy.run_path({str(PUBLISH)!r}, run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "out/index.html").is_file()

"""The tools every Python engineer expects: ruff and mypy pass (CI fails when they do not), mypy is
strict enough to mean something, and ``pip install -e .`` gives a ``gongkai`` command that is
publish.py's twin."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, publish

pytestmark = pytest.mark.xdist_group("tooling")  # one worker: mypy's cache is written by one process
PACKAGE = ROOT / "plugins" / "gongkai"


def run(*command: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    result = run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_whole_package():
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    checked = re.search(r"no issues found in (\d+) source files", result.stdout)
    assert checked is not None, result.stdout
    assert int(checked.group(1)) == len(list(PACKAGE.rglob("*.py")))  # every module, not an empty selection


def test_mypy_wants_every_function_typed_and_checks_inside_untyped_ones(tmp_path):
    (tmp_path / "probe.py").write_text('def untyped(value):\n    count: int = "many"\n    return value, count\n')
    config = ("--config-file", ROOT / "pyproject.toml", "--cache-dir", tmp_path / "cache")
    result = run(sys.executable, "-m", "mypy", *config, "probe.py", cwd=tmp_path)
    assert result.returncode == 1
    assert "probe.py:1: error: Function is missing a type annotation  [no-untyped-def]" in result.stdout
    assert (
        'probe.py:2: error: Incompatible types in assignment (expression has type "str", variable has type "int")'
        in result.stdout
    )


def test_pip_install_e_gives_a_gongkai_command_that_is_publish_py(tmp_path):
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv).returncode == 0
    python = venv / "bin" / "python"
    site_packages = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    # Offline: pip, the build backend and the product's libraries are this environment's.
    (Path(site_packages) / "test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = run(python, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", "--no-build-isolation", "-e", ROOT)
    assert install.returncode == 0, install.stdout + install.stderr

    gongkai = venv / "bin" / "gongkai"
    shown = run(gongkai, "--help", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == publish("--help").stdout
    checked = run(gongkai, "check", "--content", FIXTURES / "mini-county", cwd=tmp_path)
    assert (checked.returncode, checked.stderr.splitlines()[-1]) == (0, "检查通过：9 条记录，0 个警告")
    where = run(python, "-c", "import gongkai; print(gongkai.__file__)", cwd=tmp_path)
    assert Path(where.stdout.strip()) == PACKAGE / "__init__.py"  # editable: the checkout's code itself

"""A killed build leaves nothing behind (issue 9 item 2): real builds, real signals.

A synthetic county (benchmarks/synthetic.py) big enough that the forked writer (search,
feeds, JSON, CSV) is still writing when its build is killed. Processes are read from
/proc: the writer is the build's descendant running the same command line.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, PUBLISH, ROOT, publish

sys.path.insert(0, str(ROOT / "benchmarks"))

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")

RECORDS = 3000  # the writer has seconds of work left when it is seen, even on a fast machine
WITHDRAWN_TITLE = "关于撤回的张三家庭情况说明"
WITHDRAWN = f"""---
type: notice
title: {WITHDRAWN_TITLE}
date: 2026-04-02
category: 村务
---
这条记录发布前被撤回了。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    import synthetic

    content = tmp_path_factory.mktemp("killed") / "content"
    synthetic.generate(content, RECORDS, seed=11)
    village = sorted(p for p in (content / "orgs").iterdir() if p.name.startswith("village-"))[0]
    (village / "withdrawn.md").write_text(WITHDRAWN, "utf-8")
    return content


@pytest.fixture
def content(county, tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(county, copy)
    return copy


def process_table() -> dict[int, tuple[int, str]]:
    """pid → (parent pid, state) of every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # gone meanwhile
            table[int(entry.name)] = (int(fields[1]), fields[0])
    return table


def alive(pid: int) -> bool:
    state = process_table().get(pid, (0, "X"))[1]
    return state not in ("Z", "X")  # a zombie has stopped: only its exit status is left


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def forked_writers(build: subprocess.Popen) -> set[int]:
    """The build's forked processes: descendants running its own command line (not git, say)."""
    table, found, frontier = process_table(), set(), {build.pid}
    while frontier:
        frontier = {pid for pid, (parent, _) in table.items() if parent in frontier}
        found |= frontier
    own = command_line(build.pid)
    return {pid for pid in found if command_line(pid) == own}


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


class Build:
    """``publish.py build`` started in the background; stderr kept in a file (a pipe would outlive a kill)."""

    def __init__(self, content: Path, output: Path, log: Path):
        self.log = log
        env = {k: v for k, v in os.environ.items() if k != "GONGKAI_SERIAL"}
        with open(log, "wb") as stderr:
            self.process = subprocess.Popen([sys.executable, str(PUBLISH), "build", "--content", str(content),
                                             "--output", str(output)], stdout=subprocess.DEVNULL, stderr=stderr,
                                            env=env, cwd=ROOT)

    def writers_running(self) -> set[int]:
        """Wait until the build has forked its writer; its pids."""
        found: set[int] = set()
        assert wait_until(lambda: bool(found.update(forked_writers(self.process)) or found)
                          or self.process.poll() is not None, 300)
        assert self.process.poll() is None, "the build ended before its writer was seen: " + self.stderr()
        return found

    def stderr(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def kill_everything(self) -> None:
        """Test clean-up: whatever happened, leave no process behind."""
        for pid in forked_writers(self.process) | {self.process.pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()


@pytest.fixture
def started(tmp_path):
    builds = []

    def start(content: Path, output: Path) -> Build:
        build = Build(content, output, tmp_path / f"build-{len(builds)}.log")
        builds.append(build)
        return build

    yield start
    for build in builds:
        build.kill_everything()


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def beside(output: Path) -> set[str]:
    return {p.name for p in output.parent.iterdir() if p.name != "content" and not p.name.endswith(".log")}


def published_anywhere(output: Path, text: str) -> list[str]:
    needles = (text.encode("utf-8"), text.encode("unicode_escape"))
    return [p.relative_to(output).as_posix() for p in sorted(output.rglob("*"))
            if p.is_file() and any(n in p.read_bytes() for n in needles)]


def test_sigkill_of_a_build_kills_its_writer_and_the_next_build_publishes_no_withdrawn_record(
        content, tmp_path, started):
    output = tmp_path / "output"
    killed = started(content, output)
    writers = killed.writers_running()
    killed.process.kill()  # SIGKILL: no handler runs, only the kernel acts
    killed.process.wait()
    assert wait_until(lambda: not any(map(alive, writers)), 3), "the forked writer outlived its killed build"
    left = {p.name: tree_digest(p) for p in tmp_path.glob(".output.building-*")}
    assert left, "the killed build was writing into a staging folder of its own"
    time.sleep(1)
    assert {p.name: tree_digest(p) for p in tmp_path.glob(".output.building-*")} == left, "nothing writes any more"

    next(content.rglob("withdrawn.md")).unlink()  # the clerk withdraws the record and builds again
    result = publish("build", "--content", content, "--output", output)
    assert result.returncode == 0, result.stderr
    assert published_anywhere(output, WITHDRAWN_TITLE) == []
    assert beside(output) == {"output", ".output.lock", ".output.search-index"}, "the dead build's staging is gone"
    found = publish("search", "撤回", "--output", output)
    assert WITHDRAWN_TITLE not in found.stdout


def test_sigterm_stops_the_build_and_its_writer_and_keeps_the_previous_site(content, tmp_path, started):
    output = tmp_path / "output"
    assert publish("build", "--content", FIXTURES / "mini-county", "--output", output).returncode == 0
    site, index = tree_digest(output), tree_digest(tmp_path / ".output.search-index")
    build = started(content, output)
    writers = build.writers_running()
    build.process.terminate()
    assert build.process.wait(timeout=60) == 2
    assert build.stderr().strip().splitlines()[-1] == "publish.py: 已中断：网站没有更新，上一次生成的网站还在"
    assert "Traceback" not in build.stderr()
    assert not any(map(alive, writers)), "the build reaped its writer before it exited"
    assert tree_digest(output) == site
    assert tree_digest(tmp_path / ".output.search-index") == index
    assert beside(output) == {"output", ".output.lock", ".output.search-index"}, "the build cleaned up after itself"


def test_a_second_build_of_the_same_output_waits_for_no_lock_file_only_for_a_live_build(content, tmp_path, started):
    output = tmp_path / "output"
    first = started(content, output)
    writers = first.writers_running()
    second = publish("build", "--content", FIXTURES / "mini-county", "--output", output)
    assert second.returncode == 2
    assert second.stderr.strip() == (f"publish.py: 另一个 publish.py（进程号 {first.process.pid}）正在生成 {output}："
                                     "请等它结束后再运行")
    first.process.kill()
    first.process.wait()
    assert wait_until(lambda: not any(map(alive, writers)), 3)
    assert (tmp_path / ".output.lock").exists(), "the lock file stays; the kernel dropped the lock itself"
    third = publish("build", "--content", FIXTURES / "mini-county", "--output", output)
    assert third.returncode == 0, third.stderr

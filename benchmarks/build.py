"""How fast ``publish.py build`` is, next to plain Pelican building the same records.

For each N (default 1,000 and 10,000) it writes a synthetic county (benchmarks/synthetic.py)
and the same N records as plain Pelican Markdown articles into a temporary folder, then
builds both, each in its own process, and measures the wall time and the peak resident
memory of that process (``os.wait4``'s rusage: the child's own high-water mark).

Plain Pelican runs with its default settings and default theme; only the paths, the
site's address and the time zone (which it otherwise warns about) are set. Our build
runs with the project's pelicanconf.py and the same address (so record pages carry their
QR codes, as a published site's do) and includes everything ``publish.py build`` does:
reading, every check, all writers, the manifest and the swap-in. Memory is the peak of
the summed PSS of the build's processes (it forks writers to use a second core), sampled
every 50 ms, or the largest process's peak RSS if that is more.

    .venv/bin/python benchmarks/build.py [--sizes 1000 10000] [--repeat 1] [--keep DIR]

Targets (issue 2): at N=10,000 faster than plain Pelican, peak memory under 1 GB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402  (benchmarks/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TARGET_N = 10_000
TARGET_MB = 1024

SITE_URL = "https://gongkai.example.gov.cn"  # a published site: record pages get their QR codes
OURS_SETTINGS = """\
# The project's pelicanconf.py as a county publishing its site has it: with an address.
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403
SITEURL = {site_url!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
"""
PELICAN_SETTINGS = """\
# Plain Pelican: its defaults and its default theme; only where things are and the address.
PATH = {content!r}
OUTPUT_PATH = {output!r}
SITEURL = {site_url!r}
TIMEZONE = "Asia/Shanghai"
"""


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system: what the run costs on a machine shared with other work
    peak_mb: float  # the most memory the build's processes held at once (see ProcessTreeMemory)


class ProcessTreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants: a build that forks writers.

    PSS counts a page shared by n processes as 1/n in each, so the sum is the physical
    memory the tree holds (a child's copy-on-write pages are counted once, the pages its
    writes copy are counted too). The peak RSS of one process would miss the children.
    """

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], log: Path) -> Run:
    """Run ``command`` to completion; its wall time and its own peak RSS. Exits on failure."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        memory = ProcessTreeMemory(process.pid)
        memory.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        memory.done.set()
        memory.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{log.read_text('utf-8', 'replace')[-3000:]}")
    # ru_maxrss (KiB on Linux): the largest single process, a floor when /proc cannot be sampled
    return Run(seconds, usage.ru_utime + usage.ru_stime, max(memory.peak_kb, usage.ru_maxrss) / 1024)


def best(runs: list[Run]) -> Run:
    """The fastest run, and the highest peak (memory is not noise from other processes)."""
    return Run(min(r.seconds for r in runs), min(r.cpu for r in runs), max(r.peak_mb for r in runs))


def bench(n: int, work: Path, repeat: int) -> tuple[Run, Run]:
    county, articles = work / f"county-{n}", work / f"articles-{n}"
    synthetic.generate(county, n)
    synthetic.write_pelican(articles, n)
    settings, ours_settings = work / f"pelican-{n}.py", work / "oursconf.py"
    settings.write_text(PELICAN_SETTINGS.format(content=str(articles), output=str(work / f"pelican-out-{n}"),
                                                site_url=SITE_URL), "utf-8")
    ours_settings.write_text(OURS_SETTINGS.format(root=str(ROOT), site_url=SITE_URL, theme=str(ROOT / "themes" / "gongkai"),
                                                  plugins=str(ROOT / "plugins")), "utf-8")
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(measure([PYTHON, str(ROOT / "publish.py"), "build", "--config", str(ours_settings),
                             "--content", str(county), "--output", str(work / f"out-{n}")], work / f"ours-{n}.log"))
        shutil.rmtree(work / f"pelican-out-{n}", ignore_errors=True)
        theirs.append(measure([PYTHON, "-m", "pelican", "-s", str(settings)], work / f"pelican-{n}.log"))
    return best(ours), best(theirs)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, TARGET_N], help="numbers of records")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size; the fastest counts")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'N':>7} | {'ours rec/s':>10} | {'ours s':>7} | {'ours cpu s':>10} | {'ours MB':>7} | {'pelican rec/s':>13} | "
          f"{'pelican s':>9} | {'pelican cpu s':>13} | {'pelican MB':>10} | {'speed ratio':>11}")
    results = {}
    try:
        for n in args.sizes:
            ours, theirs = results[n] = bench(n, work, args.repeat)
            print(f"{n:>7} | {n / ours.seconds:>10.0f} | {ours.seconds:>7.2f} | {ours.cpu:>10.2f} | {ours.peak_mb:>7.0f} | "
                  f"{n / theirs.seconds:>13.0f} | {theirs.seconds:>9.2f} | {theirs.cpu:>13.2f} | {theirs.peak_mb:>10.0f} | "
                  f"{theirs.seconds / ours.seconds:>10.2f}x", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("speed ratio = plain Pelican's wall time / ours (above 1: we are faster); cpu s = user + system seconds,\n"
          "the fairer figure when other work shares the machine (wall time then stretches with the load)")
    if TARGET_N in results:
        ours, theirs = results[TARGET_N]
        print(f"target at N={TARGET_N:,}: faster than plain Pelican: {'yes' if ours.seconds < theirs.seconds else 'NO'}"
              f" ({ours.seconds:.1f} s vs {theirs.seconds:.1f} s wall, {ours.cpu:.1f} s vs {theirs.cpu:.1f} s cpu);"
              f" peak memory under 1 GB: "
              f"{'yes' if ours.peak_mb < TARGET_MB else 'NO'} ({ours.peak_mb:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where the time of one ``publish.py build`` goes: each reading step and each writer.

Runs one build (of a site with an address, as in benchmarks/build.py) in this process with every step of ``load.load_site`` and every writer in
``writers.WRITERS`` wrapped in a timer, then prints wall and CPU seconds per step, their
share, and microseconds per record. A step whose µs/record grows with N is the one to fix.

    .venv/bin/python benchmarks/steps.py [-n 10000] [--content DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402
from build import OURS_SETTINGS, SITE_URL  # noqa: E402
from gongkai import generator, load, manifest, staging, writers  # noqa: E402
from gongkai.commands import build as build_command  # noqa: E402
from gongkai.output_guard import check_output  # noqa: E402
from gongkai.project import open_project  # noqa: E402

LOAD_STEPS = ("gather", "read_orgs", "read_records", "check_records", "check_across")
timings: dict[str, list[float]] = {}


def timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = timings.setdefault(name, [0.0, 0.0])
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu
    return wrapper


def instrument() -> None:
    """Wrap each step where the build looks it up (the build command imports them when it runs)."""
    for step in LOAD_STEPS:
        setattr(load, step, timed(f"  load.{step}", getattr(load, step)))
    writers.WRITERS[:] = [timed(f"  {w.__module__.rsplit('.', 1)[-1]}.{w.__name__}", w) for w in writers.WRITERS]
    load.load_site = timed("load_site", load.load_site)
    generator.render = timed("render (Pelican and the writers)", generator.render)
    manifest.write_manifest = timed("write_manifest", manifest.write_manifest)
    staging.swap_in = timed("swap_in", staging.swap_in)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="records of the synthetic county")
    parser.add_argument("--content", type=Path, help="build this content folder instead of a synthetic county")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="gongkai-steps-"))
    try:
        content = args.content.resolve() if args.content else work / "content"
        if not args.content:
            synthetic.generate(content, args.n)
        os.chdir(ROOT)
        instrument()
        config = work / "oursconf.py"
        config.write_text(OURS_SETTINGS.format(root=str(ROOT), site_url=SITE_URL, theme=str(ROOT / "themes" / "gongkai"),
                                               plugins=str(ROOT / "plugins")), "utf-8")
        project = open_project(content=str(content), output=str(work / "output"), config=str(config))
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):  # its warnings
            status = build_command.build(project, quiet=True)
        total = time.perf_counter() - start
        if status != 0:
            sys.exit(f"build failed with status {status}")
        records = _records(content)
        guard = time.perf_counter()
        check_output(project)  # what the next build pays to know it may replace this output
        guard = time.perf_counter() - guard
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'step':<44} {'wall s':>8} {'cpu s':>8} {'share':>6} {'µs/record':>10}")
    for name, (wall, cpu) in timings.items():
        print(f"{name:<44} {wall:>8.2f} {cpu:>8.2f} {wall / total:>6.0%} {wall / records * 1e6:>10.0f}")
    print(f"{'total':<44} {total:>8.2f} {'':>8} {'':>6} {total / records * 1e6:>10.0f}   ({records} records)")
    print(f"{'next build: output_guard on this output':<44} {guard:>8.2f} {'':>8} {'':>6} {guard / records * 1e6:>10.0f}")
    return 0


def _records(content: Path) -> int:
    return sum(1 for p in (content / "orgs").rglob("*") if p.suffix in (".yaml", ".md") and p.name != "org.yaml")


if __name__ == "__main__":
    sys.exit(main())

"""How long the feeds and open-data writers take on a synthetic county, and how many files they write.

The county (benchmarks/synthetic.py) is committed to a throw-away git repository, so the
``updated`` times come from git as in a real county; the one ``git log`` is timed on
its own. Each writer then runs on the loaded site into a temporary folder.

    .venv/bin/python benchmarks/opendata.py [--sizes 1000 10000]

Figures to watch: the git call stays one process (its time grows with history, not with
one call per file); every writer's time grows linearly with N.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402
from gongkai.load import load_site  # noqa: E402
from gongkai.settings import Settings  # noqa: E402
from gongkai.updated import Times, git_times  # noqa: E402
from gongkai.writers import data_csv, data_page, dcat, feeds, fiscal, ocds, record_json  # noqa: E402
from gongkai.writers.output import Output  # noqa: E402

WRITERS = [("feeds", feeds.write), ("record_json", record_json.write), ("data_csv", data_csv.write),
           ("fiscal", fiscal.write), ("ocds", ocds.write), ("dcat", dcat.write), ("data_page", data_page.write)]


def commit(content: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.cn",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.cn"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "county"]):
        subprocess.run(["git", "-C", str(content), *args], check=True, env=env, capture_output=True)


def environment():
    from jinja2 import Environment, FileSystemLoader

    from gongkai import theme_env

    env = Environment(loader=FileSystemLoader(str(ROOT / "themes/gongkai/templates")))
    theme_env.prepare(env, str(ROOT / "themes/gongkai"), "zh_CN")
    return env


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "out"
        synthetic.generate(content, n)
        commit(content)
        site, problems = load_site(content, Settings())
        assert not problems.errors, problems.errors[:3]
        start = time.perf_counter()
        git = git_times(content)
        git_seconds = time.perf_counter() - start
        site.times = Times(site, git)
        print(f"N={n}: {len(site.records)} records, git log (one call) {git_seconds:.2f} s for {len(git)} files")
        output = Output(out, environment(), site)
        for name, write in WRITERS:
            before = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
            start = time.perf_counter()
            write(site, output)
            seconds = time.perf_counter() - start
            after = sum(1 for p in out.rglob("*") if p.is_file())
            print(f"  {name:12s} {seconds:6.2f} s  {after - before:6d} files")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    for n in args.sizes:
        run(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())

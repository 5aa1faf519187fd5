"""Spreadsheet import at scale: a 10,000-row cash journal spanning 12 months.

    .venv/bin/python benchmarks/import.py [-n 10000] [--repeat 3] [--work DIR]

Writes one .xlsx sheet (title row, two-row merged header, 上年结转, entries over twelve
months with 本月合计 and 本年累计 rows and a 余额 on every row) with openpyxl, then runs
``publish.py import`` on it in its own process, as a clerk does, into a copy of the mini
county. Prints rows per second, wall and CPU seconds (the whole command: start-up, reading,
checking, the staging check and writing twelve records; CPU is the steadier figure on a
shared machine) and the command's peak memory (maximum resident set size). Target: under 5 s for 10,000 rows on the 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini-county"
SUBJECTS = {"income": ["补助收入", "经营收入", "发包及上交收入", "其他收入"],
            "expense": ["管理费用", "公益支出", "经营支出", "其他支出"]}
TARGET_SECONDS = 5.0


def journal(rows: int, seed: int, path: Path) -> Path:
    """A year's journal of ``rows`` entries, in cents so every 余额 is exact."""
    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("现金日记账")
    sheet.append(["小河村2025年现金日记账"])
    sheet.append(["2025年", None, "凭证", None, "摘要", "对方科目", "借方", "贷方", "借或贷", "余额"])
    sheet.append(["月", "日", "字", "号"])
    balance = 500_000_00
    sheet.append([None, None, None, None, "上年结转", None, None, None, "借", balance / 100])
    per_month = rows // 12
    year_in = year_out = 0
    number = 0
    for month in range(1, 13):
        month_in = month_out = 0
        count = per_month + (rows - per_month * 12 if month == 12 else 0)
        for i in range(count):
            number += 1
            side = "income" if rng.random() < 0.4 or balance < 100_000 else "expense"
            cents = rng.randint(100, 500_000)
            day = 1 + i * 28 // count
            if side == "income":
                balance += cents
                month_in += cents
                row = [month, day, "记", number, f"第{number}笔收入", rng.choice(SUBJECTS[side]), cents / 100, None]
            else:
                balance -= cents
                month_out += cents
                row = [month, day, "记", number, f"第{number}笔支出", rng.choice(SUBJECTS[side]), None, cents / 100]
            sheet.append(row + ["借", balance / 100])
        year_in += month_in
        year_out += month_out
        sheet.append([month, 28, None, None, "本月合计", None, month_in / 100, month_out / 100, "借", balance / 100])
        sheet.append([month, 28, None, None, "本年累计", None, year_in / 100, year_out / 100, "借", balance / 100])
    book.save(path)
    return path


def import_once(workbook: Path, work: Path) -> tuple[float, float, float]:
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(MINI, content)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "publish.py"), "import", str(workbook), "--org", "xiaohe-village",
                             "--content", str(content), "--date", "2026-01-10"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"import failed:\n{result.stdout}{result.stderr}")
    written = sorted((content / "orgs/xiaohe-village/finance").glob("2025-*.yaml"))
    assert len(written) == 12, written
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, after.ru_maxrss / 1024  # the largest child so far: every run imports the same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="journal rows (entries)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="gongkai-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    workbook = journal(args.n, args.seed, work / "journal.xlsx")
    print(f"{args.n} rows over 12 months, {workbook.stat().st_size / 1e6:.1f} MB .xlsx")
    print("  run |  rows/s |  wall s |  cpu s | peak MB")
    times = []
    for run in range(1, args.repeat + 1):
        seconds, cpu, peak = import_once(workbook, work)
        times.append(seconds)
        print(f"{run:5} | {args.n / seconds:7.0f} | {seconds:7.2f} | {cpu:6.2f} | {peak:7.0f}")
    best = min(times)
    verdict = "yes" if best < TARGET_SECONDS else "no"
    print(f"target: {args.n} rows in under {TARGET_SECONDS:.0f} s: {verdict} (best {best:.2f} s, {args.n / best:.0f} rows/s)")
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

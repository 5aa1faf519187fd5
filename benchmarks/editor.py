"""How fast the browser editor opens and saves a 300-line ledger in a 10,000-record county.

Writes the synthetic county (benchmarks/synthetic.py), adds a village ledger of 300 lines
(150 income, 150 expense) that balances, starts ``publish.py edit`` on it for real (a
subprocess on a loopback port, the site loaded once at start) and, over HTTP as a browser
does, times: opening the ledger's form, saving it with a changed title (check + write), and
saving it with a closing balance a cent off (check, nothing written). Each is repeated and
the median printed, beside the editor's start-up (reading and checking the whole county).

    .venv/bin/python benchmarks/editor.py [-n 10000] [--lines 300] [--repeat 5]

Target (issue 13): opening and saving each under 1 s at N=10,000.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402  (benchmarks/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.0


def ledger(lines: int) -> str:
    """A month's ledger of ``lines`` entries that balances to the cent."""
    income, expense, total_in, total_out = [], [], Decimal(0), Decimal(0)
    for i in range(lines):
        amount = Decimal(100 + (i * 37) % 900) + Decimal(i % 100) / 100
        entry = (f"  - date: 2031-03-{1 + i % 28:02d}\n    subject: {'补助收入' if i % 2 == 0 else '管理费用'}\n"
                 f"    summary: 第 {i + 1} 笔（基准测试）\n    amount: {amount:.2f}\n    voucher: 记-{i + 1:04d}\n")
        if i % 2 == 0:
            income.append(entry)
            total_in += amount
        else:
            expense.append(entry)
            total_out += amount
    opening = Decimal("100000.00")
    return ("# 基准测试：300 行的月度账\ntype: finance\ntitle: 2031年3月财务收支公开（基准）\ndate: 2031-04-05\n"
            f"period: 2031-03\nopening_balance: {opening:.2f}\nincome:\n{''.join(income)}expense:\n{''.join(expense)}"
            f"closing_balance: {opening + total_in - total_out:.2f}\n")


class Browser:
    """Just enough of a browser: one connection, the session cookie, the form's fields."""

    def __init__(self, address: str):
        parts = urlsplit(address)
        self.address, self.host, self.port = address, parts.hostname, parts.port
        self.cookie = ""

    def _send(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        headers = {**(headers or {}), **({"Cookie": self.cookie} if self.cookie else {})}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        cookie = response.getheader("set-cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        connection.close()
        return response.status, text

    def get(self, path: str):
        return self._send("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]]):
        return self._send("POST", path, urlencode(fields).encode("utf-8"),
                          {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.address})


def form_fields(html: str) -> list[tuple[str, str]]:
    import lxml.html

    form = next(f for f in lxml.html.fromstring(html).forms if "record-form" in f.get("class", ""))
    return list(form.form_values())


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run(n: int, lines: int, repeat: int) -> int:
    with tempfile.TemporaryDirectory(prefix="gongkai-editor-bench-") as folder:
        content = Path(folder) / "content"
        synthetic.generate(content, n)
        village = next(p.parent.name for p in sorted((content / "orgs").glob("*/org.yaml")) if "kind: village" in p.read_text("utf-8"))
        path = f"orgs/{village}/finance/2031-03-bench.yaml"
        (content / path).write_text(ledger(lines), "utf-8")
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(ROOT / "publish.py"), "edit", "--content", str(content), "--port", "0",
                                    "--no-commit"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        try:
            address = None
            for line in process.stderr:
                match = re.search(r"编辑器地址：(http://[0-9.:]+)", line)
                if match:
                    address = match.group(1)
                    break
            if address is None:
                print("the editor did not start", file=sys.stderr)
                return 2
            start_up = time.perf_counter() - started
            browser = Browser(address)
            opens, saves, refusals = [], [], []
            for i in range(repeat):
                seconds, (status, html) = timed(lambda: browser.get(f"/edit/{path}"))
                assert status == 200, html[:500]
                opens.append(seconds)
                fields = [(k, f"2031年3月财务收支公开（基准 {i}）" if k == "title" else v) for k, v in form_fields(html)]
                seconds, (status, html) = timed(lambda: browser.post(f"/edit/{path}", fields))
                assert status == 303, html[:2000]
                saves.append(seconds)
                _, html = browser.get(f"/edit/{path}")
                fields = [(k, v + "1" if k == "closing_balance" else v) for k, v in form_fields(html)]
                seconds, (status, html) = timed(lambda: browser.post(f"/edit/{path}", fields))
                assert status == 422 and "期末余额" in html, status
                refusals.append(seconds)
        finally:
            process.terminate()
            process.wait(30)
        print(f"county: {n} records + a {lines}-line ledger; editor start-up (read and check all): {start_up:.1f} s")
        print(f"{'':>36} | median s | max s")
        for label, values in (("open the ledger's form", opens), ("save it (check + write)", saves),
                              ("save a cent off (check, refused)", refusals)):
            print(f"{label:>36} | {statistics.median(values):8.3f} | {max(values):5.3f}")
        worst = max(statistics.median(v) for v in (opens, saves, refusals))
        print(f"target: open and save each under {TARGET_SECONDS:.0f} s: {'yes' if worst < TARGET_SECONDS else 'NO'} "
              f"(slowest median {worst:.3f} s)")
        return 0 if worst < TARGET_SECONDS else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="records in the synthetic county")
    parser.add_argument("--lines", type=int, default=300, help="lines of the ledger")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    return run(args.n, args.lines, args.repeat)


if __name__ == "__main__":
    sys.exit(main())

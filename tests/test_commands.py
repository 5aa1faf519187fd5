"""publish.py new, mask and serve, as a clerk and the county office use them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, PUBLISH, publish

MINI = FIXTURES / "mini-county"
TYPES = ("finance", "budget", "policy", "notice", "service", "subsidy", "decision", "procurement", "report")


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


def test_every_template_is_a_valid_record(content):
    for record_type in TYPES:
        result = publish("new", record_type, "--org", "xiaohe-village", "--name", "from-template", "--content", content)
        assert result.returncode == 0, result.stderr
        assert Path(result.stdout.strip()).is_file()
    result = publish("new", "org", "--org", "new-village", "--content", content)
    assert result.returncode == 0
    org_yaml = (content / "orgs/new-village/org.yaml").read_text("utf-8")
    assert "机构名称" in org_yaml  # commented in Chinese
    (content / "orgs/new-village/org.yaml").write_text(org_yaml.replace("parent: some-town", "parent: shiqiao-town"), "utf-8")
    check = publish("check", "--content", content)
    # templates hold example values a village may not reuse as is: only their own duplicate
    # period (the example ledger repeats the mini county's March) may be reported
    problems = [line for line in check.stdout.splitlines() if "错误" in line]
    assert all("财务公开已经有一条" in line for line in problems), problems


def test_new_refuses_unknown_org_and_overwrite(content):
    result = publish("new", "notice", "--org", "nowhere", "--content", content)
    assert result.returncode == 2 and "机构 nowhere 不存在" in result.stderr
    assert publish("new", "notice", "--org", "xiaohe-village", "--name", "x", "--content", content).returncode == 0
    again = publish("new", "notice", "--org", "xiaohe-village", "--name", "x", "--content", content)
    assert again.returncode == 2 and "已经存在" in again.stderr


def test_mask_makes_a_refused_record_publishable(content):
    record = content / "orgs/xiaohe-village/notice/n.yaml"
    record.write_text("type: notice\ntitle: 名单\ndate: 2026-04-01\ncategory: 村务\n"
                      "summary: 宋芳 11010519491231002X 电话 13812345678 村委会 13900001111 账号 6222021234567890\n", "utf-8")
    assert publish("check", "--content", content).returncode == 1
    result = publish("mask", "--content", content, record)
    assert result.returncode == 0
    text = record.read_text("utf-8")
    assert "110105********002X" in text and "138****5678" in text
    assert "13900001111" in text, "the org's own public phone stays"
    assert "6222021234567890" not in text
    assert publish("check", "--content", content).returncode == 0


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


class Lines:
    """Every line a running process writes to one of its pipes, read as it comes (no sleeps)."""

    def __init__(self, pipe):
        self.lines: list[str] = []
        self.thread = threading.Thread(target=lambda: self.lines.extend(pipe), daemon=True)
        self.thread.start()

    def text(self) -> str:
        return "".join(self.lines)


def test_serve_previews_and_rebuilds_on_change(content, tmp_path):
    server = subprocess.Popen([sys.executable, str(PUBLISH), "serve", "--content", str(content), "--output",
                               str(tmp_path / "output"), "--port", "0", "--poll", "0.3"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = Lines(server.stdout), Lines(server.stderr)
    try:
        # port 0: the server takes a port the kernel gives it and says which (no race for a "free" port)
        assert wait_for(lambda: re.search(r"预览地址：(http://127\.0\.0\.1:\d+/)", err.text()))
        home = re.search(r"预览地址：(http://127\.0\.0\.1:\d+/)", err.text()).group(1) + "index.html"
        assert "关于召开村民代表会议的通知" in fetch(home)
        (content / "orgs/xiaohe-village/notice/new.md").write_text(
            "---\ntype: notice\ntitle: 刚刚新增的通知\ndate: 2026-06-01\ncategory: 村务\n---\n新\n", "utf-8")
        assert wait_for(lambda: "刚刚新增的通知" in fetch(home))
        # a broken edit is reported and the preview keeps the last good site
        (content / "orgs/xiaohe-village/notice/bad.yaml").write_text("type: notice\n", "utf-8")
        reported = "orgs/xiaohe-village/notice/bad.yaml:1: 错误: 缺少「标题」（title）：请补上这一项"
        assert wait_for(lambda: reported in out.text() and "网站没有更新" in err.text())
        assert "刚刚新增的通知" in fetch(home)
    finally:
        server.terminate()
        server.wait(timeout=10)
        out.thread.join(timeout=10)
        err.thread.join(timeout=10)
    assert "Traceback" not in out.text() + err.text()


def test_report_names_overdue_orgs_and_their_phones(content):
    result = publish("report", "--as-of", "2026-06-15", "--content", content)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "小河村（xiaohe-village）  电话：0839-7300201、13900001111" in lines
    assert "  - 缺少 2026-04、2026-05 的财务收支公开（应每月公开一次）" in lines
    as_json = publish("report", "--as-of", "2026-04-15", "--json", "--content", content)
    village = next(o for o in json.loads(as_json.stdout) if o["org"] == "xiaohe-village")
    assert not any("财务收支公开" in p for p in village["problems"]), "March was published: nothing missing by mid-April"
    bad = publish("report", "--as-of", "2026-02-30", "--content", content)
    assert bad.returncode == 2 and "--as-of 的日期“2026-02-30”不对" in bad.stderr

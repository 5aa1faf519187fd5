"""导入表格 in the editor: the same import as ``publish.py import``, its lines shown, in Chromium.

The workbooks are the ones the import tests build (tests/importbooks.py) for the mini county
they follow on from. A good journal becomes this month's records, checked and committed in
one commit; a journal with a mistake names its cell, and nothing is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import importbooks as books
from conftest import FIXTURES, publish
from editorrun import git, make_repository, running_editor

pytestmark = pytest.mark.xdist_group("editor")
ORG = "xiaohe-village"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("editor-import") / "content"
    shutil.copytree(FIXTURES / "mini-county", folder)
    make_repository(folder)
    return folder


@pytest.fixture(scope="module")
def editor(content):
    with running_editor(content) as running:
        yield running


@pytest.fixture
def page(browser, editor):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def upload(page, editor, workbook: Path) -> None:
    page.goto(editor.url(f"/org/{ORG}"))
    page.get_by_role("link", name="导入表格（现金日记账、补贴名单、预算表）").click()
    page.get_by_label("表格文件（可以一次选几个）").set_input_files(str(workbook))
    with page.expect_navigation():
        page.get_by_role("button", name="导入").click()


def test_a_journal_with_a_mistake_names_its_cell_and_writes_nothing(page, editor, content, tmp_path):
    book = books.monthly_journal()
    book["2026年2月"]["G5"] = "1,2OO.50"  # letter O for zero
    workbook = books.save(book, tmp_path / "现金日记账.xlsx")
    before = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.yaml"))
    upload(page, editor, workbook)
    lines = page.get_by_role("alert").inner_text()
    assert "没有写入任何记录" in lines
    assert "现金日记账.xlsx:2026年2月!G5: 错误: 「借方」“1,2OO.50”不是金额" in lines
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.yaml")) == before


def test_a_journal_becomes_records_checked_and_committed_together(page, editor, content, tmp_path):
    workbook = books.save(books.monthly_journal(), tmp_path / "现金日记账.xlsx")
    commits = int(git(content, "rev-list", "--count", "HEAD"))
    upload(page, editor, workbook)
    shown = page.locator("main").inner_text()
    assert "导入完成：写入 2 条记录" in shown, shown[:1500]
    assert f"orgs/{ORG}/finance/2026-02.yaml" in shown
    assert (content / f"orgs/{ORG}/finance/2026-01.yaml").is_file()
    assert int(git(content, "rev-list", "--count", "HEAD")) == commits + 1
    assert sorted(git(content, "log", "-1", "--name-only", "--format=").split()) == [
        f"orgs/{ORG}/finance/2026-01.yaml", f"orgs/{ORG}/finance/2026-02.yaml"]
    assert publish("check", "--content", content).returncode == 0
    page.get_by_role("link", name=f"orgs/{ORG}/finance/2026-02.yaml").click()
    assert page.get_by_label("期初余额").input_value() == "879.50"  # the editor knows the new records at once

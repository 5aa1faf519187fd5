"""No build replaces a folder Gongkai did not create (issue 9 item 1).

Each refusal runs the real ``publish.py`` of a private copy of the project (a git work tree
with the demo content) and compares every file of the copy, .git included, before and after.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, publish

MINI = FIXTURES / "mini-county"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (the copy's .git too) with its SHA-256."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else "dir"
    return found


def run(project: Path, *args, cwd: Path | None = None):
    """The copy's own publish.py, so its pelicanconf.py, content, theme and plugins are the defaults."""
    result = subprocess.run([sys.executable, str(project / "publish.py"), *map(str, args)], cwd=cwd or project,
                            capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr + result.stdout
    return result


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's files (as git lists them) in a git work tree of its own."""
    copy = tmp_path / "project"
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git = ["git", "-C", str(copy), "-c", "user.name=clerk", "-c", "user.email=clerk@example.cn"]
    subprocess.run([*git, "init", "--quiet"], check=True)
    subprocess.run([*git, "add", "--all"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "county"], check=True)
    return copy


def assert_refused(result, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("publish.py: 不能生成到 "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


FORBIDDEN = {  # --output (relative to the project copy) → what the one line must name
    ".": "包含内容文件夹",
    "..": "包含内容文件夹",
    "content": "就是内容文件夹",
    "content/orgs/xiaohe-village": "在内容文件夹",
    "themes": "包含主题文件夹",
    "themes/gongkai/templates": "在主题文件夹",
    "plugins": "就是插件文件夹",
    "plugins/gongkai": "在插件文件夹",
    "pelicanconf.py": "就是配置文件",
    ".git": "不是 publish.py build 生成的",
    "README.md": "这是一个文件",
}


def test_every_forbidden_output_is_refused_and_nothing_changes(project):
    before = snapshot(project.parent)
    for output, named in FORBIDDEN.items():
        assert_refused(run(project, "build", "--output", output), named)
    assert snapshot(project.parent) == before


def test_a_git_work_tree_is_never_an_output(tmp_path):
    """Content kept elsewhere: an output that is, or holds, a git work tree is still refused."""
    pages = tmp_path / "outer" / "pages"
    subprocess.run(["git", "init", "--quiet", str(pages)], check=True)  # a clerk pushing output/ by hand
    (pages / "index.html").write_text("hand-made", "utf-8")
    before = snapshot(tmp_path)
    assert_refused(publish("build", "--content", MINI, "--output", pages), "它是一个 git 仓库")
    assert_refused(publish("build", "--content", MINI, "--output", pages, cwd=pages), "它就是 git 仓库")
    assert_refused(publish("build", "--content", MINI, "--output", tmp_path / "outer", cwd=pages), "它包含 git 仓库")
    assert snapshot(tmp_path) == before


def test_serve_and_deploy_build_go_through_the_same_guard(project, tmp_path):
    before = snapshot(project.parent)
    assert_refused(run(project, "serve", "--output", ".", "--port", "0"), "包含内容文件夹")
    assert_refused(run(project, "deploy", f"file://{tmp_path / 'www'}", "--build", "--output", "content"),
                   "就是内容文件夹")
    assert snapshot(project.parent) == before


def test_a_folder_gongkai_did_not_make_is_refused(project, tmp_path):
    mine = tmp_path / "mine"
    (mine / "photos").mkdir(parents=True)
    (mine / "photos" / "家.jpg").write_bytes(b"\xff\xd8 a photo")
    (mine / "manifest.json").write_text('{"name": "a web app manifest"}', "utf-8")  # not ours
    before = snapshot(tmp_path)
    assert_refused(run(project, "build", "--content", MINI, "--output", mine), "不是 publish.py build 生成的")
    assert snapshot(tmp_path) == before


def test_the_default_output_is_built_and_rebuilt(project):
    assert run(project, "build").returncode == 0
    assert (project / "output" / "manifest.json").is_file()
    again = run(project, "build")
    assert again.returncode == 0, again.stderr
    status = subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == "", "a build leaves nothing git would commit (output, lock, index are ignored)"


def test_a_previous_build_is_replaced_but_a_file_saved_into_it_is_named_not_deleted(tmp_path):
    output = tmp_path / "output"
    assert publish("build", "--content", MINI, "--output", output).returncode == 0
    saved = output / "xiaohe-village" / "村民代表会议签到表.docx"
    saved.write_bytes(b"the clerk's own document")
    before = snapshot(tmp_path)
    result = publish("build", "--content", MINI, "--output", output)
    assert_refused(result, "1 个不是生成出来的文件", "xiaohe-village/村民代表会议签到表.docx")
    assert snapshot(tmp_path) == before
    saved.unlink()
    (output / ".DS_Store").write_bytes(b"Finder")  # a file manager's litter is not the clerk's work
    assert publish("build", "--content", MINI, "--output", output).returncode == 0


def test_an_old_output_holding_only_its_manifest_is_ours(tmp_path):
    """Builds before the guard left no other mark: their manifest.json is enough."""
    built = tmp_path / "built"
    assert publish("build", "--content", MINI, "--output", built).returncode == 0
    old = tmp_path / "old"
    old.mkdir()
    shutil.copyfile(built / "manifest.json", old / "manifest.json")
    assert json.loads((old / "manifest.json").read_text("utf-8"))["format"] == "gongkai-manifest/1"
    result = publish("build", "--content", MINI, "--output", old)
    assert result.returncode == 0, result.stderr
    assert snapshot(old) == snapshot(built)


def test_an_empty_folder_is_an_output(tmp_path):
    empty = tmp_path / "site"
    empty.mkdir()
    assert publish("build", "--content", MINI, "--output", empty).returncode == 0
    assert (empty / "index.html").is_file()

"""A county's own copy of pelicanconf.py, outside Gongkai's folder, run from anywhere: it just works,
and a mistake in it is one line naming the file and the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, publish

SITE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "site-content"


@pytest.fixture
def county(tmp_path) -> Path:
    """The county's repository: an unchanged copy of pelicanconf.py and its content beside it."""
    folder = tmp_path / "county"
    shutil.copytree(SITE_CONTENT, folder / "content")
    shutil.copy(ROOT / "pelicanconf.py", folder / "pelicanconf.py")
    (tmp_path / "elsewhere").mkdir()
    return folder


def test_a_copied_config_builds_from_another_folder(county):
    elsewhere = county.parent / "elsewhere"
    for command in ("check", "build"):
        result = publish(command, "--config", "../county/pelicanconf.py", cwd=elsewhere)
        assert result.returncode == 0, result.stderr
        assert "程序内部错误" not in result.stderr
    output = county / "output"  # OUTPUT_PATH = "output": beside the config, not beside the command
    assert (output / "index.html").is_file() and (output / "theme/css/site.css").is_file()  # Gongkai's theme
    assert not (elsewhere / "output").exists()


def test_relative_paths_are_read_from_the_configs_folder(county):
    (county / "settings").mkdir()
    text = (county / "pelicanconf.py").read_text("utf-8")
    text = text.replace('PATH = "content"', 'PATH = "../content"').replace('OUTPUT_PATH = "output"', 'OUTPUT_PATH = "../public"')
    (county / "settings/pelicanconf.py").write_text(text, "utf-8")
    result = publish("build", "--config", county / "settings/pelicanconf.py", cwd=county.parent)
    assert result.returncode == 0, result.stderr
    assert (county / "public/index.html").is_file()


@pytest.mark.parametrize("change, line_of, message", [
    (("SITENAME = ", 'SITENAME = "青川县\n'), "SITENAME", "错误: 配置文件写法有错（unterminated string literal"),
    (("TIMEZONE = ", "TIMEZONE = SHANGHAI_TIME\n"), "TIMEZONE", "错误: 配置文件运行出错（NameError: name 'SHANGHAI_TIME' is not defined）"),
    (("THEME = ", 'THEME = "themes/county"\n'), "THEME", "错误: 找不到主题 themes/county"),
    (("PATH = ", 'PATH = "records"\n'), "PATH", "错误: 内容文件夹"),
], ids=["syntax", "name", "theme", "content"])
def test_a_mistake_in_the_config_is_one_line_at_its_line(county, change, line_of, message):
    start, replacement = change
    lines = (county / "pelicanconf.py").read_text("utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = replacement
    (county / "pelicanconf.py").write_text("".join(lines), "utf-8")
    result = publish("build", "--config", county / "pelicanconf.py", cwd=county.parent / "elsewhere")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"{county / 'pelicanconf.py'}:{index + 1}: {message}"), result.stderr
    assert not (county / "output").exists()

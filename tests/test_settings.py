"""Gongkai's settings in pelicanconf.py: typed, checked, and named at their line when wrong."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from conftest import ROOT, publish
from gongkai.settings import Settings, SettingsError

CONFIG = ROOT / "pelicanconf.py"


def config_with(tmp_path: Path, *lines: str) -> Path:
    """A copy of the demo pelicanconf.py (its theme and plugins found from the project) plus ``lines``."""
    text = CONFIG.read_text("utf-8").replace('THEME = "themes/gongkai"', f'THEME = "{ROOT / "themes/gongkai"}"')
    text = text.replace('PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{ROOT / "plugins"}"]')
    text = text.replace('PATH = "content"', f'PATH = "{ROOT / "content"}"')
    config = tmp_path / "pelicanconf.py"
    config.write_text(text + "\n" + "\n".join(lines) + "\n", "utf-8")
    return config


def line_of(config: Path, start: str) -> int:
    """The last line that sets it (the one that counts)."""
    return max(n for n, line in enumerate(config.read_text("utf-8").splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize("setting, message", [
    ('GONGKAI_LATEST_COUNT = "5"', "设置 GONGKAI_LATEST_COUNT 应当是整数（不加引号），例如 20（现在是 '5'）"),
    ('GONGKAI_FINANCE_EVERY = "monthly"', "设置 GONGKAI_FINANCE_EVERY 只能是 'month' 或 'quarter' 之一（现在是 'monthly'）"),
    ("GONGKAI_FEED_MAX_ENTRIES = 0", "设置 GONGKAI_FEED_MAX_ENTRIES 不能小于 1（现在是 0）"),
    ('GONGKAI_COLUMN_MAX_AGE_DAYS = {"财务": "31"}', "设置 GONGKAI_COLUMN_MAX_AGE_DAYS 里“财务”的值应当是整数（不加引号），例如 20"),
    ('GONGKAI_DEFAULT_COLUMNS = {"village": {"notice": "新闻"}}', "设置 GONGKAI_DEFAULT_COLUMNS 里 village 的 notice 写的栏目“新闻”不在栏目表里"),
    ('SITEURL = "gongkai.example.cn"', "设置 SITEURL 的写法不对，例如 \"https://gongkai.qingchuan.gov.cn\""),
    ('GONGKAI_VILLAGE_COLUMNS = ["党务", "党务"]', "设置 GONGKAI_VILLAGE_COLUMNS 里有重复的名称"),
])
def test_a_wrong_setting_is_one_line_at_its_line_and_exit_2(tmp_path, setting, message):
    config = config_with(tmp_path, setting)
    for command in ("check", "build"):
        result = publish(command, "--config", config, "--output", tmp_path / "out")
        assert result.returncode == 2, result.stderr
        line = line_of(config, setting.split(" = ")[0] + " = ")
        assert result.stderr.startswith(f"{config}:{line}: 错误: {message}"), result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert "程序内部错误" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_misspelt_setting_is_a_warning_with_a_suggestion(tmp_path):
    config = config_with(tmp_path, "GONGKAI_LATST_COUNT = 5")
    result = publish("check", "--config", config)
    assert result.returncode == 0
    line = line_of(config, "GONGKAI_LATST_COUNT")
    assert f"{config}:{line}: 警告: 不认识的设置 GONGKAI_LATST_COUNT，没有起作用：是不是想写 GONGKAI_LATEST_COUNT？" in result.stderr


def test_a_setting_with_the_right_type_takes_effect(tmp_path):
    settings = Settings.from_pelican({"GONGKAI_FINANCE_EVERY": "quarter", "GONGKAI_VILLAGE_COLUMNS": ["党务", "财务"],
                                      "SITEURL": "https://gongkai.example.cn/",
                                      "GONGKAI_DATA_CONTACT_EMAIL": "gongkai@example.cn"})
    assert (settings.finance_every, settings.village_columns, settings.site_url) == (
        "quarter", ("党务", "财务"), "https://gongkai.example.cn")


def test_every_setting_has_a_doc_and_a_default_its_own_kind_accepts():
    for f in fields(Settings):
        assert f.metadata["doc"].endswith("。"), f.name
        default = f.default_factory() if callable(f.default_factory) else f.default
        assert f.metadata["kind"].convert(default) == default, f.name


def test_all_wrong_settings_are_reported_together():
    with pytest.raises(SettingsError) as raised:
        Settings.from_pelican({"GONGKAI_LATEST_COUNT": "5", "GONGKAI_LANGUAGE": "fr"})
    assert [p.line for p in raised.value.problems] == [1, 1] and len(raised.value.problems) == 2


def test_the_demo_config_is_clean():
    result = publish("check")
    assert result.returncode == 0 and "警告: 不认识的设置" not in result.stderr

"""The command line itself: fast to start, the shared options everywhere, library errors as exit 2."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, publish
from gongkai import cli

HEAVY = ("pelican", "whoosh", "jsonschema", "fastjsonschema", "markdown", "feedgen", "boto3", "paramiko", "nh3",
         "zxingcpp", "gongkai.load", "gongkai.generator")


def test_help_loads_none_of_the_build():
    """publish.py --help (and parsing any command line) imports only what declaring the commands needs."""
    probe = ("import sys; sys.path.insert(0, 'plugins'); from gongkai import cli; cli.parser(); "
             "print('\\n'.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split())
    assert "gongkai.commands.build" in loaded  # the probe did build the whole parser
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY) == []


def test_every_command_takes_the_common_options():
    commands = cli.parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) == set(cli.command_names()) and len(commands) >= 10
    for name, command in commands.items():
        assert {"--content", "--output", "--config"} <= set(command._option_string_actions), name


def test_help_lists_every_command_in_chinese():
    result = publish("--help")
    assert result.returncode == 0
    for name in cli.command_names():
        assert name in result.stdout


def test_a_missing_config_is_exit_2_with_one_line(tmp_path):
    result = publish("check", "--config", tmp_path / "nowhere.py")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"publish.py: 找不到配置文件 {tmp_path / 'nowhere.py'}：请用 --config 指定 pelicanconf.py"]


def test_verify_takes_the_output_folder_when_no_copy_is_named(demo_site):
    result = publish("verify", "--output", demo_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"校验通过：{demo_site} 的" in result.stderr

"""Where a project's things are: its Pelican config, content and output folders."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

from .settings import Settings

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "pelicanconf.py"


class UsageError(Exception):
    """Wrong command line or environment: exit status 2."""


@dataclass
class Project:
    config: Path
    content: Path
    output: Path
    pelican: dict
    settings: Settings


def open_project(content: str | None = None, output: str | None = None, config: str | None = None) -> Project:
    config_path = Path(config).resolve() if config else DEFAULT_CONFIG
    if not config_path.is_file():
        raise UsageError(f"找不到配置文件 {config_path}：请用 --config 指定 pelicanconf.py")
    logging.getLogger("pelican").setLevel(logging.ERROR)
    override = {}
    if content:
        if not Path(content).is_dir():
            raise UsageError(f"内容文件夹 {content} 不存在：请用 --content 指定")
        override["PATH"] = str(Path(content).resolve())
    if output:
        override["OUTPUT_PATH"] = str(Path(output).resolve())
    pelican = read_settings(str(config_path), override=override)
    content_path = Path(pelican["PATH"])
    if not content_path.is_dir():
        raise UsageError(f"内容文件夹 {content_path} 不存在：请用 --content 指定")
    return Project(config_path, content_path, Path(pelican["OUTPUT_PATH"]), pelican, Settings.from_pelican(pelican))

"""Where a project's things are: its Pelican config, content and output folders, its settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ProjectError
from .settings import Settings

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = PROJECT_DIR / "pelicanconf.py"


@dataclass
class Project:
    config: Path
    content: Path
    output: Path
    pelican: dict[str, Any]
    settings: Settings


def open_project(content: str | Path | None = None, output: str | Path | None = None,
                 config: str | Path | None = None) -> Project:
    """Read the config (Pelican's, then ours, checked) with the folders the command line gave."""
    from pelican.settings import read_settings  # only commands that build need Pelican

    config_path = Path(config).resolve() if config else DEFAULT_CONFIG
    if not config_path.is_file():
        raise ProjectError(f"找不到配置文件 {config_path}：请用 --config 指定 pelicanconf.py")
    logging.getLogger("pelican").setLevel(logging.ERROR)
    override = {}
    if content:
        if not Path(content).is_dir():
            raise ProjectError(f"内容文件夹 {content} 不存在：请用 --content 指定")
        override["PATH"] = str(Path(content).resolve())
    if output:
        override["OUTPUT_PATH"] = str(Path(output).resolve())
    pelican = read_settings(str(config_path), override=override)
    content_path = Path(pelican["PATH"])
    if not content_path.is_dir():
        raise ProjectError(f"内容文件夹 {content_path} 不存在：请用 --content 指定")
    settings = Settings.from_pelican(pelican, config_path)
    return Project(config_path, content_path, Path(pelican["OUTPUT_PATH"]), pelican, settings)


def from_args(args: Any) -> Project:
    """The project a command names with the common options (--content, --output, --config)."""
    return open_project(content=args.content, output=args.output, config=args.config)

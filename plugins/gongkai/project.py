"""Where a project's things are: its Pelican config, content and output folders, its settings.

A county copies pelicanconf.py into its own repository (beside its content) and runs
``publish.py --config`` on it from anywhere. Relative paths in a config are read the way
that copy needs: PATH, OUTPUT_PATH and CACHE_PATH against the config's own folder; THEME
and PLUGIN_PATHS there when they exist there, else in Gongkai's folder (the county does
not copy the theme and the plugin). A config that cannot be run, or that names a folder or
theme that does not exist, is one ``pelicanconf.py:LINE: 错误:`` line, never a traceback.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ProjectError
from .problems import ERROR, Problem
from .settings import Settings, SettingsError, assignment_lines, config_name

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = PROJECT_DIR / "pelicanconf.py"
BESIDE_CONFIG = ("PATH", "OUTPUT_PATH", "CACHE_PATH")
BESIDE_CONFIG_OR_GONGKAI = ("THEME",)


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
    values = resolve_paths(run_config(config_path), config_path.parent)
    if content:
        if not Path(content).is_dir():
            raise ProjectError(f"内容文件夹 {content} 不存在：请用 --content 指定")
        values["PATH"] = str(Path(content).resolve())
    if output:
        values["OUTPUT_PATH"] = str(Path(output).resolve())
    content_path = Path(values.get("PATH") or config_path.parent)
    if not content_path.is_dir():
        raise config_problem(config_path, "PATH", f"内容文件夹 {content_path} 不存在：请用 --content 指定，"
                                                  f"或改 PATH（相对于配置文件所在的文件夹 {config_path.parent}）")
    values["PATH"] = str(content_path)
    try:
        pelican = read_settings(None, override=values)
    except ValueError as error:  # Pelican's own check: a THEME that is neither a folder nor a built-in theme
        if "theme" not in str(error).lower():
            raise
        raise config_problem(config_path, "THEME", f"找不到主题 {values.get('THEME')}：THEME 写主题文件夹的路径"
                                                   f"（例如 {PROJECT_DIR / 'themes' / 'gongkai'}），或删去这一行用 Gongkai 的主题") from None
    settings = Settings.from_pelican(pelican, config_path)
    return Project(config_path, content_path, Path(pelican["OUTPUT_PATH"]), pelican, settings)


def run_config(config_path: Path) -> dict[str, Any]:
    """The settings a config file defines; an error in it is one line at its line."""
    from pelican.settings import get_settings_from_file

    try:
        return get_settings_from_file(str(config_path))
    except SyntaxError as error:
        raise SettingsError([Problem(config_name(config_path), error.lineno or 1, ERROR,
                                     f"配置文件写法有错（{error.msg}）：请对照 Gongkai 的 pelicanconf.py 修改这一行")]) from None
    except Exception as error:  # anything the config's own code raises (a typo'd name, a failed import)
        lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).resolve() == config_path]
        raise SettingsError([Problem(config_name(config_path), lines[-1] if lines else 1, ERROR,
                                     f"配置文件运行出错（{type(error).__name__}: {error}）：请对照 Gongkai 的 pelicanconf.py 修改这一行")]) from None


def resolve_paths(values: dict[str, Any], config_dir: Path) -> dict[str, Any]:
    """The config's relative paths made absolute, the way a copied config needs them (see above)."""
    resolved = dict(values)
    for key in BESIDE_CONFIG:
        if isinstance(values.get(key), str) and values[key]:
            resolved[key] = str((config_dir / values[key]).resolve())
    for key in BESIDE_CONFIG_OR_GONGKAI:
        if isinstance(values.get(key), str) and values[key]:
            resolved[key] = beside_config_or_gongkai(values[key], config_dir)
    if isinstance(values.get("PLUGIN_PATHS"), (list, tuple)):
        resolved["PLUGIN_PATHS"] = [beside_config_or_gongkai(p, config_dir) for p in values["PLUGIN_PATHS"]]
    return resolved


def beside_config_or_gongkai(path: str, config_dir: Path) -> str:
    if Path(path).is_absolute():
        return path
    for base in (config_dir, PROJECT_DIR):
        if (base / path).exists():
            return str((base / path).resolve())
    return path  # a name (Pelican's built-in themes), or missing: Pelican says which


def config_problem(config_path: Path, name: str, message: str) -> SettingsError:
    line = assignment_lines(config_path).get(name, 1)
    return SettingsError([Problem(config_name(config_path), line, ERROR, message)])


def from_args(args: Any) -> Project:
    """The project a command names with the common options (--content, --output, --config)."""
    return open_project(content=args.content, output=args.output, config=args.config)

"""Which folder a build may replace: never one Gongkai did not create.

A build replaces its whole output folder (commands/build.py swaps a fresh one in), so an
output that is, holds or lies inside the content, the theme, the plugins or the config,
or that is or holds a git work tree, would take the clerk's records (or .git) with it.
Those are refused before anything is touched. An output that already exists is replaced
only when it is a previous build: the marker of a Gongkai build is the ``manifest.json``
every build writes last (format ``gongkai-manifest/1``), and every file in the folder must
be one that manifest lists, so that a document a clerk saved into ``output/`` is named,
never deleted. The marker is the manifest rather than a file of its own so that nothing
is added to what ``verify`` and ``deploy`` compare with the manifest.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ProjectError
from .manifest import MANIFEST, NOT_LISTED, parse_manifest, repository_of, site_files
from .project import Project

FIX = "请用 --output 指定别的文件夹（默认是项目里的 output）"

LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""Files a file manager leaves in any folder it shows: they are not the clerk's work."""


def check_output(project: Project) -> None:
    """Raise ProjectError (one Chinese line) unless a build may replace ``project.output``."""
    output = project.output.resolve()
    for label, folder in protected_folders(project):
        refuse_overlap(output, label, folder)
    refuse_work_tree(output, work_folders(project))
    refuse_foreign(output)


def protected_folders(project: Project) -> list[tuple[str, Path]]:
    """(Chinese name, folder) of everything a build reads and must never replace."""
    plugins = [Path(p) for p in project.pelican.get("PLUGIN_PATHS", [])] + [Path(__file__).resolve().parents[1]]
    return ([("内容文件夹", project.content), ("主题文件夹", Path(project.pelican["THEME"])),
             ("配置文件", project.config)] + [("插件文件夹", folder) for folder in plugins])


def work_folders(project: Project) -> list[Path]:
    """Folders whose git work trees an output must not hold: the content's, the config's, the current one."""
    return [project.content.resolve(), project.config.resolve().parent, Path.cwd().resolve()]


def refuse_overlap(output: Path, label: str, folder: Path) -> None:
    folder = folder.resolve()
    if output == folder:
        relation = f"就是{label} {folder}"
    elif folder.is_relative_to(output):
        relation = f"包含{label} {folder}"
    elif output.is_relative_to(folder):
        relation = f"在{label} {folder} 里面"
    else:
        return
    raise ProjectError(f"不能生成到 {output}：它{relation}，生成网站会整个替换输出文件夹；{FIX}")


def refuse_work_tree(output: Path, folders: list[Path]) -> None:
    """The output may lie inside a git work tree (the default output/ does), never be or hold one."""
    for root in sorted({root for root in map(repository_of, folders) if root is not None}):
        if root.is_relative_to(output):
            where = "就是" if root == output else "包含"
            raise ProjectError(f"不能生成到 {output}：它{where} git 仓库 {root}，生成网站会整个替换输出文件夹；{FIX}")
    if (output / ".git").exists():
        raise ProjectError(f"不能生成到 {output}：它是一个 git 仓库（里面有 .git），生成网站会整个替换它；{FIX}")


def refuse_foreign(output: Path) -> None:
    """An existing output must be an empty folder, or a previous build holding nothing else."""
    if not output.exists() and not output.is_symlink():
        return
    if not output.is_dir():
        raise ProjectError(f"不能生成到 {output}：这是一个文件，不是文件夹；{FIX}")
    listed = previous_build_files(output)
    if listed is None:
        names = sorted(entry.name for entry in output.iterdir() if entry.name not in LITTER)
        if names:
            raise ProjectError(f"不能生成到 {output}：这个文件夹已有东西（如 {names[0]}），但不是 publish.py build "
                               f"生成的（没有 {MANIFEST}），生成网站会整个替换它；{FIX}，或先把它移走")
        return
    foreign = [path for path in site_files(output) if path not in listed and Path(path).name not in LITTER]
    if foreign:
        raise ProjectError(f"不能生成到 {output}：里面有 {len(foreign)} 个不是生成出来的文件（如 {foreign[0]}），"
                           "生成网站会整个替换这个文件夹、删掉它们；请先把它们移到别处（要公开的附件放进 content 里）")


def previous_build_files(output: Path) -> set[str] | None:
    """The files a previous build left in ``output`` (its manifest's list), or None if it is no build."""
    try:
        entries = parse_manifest((output / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return {entry.path for entry in entries} | NOT_LISTED

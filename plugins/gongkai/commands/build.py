"""publish.py build: check, build into a fresh folder, and swap it in only on success.

A failed build (content errors, or anything else) leaves the previous output exactly
as it was: the new site is written beside it and renamed into place at the end. An
output the build may not replace is refused first (output_guard.py); one build of an
output runs at a time (build_lock.py), in a staging folder of its own (staging.py), and
its forked writers die with it (children.py).
"""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

from ..addresses import base_url
from ..problems import Problem
from ..project import Project, from_args
from ..settings import assignment_lines, config_name
from .check import print_problems, summary

HELP = "检查并生成网站（出错时保留上一次生成的网站）"


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    return build(from_args(args))


def build(project: Project, quiet: bool = False) -> int:
    """Check and build into ``project.output``; refuse (ProjectError) an output a build may not replace."""
    from .. import build_lock, children
    from ..output_guard import check_output
    from ..staging import remove_stale

    check_output(project)
    output = project.output.resolve()
    try:
        with build_lock.holding(output), children.stopping_on_signals():
            remove_stale(output)
            return _build(project, output, quiet)
    except children.Interrupted:
        print("publish.py: 已中断：网站没有更新，上一次生成的网站还在", file=sys.stderr)
        return 2
    finally:
        gc.unfreeze()  # serve builds again in this process: this build's site must become collectable


def _build(project: Project, output: Path, quiet: bool) -> int:
    from .. import children
    from ..generator import render
    from ..load import load_site
    from ..manifest import signing_key_path, write_manifest
    from ..search import index as search_index
    from ..staging import new_staging, swap_in

    # The loaded site lives until the build ends. The cyclic GC walking it again and again
    # while it grows, and then in every collection the writers trigger, made each record
    # cost more the more records there were; frozen, it is left alone (and a forked
    # writer's copy-on-write pages stay shared).
    gc.disable()
    try:
        site, problems = load_site(project.content, project.settings)
    finally:
        gc.enable()
    gc.freeze()
    print_problems(problems)
    if problems.errors:
        print(summary(problems, len(site.records)) + "；网站没有更新", file=sys.stderr)
        return 1
    staging = new_staging(output)
    try:
        render(project.pelican, site, staging)
        write_manifest(staging, signing_key_path(project.settings, project.content), project.settings.site_url)
        with children.uninterrupted():  # never an output half swapped: the old one renamed away, the new not yet in
            swap_in(staging, output)
            search_index.promote(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        search_index.discard(staging)
    if not quiet:
        print(f"{summary(problems, len(site.records))}；网站已生成到 {output}", file=sys.stderr)
    if not project.settings.site_url:
        print(preview_notice(project), file=sys.stderr)
    return 0


def preview_notice(project: Project) -> str:
    """What a build without SITEURL is, said plainly: a line at pelicanconf.py's SITEURL."""
    line = assignment_lines(project.config).get("SITEURL", 1)
    return str(Problem(config_name(project.config), line, "警告",
                       f"没有设置网站地址 SITEURL：这次生成的是本机预览版，订阅源、开放数据、网站地图和 robots.txt 里的地址都是预览地址 "
                       f"{base_url(project.settings)}，打印的公示上没有二维码；publish.py deploy 不会发布它。要发布，请在 pelicanconf.py "
                       '里写上网站的地址，例如 SITEURL = "https://gongkai.qingchuan.gov.cn"，再生成一次'))

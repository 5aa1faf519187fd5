"""publish.py check: read and check every record; print every problem; build nothing."""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace
from typing import TextIO

from ..problems import Problems
from ..project import from_args

HELP = "检查全部记录，列出所有问题，不生成网站"


def add_arguments(parser: ArgumentParser) -> None:
    pass


def print_problems(problems: Problems, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    for problem in problems.sorted():
        print(problem, file=stream)


def summary(problems: Problems, record_count: int) -> str:
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors:
        return f"共 {errors} 个错误、{warnings} 个警告：请按上面每一行的提示改正后再试"
    return f"检查通过：{record_count} 条记录，{warnings} 个警告"


def run(args: Namespace) -> int:
    from ..load import load_site
    from ..site_identity import warn_if_missing

    project = from_args(args)
    site, problems = load_site(project.content, project.settings)
    warn_if_missing(project.settings, project.config, problems)
    print_problems(problems)
    print(summary(problems, len(site.records)), file=sys.stderr)
    return 1 if problems.errors else 0

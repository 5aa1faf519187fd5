"""publish.py mask FILE…: mask personal numbers in place, the site-wide way (spec §2).

The numbers are the ones ``check`` refuses (the same scan of what a reader gets, so a
full-width or split-up ID is found); ``masking`` overwrites every written form of each.
Whatever is still there afterwards is named, one line each, and the exit status is 1.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace
from pathlib import Path

from ..project import from_args
from . import UsageError

HELP = "把文件里的身份证号、手机号脱敏，删除银行账号（直接改写文件）"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", help="要处理的记录文件")


def run(args: Namespace) -> int:
    from ..markup import Markup
    from ..privacy.masking import mask_numbers
    from ..privacy.scan import file_leaks

    project = from_args(args)
    markup = Markup()
    left_over = 0
    for name in args.files:
        file = Path(name)
        if not file.is_file():
            file = project.content / name
        if not file.is_file():
            raise UsageError(f"找不到文件 {name}")
        text = file.read_text("utf-8-sig")
        masked, count = mask_numbers(text, [leak.finding for leak in file_leaks(file, project.content, markup)])
        if count:
            file.write_text(masked, encoding="utf-8")
        print(f"{file}：处理了 {count} 处", file=sys.stderr)
        for leak in sorted(file_leaks(file, project.content, markup), key=lambda leak: leak.line):
            left_over += 1
            how = f"{leak.finding.fix}，请手工修改这一处" if leak.fix == "mask" else leak.fix
            print(f"{file}:{leak.line}: 错误: {leak.where}里的{leak.finding.what}（{leak.finding.shown}）无法自动处理：{how}")
    return 1 if left_over else 0

"""publish.py's command line: dispatch to one module per command, never a traceback.

Exit status (spec §3): 0 clean (warnings allowed), 1 content errors, 2 usage or
environment errors.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import pkgutil
import sys

from . import commands
from .project import UsageError

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def command_names() -> list[str]:
    """Every module in commands/ is a command: adding one needs no edit here."""
    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own exit code is already 2; say it in Chinese too
        self.print_usage(sys.stderr)
        print(f"publish.py: 命令写法不对：{message}（publish.py --help 查看用法）", file=sys.stderr)
        sys.exit(2)


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="publish.py", description="公开：把村务、政务公开记录生成静态网站")
    sub = top.add_subparsers(dest="command", required=True, metavar="命令", parser_class=_Parser)
    for name in command_names():
        module = importlib.import_module(f".commands.{name}", __package__)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return top


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"publish.py: {error}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Exception) as error:
        happened = what_happened(error)
        if happened:
            print(f"publish.py: {happened}", file=sys.stderr)
        else:  # a bug of ours: one line for the clerk, details for the IT office
            print(f"publish.py: 程序内部错误（{type(error).__name__}: {error}）：请把这一行发给县信息中心；"
                  "设置环境变量 GONGKAI_DEBUG=1 可看详细信息", file=sys.stderr)
        if _debug():
            raise
        return 2


def what_happened(error: BaseException) -> str | None:
    """The clerk's words for an error that is the machine's or the clerk's, not a bug: Ctrl-C,
    a full disk, another file error; None for anything else.

    It may come second-hand: a Ctrl-C during the build is often raised again as the context
    of an error in the cleanup it interrupted, and a forked writer's failure arrives as the
    text of one (``background.py``), where only its ``[Errno 28]`` is left of a full disk.
    """
    chain = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or error.__context__
    if any(isinstance(e, KeyboardInterrupt) for e in chain):
        return "已中断"
    for e in chain:
        if (isinstance(e, OSError) and e.errno in _DISK_FULL) or any(f"[Errno {n}]" in str(e) for n in _DISK_FULL):
            where = f"（{e.filename}）" if getattr(e, "filename", None) else ""
            return f"磁盘已满，没能写完{where}：请腾出磁盘空间后重新运行"
    for e in chain:
        if isinstance(e, OSError):
            return f"读写文件出错：{e.strerror}" + (f"（{e.filename}）" if e.filename else "")
    return None


def _debug() -> bool:
    import os

    return os.environ.get("GONGKAI_DEBUG") == "1"

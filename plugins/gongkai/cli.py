"""publish.py's command line: dispatch to one module per command, never a traceback.

Each module in ``commands/`` is a command: ``HELP``, ``add_arguments(parser)`` for its own
options and ``run(args) -> int``. Command modules import only what declaring their
options needs; the library is imported inside ``run``, so ``publish.py --help`` (and any
one command) does not pay for Pelican, whoosh and the rest. The options every command
shares are declared once, here.

Exit status (spec §3): 0 clean (warnings allowed), 1 content errors, 2 usage or
environment errors — every ``GongkaiError`` the library raises.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence

from . import commands
from .errors import GongkaiError
from .settings import SettingsError

COMMON_OPTIONS = (
    ("--content", "内容文件夹（默认 content）"),
    ("--output", "生成的网站文件夹（默认 output）"),
    ("--config", "配置文件（默认 pelicanconf.py）"),
)

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def command_names() -> list[str]:
    """Every module in commands/ is a command: adding one needs no edit here."""
    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]  # argparse exits 2 too; say it in Chinese
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
        for option, help_text in COMMON_OPTIONS:
            command.add_argument(option, help=help_text)
        command.set_defaults(run=module.run)
    return top


class _Lines(logging.Handler):
    """Warnings the library logs (a misspelt setting) are problem lines already: print them as they are."""

    def emit(self, record: logging.LogRecord) -> None:
        print(record.getMessage(), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    logger = logging.getLogger("gongkai")
    logger.addHandler(_Lines())
    logger.propagate = False
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except SettingsError as error:  # problem lines of pelicanconf.py, as content problems are shown
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    except GongkaiError as error:
        print(f"publish.py: {error}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Exception) as error:
        happened = what_happened(error)
        if happened:
            print(f"publish.py: {happened}", file=sys.stderr)
        else:  # a bug of ours: one line for the clerk, details for the IT office
            print(f"publish.py: 程序内部错误（{type(error).__name__}: {error}）：请把这一行发给县信息中心；"
                  "设置环境变量 GONGKAI_DEBUG=1 可看详细信息", file=sys.stderr)
        if os.environ.get("GONGKAI_DEBUG") == "1":
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

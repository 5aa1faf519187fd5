"""publish.py users: the accounts of ``edit --serve`` (add, list, passwd, remove).

Each account belongs to one org: its clerk may change only that org's records. ``--reviewer``
lets the account approve the changes of the orgs below its own (with ``edit --serve --review``).
Passwords are read without echo (or one line from standard input with ``--password-stdin``)
and stored only as Argon2 hashes.
"""

from __future__ import annotations

import getpass
import re
import sys

from . import UsageError

HELP = "管理网上编辑器（edit --serve）的账号：add 添加、list 列出、passwd 改密码、remove 删除"
_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")


def add_arguments(parser) -> None:
    parser.add_argument("action", choices=("add", "list", "passwd", "remove"), help="要做什么")
    parser.add_argument("login", nargs="?", help="用户名（字母、数字、. _ -），例如 xiaohe-clerk")
    parser.add_argument("--org", help="add：这个账号所属的机构文件夹名，例如 xiaohe-village")
    parser.add_argument("--name", help="add：姓名（git 提交的作者名）；默认同用户名")
    parser.add_argument("--email", help="add：邮箱（git 提交的作者邮箱）")
    parser.add_argument("--reviewer", action="store_true", help="add：可以审核下级机构的修改（乡镇、县的账号）")
    parser.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作密码（脚本用）")
    parser.add_argument("--state", help="编辑器自己的文件夹（与 publish.py edit --state 相同）")


def _password(args) -> str:
    from ..editor.accounts import MIN_PASSWORD

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("密码：")
        if getpass.getpass("再输一次：") != password:
            raise UsageError("两次输入的密码不一样")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"密码至少 {MIN_PASSWORD} 个字符")
    return password


def run(args) -> int:
    from ..editor.accounts import Accounts
    from ..editor.store import state_folder
    from ..project import from_args

    project = from_args(args)
    accounts = Accounts(state_folder(project.content, args.state) / "users.json")
    if args.action == "list":
        for user in accounts.all():
            print(f"{user.login}\t{user.org}\t{user.name}\t{'审核人' if user.reviewer else '经办人'}")
        return 0
    if not args.login or not _LOGIN.match(args.login):
        raise UsageError("请写用户名：2–32 个字母、数字或 . _ -，例如 publish.py users add xiaohe-clerk --org xiaohe-village")
    if args.action == "add":
        if not args.org or not (project.content / "orgs" / args.org / "org.yaml").is_file():
            raise UsageError(f"请用 --org 写这个账号所属的机构（orgs/ 下的文件夹名）；“{args.org or ''}”不存在")
        if accounts.get(args.login):
            raise UsageError(f"账号 {args.login} 已经有了：改密码用 publish.py users passwd {args.login}")
        accounts.add(args.login, args.name or args.login, args.email or f"{args.login}@localhost", args.org,
                     args.reviewer, _password(args))
        print(f"已添加账号 {args.login}（{args.org}{'，审核人' if args.reviewer else ''}）", file=sys.stderr)
        return 0
    if accounts.get(args.login) is None:
        raise UsageError(f"没有账号 {args.login}（publish.py users list 列出全部）")
    if args.action == "passwd":
        accounts.set_password(args.login, _password(args))
        print(f"已修改 {args.login} 的密码", file=sys.stderr)
    else:
        accounts.remove(args.login)
        print(f"已删除账号 {args.login}", file=sys.stderr)
    return 0

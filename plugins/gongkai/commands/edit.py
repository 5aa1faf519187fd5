"""publish.py edit: the browser editor for clerks, on this computer or (--serve) for a county.

Local mode listens on 127.0.0.1 only and needs no account; ``--org`` limits it to one org.
``--serve`` is for a county's server behind its HTTPS reverse proxy (docs/editor.md): every
clerk logs in (``publish.py users``) and may change only their own org's records; with
``--review`` a clerk's save waits until a reviewer of a parent org approves it.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from . import UsageError
from .new import schema_url

HELP = "在浏览器里填写、修改公开记录（按 schema 生成表单，保存前检查，保存即提交 git）"
LOCAL = "127.0.0.1"


def add_arguments(parser) -> None:
    parser.add_argument("--port", type=int, default=8001, help="端口（默认 8001；0 表示任选一个空闲端口）")
    parser.add_argument("--org", help="只允许新建和修改这个机构的记录，例如 xiaohe-village")
    parser.add_argument("--author", help="git 提交的作者，写成“名字 <邮箱>”；默认用 git 的 user.name")
    parser.add_argument("--no-commit", action="store_true", help="保存后不提交 git")
    parser.add_argument("--serve", action="store_true", help="给全县用：要登录，每个账号只能改本单位的记录（放在 HTTPS 反向代理之后）")
    parser.add_argument("--review", action="store_true", help="与 --serve 一起用：经办人保存后要上级机构审核人批准才写入")
    parser.add_argument("--bind", default=LOCAL, help="与 --serve 一起用：监听地址（默认 127.0.0.1，由同一台机器上的 nginx 转发）")
    parser.add_argument("--origin", help="与 --serve 一起用：用户在浏览器里打开的地址，例如 https://bianji.example.gov.cn")
    parser.add_argument("--state", help="编辑器自己的文件夹（账号、草稿、待审核）；默认是内容文件夹旁边的 .gongkai-editor")


def _check_options(args, project) -> None:
    if not args.serve and (args.review or args.bind != LOCAL or args.origin):
        raise UsageError("--review、--bind 和 --origin 只能与 --serve 一起用：本机模式只在 127.0.0.1 上开放")
    if args.serve and args.org:
        raise UsageError("--serve 模式按账号决定能改哪个机构：请去掉 --org，用 publish.py users add … --org 设定")
    if args.org and not (project.content / "orgs" / args.org / "org.yaml").is_file():
        raise UsageError(f"机构 {args.org} 不存在（没有 orgs/{args.org}/org.yaml）")
    if args.origin and not args.origin.startswith(("https://", "http://")):
        raise UsageError(f"--origin 要写完整地址，例如 https://bianji.example.gov.cn（现在是 {args.origin}）")


def _listen(host: str, port: int) -> socket.socket:
    try:
        sock = socket.create_server((host, port))
    except OSError as error:
        raise UsageError(f"无法在 {host}:{port} 上启动：{error.strerror}（端口被占用？请用 --port 换一个）") from error
    return sock


def run(args) -> int:
    import uvicorn

    from ..editor import commits
    from ..project import from_args
    from ..editor.accounts import Accounts
    from ..editor.app import App, Options
    from ..editor.editing import Editor
    from ..editor.preview import Preview
    from ..editor.store import state_folder
    from ..editor.workspace import Workspace

    project = from_args(args)
    _check_options(args, project)
    state = state_folder(project.content, args.state)
    accounts = Accounts(state / "users.json") if args.serve else None
    if accounts is not None and not accounts.all():
        raise UsageError(f"还没有账号：请先用 publish.py users add <用户名> --org <机构> 添加（账号存在 {state}）")
    print("正在读取全部记录……", file=sys.stderr, flush=True)
    workspace = Workspace(project.content, project.settings)
    editor = Editor(workspace, lambda target, record_type: schema_url(project, Path(target), record_type), state,
                    commit=not args.no_commit, review=args.review, output=project.output)
    sock = _listen(args.bind, args.port)
    port = sock.getsockname()[1]
    address = f"http://{args.bind}:{port}"
    origins = {args.origin.rstrip("/")} if args.origin else {address}
    if not args.serve:
        origins.add(f"http://localhost:{port}")
    author = commits.Author.parse(args.author) if args.author else commits.configured_author(project.content)
    options = Options(origins, project.settings.site_name, args.serve, args.review, args.org, author)
    app = App(editor, Preview(project.pelican), options, accounts).asgi()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                           proxy_headers=args.serve, forwarded_allow_ips=LOCAL, server_header=False))
    errors = sum(len(e.errors) for e in workspace.entries.values())
    if errors:
        print(f"内容里现在有 {errors} 个错误：打开编辑器可以看到它们并改正", file=sys.stderr)
    if not editor.commit and not args.no_commit:
        print("内容文件夹不在 git 仓库里：保存后不会提交 git", file=sys.stderr)
    shown = args.origin or address
    print(f"编辑器地址：{shown}/ （按 Ctrl+C 停止）", file=sys.stderr, flush=True)
    server.run(sockets=[sock])
    return 0

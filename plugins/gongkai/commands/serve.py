"""publish.py serve: build, preview on localhost, rebuild when content or theme changes."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from ..errors import GongkaiError
from ..project import from_args
from .build import build

HELP = "生成网站并在本机预览（内容改动后自动重新生成）"


def add_arguments(parser) -> None:
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--bind", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只有本机能访问）")
    parser.add_argument("--poll", type=float, default=1.0, help="检查改动的间隔秒数")


def snapshot(folders) -> dict:
    """Path → (mtime, size) of every file: cheap enough to poll once a second."""
    state = {}
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.is_file():
                stat = path.stat()
                state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def watch(project, folders, interval: float, stop: threading.Event) -> None:
    seen = snapshot(folders)
    while not stop.wait(interval):
        now = snapshot(folders)
        if now != seen:
            seen = now
            print("内容有改动，重新生成……", file=sys.stderr)
            try:
                build(project)
            except GongkaiError as error:  # e.g. another build of this output is running: try at the next change
                print(f"publish.py: {error}", file=sys.stderr)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def run(args) -> int:
    project = from_args(args)
    build(project)
    project.output.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(project.output))
    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler)
    stop = threading.Event()
    theme = Path(project.pelican["THEME"])
    watcher = threading.Thread(target=watch, args=(project, [project.content, theme], args.poll, stop), daemon=True)
    watcher.start()
    print(f"预览地址：http://{args.bind}:{server.server_address[1]}/ （按 Ctrl+C 停止）", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0

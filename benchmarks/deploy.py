"""What a deploy of the demo county sends: first time, again unchanged, after one edited record.

Prints, per kind of target on loopback (a folder, FTP via pyftpdlib, a git pages branch),
the files and bytes sent and the seconds taken. The baseline is the first deploy: an
incremental deploy should send a small fraction of it.

    .venv/bin/python benchmarks/deploy.py
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLISH = [sys.executable, str(ROOT / "publish.py")]


def run(*args, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run([*PUBLISH, *map(str, args)], capture_output=True, text=True, env={**os.environ, **(env or {})})
    if result.returncode != 0:
        sys.exit(result.stderr)
    return result


def sent(result: subprocess.CompletedProcess, output: Path) -> tuple[int, int]:
    paths = [line.split(" ", 1)[1] for line in result.stdout.splitlines() if line.startswith(("新增", "更新"))]
    return len(paths), sum((output / p).stat().st_size for p in paths if (output / p).is_file())


def ftp_server(home: Path):
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.ioloop import IOLoop
    from pyftpdlib.servers import FTPServer

    quiet = logging.getLogger("pyftpdlib")
    quiet.addHandler(logging.NullHandler())  # else pyftpdlib logs every command to stderr
    quiet.setLevel(logging.WARNING)
    quiet.propagate = False
    authorizer = DummyAuthorizer()
    authorizer.add_user("bench", "bench-password", str(home), perm="elradfmwMT")
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer})
    server = FTPServer(("127.0.0.1", 0), handler, ioloop=IOLoop())
    threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True).start()
    return server


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-deploy-"))
    try:
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        old, new = work / "old", work / "new"
        run("build", "--content", content, "--output", old)
        record = next(p for p in sorted(content.rglob("*.md")) if "/orgs/" in p.as_posix())
        record.write_text(record.read_text("utf-8") + "\n补充说明：本条已更新。\n", encoding="utf-8")
        run("build", "--content", content, "--output", new)
        total = sum(1 for p in old.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in old.rglob("*") if p.is_file())
        print(f"demo site: {total} files, {size / 1024:.0f} KB; edited {record.relative_to(content)}")
        (work / "ftp").mkdir()
        server = ftp_server(work / "ftp")
        subprocess.run(["git", "init", "--bare", "--quiet", str(work / "pages.git")], check=True)
        targets = {
            "file": (work / "www").as_uri(),
            "ftp": f"ftp://bench:bench-password@127.0.0.1:{server.address[1]}/",
            "git": f"git+file://{work / 'pages.git'}#gh-pages",
        }
        env = {"XDG_CACHE_HOME": str(work / "cache"), "SOURCE_DATE_EPOCH": "1767225600"}
        print(f"{'target':8} {'step':12} {'files':>6} {'KB':>8} {'seconds':>8}")
        for name, url in targets.items():
            for step, output in (("first", old), ("unchanged", old), ("one edit", new)):
                started = time.perf_counter()
                result = run("deploy", url, "--output", output, env=env)
                seconds = time.perf_counter() - started
                files, sent_bytes = sent(result, output)
                print(f"{name:8} {step:12} {files:6d} {sent_bytes / 1024:8.1f} {seconds:8.2f}")
        server.close_all()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

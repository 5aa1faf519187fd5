"""What a deploy of the demo county sends: first time, again unchanged, after one edited record.

Prints, per kind of target on loopback (a folder, FTP via pyftpdlib, S3 via moto_server, a
git pages branch),
the files and bytes sent and the seconds taken. The baseline is the first deploy: an
incremental deploy should send a small fraction of it.

    .venv/bin/python benchmarks/deploy.py
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int) -> None:
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing listens on {port}")


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
        s3_port = free_port()
        moto_log = open(work / "moto.log", "w")  # noqa: SIM115 - the server writes to it until it stops (closed below)
        moto = subprocess.Popen([str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(s3_port)],
                                stdout=subprocess.DEVNULL, stderr=moto_log)
        endpoint = f"http://127.0.0.1:{s3_port}"
        env = {"XDG_CACHE_HOME": str(work / "cache"), "SOURCE_DATE_EPOCH": "1767225600",
               "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench-secret"}
        wait_for(s3_port)
        import boto3

        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bench",
                     aws_secret_access_key="bench-secret").create_bucket(Bucket="bench")
        targets = {
            "file": (work / "www").as_uri(),
            "ftp": f"ftp://bench:bench-password@127.0.0.1:{server.address[1]}/",
            "s3": f"s3://bench/site?endpoint={endpoint}",
            "git": f"git+file://{work / 'pages.git'}#gh-pages",
        }
        print(f"{'target':8} {'step':12} {'files':>6} {'KB':>8} {'seconds':>8}")
        for name, url in targets.items():
            for step, output in (("first", old), ("unchanged", old), ("one edit", new)):
                started = time.perf_counter()
                result = run("deploy", url, "--output", output, env=env)
                seconds = time.perf_counter() - started
                files, sent_bytes = sent(result, output)
                print(f"{name:8} {step:12} {files:6d} {sent_bytes / 1024:8.1f} {seconds:8.2f}")
        server.close_all()
        moto.terminate()
        moto.wait()
        moto_log.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

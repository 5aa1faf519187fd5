"""Real servers on 127.0.0.1 for the deploy and verify tests, and a tiny site to publish.

OpenSSH's sshd (Debian openssh-server), pyftpdlib (FTP and FTPS with a trustme CA), moto's
standalone S3 server, Python's http.server, and bare git repositories. Each fixture starts
its server on a free port and stops it afterwards.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import posixpath
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

import documents
from conftest import DEMO_CONTENT, free_port, publish
from sitebuild import SITE_URL, write_config

FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "deploy-content"
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
STATE = ".gongkai-deployed.json"


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- the site ---------------------------------------------------------------------------

def published_config(folder: Path) -> Path:
    """A county's config with the site's address: deploy refuses a preview build (no SITEURL)."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_config(folder, SITEURL=SITE_URL, GONGKAI_DATA_CONTACT_EMAIL="gongkai@example.gov.cn")


def build(content: Path, output: Path, env=None) -> Path:
    config = published_config(output.with_name(f".{output.name}-config"))
    result = publish("build", "--content", content, "--output", output, "--config", config, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def published_demo(tmp_path_factory) -> Path:
    """The demo county built with a site address, ready to deploy (read-only)."""
    return build(DEMO_CONTENT, tmp_path_factory.mktemp("published-demo") / "output")


def manifest_hashes(output: Path) -> dict[str, str]:
    import json

    document = json.loads((output / "manifest.json").read_text("utf-8"))
    return {f["path"]: f["sha256"] for f in document["files"]}


def changed_files(old: Path, new: Path) -> tuple[set[str], set[str]]:
    """(files to send, files to delete) between two builds, from their manifests."""
    before, after = manifest_hashes(old), manifest_hashes(new)
    sends = {p for p, h in after.items() if before.get(p) != h} | {"manifest.json"}
    return sends, set(before) - set(after)


def reported(stdout: str) -> dict[str, set[str]]:
    """The deploy's own report: action → paths."""
    found: dict[str, set[str]] = {"新增": set(), "更新": set(), "删除": set()}
    for line in stdout.splitlines():
        action, _, path = line.partition(" ")
        if action in found:
            found[action].add(path)
    return found


@pytest.fixture
def site_content(tmp_path) -> Path:
    """A private copy of the small deploy fixture content (a county, a village, four notices)."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def edit_one_record(content: Path) -> Path:
    record = content / "orgs" / "hexi-village" / "notices" / "2026-02.md"
    record.write_text(record.read_text("utf-8").replace("道路维修", "水渠清淤"), encoding="utf-8")
    return record


def add_one_record(content: Path) -> Path:
    record = content / "orgs" / "hexi-village" / "notices" / "2026-05.md"
    record.write_text("---\ntype: notice\ntitle: 河西村五月通知\ndate: 2026-05-06\ncategory: 村务\n---\n五月通知正文。\n",
                      encoding="utf-8")
    return record


def add_record_with_attachment(content: Path) -> Path:
    folder = content / "orgs" / "hexi-village" / "notices"
    (folder / "files" / "水渠图.pdf").write_bytes(documents.pdf("canal drawing", binary=bytes(range(256)) * 40))
    record = folder / "2026-06.yaml"
    record.write_text("type: notice\ntitle: 河西村水渠改造图纸\ndate: 2026-06-01\ncategory: 重大事项\n"
                      "attachments:\n  - {file: files/水渠图.pdf, title: 水渠改造图纸}\nbody: 图纸见附件。\n", encoding="utf-8")
    return record


def remove_one_record(content: Path) -> None:
    (content / "orgs" / "hexi-village" / "notices" / "2026-03.md").unlink()


def rename_village(content: Path) -> None:
    """An edit that changes most pages, the home page among them."""
    org = content / "orgs" / "hexi-village" / "org.yaml"
    org.write_text(org.read_text("utf-8").replace("name: 河西村", "name: 河西新村"), encoding="utf-8")


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def redeploy_after_an_edit_and_a_removal(site_content: Path, old: Path, folder: Path, target: str, env=None):
    """Edit one record, remove another, rebuild into ``folder``/new and deploy it to ``target``:
    the deploy must report exactly the files that changed and the pages that went.
    Returns the new build, the deploy's result and the set of files it touched."""
    edit_one_record(site_content)
    remove_one_record(site_content)
    new = build(site_content, folder / "new")
    sends, deletes = changed_files(old, new)
    result = publish("deploy", target, "--output", new, env=env)
    assert result.returncode == 0, result.stderr
    report = reported(result.stdout)
    assert report["新增"] | report["更新"] == sends and report["删除"] == deletes
    return new, result, sends | deletes


def local_links(folder: Path, page: str) -> set[str]:
    """Site paths a page links to or embeds (same site only)."""
    parser = _Links()
    parser.feed((folder / page).read_text("utf-8"))
    found = set()
    for href in parser.found:
        parts = urllib.parse.urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), urllib.parse.unquote(parts.path)))
        if href.endswith("/"):
            path = posixpath.join(path, "index.html")
        found.add(path)
    return found


def broken_links(folder: Path, known: set[str]) -> list[str]:
    """Links, among pages present in ``folder``, to files of ``known`` that ``folder`` lacks."""
    broken = []
    for page in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")):
        if ".gongkai-part" in page:
            continue
        for link in sorted(local_links(folder, page)):
            if link in known and not (folder / link).is_file():
                broken.append(f"{page} → {link}")
    return broken


# -- servers ----------------------------------------------------------------------------

@pytest.fixture
def isolated_env(tmp_path) -> dict[str, str]:
    """HOME, config and cache in the test's own folder: no real credentials or keys leak in."""
    home = tmp_path / "home"
    home.mkdir()
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache")}


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    """OpenSSH sshd on a free port; yields (port, user, client key, known_hosts file)."""
    if not Path(SSHD).exists():
        pytest.fail("sshd is not installed: .ci/install installs Debian's openssh-server")
    folder = tmp_path_factory.mktemp("sshd")
    for name in ("host", "client", "stranger"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True)
    os.chmod(folder, 0o755)
    (folder / "authorized_keys").write_text((folder / "client.pub").read_text())
    os.chmod(folder / "authorized_keys", 0o600)
    port = free_port()
    user = os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    root = os.geteuid() == 0
    if root:
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # privilege separation directory
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"ListenAddress 127.0.0.1:{port}", f"HostKey {folder / 'host'}", f"AuthorizedKeysFile {folder / 'authorized_keys'}",
        f"PidFile {folder / 'sshd.pid'}", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes", f"PermitRootLogin {'prohibit-password' if root else 'no'}", "StrictModes no",
        "UsePAM no", "Subsystem sftp internal-sftp", "LogLevel ERROR", "",
    ]))
    log = open(folder / "sshd.log", "w")  # a file, not a pipe nobody reads
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=log)
    try:
        wait_for_port(port, process)
        host_key = (folder / "host.pub").read_text().split()
        (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
        yield {"port": port, "user": user, "key": folder / "client", "stranger": folder / "stranger",
               "known_hosts": folder / "known_hosts"}
    finally:
        stop(process)
        log.close()


class FTPServer:
    """pyftpdlib in a thread: one user, a home folder, optional TLS and upload throttle."""

    def __init__(self, home: Path, user: str, password: str, certfile: Path | None = None, read_limit: int = 0):
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler, ThrottledDTPHandler, TLS_FTPHandler
        from pyftpdlib.ioloop import IOLoop
        from pyftpdlib.servers import FTPServer as Server

        authorizer = DummyAuthorizer()
        authorizer.add_user(user, password, str(home), perm="elradfmwMT")
        base = TLS_FTPHandler if certfile else FTPHandler
        attributes = {"authorizer": authorizer, "passive_ports": None, "banner": "test"}
        if certfile:
            attributes.update(certfile=str(certfile), tls_control_required=True, tls_data_required=True)
        if read_limit:
            attributes["dtp_handler"] = type("Slow", (ThrottledDTPHandler,), {"read_limit": read_limit})
        handler = type("Handler", (base,), attributes)
        self.server = Server(("127.0.0.1", 0), handler, ioloop=IOLoop())  # own loop: servers stay apart
        self.port = self.server.address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.close_all()
        self.thread.join(timeout=10)


@pytest.fixture
def ftp_home(tmp_path) -> Path:
    home = tmp_path / "ftp-home"
    home.mkdir()
    return home


@pytest.fixture
def ftp_server(ftp_home):
    import logging

    logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
    server = FTPServer(ftp_home, "clerk", "Ftp-Secret-4711")
    yield server
    server.close()


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory):
    """A throw-away CA and a certificate for 127.0.0.1 (trustme)."""
    trustme = pytest.importorskip("trustme")
    folder = tmp_path_factory.mktemp("ca")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    cert.private_key_and_cert_chain_pem.write_to_path(str(folder / "server.pem"))
    return {"ca": folder / "ca.pem", "server": folder / "server.pem"}


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """moto's standalone S3 server (moto_server) on a free port; yields its endpoint URL."""
    port = free_port()
    moto_server = Path(sys.executable).with_name("moto_server")
    command = [str(moto_server)] if moto_server.exists() else [sys.executable, "-m", "moto.server"]
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "w")  # a file, not a pipe: it logs every request
    process = subprocess.Popen([*command, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        log.close()


S3_KEYS = {"AWS_ACCESS_KEY_ID": "AKIATESTGONGKAI0001", "AWS_SECRET_ACCESS_KEY": "S3-Secret-Key-do-not-print-9876"}


def s3_client(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def http_site():
    """Serve a folder over HTTP on loopback: call with the folder, get its base URL."""
    servers = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def bare_repository(path: Path) -> Path:
    subprocess.run(["git", "init", "--bare", "--quiet", str(path)], check=True)
    return path

"""publish.py deploy ftp:// and ftps:// against pyftpdlib on loopback, and a deploy killed halfway."""

from __future__ import annotations

import subprocess
import sys

from conftest import PUBLISH, publish
from deploy_servers import (  # noqa: F401 - fixtures are used by name
    STATE,
    FTPServer,
    add_record_with_attachment,
    broken_links,
    build,
    changed_files,
    free_port,
    ftp_home,
    ftp_server,
    isolated_env,
    manifest_hashes,
    redeploy_after_an_edit_and_a_removal,
    remove_one_record,
    rename_village,
    reported,
    site_content,
    test_ca,
)

USER, PASSWORD = "clerk", "Ftp-Secret-4711"


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def site_files(folder):
    return {p: b for p, b in files_of(folder).items() if p != STATE and ".gongkai-part" not in p}


def test_ftp_first_deploy_then_only_changes_then_deletion(ftp_server, ftp_home, site_content, tmp_path, isolated_env):
    env = {**isolated_env, "GONGKAI_FTP_PASSWORD": PASSWORD}
    target = f"ftp://{USER}@127.0.0.1:{ftp_server.port}/htdocs"
    old = build(site_content, tmp_path / "old")
    first = publish("deploy", target, "--output", old, env=env)
    assert first.returncode == 0, first.stderr
    assert reported(first.stdout)["新增"] == set(files_of(old))
    assert site_files(ftp_home / "htdocs") == files_of(old)
    new, result, touched = redeploy_after_an_edit_and_a_removal(site_content, old, tmp_path, target, env)
    assert site_files(ftp_home / "htdocs") == files_of(new)
    assert PASSWORD not in first.stdout + first.stderr + result.stdout + result.stderr


def test_password_in_the_url_is_masked_and_a_wrong_one_is_one_line(ftp_server, ftp_home, site_content, tmp_path,
                                                                    isolated_env):
    output = build(site_content, tmp_path / "out")
    good = publish("deploy", f"ftp://{USER}:{PASSWORD}@127.0.0.1:{ftp_server.port}/", "--output", output, env=isolated_env)
    assert good.returncode == 0, good.stderr
    assert PASSWORD not in good.stdout + good.stderr
    assert f"ftp://{USER}:******@127.0.0.1" in good.stderr
    wrong_secret = "Wrong-Ftp-Pass-2024"
    bad = publish("deploy", f"ftp://{USER}:{wrong_secret}@127.0.0.1:{ftp_server.port}/", "--output", output,
                  env=isolated_env)
    assert bad.returncode == 2
    assert "用户名 clerk 或密码不对" in bad.stderr and bad.stderr.count("\n") == 1
    assert wrong_secret not in bad.stdout + bad.stderr
    closed = publish("deploy", f"ftp://{USER}@127.0.0.1:{free_port()}/", "--output", output,
                     env={**isolated_env, "GONGKAI_FTP_PASSWORD": PASSWORD})
    assert closed.returncode == 2 and "连不上服务器" in closed.stderr and PASSWORD not in closed.stderr


def test_credentials_file_outside_the_repository(ftp_server, ftp_home, site_content, tmp_path, isolated_env):
    output = build(site_content, tmp_path / "out")
    config = tmp_path / "home" / ".config" / "gongkai"
    config.mkdir(parents=True)
    (config / "credentials.ini").write_text(f"[ftp://127.0.0.1]\nuser = {USER}\npassword = {PASSWORD}\n", encoding="utf-8")
    result = publish("deploy", f"ftp://127.0.0.1:{ftp_server.port}/site", "--output", output, env=isolated_env)
    assert result.returncode == 0, result.stderr
    assert site_files(ftp_home / "site") == files_of(output)
    assert PASSWORD not in result.stdout + result.stderr


def test_ftps_checks_the_certificate_and_deploys(ftp_home, test_ca, site_content, tmp_path, isolated_env):
    server = FTPServer(ftp_home, USER, PASSWORD, certfile=test_ca["server"])
    try:
        output = build(site_content, tmp_path / "out")
        target = f"ftps://{USER}@127.0.0.1:{server.port}/www"
        env = {**isolated_env, "GONGKAI_FTP_PASSWORD": PASSWORD}
        untrusted = publish("deploy", target, "--output", output, env={**env, "SSL_CERT_FILE": str(tmp_path / "none.pem")})
        assert untrusted.returncode == 2 and "证书无法验证" in untrusted.stderr
        result = publish("deploy", target, "--output", output, env={**env, "SSL_CERT_FILE": str(test_ca["ca"])})
        assert result.returncode == 0, result.stderr
        assert site_files(ftp_home / "www") == files_of(output)
    finally:
        server.close()


def test_a_deploy_killed_halfway_leaves_a_consistent_site_and_a_rerun_completes(ftp_server, ftp_home, site_content,
                                                                                tmp_path, isolated_env):
    env = {**isolated_env, "GONGKAI_FTP_PASSWORD": PASSWORD}
    old = build(site_content, tmp_path / "old")
    assert publish("deploy", f"ftp://{USER}@127.0.0.1:{ftp_server.port}/", "--output", old, env=env).returncode == 0
    rename_village(site_content)  # changes most pages and the home page
    add_record_with_attachment(site_content)  # a new page linking to a new file
    remove_one_record(site_content)
    new = build(site_content, tmp_path / "new")
    sends, _ = changed_files(old, new)
    assert len(sends) > 20
    [new_page] = [p for p in set(manifest_hashes(new)) - set(manifest_hashes(old)) if p.endswith(".html")]

    slow = FTPServer(ftp_home, USER, PASSWORD, read_limit=16 * 1024)  # same folder, uploads at 16 KB/s
    try:
        process = subprocess.Popen([sys.executable, str(PUBLISH), "deploy", f"ftp://{USER}@127.0.0.1:{slow.port}/",
                                    "--output", str(new)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**__import__("os").environ, **env})
        done = []  # kill it just after the new page went up: its attachment must already be there
        while not done or not done[-1].rstrip("\n").endswith(new_page):
            done.append(process.stdout.readline())
            assert done[-1], "the deploy finished before it could be killed"
        process.kill()
        process.communicate(timeout=30)
    finally:
        slow.close()
    assert all(line.startswith(("新增", "更新")) for line in done), done
    assert len(done) < len(sends)

    live = ftp_home
    assert (live / "index.html").read_bytes() == (old / "index.html").read_bytes()  # the old home page still serves
    known = set(manifest_hashes(old)) | set(manifest_hashes(new))
    assert broken_links(live, known) == []
    for path, content in site_files(live).items():  # every file is a whole old or whole new version
        assert content in ((old / path).read_bytes() if (old / path).exists() else None,
                           (new / path).read_bytes() if (new / path).exists() else None), path

    rerun = publish("deploy", f"ftp://{USER}@127.0.0.1:{ftp_server.port}/", "--output", new, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert site_files(live) == files_of(new)
    assert not list(live.rglob("*.gongkai-part"))
    assert publish("verify", live).returncode == 0


def test_a_full_ftp_space_is_one_clear_line(ftp_home, site_content, tmp_path, isolated_env):
    """A host over quota answers STOR with 552 (RFC 959), as virtual hosts do."""
    import logging

    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.ioloop import IOLoop
    from pyftpdlib.servers import FTPServer as Server

    logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, str(ftp_home), perm="elradfmwMT")

    class OverQuota(FTPHandler):
        def ftp_STOR(self, file, mode="w"):
            self.respond("552 Requested file action aborted. Exceeded storage allocation.")

    handler = type("Handler", (OverQuota,), {"authorizer": authorizer})
    server = Server(("127.0.0.1", 0), handler, ioloop=IOLoop())
    import threading

    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    try:
        output = build(site_content, tmp_path / "out")
        result = publish("deploy", f"ftp://{USER}@127.0.0.1:{server.address[1]}/", "--output", output,
                         env={**isolated_env, "GONGKAI_FTP_PASSWORD": PASSWORD})
    finally:
        server.close_all()
        thread.join(timeout=10)
    assert result.returncode == 2
    assert "空间已满" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert PASSWORD not in result.stderr

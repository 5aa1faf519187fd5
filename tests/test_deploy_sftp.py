"""publish.py deploy sftp://… against a real OpenSSH sshd on loopback."""

from __future__ import annotations

from conftest import publish
from deploy_servers import (STATE, build, changed_files, edit_one_record, free_port, isolated_env,  # noqa: F401
                            remove_one_record, reported, site_content, sshd)


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def sftp_env(sshd, isolated_env, **extra):
    return {**isolated_env, "GONGKAI_SFTP_KEY": str(sshd["key"]), "GONGKAI_SSH_KNOWN_HOSTS": str(sshd["known_hosts"]), **extra}


def url(sshd, folder, port=None):
    return f"sftp://{sshd['user']}@127.0.0.1:{port or sshd['port']}{folder}"


def test_sftp_first_deploy_then_only_changes_then_deletion(sshd, site_content, tmp_path, isolated_env):
    env = sftp_env(sshd, isolated_env)
    target = tmp_path / "srv" / "www"
    old = build(site_content, tmp_path / "old")
    first = publish("deploy", url(sshd, target), "--output", old, env=env)
    assert first.returncode == 0, first.stderr
    assert reported(first.stdout)["新增"] == set(files_of(old))
    assert {p: b for p, b in files_of(target).items() if p != STATE} == files_of(old)

    again = publish("deploy", url(sshd, target), "--output", old, env=env)
    assert again.returncode == 0 and again.stdout == ""

    edit_one_record(site_content)
    remove_one_record(site_content)
    new = build(site_content, tmp_path / "new")
    sends, deletes = changed_files(old, new)
    result = publish("deploy", url(sshd, target), "--output", new, env=env)
    assert result.returncode == 0, result.stderr
    report = reported(result.stdout)
    assert report["新增"] | report["更新"] == sends and report["删除"] == deletes
    for path in deletes:
        assert not (target / path).exists()
    assert not list(target.rglob("*.gongkai-part"))
    assert publish("verify", target).returncode == 0


def test_sftp_wrong_credentials_are_one_line_and_never_printed(sshd, site_content, tmp_path, isolated_env):
    output = build(site_content, tmp_path / "out")
    secret = "Sftp-Password-Never-Shown-31337"
    env = {**isolated_env, "GONGKAI_SFTP_PASSWORD": secret, "GONGKAI_SSH_KNOWN_HOSTS": str(sshd["known_hosts"])}
    result = publish("deploy", url(sshd, tmp_path / "www"), "--output", output, env=env)
    assert result.returncode == 2
    assert "密码或密钥不对" in result.stderr and result.stderr.count("\n") == 1
    in_url = f"sftp://{sshd['user']}:{secret}@127.0.0.1:{sshd['port']}{tmp_path / 'www'}"
    result2 = publish("deploy", in_url, "--output", output,
                      env={**isolated_env, "GONGKAI_SSH_KNOWN_HOSTS": str(sshd["known_hosts"])})
    assert result2.returncode == 2
    wrong_key = publish("deploy", url(sshd, tmp_path / "www"), "--output", output,
                        env=sftp_env(sshd, isolated_env, GONGKAI_SFTP_KEY=str(sshd["stranger"])))
    assert wrong_key.returncode == 2 and "密码或密钥不对" in wrong_key.stderr
    for run in (result, result2, wrong_key):
        assert secret not in run.stdout + run.stderr
        assert "Traceback" not in run.stderr
    # the password written in the URL was tried (and refused) without ever being shown
    assert result2.stderr.splitlines() == [f"publish.py: 错误: 登录 127.0.0.1:{sshd['port']} 失败：用户名 {sshd['user']} "
                                           "的密码或密钥不对（设置 GONGKAI_SFTP_PASSWORD 或 GONGKAI_SFTP_KEY）"]
    assert not (tmp_path / "www").exists()


def test_sftp_unknown_host_key_and_unreachable_host(sshd, site_content, tmp_path, isolated_env):
    output = build(site_content, tmp_path / "out")
    stranger = publish("deploy", url(sshd, tmp_path / "www"), "--output", output,
                       env={**isolated_env, "GONGKAI_SFTP_KEY": str(sshd["key"])})  # empty known_hosts
    assert stranger.returncode == 2 and "不认识服务器" in stranger.stderr
    closed = publish("deploy", url(sshd, tmp_path / "www", port=free_port()), "--output", output,
                     env=sftp_env(sshd, isolated_env))
    assert closed.returncode == 2 and "连不上服务器" in closed.stderr
    assert "Traceback" not in stranger.stderr + closed.stderr
    assert not (tmp_path / "www").exists()

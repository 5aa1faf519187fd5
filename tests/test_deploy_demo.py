"""The demo county published to every kind of target; a second run sends nothing; copies verify."""

from __future__ import annotations

import subprocess
import uuid

import pytest

from conftest import publish
from deploy_servers import (S3_KEYS, STATE, bare_repository, ftp_home, ftp_server, isolated_env,  # noqa: F401 (fixtures)
                            published_demo, s3_client, s3_server, sshd)


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def deploy_twice(target, output, env) -> None:
    first = publish("deploy", target, "--output", output, env=env)
    assert first.returncode == 0, first.stderr
    assert len(first.stdout.splitlines()) >= len(files_of(output))
    second = publish("deploy", target, "--output", output, env=env)
    assert second.returncode == 0 and second.stdout == "", second.stdout[:500]


@pytest.mark.parametrize("scheme", ["file", "sftp", "ftp", "s3", "git"])
def test_demo_site_to_each_kind_of_target(scheme, published_demo, tmp_path, isolated_env, request):
    if scheme == "file":
        deploy_twice((tmp_path / "www").as_uri(), published_demo, isolated_env)
        published = tmp_path / "www"
    elif scheme == "sftp":
        sshd = request.getfixturevalue("sshd")
        env = {**isolated_env, "GONGKAI_SFTP_KEY": str(sshd["key"]), "GONGKAI_SSH_KNOWN_HOSTS": str(sshd["known_hosts"])}
        deploy_twice(f"sftp://{sshd['user']}@127.0.0.1:{sshd['port']}{tmp_path / 'www'}", published_demo, env)
        published = tmp_path / "www"
    elif scheme == "ftp":
        server, home = request.getfixturevalue("ftp_server"), request.getfixturevalue("ftp_home")
        env = {**isolated_env, "GONGKAI_FTP_PASSWORD": "Ftp-Secret-4711"}
        deploy_twice(f"ftp://clerk@127.0.0.1:{server.port}/www", published_demo, env)
        published = home / "www"
    elif scheme == "s3":
        endpoint = request.getfixturevalue("s3_server")
        bucket = f"demo-{uuid.uuid4().hex[:10]}"
        s3_client(endpoint).create_bucket(Bucket=bucket)
        deploy_twice(f"s3://{bucket}/?endpoint={endpoint}&acl=public-read", published_demo, {**isolated_env, **S3_KEYS})
        result = publish("verify", f"{endpoint}/{bucket}/")
        assert result.returncode == 0, result.stdout[:2000]
        return
    else:
        repo = bare_repository(tmp_path / "pages.git")
        deploy_twice(f"git+file://{repo}#gh-pages", published_demo, isolated_env)
        published = tmp_path / "checkout"
        subprocess.run(["git", "clone", "--quiet", "--branch", "gh-pages", str(repo), str(published)], check=True)
        subprocess.run(["rm", "-rf", str(published / ".git")], check=True)
    result = publish("verify", published)
    assert result.returncode == 0, result.stdout[:2000]
    assert {p for p in files_of(published) if p not in (STATE, ".nojekyll")} == set(files_of(published_demo))

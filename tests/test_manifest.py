"""The build's manifest and its Ed25519 signature; publish.py keygen."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import stat
import subprocess

import pytest

from conftest import ROOT, publish
from deploy_servers import build, isolated_env, site_content  # noqa: F401 (fixtures)


def keygen(env, out=None):
    args = ["keygen"] + (["--out", out] if out else [])
    return publish(*args, env=env)


def test_manifest_lists_every_file_with_size_and_sha256_and_is_byte_identical(site_content, tmp_path):
    first = build(site_content, tmp_path / "a")
    second = build(site_content, tmp_path / "b")
    data = (first / "manifest.json").read_bytes()
    assert data == (second / "manifest.json").read_bytes()
    files = json.loads(data)["files"]
    on_disk = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert [f["path"] for f in files] == sorted(set(on_disk) - {"manifest.json", "manifest.sig"})
    for entry in files:
        content = (first / entry["path"]).read_bytes()
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert not (first / "manifest.sig").exists() and not (first / "publisher-key.pub").exists()


def test_record_page_shows_its_content_hash(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    pages = list((output / "hexi-village" / "notice").glob("*.html"))
    assert pages
    for page in pages:
        assert "内容校验码（SHA-256）" in page.read_text("utf-8")


def test_keygen_then_signed_build_publishes_key_and_valid_signature(site_content, tmp_path, isolated_env):
    result = keygen(isolated_env)
    assert result.returncode == 0, result.stderr
    private = tmp_path / "home" / ".config" / "gongkai" / "publisher-key.pem"
    assert result.stdout.strip() == str(private)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert "指纹" in result.stderr
    output = build(site_content, tmp_path / "out", env={**isolated_env, "GONGKAI_SIGNING_KEY": str(private)})
    published_key = (output / "publisher-key.pub").read_bytes()
    assert published_key == (private.parent / "publisher-key.pem.pub").read_bytes()
    assert "publisher-key.pub" in {f["path"] for f in json.loads((output / "manifest.json").read_text())["files"]}
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    signature = base64.b64decode((output / "manifest.sig").read_bytes())
    load_pem_public_key(published_key).verify(signature, (output / "manifest.json").read_bytes())  # raises if bad


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl command not installed")
def test_signature_checks_with_plain_openssl(site_content, tmp_path, isolated_env):
    assert keygen(isolated_env, tmp_path / "keys" / "k.pem").returncode == 0
    output = build(site_content, tmp_path / "out", env={**isolated_env, "GONGKAI_SIGNING_KEY": str(tmp_path / "keys" / "k.pem")})
    (tmp_path / "sig.bin").write_bytes(base64.b64decode((output / "manifest.sig").read_bytes()))
    check = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(output / "publisher-key.pub"), "-rawin",
             "-in", str(output / "manifest.json"), "-sigfile", str(tmp_path / "sig.bin")]
    assert subprocess.run(check, capture_output=True).returncode == 0
    (output / "manifest.json").write_bytes((output / "manifest.json").read_bytes().replace(b'"size": ', b'"size":  ', 1))
    assert subprocess.run(check, capture_output=True).returncode != 0


def test_keygen_refuses_to_overwrite_or_write_inside_the_repository(tmp_path, isolated_env):
    out = tmp_path / "keys" / "publisher.pem"
    assert keygen(isolated_env, out).returncode == 0
    before = out.read_bytes()
    again = keygen(isolated_env, out)
    assert again.returncode == 2 and "不会覆盖" in again.stderr
    assert out.read_bytes() == before
    inside = keygen(isolated_env, ROOT / "tests" / "publisher.pem")
    assert inside.returncode == 2 and "仓库" in inside.stderr
    assert not (ROOT / "tests" / "publisher.pem").exists()
    assert "Traceback" not in again.stderr + inside.stderr


def test_signing_key_inside_the_repository_stops_the_build_and_keeps_the_old_site(site_content, tmp_path, isolated_env):
    output = build(site_content, tmp_path / "out")
    before = (output / "manifest.json").read_bytes()
    key_in_content = site_content / "publisher-key.pem"
    assert keygen(isolated_env, tmp_path / "k.pem").returncode == 0
    shutil.copy(tmp_path / "k.pem", key_in_content)
    result = publish("build", "--content", site_content, "--output", output,
                     env={**isolated_env, "GONGKAI_SIGNING_KEY": str(key_in_content)})
    assert result.returncode == 2
    assert "仓库外" in result.stderr and "Traceback" not in result.stderr
    assert (output / "manifest.json").read_bytes() == before


def test_missing_signing_key_is_one_clear_line(site_content, tmp_path, isolated_env):
    result = publish("build", "--content", site_content, "--output", tmp_path / "out",
                     env={**isolated_env, "GONGKAI_SIGNING_KEY": str(tmp_path / "nowhere.pem")})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "找不到签名私钥" in lines[-1] and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_private_key_file_is_not_world_readable_even_with_a_loose_umask(tmp_path, isolated_env):
    old = os.umask(0)
    try:
        assert keygen(isolated_env, tmp_path / "k.pem").returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "k.pem").stat().st_mode) == 0o600

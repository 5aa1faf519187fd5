"""publish.py verify: a folder or a live site (http.server on loopback) against the signed manifest."""

from __future__ import annotations

import shutil

import pytest

from conftest import publish
from deploy_servers import FIXTURE_CONTENT, build, free_port, http_site, isolated_env, site_content  # noqa: F401

RECORD = "hexi-village/notice"


@pytest.fixture(scope="session")
def signed_build(tmp_path_factory):
    """The fixture content built once and signed (read-only: tests use ``signed_site``)."""
    folder = tmp_path_factory.mktemp("signed")
    env = {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder / ".config")}
    key = folder / "keys" / "publisher.pem"
    assert publish("keygen", "--out", key, env=env).returncode == 0
    output = build(FIXTURE_CONTENT, folder / "out", env={**env, "GONGKAI_SIGNING_KEY": str(key)})
    return output, key.with_name("publisher.pem.pub")


@pytest.fixture
def signed_site(signed_build, tmp_path):
    """A private copy of the built, signed site, and the publisher's public key file."""
    output, public = signed_build
    copy = tmp_path / "out"
    shutil.copytree(output, copy)
    return copy, public


def a_record_page(output):
    return sorted((output / RECORD).glob("*.html"))[0]


def test_intact_folder_passes_with_the_trusted_key(signed_site):
    output, public = signed_site
    result = publish("verify", output, "--key", public)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "校验通过" in result.stderr and "你信任的公钥" in result.stderr


def test_folder_names_tampered_removed_and_extra_files(signed_site):
    output, public = signed_site
    tampered = a_record_page(output)
    tampered.write_text(tampered.read_text("utf-8").replace("河西村", "河东村"), encoding="utf-8")
    removed = output / "theme" / "css" / "site.css"
    removed.unlink()
    (output / "extra.html").write_text("<p>不是发布者发布的</p>", encoding="utf-8")
    result = publish("verify", output, "--key", public)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    relative = tampered.relative_to(output).as_posix()
    assert any(line.startswith(f"{relative}: 错误: 文件被改动") for line in lines), lines
    assert any(line.startswith("theme/css/site.css: 错误: 缺少文件") for line in lines), lines
    assert any(line.startswith("extra.html: 错误: 多出文件") for line in lines), lines
    assert len(lines) == 3
    assert "Traceback" not in result.stderr


def test_a_rewritten_manifest_fails_the_signature(signed_site):
    output, public = signed_site
    page = a_record_page(output)
    page.write_text("篡改", encoding="utf-8")
    # the forger also rewrites the manifest to match: the signature no longer does
    import hashlib
    import json

    relative = page.relative_to(output).as_posix()
    document = json.loads((output / "manifest.json").read_text("utf-8"))
    for entry in document["files"]:
        if entry["path"] == relative:
            entry["sha256"] = hashlib.sha256(page.read_bytes()).hexdigest()
            entry["size"] = page.stat().st_size
    (output / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    result = publish("verify", output, "--key", public)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [line for line in result.stdout.splitlines() if line.startswith("manifest.sig: 错误: 签名与清单不符")]
    assert result.stdout.strip()


def test_a_site_signed_with_another_key_fails_against_the_trusted_key(signed_site, tmp_path, isolated_env):
    output, _ = signed_site
    assert publish("keygen", "--out", tmp_path / "other" / "k.pem", env=isolated_env).returncode == 0
    result = publish("verify", output, "--key", tmp_path / "other" / "k.pem.pub")
    assert result.returncode == 1
    assert "签名与清单不符" in result.stdout


def test_without_a_key_the_published_key_is_used_and_said_so(signed_site):
    output, _ = signed_site
    result = publish("verify", output)
    assert result.returncode == 0
    assert "公钥取自网站本身" in result.stderr


def test_unsigned_site_passes_only_without_a_trusted_key(site_content, tmp_path, signed_site):
    _, public = signed_site
    output = build(site_content, tmp_path / "unsigned")
    assert publish("verify", output).returncode == 0
    result = publish("verify", output, "--key", public)
    assert result.returncode == 1 and "没有签名" in result.stdout


def test_live_site_over_http_names_tampered_and_removed_files(signed_site, http_site):
    output, public = signed_site
    url = http_site(output)
    intact = publish("verify", url, "--key", public)
    assert intact.returncode == 0, intact.stdout + intact.stderr
    tampered = a_record_page(output)
    tampered.write_bytes(tampered.read_bytes() + b"<!-- injected -->")
    attachment = next(output.rglob("*.pdf"))
    attachment.unlink()
    result = publish("verify", url.rstrip("/"), "--key", public)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{tampered.relative_to(output).as_posix()}: 错误: 文件被改动") for line in lines), lines
    assert any(line.startswith(f"{attachment.relative_to(output).as_posix()}: 错误: 缺少文件") for line in lines), lines
    assert len(lines) == 2


def test_unreachable_site_and_missing_folder_are_usage_errors(tmp_path):
    unreachable = publish("verify", f"http://127.0.0.1:{free_port()}/")
    assert unreachable.returncode == 2 and "连不上" in unreachable.stderr
    missing = publish("verify", tmp_path / "nowhere")
    assert missing.returncode == 2 and "找不到文件夹" in missing.stderr
    assert "Traceback" not in unreachable.stderr + missing.stderr


def test_folder_without_manifest_is_not_intact(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>hi</p>")
    result = publish("verify", tmp_path / "site")
    assert result.returncode == 1 and "没有清单文件" in result.stdout

"""A build without SITEURL is a local preview: build says so plainly and deploy refuses it.

Such a build writes http://127.0.0.1:8000/ into its feeds, open data, sitemap and robots.txt
and prints notices without a QR code; published, it would send readers to their own machine.
"""

from __future__ import annotations

import json

from conftest import DEMO_CONTENT, ROOT, publish
from deploy_servers import build, site_content  # noqa: F401 (fixture)
from sitebuild import write_config

PREVIEW = "http://127.0.0.1:8000/"


def test_build_without_siteurl_says_it_is_a_preview(tmp_path):
    config = write_config(tmp_path, SITEURL="")
    result = publish("build", "--config", config, "--content", DEMO_CONTENT, "--output", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    line = len(config.read_text("utf-8").splitlines())  # SITEURL is the last line written
    notice = [row for row in result.stderr.splitlines() if "SITEURL" in row]
    assert notice == [f"{config}:{line}: 警告: 没有设置网站地址 SITEURL：这次生成的是本机预览版，订阅源、开放数据、网站地图和 "
                      f"robots.txt 里的地址都是预览地址 {PREVIEW}，打印的公示上没有二维码；publish.py deploy 不会发布它。要发布，"
                      '请在 pelicanconf.py 里写上网站的地址，例如 SITEURL = "https://gongkai.qingchuan.gov.cn"，再生成一次']
    assert json.loads((tmp_path / "out/manifest.json").read_text("utf-8"))["site"] == ""


def test_deploy_refuses_a_preview_build_and_touches_nothing(site_content, tmp_path):
    output = tmp_path / "out"
    assert publish("build", "--content", site_content, "--output", output).returncode == 0  # the repository's config: no SITEURL
    target = tmp_path / "www"
    result = publish("deploy", target.as_uri(), "--output", output)
    assert result.returncode == 2 and not target.exists()
    assert result.stderr.startswith(f"publish.py: {output} 是本机预览版（生成时没有设置网站地址 SITEURL）"), result.stderr
    assert 'SITEURL = "https://gongkai.qingchuan.gov.cn"' in result.stderr and "Traceback" not in result.stderr


def test_a_build_for_deploy_has_no_preview_address_anywhere(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    result = publish("build", "--content", site_content, "--output", tmp_path / "again",
                     "--config", write_config(tmp_path, SITEURL="https://gongkai.example.gov.cn",
                                              GONGKAI_DATA_CONTACT_EMAIL="gongkai@example.gov.cn"))
    assert "SITEURL" not in result.stderr  # no preview notice
    texts = [p for p in output.rglob("*") if p.suffix in (".xml", ".opml", ".csv", ".json", ".txt", ".html")]
    assert len(texts) > 20
    assert [p.relative_to(output).as_posix() for p in texts if PREVIEW in p.read_text("utf-8", "replace")] == []
    assert json.loads((output / "manifest.json").read_text("utf-8"))["site"] == "https://gongkai.example.gov.cn"
    target = tmp_path / "www"
    assert publish("deploy", target.as_uri(), "--output", output).returncode == 0 and (target / "index.html").is_file()


def test_the_demo_config_itself_is_a_preview_config():
    assert 'SITEURL = ""' in (ROOT / "pelicanconf.py").read_text("utf-8")

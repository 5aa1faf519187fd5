"""What a government website must carry (政府网站发展指引, 基层政务公开标准化规范化, 条例):
the site's identity in every page's footer, the standard catalogues, and the 依申请公开 page."""

from __future__ import annotations

import re

import lxml.html

from conftest import DEMO_CONTENT, publish
from sitebuild import SITE_URL, write_config
from test_settings import config_with, line_of

IDENTITY_UNSET = {name: "" for name in ("GONGKAI_HOST_ORG", "GONGKAI_SITE_CODE", "GONGKAI_ICP_RECORD", "GONGKAI_POLICE_RECORD",
                                        "GONGKAI_CONAC_URL", "GONGKAI_CONTACT_ADDRESS")}


def text(node) -> str:
    return re.sub(r"\s+", " ", node.text_content()).strip()


def test_every_demo_page_shows_the_site_identity_in_its_footer(demo_site):
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 200
    for file in pages:
        footer = lxml.html.fromstring(file.read_text("utf-8")).xpath("//footer[@class='site-footer']")[0]
        words = text(footer)
        for shown in ("主办单位：青峰县人民政府办公室", "联系地址：青峰县城关镇滨河路 88 号", "网站标识码：5199990001"):
            assert shown in words, (file, shown)
        links = {text(a): a.get("href") for a in footer.xpath(".//a")}
        assert links["蜀ICP备26000001号-1"] == "https://beian.miit.gov.cn/", file
        assert links["川公网安备 51999902000001号"] == "https://beian.mps.gov.cn/#/query/webSearch?code=51999902000001", file
        assert links["党政机关网站标识"].startswith("https://bszs.conac.cn/sitename?method=show&id="), file


def test_identity_settings_left_empty_show_nothing(tmp_path):
    from sitebuild import SITE_CONTENT, build
    site = build(SITE_CONTENT, tmp_path, **IDENTITY_UNSET)
    footer = lxml.html.fromstring((site / "index.html").read_text("utf-8")).xpath("//footer")[0]
    assert not footer.xpath(".//*[@class='site-identity']") and "主办单位" not in text(footer)


def test_check_warns_for_each_identity_a_site_to_publish_lacks(tmp_path):
    config = write_config(tmp_path, SITEURL=SITE_URL, **IDENTITY_UNSET)
    result = publish("check", "--config", config, "--content", DEMO_CONTENT)
    assert result.returncode == 0, result.stdout + result.stderr
    line = line_of(config, "SITEURL = ")
    warnings = [w for w in result.stdout.splitlines() if "网站要发布到" in w]
    assert len(warnings) == 6, result.stdout
    assert warnings[0].startswith(f"{config}:{line}: 警告: 网站要发布到 {SITE_URL}，但没有设置 GONGKAI_")
    assert any("GONGKAI_ICP_RECORD（ICP备案号）" in w and '例如 GONGKAI_ICP_RECORD = "蜀ICP备12345678号-1"' in w for w in warnings)
    assert "检查通过" in result.stderr


def test_check_does_not_warn_for_a_preview_or_a_complete_identity(tmp_path):
    for name in ("preview", "complete"):
        (tmp_path / name).mkdir()
    preview = publish("check", "--config", write_config(tmp_path / "preview", SITEURL="", **IDENTITY_UNSET), "--content", DEMO_CONTENT)
    complete = publish("check", "--config", write_config(tmp_path / "complete", SITEURL=SITE_URL), "--content", DEMO_CONTENT)
    for result in (preview, complete):
        assert result.returncode == 0 and "网站要发布到" not in result.stdout, result.stdout


def test_a_malformed_record_number_is_refused_at_its_line(tmp_path):
    config = config_with(tmp_path, 'GONGKAI_POLICE_RECORD = "51999902000001"')
    result = publish("check", "--config", config)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{config}:{line_of(config, 'GONGKAI_POLICE_RECORD = ')}: 错误: 设置 GONGKAI_POLICE_RECORD 的写法不对，"
                                    f'例如 "川公网安备 51082302000123号"'), result.stderr

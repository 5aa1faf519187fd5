"""What a government website must carry (政府网站发展指引, 基层政务公开标准化规范化, 条例):
the site's identity in every page's footer, the standard catalogues, and the 依申请公开 page."""

from __future__ import annotations

import re

import lxml.html
import pytest

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


def demo_settings():
    from gongkai.project import open_project
    return open_project().settings


def test_each_configured_standard_catalogue_is_a_page_of_its_columns_and_items(demo_site):
    from gongkai.settings import STANDARD_FIELDS
    configured = demo_settings().standard_catalogues
    assert set(configured) == {"village", "department"}
    for kind, by_column in configured.items():
        doc = lxml.html.fromstring((demo_site / f"standard/{kind}.html").read_text("utf-8"))
        shown = {}
        for section in doc.xpath("//main//section"):
            table = section.xpath(".//table")[0]
            assert [text(th) for th in table.xpath("./thead/tr/th")] == list(STANDARD_FIELDS)
            shown[text(section.xpath("./h2")[0])] = [dict(zip(STANDARD_FIELDS, map(text, tr.xpath("./th|./td"))))
                                                      for tr in table.xpath("./tbody/tr")]
        assert shown == by_column, kind
        order = [text(h) for h in doc.xpath("//main//section/h2")]
        columns = demo_settings().columns_for(kind)
        assert order == sorted(order, key=columns.index), "columns in the catalogue's own order"
    assert "依申请" in (demo_site / "standard/department.html").read_text("utf-8")


def test_org_pages_and_the_catalogue_link_their_kinds_standard_catalogue(demo_site):
    org_pages = [p for p in sorted(demo_site.glob("*/index.html")) if 'class="profile"' in p.read_text("utf-8")]
    assert len(org_pages) == 17
    for org_page in org_pages:
        doc = lxml.html.fromstring(org_page.read_text("utf-8"))
        kind = text(doc.xpath("//dl[@class='profile']/dd")[0])
        links = [(org_page.parent / a.get("href")).resolve() for a in doc.xpath("//a[contains(., '政务公开标准目录')]")]
        expected = {"村": "village", "部门": "department"}.get(kind)
        assert links == ([(demo_site / f"standard/{expected}.html").resolve()] if expected else []), org_page
    catalogue = lxml.html.fromstring((demo_site / "catalogue/index.html").read_text("utf-8"))
    assert catalogue.xpath("//a[@href='../standard/village.html']") and catalogue.xpath("//a[@href='../standard/department.html']")
    sitemap = (demo_site / "sitemap.xml").read_text("utf-8")
    assert "/standard/village.html</loc>" in sitemap and "/standard/department.html</loc>" in sitemap


STANDARD_ITEM = ('{"公开事项": "村级财务收支", "公开内容": "收支明细", "公开依据": "村民委员会组织法第三十条", "公开时限": "每月", '
                 '"公开主体": "村民委员会", "公开渠道和载体": "公开栏", "公开对象": "全社会", "公开方式": "主动", "公开层级": "村级"}')


@pytest.mark.parametrize("setting, message", [
    ('GONGKAI_STANDARD_CATALOGUES = {"village": {"新闻": [' + STANDARD_ITEM + ']}}',
     "设置 GONGKAI_STANDARD_CATALOGUES 里 village 的栏目“新闻”不在栏目表里：可用的栏目：党务、村务、财务、重大事项"),
    ('GONGKAI_STANDARD_CATALOGUES = {"village": {"财务": [' + STANDARD_ITEM.replace('"公开依据": "村民委员会组织法第三十条", ', "") + ']}}',
     "设置 GONGKAI_STANDARD_CATALOGUES 里“village”的值里“财务”的值里第 1 项缺少“公开依据”（要写成文字）"),
    ('GONGKAI_STANDARD_CATALOGUES = {"town": {}}', "设置 GONGKAI_STANDARD_CATALOGUES 的键“town”不对：只能是 village、township、department、county"),
])
def test_a_wrong_standard_catalogue_is_one_line_at_its_line(tmp_path, setting, message):
    config = config_with(tmp_path, setting)
    result = publish("check", "--config", config)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"{config}:{line_of(config, 'GONGKAI_STANDARD_CATALOGUES = ')}: 错误: {message}"), result.stderr
    assert len(result.stderr) < 600, "a long setting's value is cut in the message"

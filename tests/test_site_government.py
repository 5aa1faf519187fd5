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
            shown[text(section.xpath("./h2")[0])] = [dict(zip(STANDARD_FIELDS, map(text, tr.xpath("./th|./td")), strict=True))
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


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, spaces dropped and full-width forms folded (NFKC) as pypdf reads them."""
    import io
    import unicodedata

    from pypdf import PdfReader
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", page.extract_text())) for page in PdfReader(io.BytesIO(data)).pages]


def form_words() -> list[str]:
    from gongkai.writers import application_form
    return [word for section in application_form.SECTIONS
            for word in (section.heading, *section.fields, *(w for q, boxes in section.choices for w in (q, *boxes)))]


def test_the_apply_page_gives_the_channels_from_the_settings_and_the_statutory_time_limits(demo_site):
    settings = demo_settings()
    doc = lxml.html.fromstring((demo_site / "apply/index.html").read_text("utf-8"))
    words = text(doc.xpath("//main")[0])
    channels = {text(dt): text(dt.getnext()) for dt in doc.xpath("//main//dl/dt")}
    assert channels == {"当面提交": settings.apply_in_person, "邮寄": settings.apply_post, "电子邮件": settings.apply_email,
                        "咨询电话": settings.apply_phone}
    assert doc.xpath(f"//a[@href='mailto:{settings.apply_email}']") and f"受理机构：{settings.apply_office}" in words
    assert "不能当场答复的，自收到申请之日起 20 个工作日内答复" in words
    assert "可以延长一次，最长不超过 20 个工作日" in words and "第三十三条" in words
    assert doc.xpath("//a[@href='../apply/form.html']") and doc.xpath("//a[@href='../apply/application-form.docx'][@download]")
    for file in sorted(demo_site.rglob("*.html")):
        if file.name != "404.html":
            assert lxml.html.fromstring(file.read_text("utf-8")).xpath("//footer//a[contains(@href, 'apply/index.html')]"), file


def test_without_channels_the_apply_page_says_where_to_apply(tmp_path):
    from sitebuild import SITE_CONTENT, build
    unset = {f"GONGKAI_APPLY_{name}": "" for name in ("OFFICE", "IN_PERSON", "POST", "EMAIL", "PHONE")}
    doc = lxml.html.fromstring((build(SITE_CONTENT, tmp_path, **unset) / "apply/index.html").read_text("utf-8"))
    assert not doc.xpath("//main//dl") and "地址和电话见各单位页面" in text(doc)
    assert "20 个工作日内答复" in text(doc)


def test_the_printable_form_fits_one_a4_page_with_every_question(demo_site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto((demo_site / "apply/form.html").as_uri())
    page.emulate_media(media="print")
    pages = pdf_pages(page.pdf(format="A4"))
    context.close()
    assert len(pages) == 1, f"the form prints on {len(pages)} pages"
    assert all(word in pages[0] for word in form_words()), [w for w in form_words() if w not in pages[0]]
    assert "青峰县人民政府办公室" in pages[0] and "下载" not in pages[0]  # the screen's download hint does not print


def test_the_word_form_opens_in_libreoffice_on_one_page_with_every_question(demo_site, tmp_path):
    """LibreOffice Writer, as a clerk's office suite, reads the .docx and prints it to PDF."""
    import os
    import shutil
    import subprocess
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is not installed: .ci/install installs libreoffice-writer-nogui"
    source = tmp_path / "application-form.docx"
    shutil.copyfile(demo_site / "apply/application-form.docx", source)
    result = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    assert (tmp_path / "application-form.pdf").exists(), result.stdout + result.stderr
    pages = pdf_pages((tmp_path / "application-form.pdf").read_bytes())
    assert len(pages) == 1
    assert pages[0].startswith("政府信息公开申请表受理机构:青峰县人民政府办公室")
    assert all(word in pages[0] for word in form_words()), [w for w in form_words() if w not in pages[0]]


def test_the_word_form_is_the_same_bytes_for_the_same_settings(demo_site, tmp_path):
    from gongkai.writers import application_form
    again = application_form.as_docx(demo_settings().apply_office, str)
    assert again == (demo_site / "apply/application-form.docx").read_bytes()
    assert again != application_form.as_docx("青峰县民政局", str)

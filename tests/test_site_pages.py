"""The rendered pages say what the records say: totals, warnings, banners, lists and links.

Built once from tests/fixtures/site-content (one record of every type) and read back as a
citizen's browser would get it, parsed with lxml.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from sitebuild import SITE_CONTENT, SITE_URL, broken_links, build, html_files


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(SITE_CONTENT, tmp_path_factory.mktemp("site"))


def page(site: Path, relative: str):
    return lxml.html.fromstring((site / relative).read_text("utf-8"))


def text(node) -> str:
    return re.sub(r"\s+", " ", node.text_content()).strip()


def find_record(site: Path, title: str) -> str:
    """Site-relative URL of the record page whose <h1> is ``title``."""
    for file in html_files(site):
        doc = lxml.html.fromstring(file.read_text("utf-8"))
        h1 = doc.xpath("//article//h1")
        if h1 and text(h1[0]) == title:
            return file.relative_to(site).as_posix()
    raise AssertionError(f"no record page titled {title}")


def rows(doc, table_xpath) -> list[list[str]]:
    table = doc.xpath(table_xpath)[0]
    return [[text(c) for c in tr.xpath("./th|./td")] for tr in table.xpath(".//tr")]


def test_finance_page_shows_balances_subtotals_totals_and_signoff(site):
    doc = page(site, find_record(site, "2026年1月财务收支公开"))
    balance = {text(d.xpath("dt")[0]): text(d.xpath("dd")[0]) for d in doc.xpath("//dl[@class='balance']/div")}
    assert balance == {"所属期间": "2026-01", "期初余额": "10,000.00 元", "本期收入": "6,200.00 元",
                       "本期支出": "2,320.50 元", "期末余额": "13,879.50 元"}
    income = rows(doc, "//h2[@id='income']/following::table[1]")
    assert ["小计：上级补助收入（1 笔）", "5,000.00"] in income
    assert income[-1] == ["合计", "6,200.00"]
    expense = rows(doc, "//h2[@id='expense']/following::table[1]")
    assert expense[-1] == ["合计", "2,320.50"]
    assert any(r[0].startswith("2026-01-25") and "村道维修" in r[1] and r[2] == "2,000.00" for r in expense)
    assert "审核人：吴某、郑某；审核日期：2026-02-03" in text(doc)


def test_finance_page_without_signoff_says_so(site):
    doc = page(site, find_record(site, "2026年3月财务收支公开"))
    assert "本期财务公开没有村务监督委员会的审核记录。" in text(doc)


def test_budget_page_has_planned_actual_difference_and_totals(site):
    doc = page(site, find_record(site, "2025年度村级财务决算"))
    income = rows(doc, "//h2[@id='budget-income']/following::table[1]")
    assert income[1] == ["上级补助收入", "60,000.00", "62,000.00", "+2,000.00"]
    assert income[2] == ["集体经营收入", "20,000.00", "18,500.00", "-1,500.00"]
    assert income[-1] == ["合计", "80,000.00", "80,500.00", "+500.00"]
    expense = rows(doc, "//h2[@id='budget-expense']/following::table[1]")
    assert expense[-1] == ["合计", "80,000.00", "80,500.00", "+500.00"]
    bars = [b.text_content() for b in doc.xpath("//figure[contains(@class,'pair-chart')][1]//rect/title")]
    assert bars == ["上级补助收入 预算数 60,000.00", "上级补助收入 执行数 62,000.00",
                    "集体经营收入 预算数 20,000.00", "集体经营收入 执行数 18,500.00"]


def test_subsidy_page_has_recipients_total_and_masked_ids_only(site):
    doc = page(site, find_record(site, "2026年耕地地力保护补贴发放名单"))
    table = rows(doc, "//table[contains(@class,'recipients')]")
    assert table[0][:4] == ["序号", "姓名", "数量（亩）", "金额（元）"], "amount next to the quantity it is computed from"
    assert table[1][:4] == ["1", "张某某", "2.0", "211.00"] and "513099********1234" in table[1]
    assert table[-1][:2] == ["合计（2 人）", "580.25"]
    assert not re.search(r"\d{17}[\dX]", text(doc)), "an unmasked id reached the page"


def test_decision_timeline_shows_all_six_stages_and_plain_warnings(site):
    doc = page(site, find_record(site, "关于村道硬化工程的四议两公开"))
    stages = [text(h) for h in doc.xpath("//ol[@class='timeline']/li/h3")]
    assert [s.split()[1] for s in stages] == ["提议", "商议", "审议", "决议", "决议公开", "实施结果公开"]
    assert "尚未进行" in stages[-1]
    warned = doc.xpath("//ol[@class='timeline']/li[contains(@class,'stage-warn')]")
    assert [text(li.xpath("h3")[0]).split()[1] for li in warned] == ["审议", "决议"]
    assert "到会人数不足应到人数的三分之二" in text(warned[0])
    assert "应到 30 人，实到 18 人（60%）" in text(warned[0])
    assert "这一环节没有通过" in text(warned[1])
    notes = [text(p) for p in doc.xpath("//div[@class='warnings']/p")]
    assert any("不足三分之二" in n for n in notes) and any("没有获得通过" in n for n in notes)


def test_amended_policy_has_banner_linking_replacement_and_interpretation(site):
    path = find_record(site, "东山镇2025年春耕生产工作方案")
    doc = page(site, path)
    banner = doc.xpath("//div[contains(@class,'banner')]")
    assert banner and text(banner[0]).startswith("本文件已修改")
    target = banner[0].xpath(".//a/@href")[0]
    assert (site / Path(path).parent / target).resolve() == (site / find_record(site, "东山镇春耕生产工作方案")).resolve()
    reading = doc.xpath("//dt[.='政策解读']/following-sibling::dd[1]/a")[0]
    assert text(reading) == "《东山镇春耕生产工作方案》政策解读"


def test_repealed_policy_says_since_when_and_in_force_one_has_no_banner(site):
    doc = page(site, find_record(site, "河西县农机购置补贴实施办法（试行）"))
    assert text(doc.xpath("//div[contains(@class,'banner')]")[0]).startswith("本文件已废止（2026-01-01 起）")
    assert not page(site, find_record(site, "东山镇春耕生产工作方案")).xpath("//div[contains(@class,'banner')]")


def test_service_page_lists_the_eight_standards_and_the_form(site):
    path = find_record(site, "农村村民宅基地申请审批办事指南")
    doc = page(site, path)
    labels = [text(dt) for dt in doc.xpath("//dl[@class='standards']/dt")]
    assert labels == ["一、事项名称", "二、办理机构", "三、办理流程", "四、申请材料", "五、办理时限", "六、收费标准",
                      "七、表格下载", "八、设定依据"]
    form = doc.xpath("//dt[.='七、表格下载']/following-sibling::dd[1]//a")[0]
    assert text(form) == "宅基地申请表" and (site / Path(path).parent / form.get("href")).resolve().is_file()
    assert "法定 20 个工作日，承诺 15 个工作日" in text(doc)


def test_procurement_award_shows_its_stage_and_links_the_tender(site):
    doc = page(site, find_record(site, "东山镇办公设备采购成交结果公告"))
    steps = doc.xpath("//ol[@class='steps']/li")
    assert [li.get("aria-current") for li in steps] == [None, "step", None]
    assert "47,800.00 元" in text(doc) and "河西县某某科技有限公司" in text(doc)
    assert doc.xpath("//dt[.='对应采购公告']/following-sibling::dd[1]/a")


def test_tender_links_forward_to_its_award_and_policy_back_to_what_it_replaced(site):
    tender_path = find_record(site, "东山镇办公设备采购公告")
    tender = page(site, tender_path)
    award = tender.xpath("//dt[.='后续：中标（成交）结果']/following-sibling::dd[1]/a")[0]
    assert text(award) == "东山镇办公设备采购成交结果公告"
    assert tender.xpath("//ol[@class='steps']/li[2]/a/@href") == [award.get("href")]
    newer = page(site, find_record(site, "东山镇春耕生产工作方案"))
    assert [text(a) for a in newer.xpath("//dt[.='本文件替代了']/following-sibling::dd[1]//a")] == ["东山镇2025年春耕生产工作方案"]


def test_annual_report_has_national_tables_with_computed_counts(site):
    doc = page(site, find_record(site, "东山镇2025年政府信息公开工作年度报告"))
    part2 = rows(doc, "//h2[@id='part2']/following::table[1]")
    # dongshan-town's policies: 2 issued in 2026 (not counted), one issued 2025 still in force at 2025-12-31
    assert part2[1] == ["规章和行政规范性文件", "1", "0", "1"]
    part3 = rows(doc, "//h2[@id='part3']/following::table[1]")
    assert part3[0][1:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert ["予以公开", "2", "1", "0", "0", "0", "0", "3"] in part3
    assert len(rows(doc, "//h2[@id='part4']/following::table[1]")) == 4


def test_every_record_page_carries_hash_and_qr_of_its_absolute_address(site):
    for file in html_files(site):
        doc = lxml.html.fromstring(file.read_text("utf-8"))
        if not doc.xpath("//article[contains(@class,'record')]"):
            continue
        relative = file.relative_to(site).as_posix()
        assert re.search(r"内容校验码（SHA-256）：[0-9a-f]{64}", text(doc)), relative
        svg = doc.xpath("//div[@class='qr-block']/svg")
        assert svg and svg[0].get("role") == "img", relative
        assert text(doc.xpath("//div[@class='qr-block']//span[@class='address']")[0]) == f"{SITE_URL}/{relative}"


def test_org_page_profile_members_split_and_columns_with_last_update(site):
    doc = page(site, "liushu-village/index.html")
    assert [text(h) for h in doc.xpath("//main/h2")][:2] == ["村两委", "村务监督委员会"]
    finance = doc.xpath("//section[@class='column'][h3='财务']")[0]
    assert "最近更新 2026-04-05 · 共 4 条" in text(finance)
    lead = doc.xpath("//p[@class='lead-link']/a")[0]
    assert text(lead) == "最新财务公开：2026年3月财务收支公开"
    assert "0839-5550210" in text(doc) and "东山镇柳树村村委会" in text(doc)


def test_latest_ledger_is_two_taps_from_home(site):
    home = page(site, "index.html")
    village = home.xpath("//a[.='柳树村']/@href")[0]
    org = page(site, village)
    ledger = org.xpath("//p[@class='lead-link']/a/@href")[0]
    target = (site / Path(village).parent / ledger).resolve()
    assert "2026年3月财务收支公开" in target.read_text("utf-8")


def test_home_has_search_form_latest_and_org_tree(site):
    doc = page(site, "index.html")
    form = doc.xpath("//form[@action='search.html']")[0]
    assert form.xpath(".//input[@type='search'][@name='q']")
    tree = doc.xpath("//ul[@class='org-tree']/li")
    assert text(tree[0].xpath("a")[0]) == "东山镇人民政府"
    assert [text(a) for a in tree[0].xpath(".//ul/li/a")] == ["柳树村", "桃源村"]
    assert "河西县农业农村局" in text(doc.xpath("//h3[.='县直部门']/following-sibling::ul[1]")[0])
    latest = [text(a) for a in doc.xpath("//section[@aria-labelledby='latest-heading']//li/a")]
    assert latest[0] == "2026年3月财务收支公开" and len(latest) == 17


def test_catalogue_tables_have_the_six_columns_site_wide_and_per_org(site):
    for relative, count in (("catalogue/index.html", 17), ("dongshan-town/catalogue/index.html", 7)):
        doc = page(site, relative)
        table = rows(doc, "//table[@class='catalogue']")
        assert table[0] == ["索引号", "名称", "发文机构", "文号", "主题分类", "生成日期"]
        assert len(table) - 1 == count
    doc = page(site, "dongshan-town/catalogue/index.html")
    assert ["东山镇春耕生产工作方案", "东山镇人民政府", "东府发〔2026〕3号", "农业农村", "2026-02-20"] in [r[1:] for r in rows(doc, "//table")]


def test_services_listed_by_department_and_by_topic(site):
    by_department = page(site, "services/index.html")
    assert [text(h) for h in by_department.xpath("//section/h2")] == ["东山镇人民政府", "河西县农业农村局"]
    by_topic = page(site, "services/topics.html")
    topics = {text(s.xpath("h2")[0]): [text(a) for a in s.xpath(".//li/a")] for s in by_topic.xpath("//section")}
    assert topics == {"住房保障": ["农村村民宅基地申请审批"], "农业农村": ["农机购置补贴申请", "农村村民宅基地申请审批"]}


def test_finance_overview_chart_and_table_show_the_same_numbers(site):
    doc = page(site, "liushu-village/finance.html")
    table = rows(doc, "//table[contains(@class,'periods')]")
    assert table[1:] == [["2026-03", "8,000.00", "6,500.00", "15,423.20"], ["2026-02", "3,000.00", "2,956.30", "13,923.20"],
                         ["2026-01", "6,200.00", "2,320.50", "13,879.50"]], "the latest period first"
    bar_titles = [text(t) for t in doc.xpath("//svg//rect/title")]
    assert bar_titles == ["2026-01 收入 6,200.00", "2026-01 支出 2,320.50", "2026-02 收入 3,000.00", "2026-02 支出 2,956.30",
                          "2026-03 收入 8,000.00", "2026-03 支出 6,500.00"]
    year = rows(doc, "//h3[@id='year-2026']/following::table[1]")
    assert ["收入合计", "17,200.00"] in year and ["支出合计", "11,776.80"] in year
    assert not (site / "hexi-county/finance.html").exists()


def test_ledgers_link_the_previous_and_next_period_of_their_org(site):
    ledgers = {}
    for file in sorted((site / "liushu-village/finance").glob("*.html")):
        doc = lxml.html.fromstring(file.read_text("utf-8"))
        period = text(doc.xpath("//dl[@class='balance']/div[dt='所属期间']/dd")[0])
        links = {rel: ((file.parent / a.get("href")).resolve(), text(a)) for rel in ("prev", "next") for a in doc.xpath(f"//a[@rel='{rel}']")}
        ledgers[period] = (file.resolve(), links)
    periods = sorted(ledgers)
    assert periods == ["2026-01", "2026-02", "2026-03"]
    for i, period in enumerate(periods):
        links = ledgers[period][1]
        expected = {}
        if i:
            expected["prev"] = (ledgers[periods[i - 1]][0], f"上一期：{periods[i - 1]}")
        if i + 1 < len(periods):
            expected["next"] = (ledgers[periods[i + 1]][0], f"下一期：{periods[i + 1]}")
        assert links == expected, period


def test_freshness_names_the_late_village_against_the_newest_record_date(site):
    doc = page(site, "freshness.html")
    assert "检查日期：2026-04-05" in text(doc)
    late = {text(s.xpath("h3")[0]): text(s) for s in doc.xpath("//section[@class='overdue']")}
    assert "缺少 2026-02、2026-03 的财务收支公开" in late["桃源村"]
    assert "「财务」栏目最近一次更新是 2026-02-06，已 58 天（限 31 天）" in late["桃源村"]
    assert "缺少" not in late["柳树村"]  # January to March all published


def test_sitemap_robots_and_404(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    import xml.etree.ElementTree as ET
    locs = [e.text for e in ET.fromstring(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{SITE_URL}/index.html" in locs and f"{SITE_URL}/liushu-village/finance.html" in locs
    assert all(loc.startswith(SITE_URL + "/") for loc in locs) and locs == sorted(locs)
    assert all((site / loc[len(SITE_URL) + 1:]).is_file() for loc in locs)
    assert (site / "robots.txt").read_text("utf-8").endswith(f"Sitemap: {SITE_URL}/sitemap.xml\n")
    not_found = page(site, "404.html")
    assert not_found.xpath(f"//a[@href='{SITE_URL}/index.html']")


def test_record_page_with_its_css_is_at_most_50_kb(site):
    css = (site / "theme/css/site.css").stat().st_size
    heaviest = max((f for f in html_files(site) if "/finance/" in f.as_posix() or "/report/" in f.as_posix()),
                   key=lambda f: f.stat().st_size)
    assert heaviest.stat().st_size + css <= 50 * 1024, (heaviest, heaviest.stat().st_size, css)


def test_pages_other_than_search_carry_only_the_large_print_script(site):
    for file in html_files(site):
        scripts = lxml.html.fromstring(file.read_text("utf-8")).xpath("//script")
        sources = [s.get("src", "").rsplit("/", 1)[-1] for s in scripts if not (s.text or "").strip()]
        assert len(sources) == len(scripts), f"{file}: no inline script"
        assert sources == (["elder.js", "search.js"] if file.name == "search.html" else ["elder.js"]), file


def test_same_content_gives_byte_identical_pages(site, tmp_path):
    again = build(SITE_CONTENT, tmp_path / "again")
    first = {f.relative_to(site): f.read_bytes() for f in html_files(site)}
    second = {f.relative_to(again): f.read_bytes() for f in html_files(again)}
    assert first == second


def test_english_catalogue_translates_the_theme(tmp_path):
    site = build(SITE_CONTENT, tmp_path, GONGKAI_LANGUAGE="en")
    doc = page(site, "index.html")
    assert doc.get("lang") == "en"
    assert text(doc.xpath("//a[@class='skip']")[0]) == "Skip to main content"
    assert text(doc.xpath("//h2[@id='latest-heading']")[0]) == "Latest disclosures"
    assert page(site, "catalogue/index.html").xpath("//th[.='Index number']")
    assert "Finance disclosure missing for 2026-02、2026-03 (due every month)" in text(page(site, "freshness.html"))
    assert page(site, "liushu-village/finance.html").xpath("//rect/title[.='2026-01 Income 6,200.00']")


def test_every_local_link_resolves(site):
    assert broken_links(site) == []

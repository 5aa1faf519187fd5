"""Atom / RSS feeds, OPML and autodiscovery, read back with feedparser, lxml and a real git.

The fixture county (tests/fixtures/data-county) is put in a git repository with fixed
commit times, so the feeds' ``updated`` times are known in advance.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import feedparser
import lxml.html
import pytest

from conftest import DEMO_CONTENT, FIXTURES, ROOT, publish

COUNTY = FIXTURES / "data-county"
PREVIEW = "http://127.0.0.1:8000/"
SITE = "https://gongkai.example.cn/"
FIRST_COMMIT = "2026-06-01T09:00:00+08:00"


def git(content: Path, *args, when: str = FIRST_COMMIT) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "村文书",
           "GIT_AUTHOR_EMAIL": "clerk@example.cn", "GIT_COMMITTER_NAME": "村文书", "GIT_COMMITTER_EMAIL": "clerk@example.cn"}
    subprocess.run(["git", "-C", str(content), *args], check=True, capture_output=True, env=env)


def county_in_git(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(COUNTY, content)
    git(content, "init", "-q")
    git(content, "add", ".")
    git(content, "commit", "-q", "-m", "首次公开")
    return content


def site_config(tmp_path: Path, **settings) -> Path:
    """pelicanconf.py with a published address (and any other settings), usable from tmp_path."""
    text = (ROOT / "pelicanconf.py").read_text("utf-8")
    text += f"\nTHEME = {str(ROOT / 'themes/gongkai')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    text += "".join(f"{key} = {value!r}\n" for key, value in settings.items())
    config = tmp_path / "pelicanconf.py"
    config.write_text(text, "utf-8")
    return config


def build(content: Path, output: Path, *extra) -> Path:
    result = publish("build", "--content", content, "--output", output, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def feed_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.xml") if p.parent.name in ("feeds", "columns"))


@pytest.fixture(scope="module")
def git_site(tmp_path_factory):
    """The fixture county in git, built for local preview (no SITEURL)."""
    tmp = tmp_path_factory.mktemp("feeds")
    content = county_in_git(tmp)
    return build(content, tmp / "output")


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    """The fixture county (not in git) built with a published SITEURL and a fixed feed authority."""
    tmp = tmp_path_factory.mktemp("published")
    content = tmp / "content"
    shutil.copytree(COUNTY, content)
    config = site_config(tmp, SITEURL=SITE.rstrip("/"), GONGKAI_FEED_AUTHORITY="qingchuan.gov.cn,2026",
                         GONGKAI_DATA_CONTACT_EMAIL="gongkai@example.cn")
    return build(content, tmp / "output", "--config", config)


def test_every_feed_parses_cleanly_with_absolute_links_ids_and_shanghai_times(git_site):
    feeds = feed_files(git_site)
    assert len(feeds) >= 20
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.link.startswith(PREVIEW), path
        assert parsed.entries or path.parent.parent.name == "county-gov", path  # the county itself has no records
        for entry in parsed.entries:
            assert entry.id.startswith("tag:localhost,2026:"), entry.id
            assert entry.link.startswith(PREVIEW), entry.link
            assert entry.published_parsed and entry.updated_parsed if path.name.endswith(".atom.xml") else entry.published_parsed
            if path.name.endswith(".atom.xml"):
                assert entry.published.endswith("+08:00") and entry.updated.endswith("+08:00"), (entry.published, entry.updated)
            else:
                assert entry.published.endswith("+0800"), entry.published


def test_feeds_for_site_each_org_and_each_column(git_site):
    names = {p.relative_to(git_site).as_posix() for p in feed_files(git_site)}
    for stem in ("feeds/all", "feeds/columns/caiwu", "feeds/columns/dangwu", "feeds/columns/caigou",
                 "xiaohe-village/feeds/all", "xiaohe-village/feeds/caiwu", "xiaohe-village/feeds/dangwu",
                 "xiaohe-village/feeds/cunwu", "finance-bureau/feeds/all", "finance-bureau/feeds/caigou",
                 "finance-bureau/feeds/yujuesuan", "xiaohe-town/feeds/jianshe", "county-gov/feeds/all"):
        assert {f"{stem}.atom.xml", f"{stem}.rss.xml"} <= names, stem
    village_finance = feedparser.parse((git_site / "xiaohe-village/feeds/caiwu.atom.xml").read_bytes())
    assert sorted(e.title for e in village_finance.entries) == ["2026年2月财务收支公开", "2026年3月财务收支公开"]
    everything = feedparser.parse((git_site / "feeds/all.atom.xml").read_bytes())
    assert len(everything.entries) == 12


def test_no_feed_repeats_an_entry_id(git_site):
    for path in feed_files(git_site):
        ids = Counter(e.id for e in feedparser.parse(path.read_bytes()).entries)
        assert all(n == 1 for n in ids.values()), (path, ids.most_common(3))


def test_rss_channel_link_is_the_page_and_self_link_is_the_feed(git_site):
    channel = ET.parse(git_site / "xiaohe-village/feeds/all.rss.xml").getroot().find("channel")
    assert channel.findtext("link") == PREVIEW + "xiaohe-village/"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == PREVIEW + "xiaohe-village/feeds/all.rss.xml"
    assert self_link.get("type") == "application/rss+xml"
    atom = feedparser.parse((git_site / "xiaohe-village/feeds/all.atom.xml").read_bytes())
    links = {link.rel: link.href for link in atom.feed.links}
    assert links == {"self": PREVIEW + "xiaohe-village/feeds/all.atom.xml", "alternate": PREVIEW + "xiaohe-village/"}


def test_published_is_the_record_date_and_updated_its_key_else_its_last_commit(git_site):
    entries = {e.title: e for e in feedparser.parse((git_site / "feeds/all.atom.xml").read_bytes()).entries}
    march = entries["2026年3月财务收支公开"]
    assert march.published == "2026-04-05T00:00:00+08:00"
    assert march.updated == FIRST_COMMIT  # no `updated` key: the commit that added the file
    road = entries["小河镇道路硬化工程公示"]
    assert road.published == "2026-02-01T00:00:00+08:00"
    assert road.updated == "2026-02-15T10:30:00+08:00"  # its `updated: 2026-02-15 10:30`


def test_without_git_updated_is_the_date_and_the_feed_time_is_the_newest_entry(published_site):
    parsed = feedparser.parse((published_site / "xiaohe-village/feeds/all.atom.xml").read_bytes())
    assert {e.updated for e in parsed.entries if e.title == "2026年3月财务收支公开"} == {"2026-04-05T00:00:00+08:00"}
    assert parsed.feed.updated == max(e.updated for e in parsed.entries) == "2026-05-20T00:00:00+08:00"
    rss = ET.parse(published_site / "xiaohe-village/feeds/all.rss.xml").getroot()
    assert rss.find("channel").findtext("lastBuildDate") == "Wed, 20 May 2026 00:00:00 +0800"


def test_published_site_uses_siteurl_and_the_configured_id_authority(published_site):
    for path in feed_files(published_site):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo
        assert parsed.feed.link.startswith(SITE)
        assert all(e.id.startswith("tag:qingchuan.gov.cn,2026:") and e.link.startswith(SITE) for e in parsed.entries)
    assert "127.0.0.1" not in (published_site / "feeds/feeds.opml").read_text("utf-8")


def test_an_edited_record_keeps_its_id_and_moves_up_with_a_new_updated(tmp_path):
    content = county_in_git(tmp_path)
    before = feedparser.parse((build(content, tmp_path / "before") / "xiaohe-village/feeds/all.atom.xml").read_bytes())
    ledger = content / "orgs/xiaohe-village/finance/2026-02.yaml"
    ledger.write_text(ledger.read_text("utf-8").replace("title: 2026年2月财务收支公开", "title: 2026年2月财务收支公开（更正）"), "utf-8")
    git(content, "commit", "-q", "-am", "更正二月财务", when="2026-07-01T15:20:00+08:00")
    notice = content / "orgs/xiaohe-village/notices/party-meeting.md"
    notice.write_text(notice.read_text("utf-8").replace("category: 党务", "category: 党务\nupdated: 2026-03-03 08:00"), "utf-8")
    after = feedparser.parse((build(content, tmp_path / "after") / "xiaohe-village/feeds/all.atom.xml").read_bytes())

    old = {e.id: e for e in before.entries}
    new = {e.id: e for e in after.entries}
    assert set(old) == set(new) and len(after.entries) == len(before.entries)  # same ids, no duplicate
    edited = next(e for e in after.entries if e.title.endswith("（更正）"))
    assert edited.updated == "2026-07-01T15:20:00+08:00" != old[edited.id].updated
    assert edited.published == old[edited.id].published
    assert after.entries[0].id == edited.id  # the newest change comes first
    meeting = next(e for e in after.entries if e.title == "关于召开党员大会的通知")
    assert meeting.updated == "2026-03-03T08:00:00+08:00" != old[meeting.id].updated
    assert after.feed.updated == "2026-07-01T15:20:00+08:00"


def test_building_twice_gives_byte_identical_feeds(tmp_path, git_site):
    content = county_in_git(tmp_path)
    first, second = build(content, tmp_path / "one"), build(content, tmp_path / "two")
    names = [p.relative_to(first) for p in feed_files(first)] + [Path("feeds/feeds.opml"), Path("feeds/index.html")]
    assert len(names) > 20
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # and the same content committed at the same times elsewhere gives the same bytes as the module's build
    assert (first / "feeds/all.atom.xml").read_bytes() == (git_site / "feeds/all.atom.xml").read_bytes()


def test_git_is_asked_once_for_the_whole_content_folder(tmp_path):
    content = county_in_git(tmp_path)
    real_git, calls = shutil.which("git"), tmp_path / "git-calls"
    wrapper = tmp_path / "bin/git"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec {real_git} "$@"\n', "utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    result = publish("build", "--content", content, "--output", tmp_path / "out",
                     env={"PATH": f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    log_calls = [line for line in calls.read_text("utf-8").splitlines() if " log " in f" {line} "]
    assert len(log_calls) == 1, log_calls


def _alternates(page: Path) -> list[tuple[str, str]]:
    tree = lxml.html.fromstring(page.read_bytes())
    return [(link.get("type"), link.get("href")) for link in tree.xpath('//head/link[@rel="alternate"]')]


def test_pages_announce_their_feeds_and_json_for_autodiscovery(git_site):
    home = _alternates(git_site / "index.html")
    assert ("application/atom+xml", "feeds/all.atom.xml") in home
    assert ("application/rss+xml", "feeds/all.rss.xml") in home
    org = _alternates(git_site / "xiaohe-village/index.html")
    assert ("application/atom+xml", "../xiaohe-village/feeds/all.atom.xml") in org
    assert ("application/atom+xml", "../xiaohe-village/feeds/caiwu.atom.xml") in org
    record_page = next((git_site / "xiaohe-village/finance").glob("*.html"))
    record = _alternates(record_page)
    assert ("application/atom+xml", "../../xiaohe-village/feeds/all.atom.xml") in record
    assert ("application/json", "../../xiaohe-village/finance/" + record_page.stem + ".json") in record
    for other in ("pages/about.html", "data/index.html", "feeds/index.html"):  # Pelican's page and ours: site feeds
        assert ("application/atom+xml", "../feeds/all.atom.xml") in _alternates(git_site / other), other
    for page in (git_site / "index.html", git_site / "xiaohe-village/index.html", record_page):
        for kind, href in _alternates(page):
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_opml_and_feeds_page_list_every_feed(git_site):
    atom_feeds = {PREVIEW + p.relative_to(git_site).as_posix() for p in feed_files(git_site) if p.name.endswith(".atom.xml")}
    outlines = ET.parse(git_site / "feeds/feeds.opml").getroot().iter("outline")
    listed = [o.get("xmlUrl") for o in outlines if o.get("xmlUrl")]
    assert sorted(listed) == sorted(atom_feeds)
    folders = [o.get("text") for o in ET.parse(git_site / "feeds/feeds.opml").getroot().find("body")]
    assert folders == ["全站", "青川县人民政府", "青川县财政局", "小河镇人民政府", "小河村"]
    page = lxml.html.fromstring((git_site / "feeds/index.html").read_bytes())
    hrefs = {(git_site / "feeds" / h).resolve() for h in page.xpath("//main//a/@href")}
    assert {p.resolve() for p in feed_files(git_site)} <= hrefs
    assert (git_site / "feeds/feeds.opml").resolve() in hrefs


def test_opml_outlines_follow_the_opml_2_spec(git_site):
    """OPML 2.0: a subscription outline has type="rss", text and xmlUrl; ``version`` is optional and, when
    present, one of the spec's values (none exists for Atom: "ATOM" drew a warning per outline)."""
    root = ET.parse(git_site / "feeds/feeds.opml").getroot()
    assert root.get("version") == "2.0" and root.find("head/title").text
    subscriptions = [o for o in root.iter("outline") if o.get("xmlUrl")]
    assert len(subscriptions) >= 15
    for outline in subscriptions:
        assert outline.get("type") == "rss" and outline.get("text"), outline.attrib
        assert outline.get("version") in (None, "RSS", "RSS1", "scriptingNews"), outline.attrib


def test_feed_length_is_capped_by_the_setting(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(COUNTY, content)
    output = build(content, tmp_path / "out", "--config", site_config(tmp_path, GONGKAI_FEED_MAX_ENTRIES=3))
    parsed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    assert [e.title for e in parsed.entries] == ["2026年耕地地力保护补贴发放名单", "打印纸采购公告", "办公设备采购合同公告"]


@pytest.mark.skipif(not (DEMO_CONTENT / "orgs").is_dir(), reason="the demo county (content/) is not there yet")
def test_demo_county_feeds_are_clean(demo_site):
    feeds = feed_files(demo_site)
    assert feeds
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        ids = [e.id for e in parsed.entries]
        assert len(ids) == len(set(ids)) and all(i.startswith("tag:") for i in ids)
        assert all(e.link.startswith("http") for e in parsed.entries)


def test_control_characters_a_clerk_escaped_in_yaml_do_not_break_the_feeds(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(COUNTY, content)
    notice = content / "orgs/xiaohe-village/notices/party-meeting.md"
    notice.write_text(notice.read_text("utf-8").replace("title: 关于召开党员大会的通知", 'title: "关于召开\\x01党员大会的通知\\x0b"'), "utf-8")
    output = build(content, tmp_path / "out")
    for path in (output / "xiaohe-village/feeds/all.atom.xml", output / "xiaohe-village/feeds/all.rss.xml",
                 output / "feeds/columns/dangwu.atom.xml"):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert "关于召开党员大会的通知" in {e.title for e in parsed.entries}
    ET.parse(output / "feeds/feeds.opml")


def test_records_changed_in_one_commit_are_listed_newest_record_first(git_site):
    parsed = feedparser.parse((git_site / "xiaohe-village/feeds/all.atom.xml").read_bytes())
    assert {e.updated for e in parsed.entries} == {FIRST_COMMIT}
    assert [e.published[:10] for e in parsed.entries] == ["2026-05-20", "2026-04-05", "2026-03-05", "2026-03-01"]


def test_without_git_on_the_machine_updated_falls_back_to_the_dates(tmp_path):
    content = county_in_git(tmp_path)
    empty = tmp_path / "no-git"
    empty.mkdir()
    result = publish("build", "--content", content, "--output", tmp_path / "out", env={"PATH": str(empty)})
    assert result.returncode == 0, result.stderr
    entries = feedparser.parse((tmp_path / "out/xiaohe-village/feeds/all.atom.xml").read_bytes()).entries
    assert all(e.updated == e.published for e in entries)


def test_a_summary_is_text_in_every_feed(tmp_path):
    """Markup written as text on a page (``&lt;img onerror&gt;``) is text in the feeds too (issue 9 item 9)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini-county", content)
    (content / "orgs/xiaohe-village/notice/img.md").write_text(
        "---\ntype: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\n---\n"
        "请勿在留言里写 &lt;img src=x onerror=alert(1)&gt; 这样的代码。\n", "utf-8")
    result = publish("build", "--content", content, "--output", tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    feeds = tmp_path / "output/feeds"
    rss = ET.parse(feeds / "all.rss.xml").find("channel/item[title='通知']/description").text
    atom = ET.parse(feeds / "all.atom.xml").find("a:entry[a:title='通知']/a:summary", {"a": "http://www.w3.org/2005/Atom"})
    assert atom.get("type") == "html"
    for markup in (rss, atom.text):  # what a feed reader renders as HTML
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
        assert fragment.xpath("//img") == [], markup
        assert "<img src=x onerror=alert(1)>" in fragment.text_content()

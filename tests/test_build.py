"""publish.py build: all-or-nothing, reproducible, stable identities, schemas published."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import documents
from conftest import FIXTURES, ROOT, publish
from gongkai.load import load_site
from gongkai.settings import Settings

MINI = FIXTURES / "mini-county"


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def fresh_county(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    return content


def build(content: Path, output: Path):
    result = publish("build", "--content", content, "--output", output)
    assert "Traceback" not in result.stderr + result.stdout
    return result


def test_failed_build_leaves_previous_output_byte_identical(tmp_path):
    content, output = fresh_county(tmp_path), tmp_path / "output"
    assert build(content, output).returncode == 0
    before, index_before = tree_digest(output), tree_digest(tmp_path / ".output.search-index")
    assert index_before, "the build keeps a whoosh index beside the site for publish.py search"
    ledger = content / "orgs/xiaohe-village/finance/2026-03.yaml"
    ledger.write_text(ledger.read_text("utf-8").replace("closing_balance: 1200.10", "closing_balance: 9.99"), "utf-8")
    (content / "orgs/xiaohe-village/notice/new.md").write_text("---\ntype: notice\ntitle: 新通知\ndate: 2026-05-01\ncategory: 村务\n---\n新\n", "utf-8")
    result = build(content, output)
    assert result.returncode == 1
    assert "「期末余额」9.99 与计算结果不符" in result.stdout
    assert "网站没有更新" in result.stderr
    assert tree_digest(output) == before
    assert tree_digest(tmp_path / ".output.search-index") == index_before
    assert not (tmp_path / ".output.search-index.new").exists()
    assert not list(tmp_path.glob(".output.building*")) and not list(tmp_path.glob(".output.previous"))


def test_two_builds_are_byte_identical(tmp_path):
    content = fresh_county(tmp_path)
    assert build(content, tmp_path / "a").returncode == 0
    assert build(content, tmp_path / "b").returncode == 0
    first, second = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert len(first) > 15
    assert first == second


def test_every_record_has_a_page_with_all_its_data(tmp_path):
    output = tmp_path / "output"
    assert build(fresh_county(tmp_path), output).returncode == 0
    page = (output / record_url(output, "2026年3月财务收支公开")).read_text("utf-8")
    for value in ("1,000.00", "500.10", "200.05", "99.95", "1,200.10", "记-03", "墨盒", "王建国"):
        assert value in page


def record_url(output: Path, title: str) -> str:
    for page in sorted(output.rglob("*.html")):
        if title in page.read_text("utf-8") and page.name != "index.html" and "/" in page.relative_to(output).as_posix():
            return page.relative_to(output).as_posix()
    raise AssertionError(f"no page titled {title}")


def identities(content: Path, output: Path) -> dict[str, tuple[str, str]]:
    """Title → (索引号, URL) of every record, each checked against its built page."""
    site, problems = load_site(content, Settings())
    assert not problems.errors
    found = {}
    for record in site.records:
        page = (output / record.url).read_text("utf-8")
        assert record.index_no in page and record.title in page
        found[record.title] = (record.index_no, record.url)
    return found


def test_identity_survives_other_records_added_removed_and_renamed(tmp_path):
    content = fresh_county(tmp_path)
    assert build(content, tmp_path / "before").returncode == 0
    before = identities(content, tmp_path / "before")
    assert len(before) == 9
    notices = content / "orgs/xiaohe-village/notice"
    (notices / "example.md").rename(notices / "renamed.md")  # another record renamed …
    (content / "orgs/county-gov/budget/example.yaml").unlink()  # … one removed …
    (notices / "added.md").write_text("---\ntype: notice\ntitle: 新增\ndate: 2026-01-01\ncategory: 村务\n---\n新\n", "utf-8")
    assert build(content, tmp_path / "after").returncode == 0
    after = identities(content, tmp_path / "after")
    renamed_title = "关于召开村民代表会议的通知"
    for title, identity in before.items():
        if title not in (renamed_title, "2026年度部门预算"):
            assert after[title] == identity, title


def test_renamed_record_keeps_identity_with_index_no(tmp_path):
    content = fresh_county(tmp_path)
    assert build(content, tmp_path / "before").returncode == 0
    title = "关于召开村民代表会议的通知"
    index_no, url = identities(content, tmp_path / "before")[title]
    notices = content / "orgs/xiaohe-village/notice"
    text = (notices / "example.md").read_text("utf-8").replace("category: 村务", f"category: 村务\nindex_no: {index_no}", 1)
    (notices / "example.md").unlink()
    (notices / "2026-meeting.md").write_text(text, "utf-8")
    assert build(content, tmp_path / "after").returncode == 0
    assert identities(content, tmp_path / "after")[title] == (index_no, url)


def test_schemas_are_published_and_templates_point_at_them(tmp_path):
    content, output = fresh_county(tmp_path), tmp_path / "output"
    assert build(content, output).returncode == 0
    for record_type in ("org", "finance", "budget", "policy", "notice", "service", "subsidy", "decision",
                        "procurement", "report"):
        schema = json.loads((output / "schemas" / f"{record_type}.json").read_text("utf-8"))
        assert schema["properties"]["type"] == {"const": record_type, "title": "记录类型"}
    result = publish("new", "finance", "--org", "xiaohe-village", "--name", "2026-04", "--content", content,
                     "--output", output)
    assert result.returncode == 0, result.stderr
    created = Path(result.stdout.strip())
    first_line = created.read_text("utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    pointed = (created.parent / first_line.split("=", 1)[1]).resolve()  # the repository's copy: there without a build
    assert pointed == ROOT / "schemas/finance.json" and pointed.read_bytes() == (output / "schemas/finance.json").read_bytes()


def test_attachments_are_published(tmp_path):
    content, output = fresh_county(tmp_path), tmp_path / "output"
    files = content / "orgs/xiaohe-village/notice/files"
    files.mkdir(parents=True)
    (files / "公示.pdf").write_bytes(documents.pdf("demo"))
    (content / "orgs/xiaohe-village/notice/a.md").write_text(
        "---\ntype: notice\ntitle: 附件通知\ndate: 2026-04-01\ncategory: 村务\nattachments:\n"
        "  - {file: files/公示.pdf, title: 公示名单}\n---\n见附件\n", "utf-8")
    assert build(content, output).returncode == 0
    assert (output / "xiaohe-village/files/notice/files/公示.pdf").read_bytes() == documents.pdf("demo")
    assert "公示名单" in (output / record_url(output, "附件通知")).read_text("utf-8")


def test_build_failing_after_rendering_keeps_the_previous_search_index(tmp_path):
    """A signing key inside the content folder stops the build after the site (and its search
    index) were rendered: neither the site nor the index of the previous build may change."""
    content, output = fresh_county(tmp_path), tmp_path / "output"
    assert build(content, output).returncode == 0
    site_before, index_before = tree_digest(output), tree_digest(tmp_path / ".output.search-index")
    (content / "orgs/xiaohe-village/notice/new.md").write_text(
        "---\ntype: notice\ntitle: 新通知\ndate: 2026-05-01\ncategory: 村务\n---\n新\n", "utf-8")
    (content / "key.pem").write_text("not a key", "utf-8")
    result = publish("build", "--content", content, "--output", output, env={"GONGKAI_SIGNING_KEY": str(content / "key.pem")})
    assert result.returncode == 2 and "签名私钥" in result.stderr
    assert tree_digest(output) == site_before
    assert tree_digest(tmp_path / ".output.search-index") == index_before
    assert not (tmp_path / ".output.search-index.new").exists()


def test_a_type_without_its_own_template_shows_every_field(tmp_path):
    """record/_fields.html is the fallback for a type a theme has no template for."""
    root = Path(__file__).resolve().parents[1]
    theme = tmp_path / "theme"
    shutil.copytree(root / "themes/gongkai", theme)
    (theme / "templates/record/subsidy.html").unlink()
    config = tmp_path / "pelicanconf.py"
    config.write_text((root / "pelicanconf.py").read_text("utf-8").replace('THEME = "themes/gongkai"', f"THEME = {str(theme)!r}")
                      .replace('PLUGIN_PATHS = ["plugins"]', f"PLUGIN_PATHS = [{str(root / 'plugins')!r}]"), "utf-8")
    output = tmp_path / "output"
    result = publish("build", "--config", config, "--content", fresh_county(tmp_path), "--output", output)
    assert result.returncode == 0, result.stderr
    page = (output / record_url(output, "2026年耕地地力保护补贴发放名单")).read_text("utf-8")
    assert '<dl class="fields">' in page
    for shown in ("项目名称", "耕地地力保护补贴", "发放对象", "张某某", "369.25", "合计金额", "580.25"):
        assert shown in page, shown

"""Read and check the whole content folder into a ``Site``: the one pass every build makes.

The pipeline, each step a function below:

1. ``gather``: list org folders, their record files and other files (sorted: output never depends
   on the order the disk lists files in);
2. ``read_orgs``: every ``org.yaml``, then the tree (parents, cycles, one top);
3. ``read_records``: every record file through its schema into a ``Record``;
4. ``check_records``: columns, attachments, privacy, the type's own rules;
5. ``check_across``: references, duplicate identities and the types' cross-record rules.

Problems are collected, never raised: the caller decides what errors mean. A record is
valid (and reaches the site) only when no pass found an error in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from . import identity, plausibility, unpublished
from .attachments.checks import attachment_problems
from .checking import Checker
from .privacy import scan as privacy_scan
from .privacy.scan import public_phones
from .markup import Markup, first_paragraph
from .model import Attachment, Org, Phone, Record, Site
from .problems import Problems
from .reading.source import SourceFile, is_record_file, read_source
from .schema import Schemas
from .settings import Settings
from .site_pages import check_site_pages
from .types import ORG, ORG_FILE, RECORD_TYPES, label

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class OrgFolder:
    slug: str
    path: Path
    record_files: list[Path]
    other_files: list[Path]  # attachments, or files to warn about (unpublished.py)


@dataclass
class Loaded:
    """A record read and schema-checked, waiting for the org-level checks."""

    record: Record
    checker: Checker
    source: SourceFile

    @property
    def valid(self) -> bool:
        """No pass so far found an error in this record."""
        return self.checker.error_count == 0


def load_site(content_dir: Path, settings: Settings, problems: Problems | None = None) -> tuple[Site, Problems]:
    problems = problems if problems is not None else Problems()
    content_dir = Path(content_dir)
    schemas = Schemas.shared()
    folders = gather(content_dir, problems)
    check_site_pages(content_dir, problems)
    orgs = read_orgs(folders, content_dir, schemas, problems)
    named: set[Path] = set()
    loaded = read_records(folders, orgs, content_dir, schemas, problems, named)
    unpublished.warn_unnamed((f for folder in folders for f in folder.other_files), named, content_dir, problems)
    check_records(loaded, content_dir, settings)
    scan_site_pages(content_dir, orgs, problems)
    check_across(loaded)
    valid = {item.record for item in loaded if item.valid}  # records hash by identity
    for org in orgs.values():
        org.records = sorted((r for r in org.records if r in valid), key=lambda r: r.sort_key)
    records = sorted(valid, key=lambda r: r.sort_key)
    return Site(settings, content_dir, orgs, records, {r.index_no: r for r in records}, schemas), problems


# 1 ------------------------------------------------------------------------------------

def gather(content_dir: Path, problems: Problems) -> list[OrgFolder]:
    orgs_dir = content_dir / "orgs"
    if not orgs_dir.is_dir():
        problems.error("orgs", 1, f"内容文件夹 {content_dir} 里没有 orgs 文件夹：每个村、乡镇、部门在 orgs/ 下各有一个文件夹")
        return []
    unpublished.warn_outside_read_folders(content_dir, problems)
    folders = []
    for entry in sorted(orgs_dir.iterdir()):
        relative = entry.relative_to(content_dir).as_posix()
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            if is_record_file(entry):
                problems.error(relative, 1, "记录要放在机构自己的文件夹里（orgs/<机构文件夹>/…），不能直接放在 orgs/ 下")
            else:
                unpublished.warn_loose_in_orgs(entry, content_dir, problems)
            continue
        if not _SLUG.match(entry.name):
            problems.error(relative, 1, f"机构文件夹名“{entry.name}”只能用小写英文字母、数字和“-”（它会成为网址），例如 xiaohe-village")
            continue
        files = list(unpublished.visible_files(entry))
        folders.append(OrgFolder(entry.name, entry, [f for f in files if is_record_file(f)],
                                 [f for f in files if not is_record_file(f)]))
    return folders


# 2 ------------------------------------------------------------------------------------

def read_orgs(folders, content_dir: Path, schemas: Schemas, problems: Problems) -> dict[str, Org]:
    orgs: dict[str, Org] = {}
    lines: dict[str, Checker] = {}
    for folder in folders:
        org_file = folder.path / ORG_FILE
        if not org_file.is_file():
            problems.error(f"orgs/{folder.slug}", 1, f"机构文件夹 {folder.slug} 里缺少 {ORG_FILE}（机构概况）：可用 publish.py new org --org {folder.slug} 生成")
            continue
        source = read_source(org_file, content_dir, problems)
        if source is None:
            continue
        read = read_org(source, folder.slug, schemas, problems)
        if read is not None:
            orgs[folder.slug], lines[folder.slug] = read
    link_tree(orgs, lines, problems)
    plausibility.warn_shared_codes(orgs, lambda org: lines[org.slug])
    return orgs


def read_org(source: SourceFile, slug: str, schemas: Schemas, problems: Problems) -> tuple[Org, Checker] | None:
    """One ``org.yaml`` through its schema and the privacy scan into an ``Org`` (not yet in the tree)."""
    checker = Checker(problems, schemas["org"], source.path, source.data)
    if source.data.get("type") != "org":
        checker.error(("type",), f"{ORG_FILE} 是机构概况：第一行应写 type: org")
        return None
    if not _report_schema(checker, source.data):
        return None
    data = source.data
    ORG.canonical(data)
    phones = [Phone.of(p) for p in data["phones"]]
    scan_privacy(checker, source, public_phones(p.number for p in phones))
    org = Org(slug=slug, name=data["name"], kind=data["kind"], parent_slug=data.get("parent"),
              code=data.get("code", slug), address=data["address"], hours=data["hours"],
              phones=phones, data=data, source_path=source.path, sha256=source.sha256)
    return org, checker


def link_tree(orgs: dict[str, Org], checkers: dict[str, Checker], problems: Problems) -> None:
    """Parents exist, no org is its own ancestor, and exactly one org is the top."""
    for org in orgs.values():
        if org.parent_slug is None:
            continue
        parent = orgs.get(org.parent_slug)
        if parent is None:
            checkers[org.slug].error(("parent",), f"「上级机构」“{org.parent_slug}”不存在：请写上级机构的文件夹名（{'、'.join(sorted(orgs))}）")
            continue
        org.parent = parent
        parent.children.append(org)
    for org in orgs.values():
        seen, node = {org.slug}, org.parent
        while node is not None:
            if node.slug in seen:
                checkers[org.slug].error(("parent",), f"「上级机构」形成了循环（{org.slug} → … → {node.slug}）：请改正上级机构")
                org.parent.children.remove(org)
                org.parent = None
                org.parent_slug = "(循环)"
                break
            seen.add(node.slug)
            node = node.parent
    tops = [o for o in orgs.values() if o.parent_slug is None]
    if orgs and len(tops) != 1:
        where = tops[1] if len(tops) > 1 else next(iter(orgs.values()))
        names = "、".join(o.slug for o in tops) or "没有"
        problems.error(where.source_path, checkers[where.slug].line(("parent",)) if len(tops) > 1 else 1,
                       f"全站只能有一个最上级机构（不写 parent 的，通常是县）：现在是 {names}；其余机构请写上级机构 parent")
    for org in orgs.values():
        org.children.sort(key=lambda o: (o.kind, o.slug))


# 3 ------------------------------------------------------------------------------------

def read_records(folders, orgs: dict[str, Org], content_dir: Path, schemas: Schemas, problems: Problems,
                 named: set[Path]) -> list[Loaded]:
    """Every record of every org; ``named`` gathers the files they name as attachments."""
    markup = Markup()
    loaded = []
    for folder in folders:
        org = orgs.get(folder.slug)
        for file in folder.record_files:
            if file.name == ORG_FILE and file.parent == folder.path:
                continue
            source = read_source(file, content_dir, problems)
            if source is None:
                continue
            named.update(unpublished.files_named_by(source, content_dir))
            item = read_record(source, folder.slug, org, schemas, markup, problems)
            if item is not None:
                loaded.append(item)
    return loaded


def read_record(source: SourceFile, slug: str, org: Org | None, schemas: Schemas, markup: Markup, problems: Problems):
    """One file's data through its schema into a ``Record`` of the org whose folder (``slug``) holds it."""
    data = source.data
    record_type = data.get("type")
    if record_type == "org":
        Checker(problems, schemas["org"], source.path, data).error(
            ("type",), f"机构概况只能写在机构文件夹的 {ORG_FILE} 里：这个文件请改成其他类型，或移到 orgs/<机构>/{ORG_FILE}")
        return None
    if not isinstance(record_type, str) or record_type not in RECORD_TYPES:
        line = data.key_lines.get("type", 1)
        if record_type is None:
            problems.error(source.path, 1, f"缺少「记录类型」（type）：第一行写 type: 加类型，可用的类型：{'、'.join(RECORD_TYPES)}")
        else:
            problems.error(source.path, line, f"不认识的记录类型“{record_type}”：可用的类型：{'、'.join(RECORD_TYPES)}")
        return None
    checker = Checker(problems, schemas[record_type], source.path, data)
    if "org" in data and data["org"] != slug:
        checker.error(("org",), f"记录写的机构“{data['org']}”与它所在的文件夹“{slug}”不符：记录只能属于它所在的机构，"
                      f"请把文件移到 orgs/{data['org']}/ 下，或删去 org 这一行")
        return None
    if not _report_schema(checker, data) or org is None:
        return None
    RECORD_TYPES[record_type].canonical(data)
    try:
        updated = _parse_updated(data.get("updated"))
    except ValueError:
        checker.error(("updated",), f"「更新日期」“{data['updated']}”不是有效的日期或时间：请写成 2026-03-01 或 2026-03-01 09:30")
        return None
    key = identity.record_key(Path(source.path).relative_to(f"orgs/{slug}").as_posix())
    index_no = identity.index_no(org.code, record_type, org.slug, key, data.get("index_no"))
    body = data.get("body", "") or source.body
    record = Record(
        type=record_type, org=org, title=data["title"], date=date.fromisoformat(data["date"]),
        updated=updated, category="", summary=data.get("summary") or first_paragraph(body),
        tags=list(data.get("tags", ())), attachments=[], body_html=markup.to_html(body), index_no=index_no,
        url=identity.record_url(org.slug, record_type, index_no), source_path=source.path, sha256=source.sha256,
        data=data, body=body)
    return Loaded(record, checker, source)


def _report_schema(checker: Checker, data) -> bool:
    findings = checker.schema.findings(data)
    for finding in findings:
        checker.error(finding.path, finding.message)
    return not findings


def _parse_updated(value):
    if value is None:
        return None
    return datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)


# 4 ------------------------------------------------------------------------------------

def check_records(loaded: list[Loaded], content_dir: Path, settings: Settings) -> None:
    own_phones = {}
    markup = Markup()
    for item in loaded:
        org = item.record.org
        if org.slug not in own_phones:
            own_phones[org.slug] = public_phones(p.number for p in org.phones)
        check_record(item, content_dir, settings, own_phones[org.slug], markup)
        if item.valid:
            org.records.append(item.record)  # the cross-record pass counts on the org's valid records


def check_record(item: Loaded, content_dir: Path, settings: Settings, own_phones: frozenset[str],
                 markup: Markup | None = None) -> None:
    """One record's own checks: column, attachments, privacy and its type's rules."""
    record, checker = item.record, item.checker
    check_column(record, checker, settings)
    record.attachments = check_attachments(record, checker, item.source, content_dir, own_phones)
    scan_privacy(checker, item.source, own_phones, record, markup)
    record.record_type.check(record, checker)


def check_column(record: Record, checker: Checker, settings: Settings) -> None:
    columns = settings.columns_for(record.org.kind)
    category = record.data.get("category") or settings.default_column(record.org.kind, record.type)
    if category not in columns:
        checker.error(("category",), f"「公开栏目」“{category}”不在{record.org.name}的公开目录里：可用的栏目：{'、'.join(columns)}")
    record.category = category


def check_attachments(record: Record, checker: Checker, source: SourceFile, content_dir: Path,
                      own_phones: frozenset[str] = frozenset()) -> list[Attachment]:
    org_dir = (content_dir / "orgs" / record.org.slug).resolve()
    record_dir = (content_dir / source.path).parent
    found = []
    for key in unpublished.ATTACHMENT_KEYS:
        for i, item in enumerate(record.data.get(key, ())):
            file = (record_dir / item["file"]).resolve()
            if not file.is_relative_to(org_dir):
                checker.error((key, i, "file"), f"附件“{item['file']}”在本机构文件夹之外：附件要放在 orgs/{record.org.slug}/ 里")
            elif not file.is_file():
                checker.error((key, i, "file"), f"附件文件“{item['file']}”不存在：请把文件放到 {Path(source.path).parent.as_posix()}/ 下的这个位置，或改正文件名")
            else:
                inside = file.relative_to(org_dir).as_posix()
                for message in attachment_problems(file, item["file"], inside, own_phones):
                    checker.error((key, i, "file"), message)
                found.append(Attachment(item["file"], item.get("title") or file.name, f"orgs/{record.org.slug}/{inside}",
                                        f"{record.org.slug}/files/{inside}", file.stat().st_size))
    return found


def scan_privacy(checker: Checker, source: SourceFile, own_phones: frozenset[str],
                 record: Record | None = None, markup: Markup | None = None) -> None:
    """Every personal number in what the file publishes: fields, name, body, summary."""
    published = None if record is None else (record.body_html, record.summary)
    for leak in privacy_scan.source_leaks(source, checker, own_phones, published, markup):
        checker.error_at(leak.line, leak.message(source.path), leak.field)


def scan_site_pages(content_dir: Path, orgs: dict[str, Org], problems: Problems) -> None:
    """Site-wide pages (content/pages/: Markdown or HTML) are Pelican's to publish, but published:
    the same scan, with every org's public phones allowed."""
    phones = public_phones(p.number for org in orgs.values() for p in org.phones)
    markup = Markup()
    pages = content_dir / "pages"
    suffixes = privacy_scan.MARKDOWN_PAGES + privacy_scan.HTML_PAGES
    for file in sorted(f for f in pages.rglob("*") if f.suffix.lower() in suffixes and f.is_file()):
        relative = file.relative_to(content_dir).as_posix()
        for leak in privacy_scan.page_leaks(file, content_dir, phones, markup):
            problems.error(relative, leak.line, leak.message(relative))


# 5 ------------------------------------------------------------------------------------

def check_across(loaded: list[Loaded]) -> None:
    """References resolve against every readable record (so a clerk is not told a file with
    errors of its own "cannot be found"); the types' own cross-record rules see the records
    that are valid so far."""
    checkers = {id(item.record): item.checker for item in loaded}
    by_index_no: dict[str, Record] = {}
    by_path: dict[str, Record] = {}
    for item in loaded:
        record = item.record
        if record.index_no in by_index_no:
            report_duplicate_index_no(item, by_index_no[record.index_no])
            continue
        by_index_no[record.index_no] = record
        for key in path_keys(record):
            by_path[key] = record
    published = [item for item in loaded if item.valid]
    for item in published:
        resolve_references(item, by_index_no, by_path)
    for code, record_type in RECORD_TYPES.items():
        record_type.check_across([i.record for i in published if i.record.type == code], lambda r: checkers[id(r)])
    plausibility.warn_far_future([i.record for i in published], lambda r: checkers[id(r)])


def report_duplicate_index_no(item: Loaded, first: Record) -> None:
    item.checker.error(("index_no",), f"索引号 {item.record.index_no} 与 {first.source_path} 重复："
                       "复制来的文件请删去 index_no 这一行，系统会生成新的索引号")


def path_keys(record: Record) -> tuple[str, str]:
    """How a reference may name a record by its file: from the org folder on, with or without the suffix."""
    relative = record.source_path.removeprefix("orgs/")
    return relative, relative.rsplit(".", 1)[0]


def resolve_references(item: Loaded, by_index_no: dict[str, Record], by_path: dict[str, Record]) -> None:
    record = item.record
    for key, wanted in record.record_type.references.items():
        ref = record.data.get(key)
        if ref is None:
            continue
        target = by_index_no.get(ref) or by_path.get(ref) or by_path.get(f"{record.org.slug}/{ref}")
        field = item.checker.label((key,))
        if target is None:
            item.checker.error((key,), f"{field}“{ref}”找不到：请写那条记录的索引号，或它的文件路径（例如 {record.source_path.removeprefix('orgs/')}）")
        elif wanted.type and target.type != wanted.type:
            item.checker.error((key,), f"{field}“{ref}”是一条{target.type_label}，应当指向{label(wanted.type)}")
        elif wanted.stage and target.data.get("stage") != wanted.stage:
            stage = target.record_type.value_label("stage", wanted.stage)
            item.checker.error((key,), f"{field}“{ref}”不是{stage}（它的阶段是 {target.data.get('stage')}）")
        else:
            record.refs[key] = target

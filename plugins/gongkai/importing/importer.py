"""``import_workbooks``: workbooks in, record files out, all or nothing.

1. read every workbook into record drafts (problems at their cells);
2. plan each file: the path ``publish.py new`` would choose, what is there already
   (import's own, edited by hand since, or never import's), the YAML to write;
3. run the build's checks on a staging copy with the new files in place;
4. only when nothing of the above found an error, write every file (temporary files,
   then renames; a failed rename puts back what was replaced).

The command (commands/import.py) and the browser editor's 导入表格 both call this.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..errors import GongkaiError
from ..model import Phone
from ..problems import Problems
from ..reading import yamltext
from ..settings import Settings
from ..types import ORG_FILE
from . import reimport, verify
from .drafts import Context, Draft, Hints, OrgInfo
from .reimport import Existing
from .sheets import read_file
from .yamlout import render


class UnknownOrg(GongkaiError):
    """The org to import into has no folder (or no readable org.yaml): nothing can be imported."""


@dataclass
class Planned:
    draft: Draft
    target: Path
    relative: str  # to the content folder: orgs/<org>/finance/2026-02.yaml
    data: dict  # what the file says: the draft's data with its date (and a kept 索引号)
    text: str
    existing: Existing | None

    @property
    def changed(self) -> bool:
        return self.existing is None or self.existing.text != self.text


@dataclass
class ImportResult:
    problems: Problems
    drafts: list[Draft] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # new or updated files (in a dry run: that would be)
    unchanged: list[Path] = field(default_factory=list)  # already exactly what the workbook says
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def read_org(content_dir: Path, slug: str) -> OrgInfo:
    org_file = content_dir / "orgs" / slug / ORG_FILE
    if not org_file.is_file():
        raise UnknownOrg(f"机构 {slug} 不存在（没有 {org_file}）：请用 --org 写机构文件夹名，或先运行 publish.py new org --org {slug}")
    try:
        data = yamltext.load(org_file.read_text("utf-8"))
    except (yaml.YAMLError, yamltext.DuplicateKey, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise UnknownOrg(f"{org_file} 读不出机构名称：请先运行 publish.py check 改正它")
    phones = frozenset("".join(ch for ch in Phone.of(p).number if ch.isdigit()) for p in data.get("phones") or ())
    return OrgInfo(slug, data["name"], str(data.get("kind", "")), tuple(map(str, data.get("groups") or ())), phones)


def import_workbooks(paths, org: str, content_dir, type: str | None = None, dry_run: bool = False,
                     force: bool = False, *, settings: Settings | None = None, output_dir=None,
                     program: str | None = None, year: int | None = None,
                     record_date: date | None = None) -> ImportResult:
    """Import ``paths`` (workbooks) as records of ``org``; see the module docstring."""
    content_dir = Path(content_dir)
    settings = settings or Settings()
    context = Context(read_org(content_dir, org), settings, Hints(program, year, record_date))
    problems = Problems()
    result = ImportResult(problems, dry_run=dry_run)
    for path in paths:
        result.drafts += read_file(str(path), context, type, problems)
    _refuse_collisions(result.drafts, problems)
    if problems.errors or not result.drafts:
        return result
    output_dir = Path(output_dir) if output_dir else content_dir.parent / "output"
    plans = [_plan(draft, content_dir, context, force, output_dir, problems) for draft in result.drafts]
    if problems.errors:
        return result
    _check_as_built(plans, content_dir, context, problems)
    if problems.errors:
        return result
    result.written = [p.target for p in plans if p.changed]
    result.unchanged = [p.target for p in plans if not p.changed]
    if not dry_run:
        write_all([p for p in plans if p.changed])
    return result


def _refuse_collisions(drafts: list[Draft], problems: Problems) -> None:
    seen: dict[str, Draft] = {}
    for draft in drafts:
        first = seen.setdefault(draft.relative, draft)
        if first is not draft:
            problems.error_at(draft.source.path, draft.source.place,
                              f"这里和 {first.source.path} {first.source.describe()} 会生成同一条记录（{draft.relative}）："
                              "同一期间、同一名单只能有一份，请合并后再导入", draft.source.order)


def schema_address(settings: Settings, output_dir: Path, target: Path, record_type: str) -> str:
    """Where a clerk's editor finds the schema: the published site, else the local build."""
    if settings.site_url:
        return f"{settings.site_url}/schemas/{record_type}.json"
    return Path(os.path.relpath(output_dir / "schemas" / f"{record_type}.json", target.parent)).as_posix()


def _plan(draft: Draft, content_dir: Path, context: Context, force: bool, output_dir: Path, problems: Problems) -> Planned:
    target = content_dir / "orgs" / context.org.slug / draft.relative
    relative = target.relative_to(content_dir).as_posix()
    before = reimport.existing(target)
    if before and before.state == "foreign":
        problems.error(relative, 1, f"这个文件不是 publish.py import 生成的，导入不会替换它（{draft.summary}）："
                       "如果要改用表格里的数据，请先把它改名或移走，再导入")
    elif before and before.state == "edited" and not force:
        problems.error(relative, 1, "这条记录导入后被手工改过，没有覆盖：要用表格里的数据替换它（手工改动会丢失，"
                       "例如监委会审核要重新填写），请加 --force 再导入")
    data = dict(draft.data)
    data["date"] = (context.hints.record_date.isoformat() if context.hints.record_date
                    else before.date if before and before.date else date.today().isoformat())
    if before and before.index_no:
        data["index_no"] = before.index_no
    header = [f"# yaml-language-server: $schema={schema_address(context.settings, output_dir, target, draft.type)}",
              f"# 由 publish.py import 从「{Path(draft.source.path).name}」{draft.source.describe()}导入",
              reimport.mark_line("0" * 16)]
    text = reimport.stamped(render(draft.type, data, header))
    return Planned(draft, target, relative, data, text, before)


def _check_as_built(plans: list[Planned], content_dir: Path, context: Context, problems: Problems) -> None:
    files = {plan.relative: plan.text for plan in plans}
    by_path = {plan.relative: plan for plan in plans}
    caused, read_back = verify.check_as_built(content_dir, context.org.slug, files, context.settings)
    for found in caused:
        plan = by_path.get(found.path) or next((p for p in plans if p.relative in found.message), plans[0])
        source = plan.draft.source
        where = f"导入后的记录 {found.path} 第 {found.line} 行" if found.path in by_path else f"导入会让 {found.path} 第 {found.line} 行"
        problems.error_at(source.path, source.place, f"{where}通不过检查：{found.message}", source.order)
    for path, data in read_back.items():
        if data != by_path[path].data:  # the YAML writer said something else than the workbook: a bug of ours
            raise ValueError(f"导入生成的 {path} 读回后与表格内容不一致")


def write_all(plans: list[Planned]) -> None:
    """Every file or none: temporary files beside the targets, then one rename each."""
    staged: list[tuple[Path, Planned]] = []
    replaced: list[Planned] = []
    try:
        for plan in plans:
            plan.target.parent.mkdir(parents=True, exist_ok=True)
            temporary = plan.target.with_name(f".{plan.target.name}.importing")
            temporary.write_text(plan.text, encoding="utf-8")
            staged.append((temporary, plan))
        for temporary, plan in staged:
            os.replace(temporary, plan.target)
            replaced.append(plan)
    except BaseException:
        for plan in replaced:  # put back what was there: nothing half-written
            if plan.existing is None:
                plan.target.unlink(missing_ok=True)
            else:
                plan.target.write_text(plan.existing.text, encoding="utf-8")
        raise
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


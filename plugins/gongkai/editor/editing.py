"""What the editor does, apart from HTTP: open a form, save it, keep drafts, withdraw, review.

Saving is one path for every record: the posted form is read against the file's own data
(``formdata``), written back into the file's text (``yamlwrite``), and that text goes through
the same reading and checks as ``publish.py check`` (``Workspace.check``). Only a text without
errors is written, then committed; with errors, nothing is written and the form comes back
filled with what the clerk typed and each problem beside its field.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..commands.new import target_path, template_text
from ..model import Record
from ..problems import Problem, Problems, errors_in
from ..reading.source import parse_text
from ..types import ALL_TYPES, ORG_FILE, RECORD_TYPES, label
from . import commits, formdata
from .fields import Builder, Context, Field
from .formdata import Form
from .paths import Refused, inside
from .store import Store, write_whole
from .values import Rows
from .workspace import Checked, Workspace, slug_of
from .yamlwrite import WriteError, rewritten

RAW_TEXT = "_text"  # the whole file, for a file our reader cannot read (the form would be empty)


@dataclass
class Who:
    """Whoever is saving: their name for the commit, and what they may change."""

    author: commits.Author | None
    org: str | None  # only this org's records (None: any)
    login: str | None = None
    reviewer: bool = False

    def may_change(self, slug: str) -> bool:
        return self.org is None or self.org == slug


@dataclass
class Target:
    """What a form is about: an existing record file, or a new record of a type in an org."""

    org: str
    type: str
    path: str | None = None

    @property
    def is_new(self) -> bool:
        return self.path is None


@dataclass
class FormPage:
    """Everything the form page shows."""

    target: Target
    fields: list[Field]
    problems: list[Problem] = field(default_factory=list)  # every problem, for the summary at the top
    sha: str = ""  # of the file as the form was opened: a change on disk since is detected
    body: str | None = None  # a Markdown record's body
    raw: str | None = None  # the whole text, when the file cannot be read into fields
    message: str = ""
    conflict: bool = False
    draft: str = ""  # the draft this form was opened from
    data: dict = field(default_factory=dict)  # what the fields show, as a record's data (for running totals)
    anchors: dict = field(default_factory=dict)  # problem → id of the field it is shown beside

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)


@dataclass
class Saved:
    path: str
    record: Record | None
    commit_error: str | None = None
    pending: str = ""  # the id of the change waiting for review, when it was not written


@dataclass
class Opened:
    """The file a form edits, as it is now: its text, and what our reader read of it."""

    text: str
    sha: str
    data: dict | None  # None: the file cannot be read into fields
    body: str
    base: dict  # what the writer changes (a new record: the ``new`` template's data)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Editor:
    def __init__(self, workspace: Workspace, schema_url, state: Path, commit: bool, review: bool,
                 output: Path | None = None):
        self.workspace = workspace
        self.content = workspace.content
        self.output = output or self.content.parent / "output"  # where imported records' $schema lines point
        self.schema_url = schema_url  # (target Path, type) → the $schema line's address, as ``new`` writes it
        self.drafts = Store(state / "drafts")
        self.pending = Store(state / "pending")
        self.commit = commit and commits.in_repository(self.content)
        self.review = review

    # -- opening -----------------------------------------------------------------------

    def target_of(self, path: str) -> Target:
        """The target of an existing file (its type as far as it can be read)."""
        self.workspace.refresh()
        entry = self.workspace.entries.get(path)
        record_type = "org" if path.endswith("/" + ORG_FILE) else (entry.type if entry else None)
        return Target(slug_of(path), record_type or "", path)

    def opened(self, target: Target) -> Opened:
        if target.is_new:
            text = template_text(target.type, "")
            parsed = parse_text(text, f"new.{_suffix(target.type)}", Problems())
            assert parsed is not None, "the new templates are read by the test suite"
            return Opened(text, "", self._blank(target), "", dict(parsed[0]))
        try:
            text = inside(self.content, target.path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise Refused(f"打不开 {target.path}：{getattr(error, 'strerror', None) or error}") from error
        parsed = parse_text(text, target.path, Problems())
        data = dict(parsed[0]) if parsed else None
        return Opened(text, sha256(text), data, parsed[1] if parsed else "", data or {})

    def _blank(self, target: Target) -> dict:
        org = self.workspace.site.orgs[target.org]
        return {"type": target.type, "date": date.today().isoformat(),
                "category": self.workspace.settings.default_column(org.kind, target.type)}

    def builder(self, target: Target) -> Builder:
        org = self.workspace.site.orgs.get(target.org)
        columns = self.workspace.settings.columns_for(org.kind) if org else ()
        context = Context(target.type, self._references(target), tuple(columns), _markdown(target))
        return Builder(self.workspace.site.schemas[target.type].document, context)

    def _references(self, target: Target) -> dict[str, list[tuple[str, str]]]:
        """The records a reference may choose: the same org's, of the right type, newest first."""
        org = self.workspace.site.orgs.get(target.org)
        if org is None or target.type not in RECORD_TYPES:
            return {}
        return {key: [(r.index_no, f"{r.title}（{r.date}，{r.index_no}）") for r in org.records
                      if r.source_path != target.path and (wanted.type is None or r.type == wanted.type)
                      and (wanted.stage is None or r.data.get("stage") == wanted.stage)]
                for key, wanted in RECORD_TYPES[target.type].references.items()}

    def page(self, target: Target, opened: Opened | None = None) -> FormPage:
        """The form of a record as the file holds it now (or a blank one)."""
        opened = opened or self.opened(target)
        problems = [] if target.is_new else self.workspace.problems.get(target.path, [])
        if opened.data is None:
            return FormPage(target, [], problems, opened.sha, raw=opened.text)
        fields = self.builder(target).top(opened.data)
        page = FormPage(target, fields, problems, opened.sha, opened.body if _markdown(target) else None,
                        data=opened.data)
        page.anchors = attach(fields, problems)
        return page

    def page_from(self, target: Target, form: Form, opened: Opened | None = None,
                  laid_out: bool = True) -> tuple[FormPage, dict, Opened]:
        """The form as posted (nothing the clerk typed is lost), with the data it means; its
        fields laid out only if asked (a save that succeeds shows no form)."""
        opened = opened or self.opened(target)
        if opened.data is None:
            page = FormPage(target, [], [], form.get("_sha"), raw=formdata.text_of(form.get(RAW_TEXT), True))
            return page, {}, opened
        start = opened.data
        fields = self.builder(target).top(start)
        data = formdata.read(form, fields, start)
        body = formdata.text_of(form.get(formdata.BODY), True) if _markdown(target) else None
        page = FormPage(target, [], [], form.get("_sha"), body, draft=form.get("_draft"), data=data)
        if laid_out:
            page.fields = self.builder(target).top(data)
        return page, data, opened

    def rows_changed(self, target: Target, form: Form, action: str) -> FormPage:
        """A row added (``add:<table>``) or removed (``remove:<table>:<row>``) without saving:
        the buttons' meaning when the page runs without its script."""
        kind, _, rest = action.partition(":")
        table, _, key = rest.partition(":")
        if kind == "remove":
            form = form.without(f"{table}.{key}.")
        page, data, _ = self.page_from(target, form)
        if kind == "add" and "." not in table:  # every table of a record is one of its own keys
            rows = data.get(table) or []
            origins = rows.origins if isinstance(rows, Rows) else list(range(len(rows)))
            data[table] = Rows(list(rows) + [{}], origins + [None])
            page.fields = self.builder(target).top(data)
        return page

    def mark_repealed(self, target: Target, form: Form) -> None:
        """废止: the policy's status becomes repealed, on the day given beside the button."""
        form.set("status", RECORD_TYPES[target.type].value_label("status", "repealed"))
        form.set("repealed_on", form.get("_repealed_on") or date.today().isoformat())

    # -- saving -------------------------------------------------------------------------

    def proposed_text(self, target: Target, opened: Opened, page: FormPage, data: dict) -> tuple[str, str, tuple | None]:
        """(path, text) the save would write, and what our reader read of that text."""
        if page.raw is not None:
            return target.path or "", page.raw.rstrip("\n") + "\n", None
        if target.is_new:
            path = self.new_path(target)
            text = template_text(target.type, self.schema_url(self.content / path, target.type))
            base = dict(parse_text(text, path, Problems())[0])
            return (path, *rewritten(text, path, base, _template_rows(data, base), page.body))
        return (target.path, *rewritten(opened.text, target.path, opened.base, data, page.body))

    def new_path(self, target: Target) -> str:
        """Where ``publish.py new`` would put it (-2, -3 … when that file exists)."""
        first = target_path(self.content / "orgs" / target.org, target.type, None)
        path, n = first, 1
        while path.exists():
            n += 1
            path = first.with_name(f"{first.stem}-{n}{first.suffix}")
        return path.relative_to(self.content).as_posix()

    def save(self, target: Target, form: Form, who: Who) -> tuple[FormPage, Saved | None]:
        """Check and (when clean) write, commit or queue for review; the form page if not saved."""
        with self.workspace.lock:  # (the files behind the editor's back were caught up with when the form opened)
            opened = self.opened(target)
            page, data, opened = self.page_from(target, form, opened, laid_out=False)
            if not target.is_new and form.get("_sha") != opened.sha:
                page.conflict = True
                return self._shown(page, data, "这个文件在你打开之后被改过（别人保存过，或在别处改了）：你的修改还在下面，没有保存。"
                                   "请先“存草稿”，再打开最新的文件对照修改"), None
            try:
                path, text, parsed = self.proposed_text(target, opened, page, data)
            except WriteError as error:
                return self._shown(page, data, f"无法写成记录文件：{error}"), None
            checked = self.workspace.check(path, text, parsed)
            if checked.errors:
                page.problems = checked.problems
                return self._shown(page, data, f"有 {len(checked.errors)} 处错误，没有保存：请按每项旁边的提示改正"), None
            if self.review and not who.reviewer:
                return page, Saved(path, checked.record, pending=self._queue(target, path, text, opened.sha, form, who))
            saved = self.write(checked, who, "新增" if target.is_new else "修改")
            if page.draft:
                self.drafts.delete(page.draft)
            return page, saved

    def _shown(self, page: FormPage, data: dict, message: str) -> FormPage:
        """The form page of a save that did not happen: laid out, each problem at its field."""
        page.fields = self.builder(page.target).top(data)
        page.anchors = attach(page.fields, page.problems)
        page.message = message
        return page

    def write(self, checked: Checked, who: Who | commits.Author | None, verb: str) -> Saved:
        """Write a checked text into the content folder, update the site, commit."""
        write_whole(inside(self.content, checked.path), checked.text, mode=0o644)
        self.workspace.accept(checked)
        record = self.workspace.by_path.get(checked.path)
        paths = [checked.path] + [a.source for a in (record.attachments if record else [])]
        return Saved(checked.path, record, self.commit_paths(paths, f"{verb}{_naming(checked)}", who))

    def commit_paths(self, paths: list[str], message: str, who) -> str | None:
        """One commit of exactly ``paths`` (when committing is on); what went wrong, or None."""
        if not self.commit:
            return None
        author = who.author if isinstance(who, Who) else who
        return commits.commit(self.content, paths, message, author)

    # -- withdrawing ------------------------------------------------------------------------

    def withdraw(self, path: str, who: Who) -> tuple[str | None, Saved | None]:
        """Remove a record (with a commit); (why not, None) when it cannot be."""
        with self.workspace.lock:
            record = self.workspace.by_path.get(path)
            pointing = self.workspace.referrers(record) if record else []
            if pointing:
                names = "、".join(f"「{r.title}」（{r.source_path}）" for r in pointing)
                return f"不能撤回：{names}引用了这条记录。请先改那些记录", None
            if self.review and not who.reviewer:
                title = record.title if record else path
                pending = self.pending.put(_change(slug_of(path), path, self.target_of(path).type, title, None,
                                                   sha256(inside(self.content, path).read_text("utf-8")), [], who))
                return None, Saved(path, record, pending=pending)
            return None, self.remove(path, who, record.title if record else path)

    def remove(self, path: str, who, title: str) -> Saved:
        inside(self.content, path).unlink()
        self.workspace.remove(path)
        return Saved(path, None, self.commit_paths([path], f"撤回 {title}（{path}）", who))

    # -- drafts and review ------------------------------------------------------------------

    def keep_draft(self, target: Target, form: Form, who: Who) -> str:
        """Keep the form as posted, outside the content folder; the org's page lists it."""
        title = form.get("title") or form.get("name") or label(target.type)
        return self.drafts.put({"id": form.get("_draft"), "org": target.org, "path": target.path or "",
                                "type": target.type, "title": title, "saved": _now(), "by": _who(who),
                                "items": _kept(form)})

    def _queue(self, target: Target, path: str, text: str, base_sha: str, form: Form, who: Who) -> str:
        change = _change(target.org, path, target.type, form.get("title") or path, text, base_sha, _kept(form), who)
        change["new"] = target.is_new
        pending = self.pending.put(change)
        if form.get("_draft"):
            self.drafts.delete(form.get("_draft"))
        return pending

    def approve(self, change: dict, reviewer: Who) -> tuple[str | None, Saved | None]:
        """Land a pending change: the file must still be as the clerk saw it, the text still clean."""
        with self.workspace.lock:
            path = change["path"]
            file = inside(self.content, path)
            now = sha256(file.read_text("utf-8")) if file.is_file() else ""
            if now != change["base_sha"]:
                return "文件在提交审核之后又被改过：请退回，让经办人重新打开修改", None
            author = commits.Author(change["author"]["name"], change["author"]["email"])
            if change["text"] is None:
                saved = self.remove(path, author, change["title"])
            else:
                checked = self.workspace.check(path, change["text"])
                if checked.errors:
                    return "现在检查有错误（其他记录已经变了）：" + "；".join(p.message for p in checked.errors), None
                saved = self.write(checked, author, "新增" if change.get("new") else "修改")
            self.pending.delete(change["id"])
            return None, saved

    def send_back(self, change: dict, note: str) -> str:
        """Reject a pending change: it becomes the clerk's draft again, with the reviewer's note."""
        self.pending.delete(change["id"])
        return self.drafts.put({"org": change["org"], "path": "" if change.get("new") else change["path"],
                                "type": change["type"], "title": change["title"], "saved": _now(),
                                "by": change["author"].get("login") or change["author"]["name"],
                                "note": note, "items": change["items"]})


def attach(fields: list[Field], problems: list[Problem]) -> dict[Problem, str]:
    """Put each problem beside the field (or row) its path names, the nearest one shown;
    → the id of the element each problem's line in the summary links to."""
    places: dict[tuple, tuple[object, str]] = {}
    for top in fields:
        for found in top.walk():
            places[found.path] = (found, found.id)
            for row in found.rows:
                if row.cells:
                    places.setdefault(row.cells[0].path[:-1], (row, row.cells[0].id))
    anchors = {}
    for problem in problems:
        path = problem.field
        while path and path not in places:
            path = path[:-1]
        if path:
            place, anchors[problem] = places[path]
            place.problems.append(problem)  # type: ignore[attr-defined]
    return anchors


def _markdown(target: Target) -> bool:
    return (target.path or f".{_suffix(target.type)}").endswith(".md")


def _suffix(record_type: str) -> str:
    return ALL_TYPES[record_type].new_template.suffix.lstrip(".")


def _template_rows(data: dict, template: dict) -> dict:
    """A new record's rows written over the template's, so its comments (科目, 摘要 …) stay."""
    out = dict(data)
    for key, value in data.items():
        if isinstance(value, Rows) and isinstance(template.get(key), list):
            out[key] = Rows(value, [i if i < len(template[key]) else None for i in range(len(value))])
    return out


def _naming(checked: Checked) -> str:
    """How a commit names the record: its title (an org: its name) and file."""
    data = checked.data or {}
    title = checked.record.title if checked.record else data.get("name", "")
    return f" {title}（{checked.path}）"


def _change(org, path, record_type, title, text, base_sha, items, who: Who) -> dict:
    author = who.author or commits.Author(who.login or "editor", "editor@localhost")
    return {"org": org, "path": path, "type": record_type, "title": title, "text": text, "base_sha": base_sha,
            "items": items, "saved": _now(),
            "author": {"name": author.name, "email": author.email, "login": who.login}}


def _kept(form: Form) -> list[list[str]]:
    """What a draft keeps of a posted form: everything typed, not the session's token or the button."""
    return [[name, value] for name, value in form.items if name not in ("_csrf", "_action")]


def _who(who: Who) -> str:
    return who.login or (who.author.name if who.author else "")


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")  # when a draft was kept: shown to the clerk, never published

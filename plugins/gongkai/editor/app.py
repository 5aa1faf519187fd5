"""The editor's web application: routes, sessions and what each page shows (Starlette).

Every handler goes through ``App.view``: it finds (or starts) the session, and for a request
that changes anything reads the form and checks the session's token before the handler
runs. In ``--serve`` mode every page but the login needs an account. Where a token is stale
(the session expired, the editor restarted) nothing the clerk typed is lost: the form comes
back filled (after logging in again, in ``--serve`` mode) and is saved only when asked again.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..types import RECORD_TYPES, label
from ..errors import GongkaiError
from . import uploads, workbooks
from .accounts import Accounts, Throttle
from .commits import Author
from .editing import Editor, FormPage, Target, Who
from .formdata import Form
from .guard import Guard
from .pages import STATIC, environment
from .paths import Refused, inside, org_slug, record_path
from .preview import Preview
from .sessions import COOKIE, Session, Sessions
from .totals import totals

EDITABLE_TYPES = list(RECORD_TYPES)
MAX_FIELDS = 100_000  # a 1,000-line ledger posts 6,000 fields; Starlette's default is 1,000


@dataclass
class Options:
    origins: set[str]  # where the editor's pages are served from (requests from anywhere else change nothing)
    site_name: str = "公开"
    serve: bool = False  # accounts (``edit --serve``)
    review: bool = False  # a clerk's save waits for a reviewer of a parent org
    org: str | None = None  # local mode: only this org's records
    author: Author | None = None  # local mode: the commits' author


@dataclass
class Call:
    """One request as the handlers see it."""

    request: Request
    session: Session
    new_session: bool = False
    form: Form = field(default_factory=lambda: Form([]))
    uploads: list[tuple[str, UploadFile]] = field(default_factory=list)
    who: Who | None = None

    @property
    def params(self) -> dict:
        return self.request.path_params


class App:
    def __init__(self, editor: Editor, preview: Preview, options: Options, accounts: Accounts | None = None):
        self.editor = editor
        self.workspace = editor.workspace
        self.preview = preview
        self.options = options
        self.accounts = accounts
        self.sessions = Sessions()
        self.throttle = Throttle()
        self.env = environment(options.site_name)

    def asgi(self):
        get, post = ["GET"], ["POST"]
        routes = [
            Route("/", self.view(self.tree), methods=get),
            Route("/org/{slug}", self.view(self.org), methods=get),
            Route("/new/{type}", self.view(self.new_form), methods=get),
            Route("/new/{type}", self.view(self.new_submit, changes=True), methods=post),
            Route("/edit/{path:path}", self.view(self.edit_form), methods=get),
            Route("/edit/{path:path}", self.view(self.edit_submit, changes=True), methods=post),
            Route("/draft/{id}", self.view(self.draft), methods=get),
            Route("/draft/{id}/delete", self.view(self.draft_delete, changes=True), methods=post),
            Route("/import", self.view(self.import_form), methods=get),
            Route("/import", self.view(self.import_workbooks, changes=True), methods=post),
            Route("/withdraw/{path:path}", self.view(self.withdraw_form), methods=get),
            Route("/withdraw/{path:path}", self.view(self.withdraw, changes=True), methods=post),
            Mount("/preview/theme", StaticFiles(directory=self.preview.static)),
            Route("/preview/{url:path}", self.view(self.show_preview), methods=get),
            Mount("/static", StaticFiles(directory=STATIC)),
            Mount("/theme", StaticFiles(directory=self.preview.static)),
            Route("/login", self.view(self.login_form, login=False), methods=get),
            Route("/login", self.view(self.login, changes=True, login=False), methods=post),
            Route("/logout", self.view(self.logout, changes=True, login=False), methods=post),
            Route("/review", self.view(self.review_list), methods=get),
            Route("/review/{id}", self.view(self.review_one), methods=get),
            Route("/review/{id}", self.view(self.review_decide, changes=True), methods=post),
        ]
        return Guard(Starlette(routes=routes), self.options.origins)

    # -- the frame every handler runs in -------------------------------------------------

    def view(self, handler, changes: bool = False, login: bool = True):
        async def endpoint(request: Request) -> Response:
            session = self.sessions.get(request.cookies.get(COOKIE))
            call = Call(request, session or self.sessions.start(), new_session=session is None)
            if changes:
                call.form, call.uploads = await _read_form(request)
                if not call.session.token_ok(call.form.get("_csrf")):
                    return self._finish(call, await self._stale(call))
            if login and self.options.serve and call.session.login is None:
                return self._finish(call, _redirect(f"/login?next={quote(_here(request))}"))
            call.who = self._who(call.session)
            if call.who is None:  # the account was removed while logged in
                self.sessions.end(call.session.id)
                return _redirect("/login")
            try:
                response = await handler(call)
            except _Forbidden as forbidden:
                response = self.message(call, str(forbidden), 403)
            except Refused as refused:
                response = self.message(call, str(refused), 404)
            return self._finish(call, response)

        return endpoint

    def _finish(self, call: Call, response: Response) -> Response:
        if call.new_session:
            response.set_cookie(COOKIE, call.session.id, httponly=True, samesite="lax", path="/",
                                secure=call.request.url.scheme == "https")
        return response

    def _who(self, session: Session) -> Who | None:
        if not self.options.serve:
            return Who(self.options.author, self.options.org)
        if session.login is None:
            return Who(None, "")  # not logged in: may change nothing
        user = self.accounts.get(session.login) if self.accounts else None
        if user is None:
            return None
        return Who(Author(user.name, user.email), user.org, user.login, user.reviewer)

    def render(self, call: Call, template: str, status: int = 200, **context) -> HTMLResponse:
        flash, call.session.flash = call.session.flash, []
        user = self.accounts.get(call.session.login) if self.accounts and call.session.login else None
        html = self.env.get_template(template).render(
            csrf=call.session.csrf, who=call.who, user=user, flash=flash, options=self.options,
            can_review=bool(self.options.review and user and user.reviewer), **context)
        return HTMLResponse(html, status_code=status)

    def message(self, call: Call, text: str, status: int = 400) -> HTMLResponse:
        return self.render(call, "message.html", status, text=text)

    async def _stale(self, call: Call) -> Response:
        """A write with a token this session does not have: show what was typed, save nothing."""
        target = self._target_of_url(_here(call.request))
        if self.options.serve:
            if target is None:  # the login form itself, a review, a withdrawal: nothing typed to keep
                return self.render(call, "login.html", 403, next="/", resume="", error="页面已过期：请重新登录后再操作")
            resume = json.dumps([[n, v] for n, v in call.form.items if n != "_csrf"], ensure_ascii=False)
            return self.render(call, "login.html", 403, next=_here(call.request), resume=resume,
                               error="登录已过期：请重新登录，你填的内容会回到表单上（附件需要重新选择）")
        if target is None:
            return self.message(call, "页面已过期（编辑器重启过？）：请回到上一页刷新后再操作", 403)
        call.who = self._who(call.session)
        return self._resumed(call, target, "页面已过期（编辑器重启过？）：你填的内容都在下面，还没有保存；请再点一次“保存”")

    def _resumed(self, call: Call, target: Target, text: str) -> Response:
        if not call.who or not call.who.may_change(target.org):
            return self.message(call, f"只能修改本单位的记录，不能修改 {target.org} 的", 403)
        page, _, _ = self.editor.page_from(target, call.form)
        page.message = text
        return self.form(call, page)

    def _target_of_url(self, url: str) -> Target | None:
        parts = urlsplit(url)
        try:
            if parts.path.startswith("/edit/"):
                return self.editor.target_of(record_path(self.workspace.content, parts.path[len("/edit/"):]))
            if parts.path.startswith("/new/"):
                record_type = parts.path[len("/new/"):]
                org = org_slug(parse_qs(parts.query).get("org", [""])[0])
                if record_type in EDITABLE_TYPES and org in self.workspace.site.orgs:
                    return Target(org, record_type)
        except Refused:
            pass
        return None

    # -- pages ------------------------------------------------------------------------------

    async def tree(self, call: Call) -> Response:
        await run_in_threadpool(self.workspace.refresh)
        site = self.workspace.site
        counts: dict[str, list[int]] = {}
        for path, entry in self.workspace.entries.items():
            count = counts.setdefault(path.split("/")[1], [0, 0])
            count[0] += 1
            count[1] += bool(entry.errors)
        broken = {path: problems for path, problems in self.workspace.problems.items()
                  if path.endswith("/org.yaml") and path.split("/")[1] not in site.orgs}
        return self.render(call, "tree.html", top=site.top if site.orgs else None, counts=counts, broken=broken)

    async def org(self, call: Call) -> Response:
        slug = org_slug(call.params["slug"])
        await run_in_threadpool(self.workspace.refresh)
        org = self.workspace.site.orgs.get(slug)
        if org is None:
            raise Refused(f"没有机构“{slug}”")
        by_type: dict[str, list] = {}
        for entry in self.workspace.entries_of(slug):
            by_type.setdefault(entry.type or "", []).append(entry)
        sections = [(t, label(t) if t else "无法识别类型的文件", by_type[t])
                    for t in EDITABLE_TYPES + [""] if t in by_type]
        mine = call.who.may_change(slug)
        return self.render(call, "org.html", org=org, sections=sections, may_change=mine,
                           types=[(t, label(t)) for t in EDITABLE_TYPES],
                           drafts=self.editor.drafts.of_org(slug) if mine else [],
                           pending=self.editor.pending.of_org(slug), org_problems=self.workspace.problems.get(org.source_path, []))

    def form(self, call: Call, page: FormPage, status: int = 200) -> HTMLResponse:
        target = page.target
        if target.is_new:
            action, heading = f"/new/{target.type}?org={target.org}", f"新建{label(target.type)}"
        else:
            action = f"/edit/{target.path}"
            heading = f"修改{label(target.type)}" if target.type else "修改记录"
        return self.render(call, "form.html", status, page=page, action=action, heading=heading,
                           record=self.workspace.by_path.get(target.path or ""),
                           org=self.workspace.site.orgs.get(target.org), totals=totals(target.type, page.data))

    def _may_change(self, call: Call, org: str) -> None:
        if not call.who.may_change(org):
            raise _Forbidden(f"你只能修改本单位（{call.who.org}）的记录，不能修改 {org} 的")

    async def new_form(self, call: Call) -> Response:
        target = self._new_target(call)
        return self.form(call, self.editor.page(target))

    def _new_target(self, call: Call) -> Target:
        record_type = call.params["type"]
        org = org_slug(call.request.query_params.get("org", ""))
        if record_type not in EDITABLE_TYPES:
            raise Refused(f"没有“{record_type}”这种记录：可以新建 {'、'.join(EDITABLE_TYPES)}")
        if org not in self.workspace.site.orgs:
            raise Refused(f"没有机构“{org}”")
        self._may_change(call, org)
        return Target(org, record_type)

    async def new_submit(self, call: Call) -> Response:
        return await self.submit(call, self._new_target(call))

    def _existing(self, call: Call) -> Target:
        path = record_path(self.workspace.content, call.params["path"])
        if not inside(self.workspace.content, path).is_file():
            raise Refused(f"没有文件 {path}")
        target = self.editor.target_of(path)
        self._may_change(call, target.org)
        return target

    async def edit_form(self, call: Call) -> Response:
        return self.form(call, self.editor.page(self._existing(call)))

    async def edit_submit(self, call: Call) -> Response:
        return await self.submit(call, self._existing(call))

    async def submit(self, call: Call, target: Target) -> Response:
        failed = await self._store_uploads(call, target)
        action = call.form.get("_action") or "save"
        if action == "draft":
            draft = self.editor.keep_draft(target, call.form, call.who)
            call.session.flash.append(("草稿已保存（不会公开）：这个表单随时可以从本单位的页面打开接着填。", "", ""))
            return _redirect(f"/draft/{draft}")
        if action.startswith(("add:", "remove:")) or failed:
            page = self.editor.rows_changed(target, call.form, action)
            page.message = "；".join(failed)
            return self.form(call, page)
        if action == "repeal":
            self.editor.mark_repealed(target, call.form)
        page, saved = await run_in_threadpool(self.editor.save, target, call.form, call.who)
        if saved is None:
            return self.form(call, page, 422 if page.errors or page.conflict else 200)
        if saved.pending:
            call.session.flash.append(("已提交审核：上级机构的审核人批准后才会保存并公开。", "", ""))
            return _redirect(f"/org/{target.org}")
        done = "已保存" + ("，并已提交到 git" if self.editor.commit and not saved.commit_error else "")
        call.session.flash.append((done + "。", f"/preview/{saved.record.url}" if saved.record else "", "预览公开后的页面"))
        if saved.commit_error:
            call.session.flash.append((saved.commit_error, "", ""))
        return _redirect(f"/edit/{saved.path}")

    async def _store_uploads(self, call: Call, target: Target) -> list[str]:
        """Put uploaded attachments beside the record and write their names into the form."""
        folder = self.workspace.content / (Path(target.path).parent if target.path else Path("orgs", target.org, target.type))
        inside(self.workspace.content, folder.relative_to(self.workspace.content).as_posix())
        failed = []
        for name, upload in call.uploads:
            if not upload.filename or not name.endswith(".upload"):
                continue
            try:
                data = await upload.read(uploads.MAX_BYTES + 1)
                written = await run_in_threadpool(uploads.place, folder, upload.filename, data)
            except uploads.UploadRefused as refused:
                failed.append(str(refused))
                continue
            call.form.set(name.removesuffix(".upload") + ".file", written)
            if not call.form.get(name.removesuffix(".upload") + ".title"):
                call.form.set(name.removesuffix(".upload") + ".title", Path(upload.filename).stem)
        return failed

    async def draft(self, call: Call) -> Response:
        draft = self.editor.drafts.get(call.params["id"])
        if draft is None:
            raise Refused("草稿不存在（已经保存或删除了？）")
        self._may_change(call, draft["org"])
        target = Target(draft["org"], draft["type"], draft["path"] or None)
        form = Form([(n, v) for n, v in draft["items"] if n != "_draft"] + [("_draft", draft["id"])])
        page, _, _ = self.editor.page_from(target, form)
        page.message = f"这是{draft['saved'].replace('T', ' ')}存的草稿，还没有公开：改好后点“保存”。" + (
            f"审核意见：{draft['note']}" if draft.get("note") else "")
        return self.form(call, page)

    async def draft_delete(self, call: Call) -> Response:
        draft = self.editor.drafts.get(call.params["id"])
        if draft is None:
            raise Refused("草稿不存在")
        self._may_change(call, draft["org"])
        self.editor.drafts.delete(draft["id"])
        call.session.flash.append(("草稿已删除。", "", ""))
        return _redirect(f"/org/{draft['org']}")

    async def withdraw_form(self, call: Call) -> Response:
        target = self._existing(call)
        record = self.workspace.by_path.get(target.path)
        return self.render(call, "withdraw.html", target=target, record=record,
                           referrers=self.workspace.referrers(record) if record else [])

    async def withdraw(self, call: Call) -> Response:
        target = self._existing(call)
        why, saved = await run_in_threadpool(self.editor.withdraw, target.path, call.who)
        if why:
            return self.message(call, why, 409)
        call.session.flash.append(("已提交审核：批准后才会撤回。" if saved.pending else
                                   "已撤回：这条记录不再公开" + ("（已提交到 git）。" if self.editor.commit else "。"), "", ""))
        if saved.commit_error:
            call.session.flash.append((saved.commit_error, "", ""))
        return _redirect(f"/org/{target.org}")

    def _import_org(self, call: Call) -> str:
        org = org_slug(call.request.query_params.get("org", ""))
        if org not in self.workspace.site.orgs:
            raise Refused(f"没有机构“{org}”")
        self._may_change(call, org)
        if self.editor.review and not call.who.reviewer:
            raise _Forbidden("审核模式下，表格由审核人导入（导入会一次写入多条记录）；经办人请用表单填写")
        return org

    async def import_form(self, call: Call) -> Response:
        org = self._import_org(call)
        return self.render(call, "import.html", org=self.workspace.site.orgs[org], types=workbooks.TYPES, result=None)

    async def import_workbooks(self, call: Call) -> Response:
        """导入表格: the same import as publish.py import, its lines shown."""
        org = self._import_org(call)
        files = [(upload.filename or "表格", await upload.read(workbooks.MAX_BYTES + 1))
                 for name, upload in call.uploads if name == "workbooks" and upload.filename]
        context = {"org": self.workspace.site.orgs[org], "types": workbooks.TYPES}
        if not files:
            return self.render(call, "import.html", 400, result=None, error="请选择要导入的表格文件", **context)
        try:
            result = await run_in_threadpool(workbooks.import_uploaded, self.editor, org, files,
                                             call.form.get("type"), call.who)
        except (uploads.UploadRefused, GongkaiError) as refused:
            return self.render(call, "import.html", 400, result=None, error=str(refused), **context)
        return self.render(call, "import.html", 422 if result.errors else 200, result=result, **context)

    async def show_preview(self, call: Call) -> Response:
        url = call.params["url"]
        record = next((r for r in self.workspace.site.records if r.url == url), None)
        if record is None:
            raise Refused("这条记录没有保存成功（或有错误），还不能预览")
        return HTMLResponse(self.preview.page(self.workspace.site, record))

    # -- accounts ---------------------------------------------------------------------------

    async def login_form(self, call: Call) -> Response:
        if not self.options.serve:
            return _redirect("/")
        return self.render(call, "login.html", next=call.request.query_params.get("next", "/"), resume="")

    async def login(self, call: Call) -> Response:
        if not self.options.serve:
            return _redirect("/")
        name, password = call.form.get("login").strip(), call.form.get("password")
        address = call.request.client.host if call.request.client else "?"
        keys = (name, address)
        context = {"next": call.form.get("next") or "/", "resume": call.form.get("_resume")}
        if self.throttle.blocked(*keys):
            return self.render(call, "login.html", 429, error="登录失败次数太多：请 15 分钟后再试，或找县信息中心", **context)
        user = await run_in_threadpool(self.accounts.verify, name, password)
        if user is None:
            self.throttle.failed(*keys)
            return self.render(call, "login.html", 401, error="用户名或密码不对", **context)
        self.throttle.succeeded(*keys)
        self.sessions.end(call.session.id)  # a new id after login: a planted session id is worth nothing
        call.session, call.new_session = self.sessions.start(user.login), True
        call.who = self._who(call.session)
        target = self._target_of_url(context["next"])
        if context["resume"] and target is not None:
            call.form = Form([tuple(item) for item in json.loads(context["resume"])])
            return self._resumed(call, target, "已重新登录：你填的内容都在下面，还没有保存；请再点一次“保存”")
        return _redirect(_local(context["next"]))

    async def logout(self, call: Call) -> Response:
        self.sessions.end(call.session.id)
        return _redirect("/login" if self.options.serve else "/")

    # -- review -----------------------------------------------------------------------------

    def _reviews(self, who: Who, org: str) -> bool:
        """A reviewer approves the changes of the orgs below its own."""
        target = self.workspace.site.orgs.get(org)
        return bool(who.reviewer and target and who.org in [a.slug for a in target.ancestors()])

    async def review_list(self, call: Call) -> Response:
        changes = [c for c in self.editor.pending.all() if self._reviews(call.who, c["org"])]
        return self.render(call, "review.html", changes=changes)

    def _change(self, call: Call) -> dict:
        change = self.editor.pending.get(call.params["id"])
        if change is None:
            raise Refused("这项待审核的修改不存在（已经处理了？）")
        if not self._reviews(call.who, change["org"]):
            raise _Forbidden("只有上级机构的审核人可以审核这项修改")
        return change

    async def review_one(self, call: Call) -> Response:
        change = self._change(call)
        file = inside(self.workspace.content, change["path"])
        before = file.read_text("utf-8") if file.is_file() else ""
        diff = list(difflib.unified_diff(before.splitlines(), (change["text"] or "").splitlines(),
                                         "现在的文件", "修改后", lineterm=""))
        return self.render(call, "pending.html", change=change, diff=diff)

    async def review_decide(self, call: Call) -> Response:
        change = self._change(call)
        if call.form.get("_action") == "approve":
            why, saved = await run_in_threadpool(self.editor.approve, change, call.who)
            if why:
                return self.message(call, why, 409)
            call.session.flash.append((f"已批准：{change['title']}", f"/preview/{saved.record.url}" if saved.record else "",
                                       "预览" if saved.record else ""))
            if saved.commit_error:
                call.session.flash.append((saved.commit_error, "", ""))
        else:
            self.editor.send_back(change, call.form.get("note").strip())
            call.session.flash.append((f"已退回：{change['title']} 成为经办人的草稿", "", ""))
        return _redirect("/review")


class _Forbidden(Refused):
    pass


async def _read_form(request: Request) -> tuple[Form, list[tuple[str, UploadFile]]]:
    posted = await request.form(max_files=200, max_fields=MAX_FIELDS)
    items = posted.multi_items()
    return Form([(n, v) for n, v in items if isinstance(v, str)]), [(n, v) for n, v in items if isinstance(v, UploadFile)]


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def _local(url: str) -> str:
    """Only a path on this server (never //elsewhere): where to go after logging in."""
    return url if url.startswith("/") and not url.startswith("//") else "/"

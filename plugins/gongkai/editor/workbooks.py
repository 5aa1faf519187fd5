"""导入表格: workbooks uploaded in the browser, imported exactly as ``publish.py import`` does.

The files are kept (with the clerk's own names, which the problem lines quote) in a
temporary folder only while ``importing.import_workbooks`` runs; it reads them, checks the
records with the build's own checks and writes all of them or none. What was written is
then taken into the loaded county and committed together, in one commit.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..importing import import_workbooks
from ..problems import Problem, errors_in
from .uploads import UploadRefused

MAX_BYTES = 20 * 1024 * 1024
TYPES = (("", "按表头自动识别"), ("finance", "财务收支（现金日记账、明细账）"), ("subsidy", "补贴、低保名单"),
         ("budget", "预算、决算表"))


@dataclass
class Imported:
    problems: list[Problem] = field(default_factory=list)
    written: list[tuple[str, str]] = field(default_factory=list)  # (path under content, what it holds)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    commit_error: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)


def _name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name.strip()
    if not name or name.startswith("."):
        raise UploadRefused(f"文件名“{filename}”不能用：请改个名字再上传")
    return name[-120:]


def import_uploaded(editor, org: str, files: list[tuple[str, bytes]], record_type: str | None, who) -> Imported:
    """Import the uploaded workbooks into ``org``; nothing is written when any has an error."""
    with editor.workspace.lock, tempfile.TemporaryDirectory(prefix="gongkai-import-") as folder:
        paths = []
        for filename, data in files:
            if len(data) > MAX_BYTES:
                raise UploadRefused(f"“{filename}”超过 {MAX_BYTES // 1024 // 1024} MB：请只上传要导入的表格")
            path = Path(folder) / _name(filename)
            path.write_bytes(data)
            paths.append(path)
        result = import_workbooks(paths, org, editor.content, record_type or None, settings=editor.workspace.settings,
                                  output_dir=editor.output)
        # the temporary folder means nothing to the clerk: each line names the workbook as uploaded
        problems = [dataclasses.replace(p, path=Path(p.path).name) if p.path.startswith(folder) else p
                    for p in result.problems.sorted()]
        summaries = {draft.relative: draft.summary for draft in result.drafts}
        org_dir = editor.content / "orgs" / org

        def listed(targets):
            return [(t.relative_to(editor.content).as_posix(), summaries.get(t.relative_to(org_dir).as_posix(), ""))
                    for t in targets]

        imported = Imported(problems, listed(result.written), listed(result.unchanged))
        if result.ok and result.written:
            editor.workspace.refresh()
            names = "、".join(Path(name).name for name, _ in files)
            imported.commit_error = editor.commit_paths([path for path, _ in imported.written],
                                                        f"导入表格 {names}（{len(imported.written)} 条记录）", who)
        return imported

"""One git commit per save: exactly the record (and its attachments), with a Chinese message.

The content folder may be a git repository (or inside one); then each save, withdrawal or
approved change is committed on its own, touching only its paths (``git commit --only``),
so whatever else is staged or changed in the clerk's copy stays out of it. The author is
the clerk (``--author`` or the account); git's own configuration is the committer, or the
author when git has none. A failed commit is reported; the file stays written.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Author:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @classmethod
    def parse(cls, text: str) -> "Author":
        """``名字 <email>`` (the email may be left out)."""
        name, _, rest = text.partition("<")
        return cls(name.strip(), rest.rstrip(">").strip() or "editor@localhost")


def _git(content: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=content, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def in_repository(content: Path) -> bool:
    try:
        return _git(content, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"
    except (OSError, subprocess.SubprocessError):
        return False


def configured_author(content: Path) -> Author | None:
    name = _git(content, "config", "user.name").stdout.strip()
    email = _git(content, "config", "user.email").stdout.strip()
    return Author(name, email or "editor@localhost") if name else None


def commit(content: Path, paths: list[str], message: str, author: Author | None) -> str | None:
    """Commit ``paths`` (relative to ``content``) alone; None when done or nothing changed,
    else what went wrong, in a line for the clerk."""
    paths = sorted(set(paths))
    added = _git(content, "add", "-A", "--", *paths)
    if added.returncode != 0:
        return f"提交 git 失败（git add）：{added.stderr.strip()}"
    if _git(content, "diff", "--cached", "--quiet", "--", *paths).returncode == 0:
        return None  # saved exactly what was there: nothing to commit
    env = {}
    args = ["commit", "--quiet", "-m", message]
    if author is not None:
        args.append(f"--author={author}")
        if configured_author(content) is None:
            env = {"GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email}
    done = _git(content, *args, "--only", "--", *paths, env=env)
    if done.returncode != 0:
        return f"提交 git 失败：{(done.stderr or done.stdout).strip()}；文件已保存，请让县信息中心检查 git 设置"
    return None

"""git+file:///repo.git#branch and git+ssh://user@host[:port]/repo.git#branch: a pages branch.

The whole site becomes one commit on the branch (default gh-pages) and is pushed in one
ref update: readers see the old site or the new one, never a mix, and git itself sends
only the objects that changed. The commit is deterministic: fixed author, and a date from
the content (SOURCE_DATE_EPOCH, else the content's last git commit, else the previous
pages commit) — never "now" — so the same site pushed twice is the same commit.

The commit has no parent: the branch holds the current site and nothing else, so a record
taken down (a leak, a withdrawn list) leaves no reachable history behind it (issue 9;
docs/takedown.md). It replaces the branch by a forced push that succeeds only while the
branch is still the commit this deploy started from (``--force-with-lease``), so a deploy
made meanwhile from elsewhere is never overwritten unseen. A branch that still carries the
history of older deploys is rewritten to one commit even when no file changed.

A bare cache of the branch is kept in ~/.cache/gongkai/pages/. For ssh, GONGKAI_SFTP_KEY
names the private key and GONGKAI_SSH_KNOWN_HOSTS the known_hosts file, as for sftp://.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
from pathlib import Path

from ..manifest import Entry
from .base import NO_JEKYLL, DeployError, Publisher, Report
from .plan import DELETE, REPLACE, UPLOAD, Change
from .sftp import KNOWN_HOSTS_ENV
from .target import mask_url

AUTHOR = ("Gongkai", "gongkai@localhost")
DEFAULT_BRANCH = "gh-pages"


def cache_home(environ) -> Path:
    return Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongkai" / "pages"


class GitPublisher(Publisher):
    schemes = ("git+file", "git+ssh")
    content: Path | None = None

    def connect(self) -> None:
        self.remote = self.target.url.split("#", 1)[0][len("git+"):]
        self.branch = self.target.fragment or DEFAULT_BRANCH
        environ = self.credentials.environ
        self.env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
        if self.target.scheme == "git+ssh":
            ssh = ["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20"]
            key = self.credentials.get("key_file", "GONGKAI_SFTP_KEY", secret=False)
            if key:
                ssh += ["-i", str(Path(key).expanduser()), "-o", "IdentitiesOnly=yes"]
            if environ.get(KNOWN_HOSTS_ENV):
                ssh += ["-o", f"UserKnownHostsFile={environ[KNOWN_HOSTS_ENV]}"]
            self.env["GIT_SSH_COMMAND"] = shlex.join(ssh)
        self.cache = cache_home(environ) / hashlib.sha256(mask_url(self.remote).encode()).hexdigest()[:16]
        if not (self.cache / "HEAD").exists():
            self.cache.mkdir(parents=True, exist_ok=True)
            subprocess.run(["git", "init", "--bare", "--quiet", str(self.cache)], check=True, env=self.env)
        self.parent = self._fetch()

    def _git(self, *args: str, input: bytes | None = None, env: dict | None = None, cwd: Path | None = None) -> str:
        result = subprocess.run(["git", "-c", "core.autocrlf=false", "-c", "core.quotepath=off", *args],
                                cwd=cwd or self.cache, input=input, capture_output=True,
                                env={**(env or self.env), "GIT_DIR": str(self.cache)})
        if result.returncode != 0:
            raise DeployError(self._explain(result.stderr.decode("utf-8", "replace")))
        return result.stdout.decode("utf-8", "surrogateescape")

    def _explain(self, stderr: str) -> str:
        where = mask_url(self.remote)
        lowered = stderr.lower()
        if "permission denied" in lowered or "authentication failed" in lowered:
            return f"登录 {where} 失败：SSH 密钥不对或没有权限（设置 GONGKAI_SFTP_KEY）"
        if "host key verification failed" in lowered:
            return f"不认识 {where} 的主机密钥：请先用 ssh 连一次核对并保存，或设置 GONGKAI_SSH_KNOWN_HOSTS"
        if any(s in lowered for s in ("could not resolve", "connection refused", "timed out", "no route", "unreachable")):
            return f"连不上 {where}：请检查地址、端口和网络"
        if "does not appear to be a git repository" in lowered or "not a git repository" in lowered:
            return f"{where} 不是 git 仓库：请先在服务器上建好（git init --bare）"
        if "no space left" in lowered or "disk quota" in lowered:
            return f"{where} 磁盘已满：清理后重新运行"
        if any(s in lowered for s in ("denying non-fast-forward", "force-push", "force push", "protected branch")):
            return (f"{where} 不允许强制推送 {self.branch} 分支：请在 git 服务器上允许（每次发布都替换整个分支，"
                    "撤下的记录才不会留在历史里，见 docs/takedown.md）")
        if "rejected" in lowered or "non-fast-forward" in lowered or "fetch first" in lowered:
            return f"{where} 的 {self.branch} 分支刚被别人更新过：请重新运行 deploy"
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "未知错误"
        return f"git 操作 {where} 失败：{mask_url(last)}"

    def _fetch(self) -> str | None:
        """The branch's current commit (fetched into the cache), or None when it does not exist yet."""
        listed = self._git("ls-remote", "--heads", self.remote, f"refs/heads/{self.branch}").split()
        if not listed:
            return None
        self._git("fetch", "--quiet", "--no-tags", "--depth=1", self.remote,
                  f"+refs/heads/{self.branch}:refs/heads/{self.branch}")
        return listed[0]

    def _tree(self, output: Path) -> str:
        index = self.cache / "gongkai-index"
        index.unlink(missing_ok=True)
        env = {**self.env, "GIT_INDEX_FILE": str(index), "GIT_WORK_TREE": str(output)}
        self._git("add", "--all", "--force", ".", env=env, cwd=output)
        empty = self._git("hash-object", "-w", "--stdin", input=b"").strip()
        self._git("update-index", "--add", "--cacheinfo", f"100644,{empty},{NO_JEKYLL}", env=env)
        tree = self._git("write-tree", env=env).strip()
        index.unlink(missing_ok=True)
        return tree

    def _changes(self, output: Path, tree: str, local: list[Entry]) -> list[Change]:
        sizes = {e.path: (e.size, e.sha256) for e in local}
        if self.parent is None:
            listed = self._git("ls-tree", "-r", "-z", "--name-only", tree).split("\0")
            return [Change(UPLOAD, p, *sizes.get(p, (0, ""))) for p in sorted(filter(None, listed))]
        fields = self._git("diff-tree", "-r", "-z", "--no-renames", "--name-status", self.parent, tree).split("\0")
        changes = []
        for status, path in zip(fields[0::2], fields[1::2]):
            action = {"A": UPLOAD, "M": REPLACE, "T": REPLACE, "D": DELETE}.get(status[:1])
            if action:
                size, sha = sizes.get(path, (0, "")) if action != DELETE else (0, "")
                changes.append(Change(action, path, size, sha))
        return sorted(changes, key=lambda c: (c.action == DELETE, c.path))

    def _has_history(self) -> bool:
        """Whether the branch's commit has parents: older deploys are still reachable."""
        if self.parent is None:
            return False
        header = self._git("cat-file", "commit", self.parent).split("\n\n", 1)[0]
        return any(line.startswith("parent ") for line in header.splitlines())

    def _date(self) -> str:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if not epoch and self.content is not None:
            result = subprocess.run(["git", "-C", str(self.content), "log", "-1", "--format=%ct", "--", "."],
                                    capture_output=True, text=True)
            epoch = result.stdout.strip() if result.returncode == 0 else ""
        if not epoch and self.parent is not None:
            epoch = self._git("log", "-1", "--format=%ct", self.parent).strip()
        return f"{epoch or 0} +0800"

    def publish(self, output: Path, local: list[Entry], dry_run: bool = False, force: bool = False,
                progress=None) -> Report:
        tree = self._tree(output)
        changes = self._changes(output, tree, local)
        report = Report(changes, unchanged=len(local) - sum(1 for c in changes if c.action != DELETE))
        if progress:
            progress.planned(changes)
        if dry_run or not (changes or self._has_history()):
            return report
        message = (f"发布网站：新增 {report.count(UPLOAD)}、更新 {report.count(REPLACE)}、删除 {report.count(DELETE)} 个文件\n\n"
                   f"manifest.json SHA-256: {next((e.sha256 for e in local if e.path == 'manifest.json'), '-')}\n"
                   "每次发布都是没有上一版的单个提交：撤下的文件不留在分支历史里。\n")
        date = self._date()
        env = {**self.env, "GIT_AUTHOR_NAME": AUTHOR[0], "GIT_AUTHOR_EMAIL": AUTHOR[1], "GIT_AUTHOR_DATE": date,
               "GIT_COMMITTER_NAME": AUTHOR[0], "GIT_COMMITTER_EMAIL": AUTHOR[1], "GIT_COMMITTER_DATE": date}
        commit = self._git("commit-tree", tree, "-m", message, env=env).strip()
        ref = f"refs/heads/{self.branch}"
        self._git("push", "--quiet", f"--force-with-lease={ref}:{self.parent or ''}", self.remote, f"{commit}:{ref}")
        self._git("update-ref", ref, commit)
        report.done = list(changes)
        report.commit = commit
        for change in changes if progress else ():
            progress.done(change)
        return report

"""publish.py deploy git+file://… and git+ssh://…#branch: the site as one commit on a pages branch."""

from __future__ import annotations

import subprocess

from conftest import publish
from deploy_servers import (  # noqa: F401 - fixtures are used by name
    redeploy_after_an_edit_and_a_removal, bare_repository, build, isolated_env, reported, site_content, sshd)


def git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def tree_files(repo, ref) -> set[str]:
    return set(git(repo, "-c", "core.quotepath=off", "ls-tree", "-r", "--name-only", ref).splitlines())


def files_of(folder):
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_git_pages_branch_first_push_then_only_changes_then_deletion(site_content, tmp_path, isolated_env):
    repo = bare_repository(tmp_path / "pages.git")
    target = f"git+file://{repo}#gh-pages"
    env = {**isolated_env, "SOURCE_DATE_EPOCH": "1767225600"}
    old = build(site_content, tmp_path / "old")
    first = publish("deploy", target, "--output", old, env=env)
    assert first.returncode == 0, first.stderr
    assert tree_files(repo, "gh-pages") == files_of(old) | {".nojekyll"}
    assert reported(first.stdout)["新增"] == files_of(old) | {".nojekyll"}
    assert git(repo, "log", "-1", "--format=%an <%ae> %at", "gh-pages").strip() == "Gongkai <gongkai@localhost> 1767225600"

    again = publish("deploy", target, "--output", old, env=env)
    assert again.returncode == 0 and again.stdout == "" and "已是最新" in again.stderr
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "1"

    new, result, touched = redeploy_after_an_edit_and_a_removal(site_content, old, tmp_path, target, env)
    assert tree_files(repo, "gh-pages") == files_of(new) | {".nojekyll"}
    changed = set(git(repo, "-c", "core.quotepath=off", "diff", "--no-renames", "--name-only", "gh-pages~1", "gh-pages").splitlines())
    assert changed == touched
    index = git(repo, "show", "gh-pages:index.html")
    assert index == (new / "index.html").read_text("utf-8")


def test_the_same_site_is_the_same_commit(site_content, tmp_path, isolated_env):
    output = build(site_content, tmp_path / "out")
    commits = []
    for name in ("a", "b"):
        repo = bare_repository(tmp_path / f"{name}.git")
        env = {**isolated_env, "XDG_CACHE_HOME": str(tmp_path / f"cache-{name}"), "SOURCE_DATE_EPOCH": "1767225600"}
        assert publish("deploy", f"git+file://{repo}#pages", "--output", output, env=env).returncode == 0
        commits.append(git(repo, "rev-parse", "pages").strip())
    assert commits[0] == commits[1]


def test_dry_run_pushes_nothing_and_a_missing_repository_is_one_line(site_content, tmp_path, isolated_env):
    output = build(site_content, tmp_path / "out")
    repo = bare_repository(tmp_path / "pages.git")
    dry = publish("deploy", f"git+file://{repo}#gh-pages", "--output", output, "--dry-run", env=isolated_env)
    assert dry.returncode == 0 and reported(dry.stdout)["新增"]
    assert git(repo, "branch", "--list").strip() == ""
    missing = publish("deploy", f"git+file://{tmp_path / 'nowhere.git'}#gh-pages", "--output", output, env=isolated_env)
    assert missing.returncode == 2 and "不是 git 仓库" in missing.stderr and "Traceback" not in missing.stderr


def test_git_over_ssh_to_a_real_sshd(sshd, site_content, tmp_path, isolated_env):
    repo = bare_repository(tmp_path / "remote.git")
    output = build(site_content, tmp_path / "out")
    env = {**isolated_env, "GONGKAI_SFTP_KEY": str(sshd["key"]), "GONGKAI_SSH_KNOWN_HOSTS": str(sshd["known_hosts"])}
    target = f"git+ssh://{sshd['user']}@127.0.0.1:{sshd['port']}{repo}#gh-pages"
    result = publish("deploy", target, "--output", output, env=env)
    assert result.returncode == 0, result.stderr
    assert tree_files(repo, "gh-pages") == files_of(output) | {".nojekyll"}
    stranger = publish("deploy", target, "--output", output,
                       env={**env, "GONGKAI_SFTP_KEY": str(sshd["stranger"])})
    assert stranger.returncode == 2 and "登录" in stranger.stderr

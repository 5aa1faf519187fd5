"""publish.py deploy git+file://… and git+ssh://…#branch: the site as one commit on a pages branch."""

from __future__ import annotations

import subprocess

from conftest import publish
from deploy_servers import (  # noqa: F401 - fixtures are used by name
    redeploy_after_an_edit_and_a_removal, bare_repository, build, edit_one_record, isolated_env, remove_one_record,
    reported, site_content, sshd)
from gongkai.publishers.git import cache_home


def git(repo, *args, input_text: str | None = None) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          input=input_text).stdout


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

    first_commit = git(repo, "rev-parse", "gh-pages").strip()
    new, result, touched = redeploy_after_an_edit_and_a_removal(site_content, old, tmp_path, target, env)
    assert tree_files(repo, "gh-pages") == files_of(new) | {".nojekyll"}
    changed = set(git(repo, "-c", "core.quotepath=off", "diff", "--no-renames", "--name-only", first_commit, "gh-pages").splitlines())
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


def reachable_objects(repo) -> set[str]:
    """Every object any ref of ``repo`` reaches: what a clone, or the git host's pages, can still show."""
    return {line.split()[0] for line in git(repo, "rev-list", "--objects", "--all").splitlines()}


def blobs(repo, commit) -> dict[str, str]:
    """Path → blob id of every file of ``commit``."""
    listed = git(repo, "-c", "core.quotepath=off", "ls-tree", "-r", commit).splitlines()
    return {line.split("\t", 1)[1]: line.split()[2] for line in listed}


def test_a_withdrawn_record_leaves_no_reachable_history(site_content, tmp_path, isolated_env):
    """A leak taken down must be gone from the branch, not one `git log -p` away (issue 9 item 6b)."""
    repo = bare_repository(tmp_path / "pages.git")
    target = f"git+file://{repo}#gh-pages"
    old = build(site_content, tmp_path / "old")
    assert publish("deploy", target, "--output", old, env=isolated_env).returncode == 0
    leaked = git(repo, "rev-parse", "gh-pages").strip()
    remove_one_record(site_content)  # the leak is withdrawn …
    edit_one_record(site_content)  # … and another record changes in the same deploy
    new = build(site_content, tmp_path / "new")
    result = publish("deploy", target, "--output", new, env=isolated_env)
    assert result.returncode == 0, result.stderr
    removed = reported(result.stdout)["删除"]
    assert any(path.endswith(".html") for path in removed) and any(path.endswith(".json") for path in removed)

    before, after = blobs(repo, leaked), blobs(repo, "gh-pages")
    gone = {before[path] for path in removed} - set(after.values())  # bytes another file still has stay, rightly
    assert {before[path] for path in removed if path.endswith(".html")} <= gone, "the withdrawn record's page"
    cache = next(cache_home(isolated_env).iterdir())
    for where in (repo, cache):
        assert not gone & reachable_objects(where), where
        assert leaked not in reachable_objects(where)
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "1", "the branch is one commit: the current site"
    assert git(repo, "log", "-1", "--format=%P", "gh-pages").strip() == "", "a commit without parents"
    assert tree_files(repo, "gh-pages") == files_of(new) | {".nojekyll"}


def test_a_branch_with_the_history_of_older_deploys_is_cut_to_one_commit(site_content, tmp_path, isolated_env):
    """Deploys made before issue 9 stacked commits; the next deploy drops them even when no file changed."""
    output = build(site_content, tmp_path / "out")
    repo = bare_repository(tmp_path / "pages.git")
    env = {**isolated_env, "XDG_CACHE_HOME": str(tmp_path / "first-cache")}
    assert publish("deploy", f"git+file://{repo}#gh-pages", "--output", output, env=env).returncode == 0
    tree = git(repo, "rev-parse", "gh-pages^{tree}").strip()
    secret = git(repo, "hash-object", "-w", "--stdin", input_text="身份证号 110105199001011234\n").strip()
    with_secret = git(repo, "mktree", input_text=f"100644 blob {secret}\tleak.html\n").strip()
    older = git(repo, "commit-tree", with_secret, "-m", "an old deploy").strip()
    stacked = git(repo, "commit-tree", tree, "-p", older, "-m", "the old way: a commit on top").strip()
    git(repo, "update-ref", "refs/heads/gh-pages", stacked)
    assert secret in reachable_objects(repo)

    result = publish("deploy", f"git+file://{repo}#gh-pages", "--output", output, env=isolated_env)
    assert result.returncode == 0, result.stderr
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "1"
    assert git(repo, "rev-parse", "gh-pages^{tree}").strip() == tree
    assert secret not in reachable_objects(repo)


def test_a_server_that_refuses_forced_pushes_gets_one_line_naming_the_fix(site_content, tmp_path, isolated_env):
    repo = bare_repository(tmp_path / "pages.git")
    git(repo, "config", "receive.denyNonFastForwards", "true")
    target = f"git+file://{repo}#gh-pages"
    assert publish("deploy", target, "--output", build(site_content, tmp_path / "old"), env=isolated_env).returncode == 0
    first = git(repo, "rev-parse", "gh-pages").strip()
    edit_one_record(site_content)
    result = publish("deploy", target, "--output", build(site_content, tmp_path / "new"), env=isolated_env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("publish.py: 错误: ")
    assert "不允许强制推送 gh-pages 分支" in result.stderr and "Traceback" not in result.stderr
    assert git(repo, "rev-parse", "gh-pages").strip() == first

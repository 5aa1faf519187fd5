"""publish.py deploy to a folder (file://): what moves, in which order, and what a failure leaves."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from conftest import publish
from deploy_servers import (STATE, add_one_record, build, changed_files, edit_one_record,  # noqa: F401 (fixtures)
                            manifest_hashes, published_config, remove_one_record, reported, site_content)


def deploy(output: Path, target, *extra, env=None):
    return publish("deploy", target, "--output", output, *extra, env=env)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_first_deploy_sends_everything_second_sends_nothing(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    target = tmp_path / "www"
    first = deploy(output, target.as_uri())
    assert first.returncode == 0, first.stderr
    assert reported(first.stdout)["新增"] == set(files_of(output))
    sent = files_of(target)
    assert {p: sent[p] for p in files_of(output)} == files_of(output)
    assert set(sent) == set(files_of(output)) | {STATE}
    second = deploy(output, target.as_uri())
    assert second.returncode == 0
    assert second.stdout == ""
    assert "已是最新" in second.stderr
    assert publish("verify", target).returncode == 0


def test_after_one_edit_only_changed_files_move_and_a_deleted_page_is_gone(site_content, tmp_path):
    old = build(site_content, tmp_path / "old")
    target = tmp_path / "www"
    assert deploy(old, str(target)).returncode == 0  # a plain path works too
    edit_one_record(site_content)
    new = build(site_content, tmp_path / "new")
    sends, deletes = changed_files(old, new)
    result = deploy(new, target.as_uri())
    assert result.returncode == 0, result.stderr
    report = reported(result.stdout)
    assert report["更新"] | report["新增"] == sends
    assert len(sends) < len(files_of(new)) / 2  # the point of it: most files stay where they are
    assert report["删除"] == deletes
    assert files_of(target)["index.html"] == (new / "index.html").read_bytes()

    remove_one_record(site_content)
    newer = build(site_content, tmp_path / "newer")
    sends, deletes = changed_files(new, newer)
    assert deletes, "removing a record must leave a stale page to delete"
    result = deploy(newer, target.as_uri())
    report = reported(result.stdout)
    assert report["删除"] == deletes
    for path in deletes:
        assert not (target / path).exists()
    assert publish("verify", target).returncode == 0


def test_order_assets_then_pages_then_home_and_feeds_then_manifest_then_deletions(site_content, tmp_path):
    old = build(site_content, tmp_path / "old")
    target = tmp_path / "www"
    deploy(old, target.as_uri())
    remove_one_record(site_content)
    edit_one_record(site_content)
    add_one_record(site_content)
    new = build(site_content, tmp_path / "new")
    lines = [line.split(" ", 1) for line in deploy(new, target.as_uri()).stdout.splitlines()]

    def rank(action, path):
        if action == "删除":
            return 5
        if path in ("publisher-key.pub", "manifest.json", "manifest.sig"):
            return 4
        if path == "index.html" or path.endswith((".xml", ".opml")):
            return 3
        return 2 if path.endswith(".html") else 1

    ranks = [rank(action, path) for action, path in lines]
    assert ranks == sorted(ranks), lines
    assert {1, 2, 3, 4, 5} <= set(ranks)
    pages = [path for action, path in lines if rank(action, path) == 2]
    added = [path for action, path in lines if action == "新增" and path.startswith("hexi-village/notice/")
             and path.endswith(".html")]
    assert len(added) == 1 and "hexi-village/index.html" in pages
    assert pages.index(added[0]) < pages.index("hexi-village/index.html")  # a new page before the page linking to it


def test_dry_run_lists_changes_and_changes_nothing(site_content, tmp_path):
    old = build(site_content, tmp_path / "old")
    target = tmp_path / "www"
    deploy(old, target.as_uri())
    before = files_of(target)
    edit_one_record(site_content)
    remove_one_record(site_content)
    new = build(site_content, tmp_path / "new")
    sends, deletes = changed_files(old, new)
    result = deploy(new, target.as_uri(), "--dry-run")
    assert result.returncode == 0
    report = reported(result.stdout)
    assert report["更新"] | report["新增"] == sends and report["删除"] == deletes
    assert "演练" in result.stderr and "没有做任何改动" in result.stderr
    assert files_of(target) == before


def test_a_tampered_or_unbuilt_output_is_never_published(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    (output / "index.html").write_text("<p>被改过</p>", encoding="utf-8")
    result = deploy(output, (tmp_path / "www").as_uri())
    assert result.returncode == 2 and "重新运行 publish.py build" in result.stderr
    assert not (tmp_path / "www").exists()
    (tmp_path / "empty").mkdir()
    result = deploy(tmp_path / "empty", (tmp_path / "www").as_uri())
    assert result.returncode == 2 and "请先运行 publish.py build" in result.stderr


def test_full_disk_is_one_clear_line_and_the_live_site_stays_whole(site_content, tmp_path):
    old = build(site_content, tmp_path / "old")
    target = tmp_path / "www"
    deploy(old, target.as_uri())
    edit_one_record(site_content)
    new = build(site_content, tmp_path / "new")
    sends, _ = changed_files(old, new)
    first = sorted(sends)[0]
    folder, name = os.path.split(first)
    # the kernel's own "no space left on device": the upload's temporary file leads to /dev/full
    (target / folder / f".{name}.gongkai-part").symlink_to("/dev/full")
    result = deploy(new, target.as_uri())
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "磁盘已满" in result.stderr, result.stderr
    assert publish("verify", target).returncode == 0  # still the old site, intact
    assert (target / "index.html").read_bytes() == (old / "index.html").read_bytes()
    rerun = deploy(new, target.as_uri())
    assert rerun.returncode == 0, rerun.stderr
    assert publish("verify", target).returncode == 0
    assert (target / "index.html").read_bytes() == (new / "index.html").read_bytes()


def test_an_interrupted_deploy_reruns_to_completion_and_removes_pages_no_longer_built(site_content, tmp_path):
    """The listing on the target marks uploads as pending before they start (see plan.py)."""
    old = build(site_content, tmp_path / "old")
    target = tmp_path / "www"
    deploy(old, target.as_uri())
    added = add_one_record(site_content)
    new = build(site_content, tmp_path / "new")
    new_pages = sorted(set(manifest_hashes(new)) - set(manifest_hashes(old)))
    blocked = next(p for p in new_pages if p.endswith(".html"))
    folder, name = os.path.split(blocked)
    (target / folder / f".{name}.gongkai-part").symlink_to("/dev/full")
    assert deploy(new, target.as_uri()).returncode == 2
    assert (target / blocked.replace(".html", ".json")).exists()  # the record's data went out first
    state = json.loads((target / STATE).read_text("utf-8"))["files"]
    assert state[blocked] == ""  # pending
    # the clerk withdraws the record and rebuilds: the rerun must not leave its files behind
    added.unlink()
    newest = build(site_content, tmp_path / "newest")
    rerun = deploy(newest, target.as_uri())
    assert rerun.returncode == 0, rerun.stderr
    assert not (target / blocked.replace(".html", ".json")).exists()
    assert not (target / folder / f".{name}.gongkai-part").exists()
    result = publish("verify", target)
    assert result.returncode == 0, result.stdout


def test_target_inside_nothing_and_unknown_schemes_are_usage_errors(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    result = deploy(output, "gopher://example.cn/site")
    assert result.returncode == 2 and "不认识的目标地址" in result.stderr
    result = deploy(output, (tmp_path / "no" / "such" / "parent" / "www").as_uri())
    assert result.returncode == 2 and "不存在" in result.stderr


def test_progress_bar_with_counts_and_bytes_on_a_terminal(site_content, tmp_path):
    import fcntl
    import pty
    import struct
    import termios
    import threading
    import subprocess
    import sys

    from conftest import PUBLISH

    output = build(site_content, tmp_path / "out")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))  # a real terminal's size
    chunks = []

    def drain():  # the terminal must be read while the deploy writes to it
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    process = subprocess.Popen([sys.executable, str(PUBLISH), "deploy", (tmp_path / "www").as_uri(), "--output",
                                str(output), "--force"], stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    stdout, _ = process.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(leader)
    terminal = b"".join(chunks)
    assert process.returncode == 0
    text = terminal.decode("utf-8", "replace")
    total = len(files_of(output))
    assert re.search(rf"上传: .*B.* \d+/{total} 个文件", text), text[:500]
    assert len(stdout.splitlines()) == total


def test_force_sends_everything_again(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    target = tmp_path / "www"
    deploy(output, target.as_uri())
    result = deploy(output, target.as_uri(), "--force")
    assert reported(result.stdout)["更新"] == set(files_of(output))


def test_a_forged_listing_on_the_target_cannot_delete_outside_the_site(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    target = tmp_path / "www"
    deploy(output, target.as_uri())
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    listing = json.loads((target / STATE).read_text("utf-8"))
    listing["files"]["../outside.txt"] = "0" * 64
    (target / STATE).write_text(json.dumps(listing), encoding="utf-8")
    result = deploy(output, target.as_uri())
    assert result.returncode == 0 and outside.read_text() == "keep me"


def test_target_overlapping_the_output_is_refused(site_content, tmp_path):
    output = build(site_content, tmp_path / "out")
    result = deploy(output, (output / "copy").as_uri())
    assert result.returncode == 2 and "重叠" in result.stderr


def test_build_then_deploy_in_one_command_and_content_errors_publish_nothing(site_content, tmp_path):
    target = tmp_path / "www"
    config = published_config(tmp_path / "config")
    result = publish("deploy", target.as_uri(), "--build", "--content", site_content, "--output", tmp_path / "out", "--config", config)
    assert result.returncode == 0, result.stderr
    assert publish("verify", target).returncode == 0
    before = files_of(target)
    record = site_content / "orgs" / "hexi-village" / "notices" / "2026-01.md"
    record.write_text(record.read_text("utf-8").replace("date: 2026-01-05", "date: 2026-13-05"), encoding="utf-8")
    broken = publish("deploy", target.as_uri(), "--build", "--content", site_content, "--output", tmp_path / "out", "--config", config)
    assert broken.returncode == 1 and "错误" in broken.stdout + broken.stderr
    assert files_of(target) == before

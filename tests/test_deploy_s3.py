"""publish.py deploy s3://… against moto's standalone S3 server on loopback."""

from __future__ import annotations

import uuid

from conftest import publish
from deploy_servers import (  # noqa: F401 - fixtures are used by name
    S3_KEYS,
    build,
    free_port,
    isolated_env,
    redeploy_after_an_edit_and_a_removal,
    s3_client,
    s3_server,
    site_content,
)


def new_bucket(endpoint: str) -> str:
    name = f"site-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(Bucket=name)
    return name


def objects(endpoint: str, bucket: str, prefix: str) -> dict[str, bytes]:
    client = s3_client(endpoint)
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/"):
        for item in page.get("Contents", []):
            found[item["Key"][len(prefix) + 1:]] = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
    return found


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_s3_first_deploy_content_types_then_only_changes_then_deletion(s3_server, site_content, tmp_path, isolated_env):
    bucket = new_bucket(s3_server)
    target = f"s3://{bucket}/county?endpoint={s3_server}&region=us-east-1"
    env = {**isolated_env, **S3_KEYS}
    old = build(site_content, tmp_path / "old")
    first = publish("deploy", target, "--output", old, env=env)
    assert first.returncode == 0, first.stderr
    stored = objects(s3_server, bucket, "county")
    assert {p: b for p, b in stored.items() if p != ".gongkai-deployed.json"} == files_of(old)

    client = s3_client(s3_server)

    def content_type(path):
        return client.head_object(Bucket=bucket, Key=f"county/{path}")["ContentType"]

    assert content_type("index.html") == "text/html; charset=utf-8"
    assert content_type("theme/css/site.css") == "text/css; charset=utf-8"
    assert content_type("manifest.json") == "application/json; charset=utf-8"
    assert content_type("sitemap.xml") == "application/xml; charset=utf-8"
    for path in files_of(old):
        if path.endswith(".csv"):
            assert content_type(path) == "text/csv; charset=utf-8"
        if path.endswith(".js"):
            assert content_type(path) == "text/javascript; charset=utf-8"
        if path.endswith(".txt"):
            assert content_type(path) == "text/plain; charset=utf-8"
        if path.endswith(".pdf"):
            assert content_type(path) == "application/pdf"

    new, result, touched = redeploy_after_an_edit_and_a_removal(site_content, old, tmp_path, target, env)
    stored = objects(s3_server, bucket, "county")
    assert {p: b for p, b in stored.items() if p != ".gongkai-deployed.json"} == files_of(new)
    for output in (first, result):
        assert S3_KEYS["AWS_SECRET_ACCESS_KEY"] not in output.stdout + output.stderr


def test_the_published_bucket_verifies_over_http(s3_server, site_content, tmp_path, isolated_env):
    bucket = new_bucket(s3_server)
    output = build(site_content, tmp_path / "out")
    assert publish("deploy", f"s3://{bucket}/www?endpoint={s3_server}&acl=public-read", "--output", output,
                   env={**isolated_env, **S3_KEYS}).returncode == 0
    result = publish("verify", f"{s3_server}/{bucket}/www/")
    assert result.returncode == 0, result.stdout + result.stderr
    page = next(p for p in files_of(output) if p.endswith(".html") and "/notice/" in p)
    s3_client(s3_server).put_object(Bucket=bucket, Key=f"www/{page}", Body=b"<p>tampered</p>", ACL="public-read")
    result = publish("verify", f"{s3_server}/{bucket}/www/")
    assert result.returncode == 1 and result.stdout.startswith(f"{page}: 错误: 文件被改动")


def test_missing_bucket_and_unreachable_endpoint_are_one_line(s3_server, site_content, tmp_path, isolated_env):
    output = build(site_content, tmp_path / "out")
    env = {**isolated_env, **S3_KEYS}
    missing = publish("deploy", f"s3://no-such-bucket-{uuid.uuid4().hex[:8]}/?endpoint={s3_server}", "--output", output,
                      env=env)
    assert missing.returncode == 2 and "不存在" in missing.stderr and missing.stderr.count("\n") == 1
    closed = publish("deploy", f"s3://x/?endpoint=http://127.0.0.1:{free_port()}", "--output", output,
                     env={**env, "AWS_MAX_ATTEMPTS": "1"})
    assert closed.returncode == 2 and "连不上" in closed.stderr
    for run in (missing, closed):
        assert S3_KEYS["AWS_SECRET_ACCESS_KEY"] not in run.stdout + run.stderr
        assert "Traceback" not in run.stderr

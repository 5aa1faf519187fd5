"""s3://bucket/prefix?endpoint=URL&region=…&style=path|virtual&acl=public-read: S3-compatible storage.

Aliyun OSS, Tencent COS, MinIO, AWS (boto3). Keys come from AWS_ACCESS_KEY_ID /
AWS_SECRET_ACCESS_KEY, else ``access_key_id`` / ``secret_access_key`` in the credentials
file (section named after the bucket), else boto3's own places (~/.aws). Each object is
replaced atomically by one PUT; text gets a Content-Type with charset=utf-8 so that
browsers never guess the encoding of Chinese pages. ``acl=public-read`` sets each object's
ACL, for buckets that are not public as a whole.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .base import DeployError, Publisher

Result = TypeVar("Result")

TEXT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".json": "application/json", ".xml": "application/xml",
    ".atom": "application/atom+xml", ".rss": "application/rss+xml", ".opml": "text/x-opml",
    ".csv": "text/csv", ".txt": "text/plain", ".md": "text/markdown", ".svg": "image/svg+xml",
    ".sig": "text/plain", ".pub": "application/x-pem-file", ".webmanifest": "application/manifest+json",
}
BINARY_TYPES = {".pdf": "application/pdf", ".ofd": "application/ofd", ".png": "image/png", ".jpg": "image/jpeg",
                ".jpeg": "image/jpeg", ".webp": "image/webp", ".woff2": "font/woff2", ".ico": "image/x-icon",
                ".wasm": "application/wasm", ".gz": "application/gzip", ".zip": "application/zip",
                ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def content_type(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    if suffix in TEXT_TYPES:
        return TEXT_TYPES[suffix] + "; charset=utf-8"
    return BINARY_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class S3Publisher(Publisher):
    schemes = ("s3",)
    parallel = 8  # boto3 clients are thread-safe; one PUT per round trip is the slow part

    def connect(self) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = self.target.host
        if not self.bucket:
            raise DeployError("s3:// 地址缺少存储桶名，例如 s3://my-site/?endpoint=https://oss-cn-chengdu.aliyuncs.com")
        self.prefix = self.target.path.strip("/")
        query = self.target.query
        self.endpoint = query.get("endpoint")
        key_id = self.credentials.get("access_key_id", "AWS_ACCESS_KEY_ID")
        secret = self.credentials.get("secret_access_key", "AWS_SECRET_ACCESS_KEY")
        config = Config(s3={"addressing_style": query.get("style", "auto")}, connect_timeout=15, read_timeout=60,
                        retries={"max_attempts": 3, "mode": "standard"}, max_pool_connections=self.parallel)
        try:
            self.s3 = boto3.session.Session().client(
                "s3", endpoint_url=self.endpoint, region_name=query.get("region") or "us-east-1",
                aws_access_key_id=key_id, aws_secret_access_key=secret, config=config)
        except ValueError as error:
            raise DeployError(f"对象存储地址不对（{error}）：endpoint 应写成 https://主机名") from None
        self._call(lambda: self.s3.head_bucket(Bucket=self.bucket), "")

    @property
    def where(self) -> str:
        return f"存储桶 {self.bucket}" + (f"（{self.endpoint}）" if self.endpoint else "")

    def _call(self, action: Callable[[], Result], path: str) -> Result:
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            ConnectTimeoutError,
            EndpointConnectionError,
            NoCredentialsError,
        )

        try:
            return action()
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code in ("NoSuchBucket",) or (path == "" and status == 404):
                raise DeployError(f"{self.where} 不存在：请先在控制台创建，或检查桶名和 endpoint") from None
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "Forbidden", "403") or status == 403:
                raise DeployError(f"{self.where} 拒绝访问（{code}）：访问密钥不对或没有权限"
                                  "（设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY）") from None
            if code in ("QuotaExceeded", "EntityTooLarge", "InsufficientStorage") or status == 507:
                raise DeployError(f"{self.where} 空间已满或超出配额（{code}）：扩容后重新运行，已上传的部分会接着完成") from None
            raise DeployError(f"{self.where} 出错（{code or status}）：{path}") from None
        except NoCredentialsError:
            raise DeployError(f"没有 {self.where} 的访问密钥：请设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY") from None
        except (EndpointConnectionError, ConnectTimeoutError):
            raise DeployError(f"连不上 {self.where}：请检查 endpoint 地址和网络") from None
        except BotoCoreError as error:
            raise DeployError(f"{self.where} 出错：{type(error).__name__}") from None

    def _key(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def read(self, path: str) -> bytes | None:
        from botocore.exceptions import ClientError

        def get() -> bytes | None:
            try:
                return self.s3.get_object(Bucket=self.bucket, Key=self._key(path))["Body"].read()
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                    return None
                raise

        return self._call(get, path)

    def _options(self, path: str) -> dict[str, Any]:
        options = {"Bucket": self.bucket, "Key": self._key(path), "ContentType": content_type(path)}
        if self.target.query.get("acl"):
            options["ACL"] = self.target.query["acl"]
        return options

    def put(self, local: Path, path: str) -> None:
        with open(local, "rb") as body:
            self._call(lambda: self.s3.put_object(Body=body, **self._options(path)), path)

    def put_bytes(self, data: bytes, path: str) -> None:
        self._call(lambda: self.s3.put_object(Body=data, CacheControl="no-cache", **self._options(path)), path)

    def delete(self, path: str) -> None:
        self._call(lambda: self.s3.delete_object(Bucket=self.bucket, Key=self._key(path)), path)

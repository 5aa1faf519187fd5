"""publish.py verify DIR|URL: is this copy of the site exactly what the publisher signed?

Checks the manifest's signature, then every file it lists (missing, altered) and, for a
folder, every file it does not list (extra). One Chinese line per problem; exit 0 only
when all is intact, 1 when not, 2 when the copy cannot be read at all.
"""

from __future__ import annotations

import hashlib
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from argparse import ArgumentParser, Namespace
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPResponse
from pathlib import Path
from typing import TYPE_CHECKING

from ..manifest import (
    MANIFEST,
    PUBLIC_KEY,
    SIGNATURE,
    Entry,
    fingerprint,
    load_public_key,
    parse_manifest,
    sha256_file,
    signature_valid,
    site_files,
)
from ..project import from_args
from ..publishers.base import NOT_PUBLISHED, PART_SUFFIX
from . import UsageError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

HELP = "校验网站副本（文件夹或网址）与发布者签名的清单是否一致"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("site", metavar="DIR|URL", nargs="?",
                        help="网站文件夹，或网站地址（http:// 或 https://）；不写时校验 --output（默认 output）")
    parser.add_argument("--key", help="信任的发布者公钥文件（publish.py keygen 生成的 .pub）；"
                                      "不指定时使用网站自带的公钥，只能说明网站前后一致")
    parser.add_argument("--unsigned-ok", action="store_true", help="清单没有签名也算通过（默认：有 --key 时必须有签名）")


class FolderCopy:
    def __init__(self, folder: Path):
        if not folder.is_dir():
            raise UsageError(f"找不到文件夹 {folder}")
        self.folder = folder
        self.name = str(folder)

    def read(self, path: str) -> bytes | None:
        try:
            return (self.folder / path).read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None

    def digest(self, path: str) -> tuple[int, str] | None:
        file = self.folder / path
        if not file.is_file():
            return None
        return file.stat().st_size, sha256_file(file)

    def listing(self) -> list[str] | None:
        return site_files(self.folder)


class WebCopy:
    def __init__(self, url: str):
        self.base = url if url.endswith("/") else url + "/"
        self.name = self.base

    def _open(self, path: str) -> HTTPResponse:
        url = self.base + urllib.parse.quote(path)
        request = urllib.request.Request(url, headers={"User-Agent": "gongkai-verify", "Accept-Encoding": "identity"})
        response: HTTPResponse = urllib.request.urlopen(request, timeout=30)
        return response

    def read(self, path: str) -> bytes | None:
        try:
            with self._open(path) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code in (404, 410):
                return None
            raise UsageError(f"读取 {self.base}{path} 失败：服务器回答 HTTP {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise UsageError(f"连不上 {self.base}（{reason}）：请检查网址和网络") from None

    def digest(self, path: str, attempts: int = 3) -> tuple[int, str] | None:
        """(size, SHA-256) of the file as served; None when missing; (-status, "") when unreadable."""
        for attempt in range(attempts):  # a dropped connection is the network's fault, not the site's
            try:
                with self._open(path) as response:
                    digest, size = hashlib.sha256(), 0
                    for block in iter(lambda: response.read(1 << 16), b""):
                        digest.update(block)
                        size += len(block)
                    return size, digest.hexdigest()
            except urllib.error.HTTPError as error:
                if error.code in (404, 410):
                    return None
                if error.code < 500 or attempt == attempts - 1:
                    return -error.code, ""
            except (urllib.error.URLError, OSError):
                if attempt == attempts - 1:
                    return -1, ""
            time.sleep(0.5 * (attempt + 1))
        return -1, ""

    def listing(self) -> None:
        return None  # a web server does not list its files


SiteCopy = FolderCopy | WebCopy


def open_copy(where: str) -> SiteCopy:
    if where.startswith(("http://", "https://")):
        return WebCopy(where)
    if "://" in where:
        raise UsageError(f"只能校验文件夹或 http(s) 网址，不认识 {where.split('://')[0]}://")
    return FolderCopy(Path(where))


def trusted_key(option: str | None) -> Ed25519PublicKey | None:
    if not option:
        return None
    try:
        return load_public_key(Path(option).expanduser().read_bytes())
    except OSError:
        raise UsageError(f"读不到公钥文件 {option}") from None
    except ValueError:
        raise UsageError(f"{option} 不是 Ed25519 公钥（应为 publish.py keygen 生成的 .pub 文件）") from None


def check_signature(copy: SiteCopy, data: bytes, key: Ed25519PublicKey | None, unsigned_ok: bool) -> tuple[list[str], str]:
    """Problems with the signature, and a line saying what was proven."""
    signature = copy.read(SIGNATURE)
    if signature is None:
        if key is not None and not unsigned_ok:
            return [f"{SIGNATURE}: 错误: 清单没有签名，无法证明是发布者发布的"], ""
        return [], "清单没有签名（只校验了文件与清单一致）"
    published = copy.read(PUBLIC_KEY)
    site_key = None
    if published is not None:
        try:
            site_key = load_public_key(published)
        except ValueError:
            if key is None:
                return [f"{PUBLIC_KEY}: 错误: 网站上的公钥无法读取"], ""
    used = key or site_key
    if used is None:
        return [f"{PUBLIC_KEY}: 错误: 清单有签名，但网站上没有发布者公钥：请用 --key 指定公钥"], ""
    if not signature_valid(data, signature, used):
        return [f"{SIGNATURE}: 错误: 签名与清单不符：清单被改动过，或不是这把密钥签的（公钥指纹 {fingerprint(used)}）"], ""
    problems: list[str] = []
    if key is not None and site_key is not None and fingerprint(site_key) != fingerprint(key):
        problems.append(f"{PUBLIC_KEY}: 错误: 网站上的公钥与你信任的公钥不同（网站 {fingerprint(site_key)}）")
    if key is None:
        return problems, f"签名有效，公钥指纹 {fingerprint(used)}（公钥取自网站本身：请与发布者公布的指纹核对，或用 --key）"
    return problems, f"签名有效，是你信任的公钥签的（指纹 {fingerprint(used)}）"


def check_files(copy: SiteCopy, entries: list[Entry]) -> list[str]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(copy.digest, [e.path for e in entries]))
    problems: list[str] = []
    for entry, got in zip(entries, found, strict=True):
        if got is None:
            problems.append(f"{entry.path}: 错误: 缺少文件：清单里有，网站上没有")
        elif got[0] < 0:
            problems.append(f"{entry.path}: 错误: 无法读取（{'HTTP ' + str(-got[0]) if got[0] < -1 else '连接失败'}）")
        elif got != (entry.size, entry.sha256):
            problems.append(f"{entry.path}: 错误: 文件被改动：内容与清单不符（清单 SHA-256 {entry.sha256[:16]}…，"
                            f"实际 {got[1][:16]}…，{got[0]} 字节）")
    listing = copy.listing()
    if listing is not None:
        listed = {e.path for e in entries} | {MANIFEST, SIGNATURE}
        for path in listing:
            if path not in listed and path not in NOT_PUBLISHED and not path.endswith(PART_SUFFIX):
                problems.append(f"{path}: 错误: 多出文件：不在清单里")
    return problems


def run(args: Namespace) -> int:
    copy = open_copy(args.site or str(from_args(args).output))
    key = trusted_key(args.key)
    data = copy.read(MANIFEST)
    if data is None:
        print(f"{MANIFEST}: 错误: {copy.name} 没有清单文件：不是 publish.py build 生成的网站，或清单被删除", file=sys.stdout)
        return 1
    try:
        entries = parse_manifest(data)
    except ValueError as error:
        print(f"{MANIFEST}: 错误: {error}", file=sys.stdout)
        return 1
    problems, proven = check_signature(copy, data, key, args.unsigned_ok)
    problems += check_files(copy, entries)
    for problem in problems:
        print(problem)
    if problems:
        print(f"校验未通过：{copy.name} 有 {len(problems)} 处问题（见上）", file=sys.stderr)
        return 1
    print(f"校验通过：{copy.name} 的 {len(entries)} 个文件与清单一致；{proven}", file=sys.stderr)
    return 0

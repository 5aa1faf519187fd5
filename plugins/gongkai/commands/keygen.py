"""publish.py keygen [--out PATH]: make the publisher's Ed25519 key pair, outside the repository.

The private key signs every build's manifest (set GONGKAI_SIGNING_KEY to its path); the
public key (PATH.pub) is published on the site and its fingerprint can be printed on
notices so citizens can check the key with ``publish.py verify --key``.
"""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser, Namespace
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..manifest import SIGNING_KEY_ENV, fingerprint, inside_repository, public_pem
from ..project import DEFAULT_CONFIG
from . import UsageError

HELP = "生成发布者签名密钥（Ed25519，保存在仓库之外）"


def default_path() -> Path:
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "gongkai" / "publisher-key.pem"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--out", help=f"私钥保存位置（默认 {default_path()}；公钥另存为同名 .pub）")


def write_new(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` (never replacing an existing file) readable as ``mode``."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def run(args: Namespace) -> int:
    private_path = Path(args.out).expanduser() if args.out else default_path()
    public_path = private_path.with_name(private_path.name + ".pub")
    content = Path(args.content) if args.content else DEFAULT_CONFIG.parent / "content"
    holder = inside_repository(private_path, (content, DEFAULT_CONFIG.parent))
    if holder is not None:
        raise UsageError(f"{private_path} 在 {holder} 里面，私钥会随仓库或网站公开：请用 --out 指定仓库外的位置"
                         f"（例如 {default_path()}）")
    for path in (private_path, public_path):
        if path.exists():
            raise UsageError(f"{path} 已经存在，不会覆盖：旧密钥丢了就无法再证明旧网站；换一个 --out 位置")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_new(private_path, private_pem, 0o600)
    write_new(public_path, public_pem(key.public_key()), 0o644)
    print(f"已生成私钥 {private_path}（只有你能读；请另做备份，切勿提交到仓库）", file=sys.stderr)
    print(f"公钥 {public_path}，指纹：{fingerprint(key.public_key())}", file=sys.stderr)
    print(f"启用签名：在 pelicanconf.py 写 GONGKAI_SIGNING_KEY = \"{private_path}\"，"
          f"或设置环境变量 {SIGNING_KEY_ENV}={private_path}", file=sys.stderr)
    print(private_path)
    return 0

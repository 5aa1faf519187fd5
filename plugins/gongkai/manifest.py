"""The site's manifest: every published file with its size and SHA-256, optionally signed.

The build writes it into the new site just before swapping it in:

    manifest.json       {"format": …, "site": SITEURL, "files": [{"path", "size", "sha256"}, …]} sorted, no dates
    publisher-key.pub   the publisher's Ed25519 public key (PEM), when a key is configured
    manifest.sig        base64 Ed25519 signature of the exact bytes of manifest.json

The same content gives a byte-identical manifest. The public key is itself listed in the
manifest, so it is covered by the signature; a reader who wants more than "the site
agrees with itself" pins the key by its fingerprint (``publish.py verify --key``).
Anyone can check without Gongkai too:
``base64 -d manifest.sig > sig.bin && openssl pkeyutl -verify -pubin -inkey
publisher-key.pub -rawin -in manifest.json -sigfile sig.bin``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .errors import GongkaiError
from .project import DEFAULT_CONFIG

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "publisher-key.pub"
FORMAT = "gongkai-manifest/1"
SIGNING_KEY_ENV = "GONGKAI_SIGNING_KEY"
NOT_LISTED = frozenset({MANIFEST, SIGNATURE})
"""The manifest cannot list itself, nor the signature made over it."""


class SigningKeyError(GongkaiError):
    """The publisher's signing key is missing, unusable, or where it would be published."""


@dataclass(frozen=True)
class Entry:
    path: str
    size: int
    sha256: str


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def site_files(folder: Path) -> list[str]:
    """Site-relative POSIX paths of every file under ``folder``, sorted."""
    found = []
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            found.append((Path(directory) / name).relative_to(folder).as_posix())
    return sorted(found)


def scan(folder: Path) -> list[Entry]:
    """Every file the site publishes, except the manifest and its signature."""
    return [Entry(path, (folder / path).stat().st_size, sha256_file(folder / path))
            for path in site_files(folder) if path not in NOT_LISTED]


def manifest_bytes(entries: list[Entry], site_url: str = "") -> bytes:
    """One file per line, so two manifests diff line by line. ``site``: the address the site was
    built for ("" for a local preview build, which deploy refuses)."""
    lines = [json.dumps({"path": e.path, "size": e.size, "sha256": e.sha256}, ensure_ascii=False) for e in entries]
    text = (f'{{"format": "{FORMAT}", "hash": "sha256", "site": {json.dumps(site_url)}, "files": [\n'
            + ",\n".join(lines) + "\n]}\n")
    return text.encode("utf-8")


def manifest_site(data: bytes) -> str:
    """The address a manifest says its site was built for; "" for a preview build (or an older manifest)."""
    try:
        site = json.loads(data.decode("utf-8")).get("site")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return ""
    return site if isinstance(site, str) else ""


def parse_manifest(data: bytes) -> list[Entry]:
    """The entries of a manifest; ValueError (in Chinese) when it is not one."""
    try:
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != FORMAT:
            raise ValueError(f"不是 {FORMAT} 格式")
        return [Entry(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in document["files"]]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"{MANIFEST} 无法读取（{type(error).__name__}）") from None


# -- keys ------------------------------------------------------------------------------

def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise SigningKeyError(f"找不到签名私钥 {path}：请检查 {SIGNING_KEY_ENV} 设置，或用 publish.py keygen 生成") from None
    except (ValueError, TypeError):
        raise SigningKeyError(f"{path} 不是可用的签名私钥（应为 publish.py keygen 生成的 Ed25519 私钥，且没有口令）") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path} 不是 Ed25519 私钥：请用 publish.py keygen 生成")
    return key


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(data: bytes) -> Ed25519PublicKey:
    """A public key from PEM text, or ValueError."""
    key = serialization.load_pem_public_key(data.strip() + b"\n")
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not Ed25519")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw public key, in groups of four hex digits: short enough to read aloud."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def repository_of(path: Path) -> Path | None:
    """The git working tree holding ``path``, if any."""
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def inside_repository(path: Path, folders) -> Path | None:
    """Which of ``folders`` (or the git repository holding it) ``path`` lies in: secrets must not.

    Only the project's own folders count: a key in a home folder kept in git (dotfiles) is
    the user's business, a key in the site's repository is published with it.
    """
    path = path.expanduser().resolve()
    for folder in folders:
        folder = Path(folder).resolve()
        for root in (repository_of(folder), folder):
            if root is not None and path.is_relative_to(root):
                return root
    return None


def signing_key_path(settings, content: Path, environ=os.environ) -> Path | None:
    """The configured private key: env GONGKAI_SIGNING_KEY, else the setting; None when unsigned."""
    configured = environ.get(SIGNING_KEY_ENV) or settings.signing_key
    if not configured:
        return None
    path = Path(configured).expanduser()
    holder = inside_repository(path, (content, DEFAULT_CONFIG.parent))
    if holder is not None:
        raise SigningKeyError(f"签名私钥 {path} 放在 {holder} 里面，会随网站或仓库公开：请移到仓库外"
                         "（例如 ~/.config/gongkai/），再改 GONGKAI_SIGNING_KEY")
    return path


# -- write and check ---------------------------------------------------------------

def write_manifest(folder: Path, signing_key: Path | None = None, site_url: str = "") -> list[Entry]:
    """Write manifest.json (and, with a key, publisher-key.pub and manifest.sig) into ``folder``."""
    private = load_private_key(signing_key) if signing_key else None
    for stale in (SIGNATURE, PUBLIC_KEY):
        (folder / stale).unlink(missing_ok=True)
    if private is not None:
        (folder / PUBLIC_KEY).write_bytes(public_pem(private.public_key()))
    entries = scan(folder)
    data = manifest_bytes(entries, site_url)
    (folder / MANIFEST).write_bytes(data)
    if private is not None:
        (folder / SIGNATURE).write_bytes(base64.b64encode(private.sign(data)) + b"\n")
    return entries


def signature_valid(data: bytes, signature: bytes, key: Ed25519PublicKey) -> bool:
    try:
        key.verify(base64.b64decode(signature.strip(), validate=True), data)
        return True
    except (InvalidSignature, ValueError):
        return False

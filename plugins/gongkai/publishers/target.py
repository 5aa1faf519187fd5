"""A deploy target as the county office writes it: one URL, its secrets kept out of every message."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeployError

MASK = "******"
_USERINFO_PASSWORD = re.compile(r"(://[^/\s:@]*):[^@/\s]*@")


@dataclass(frozen=True)
class Target:
    url: str
    scheme: str
    host: str = ""
    port: int | None = None
    user: str = ""
    password: str = ""
    path: str = ""
    query: dict[str, str] = field(default_factory=dict)
    fragment: str = ""

    @property
    def display(self) -> str:
        """The URL to show people: never the password."""
        return mask_url(self.url)


def mask_url(text: str) -> str:
    return _USERINFO_PASSWORD.sub(rf"\1:{MASK}@", text)


def mask(text: object, secrets: Iterable[str]) -> str:
    """``text`` with every secret, and any password written into a URL, replaced by ******."""
    text = mask_url(str(text))
    for secret in sorted((s for s in secrets if s and len(s) >= 3), key=len, reverse=True):
        text = text.replace(secret, MASK)
        quoted = urllib.parse.quote(secret, safe="")
        if quoted != secret:
            text = text.replace(quoted, MASK)
    return text


def parse_target(text: str) -> Target:
    """``file:///srv/www``, a plain folder path, ``sftp://…``, ``s3://…``, ``ftp(s)://…``, ``git+…#branch``."""
    if "://" not in text:
        return Target(url=Path(text).resolve().as_uri(), scheme="file", path=str(Path(text).resolve()))
    parts = urllib.parse.urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        raise DeployError(f"目标地址 {mask_url(text)} 的端口不对") from None
    return Target(
        url=text,
        scheme=parts.scheme.lower(),
        host=parts.hostname or "",
        port=port,
        user=urllib.parse.unquote(parts.username or ""),
        password=urllib.parse.unquote(parts.password or ""),
        path=urllib.parse.unquote(parts.path),
        query={k: v for k, v in urllib.parse.parse_qsl(parts.query)},
        fragment=urllib.parse.unquote(parts.fragment),
    )

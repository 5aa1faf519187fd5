"""Where deploy secrets come from: environment variables, else a file outside the repository.

The file (``~/.config/gongkai/credentials.ini``, or the path in GONGKAI_CREDENTIALS) has
one section per server, named ``scheme://host`` or just ``host`` (for S3: the bucket)::

    [ftp://ftp.example.cn]
    password = …

    [gongkai-site]                  ; an S3 bucket
    access_key_id = …
    secret_access_key = …

Every secret read is remembered so that messages can mask it.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from pathlib import Path

from ..errors import DeployError
from ..manifest import inside_repository
from ..project import DEFAULT_CONFIG
from .target import Target

CREDENTIALS_ENV = "GONGKAI_CREDENTIALS"


def default_file(environ: Mapping[str, str] = os.environ) -> Path:
    config = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "gongkai" / "credentials.ini"


class Credentials:
    def __init__(self, target: Target, environ: Mapping[str, str] = os.environ):
        self.target = target
        self.environ = environ
        self.secrets: set[str] = {target.password} if target.password else set()
        self._section = self._read_section()

    def _read_section(self) -> dict[str, str]:
        path = Path(self.environ.get(CREDENTIALS_ENV) or default_file(self.environ)).expanduser()
        if not path.is_file():
            return {}
        holder = inside_repository(path, (DEFAULT_CONFIG.parent,))
        if holder is not None:
            raise DeployError(f"凭据文件 {path} 在仓库 {holder} 里面，密码会被公开：请移到仓库外（例如 {default_file()}）")
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError) as error:
            raise DeployError(f"凭据文件 {path} 格式不对（{type(error).__name__}）：应为 [服务器] 加 key = value 的 ini 格式") from None
        for name in (f"{self.target.scheme}://{self.target.host}", self.target.host):
            if name and parser.has_section(name):
                section = dict(parser.items(name))
                self.secrets.update(v for k, v in section.items() if k not in ("user", "key_file"))
                return section
        return {}

    def get(self, key: str, *env_names: str, secret: bool = True) -> str | None:
        """The first of: an environment variable, the URL (password, user), the credentials file."""
        value = next((self.environ[n] for n in env_names if self.environ.get(n)), None)
        if value is None and key == "password" and self.target.password:
            value = self.target.password
        if value is None and key == "user" and self.target.user:
            value = self.target.user
        if value is None:
            value = self._section.get(key)
        if value and secret:
            self.secrets.add(value)
        return value

"""sftp://user@host[:port]/path: a server reached over SSH (paramiko).

Secrets: GONGKAI_SFTP_KEY (a private key file) and GONGKAI_SFTP_PASSWORD (a password, or
the key's passphrase), else ``password`` / ``key_file`` in the credentials file, else the
user's SSH agent and ~/.ssh keys. The server must already be in known_hosts
(~/.ssh/known_hosts, or the file in GONGKAI_SSH_KNOWN_HOSTS): an unknown host is refused.
Files are uploaded under a temporary name and renamed over the old one (posix-rename).
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import io
import posixpath
import socket
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from .base import DeployError, Publisher, part_name

KNOWN_HOSTS_ENV = "GONGKAI_SSH_KNOWN_HOSTS"


def known_hosts_file(environ: Mapping[str, str]) -> Path:
    return Path(environ.get(KNOWN_HOSTS_ENV) or Path.home() / ".ssh" / "known_hosts").expanduser()


class SFTPPublisher(Publisher):
    schemes = ("sftp",)

    @property
    def where(self) -> str:
        return f"{self.target.host}:{self.target.port or 22}"

    def connect(self) -> None:
        import paramiko

        if not self.target.host:
            raise DeployError("sftp:// 地址缺少服务器，例如 sftp://user@example.cn/var/www/site")
        credentials = self.credentials
        user = credentials.get("user", "GONGKAI_SFTP_USER", secret=False) or getpass.getuser()
        key_file = credentials.get("key_file", "GONGKAI_SFTP_KEY", secret=False)
        password = credentials.get("password", "GONGKAI_SFTP_PASSWORD")
        client = paramiko.SSHClient()
        known = known_hosts_file(credentials.environ)
        if known.is_file():
            client.load_host_keys(str(known))
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        try:
            client.connect(self.target.host, port=self.target.port or 22, username=user, password=password,
                           passphrase=password if key_file else None,
                           key_filename=str(Path(key_file).expanduser()) if key_file else None,
                           look_for_keys=not key_file and not password, allow_agent=not key_file and not password,
                           timeout=20, banner_timeout=20, auth_timeout=20)
            self.sftp = client.open_sftp()
        except paramiko.AuthenticationException:
            client.close()
            raise DeployError(f"登录 {self.where} 失败：用户名 {user} 的密码或密钥不对"
                              "（设置 GONGKAI_SFTP_PASSWORD 或 GONGKAI_SFTP_KEY）") from None
        except paramiko.BadHostKeyException:
            client.close()
            raise DeployError(f"{self.where} 的主机密钥与 {known} 里记下的不同：可能被冒充，请向服务器管理员核实") from None
        except paramiko.SSHException as error:
            client.close()
            if "known_hosts" in str(error) or "not found in" in str(error):
                raise DeployError(f"不认识服务器 {self.where} 的主机密钥：请先用 ssh 连一次核对并保存，"
                                  f"或把它加入 {known}") from None
            raise DeployError(f"与 {self.where} 的 SSH 连接失败：{error}") from None
        except FileNotFoundError:
            client.close()
            raise DeployError(f"找不到 SSH 私钥文件 {key_file}：请检查 GONGKAI_SFTP_KEY") from None
        except (socket.gaierror, TimeoutError, OSError) as error:
            client.close()
            raise DeployError(f"连不上服务器 {self.where}（{getattr(error, 'strerror', None) or error}）：请检查地址、端口和网络") from None
        self.client = client
        self.root = self._root_path()
        self._folders: set[str] = set()
        self._make_folder(self.root)

    def _root_path(self) -> str:
        path = self.target.path or "/"
        if path.startswith("/~/"):
            return posixpath.normpath(path[3:]) or "."
        return posixpath.normpath(path)

    def close(self) -> None:
        if getattr(self, "client", None):
            self.client.close()

    def _remote(self, path: str) -> str:
        return posixpath.join(self.root, path)

    def _make_folder(self, folder: str) -> None:
        if folder in self._folders or folder in ("", "/", "."):
            return
        try:
            mode = self.sftp.stat(folder).st_mode
            if mode is not None and not stat.S_ISDIR(mode):  # a server that tells no mode: try the folder
                raise DeployError(f"{self.where}:{folder} 不是文件夹")
        except FileNotFoundError:
            self._make_folder(posixpath.dirname(folder))
            try:
                self.sftp.mkdir(folder)
            except OSError as error:
                raise DeployError(self._write_error(error, folder)) from None
        self._folders.add(folder)

    def _write_error(self, error: OSError, path: str) -> str:
        if isinstance(error, PermissionError) or error.errno == errno.EACCES:
            return f"没有权限写入 {self.where}:{path}：请检查服务器上的文件夹权限"
        return (f"写入 {self.where}:{path} 失败（{error.strerror or error}）：服务器磁盘可能已满或没有权限；"
                "处理后重新运行，已上传的部分会接着完成")

    def read(self, path: str) -> bytes | None:
        try:
            with self.sftp.open(self._remote(path), "rb") as stream:
                return stream.read()
        except FileNotFoundError:
            return None

    def _replace(self, path: str, send: Callable[[str], object]) -> None:
        remote = self._remote(path)
        temporary = self._remote(part_name(path))
        self._make_folder(posixpath.dirname(remote))
        try:
            send(temporary)
            try:
                self.sftp.posix_rename(temporary, remote)  # OpenSSH: atomic replace
            except OSError:
                self._remove(remote)  # servers without posix-rename: a short gap, never a torn file
                self.sftp.rename(temporary, remote)
        except (OSError, EOFError) as error:
            raise DeployError(self._write_error(error if isinstance(error, OSError) else OSError(str(error)), path)) from None

    def put(self, local: Path, path: str) -> None:
        self._replace(path, lambda temporary: self.sftp.put(str(local), temporary, confirm=True))

    def put_bytes(self, data: bytes, path: str) -> None:
        self._replace(path, lambda temporary: self.sftp.putfo(io.BytesIO(data), temporary, confirm=True))

    def _remove(self, remote: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.sftp.remove(remote)

    def delete(self, path: str) -> None:
        try:
            self._remove(self._remote(path))
        except OSError as error:
            raise DeployError(self._write_error(error, path)) from None

    def remove_empty_folders(self, folders: list[str]) -> None:
        for folder in folders:
            with contextlib.suppress(OSError):
                self.sftp.rmdir(self._remote(folder))

"""ftp://user@host[:port]/path and ftps:// (explicit TLS): the cheap virtual host (ftplib).

The password comes from GONGKAI_FTP_PASSWORD, the URL, or the credentials file. The path is
taken from the login folder (as RFC 1738 says). FTPS checks the server's certificate against
the system's CAs (or SSL_CERT_FILE). Files are stored under a temporary name and renamed
over the old one (RNFR/RNTO).
"""

from __future__ import annotations

import contextlib
import ftplib
import io
import posixpath
import socket
import ssl
from pathlib import Path
from typing import BinaryIO, cast

from .base import DeployError, Publisher, part_name


class _FTPTLS(ftplib.FTP_TLS):
    """FTPS whose data connections resume the control connection's TLS session, which vsftpd
    (require_ssl_reuse, on by default) and others insist on; plain ftplib does not."""

    def ntransfercmd(self, cmd: str, rest: int | str | None = None) -> tuple[socket.socket, int | None]:
        connection, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:  # type: ignore[attr-defined]  # ftplib's own flag: PROT P was sent
            session = cast(ssl.SSLSocket, self.sock).session  # the control connection is TLS by then
            connection = self.context.wrap_socket(connection, server_hostname=self.host, session=session)
        return connection, size


class FTPPublisher(Publisher):
    schemes = ("ftp", "ftps")

    @property
    def where(self) -> str:
        return f"{self.target.host}:{self.target.port or 21}"

    def connect(self) -> None:
        if not self.target.host:
            raise DeployError(f"{self.target.scheme}:// 地址缺少服务器，例如 {self.target.scheme}://user@ftp.example.cn/htdocs")
        user = self.credentials.get("user", "GONGKAI_FTP_USER", secret=False) or "anonymous"
        password = self.credentials.get("password", "GONGKAI_FTP_PASSWORD") or ""
        secure = self.target.scheme == "ftps"
        ftp = _FTPTLS(context=ssl.create_default_context(), timeout=30) if secure else ftplib.FTP(timeout=30)
        try:
            ftp.connect(self.target.host, self.target.port or 21)
            if isinstance(ftp, _FTPTLS):
                ftp.auth()
            ftp.login(user, password)
            if isinstance(ftp, _FTPTLS):
                ftp.prot_p()
            with contextlib.suppress(ftplib.Error):
                ftp.sendcmd("OPTS UTF8 ON")  # Chinese file names on servers that default to GBK (Serv-U, IIS)
        except ssl.SSLCertVerificationError as error:
            ftp.close()
            raise DeployError(f"{self.where} 的 TLS 证书无法验证（{error.verify_message}）：可能被冒充；"
                              "自签证书请用 SSL_CERT_FILE 指定它的 CA") from None
        except ftplib.error_perm as error:
            ftp.close()
            if str(error).startswith("530"):
                raise DeployError(f"登录 {self.where} 失败：用户名 {user} 或密码不对（设置 GONGKAI_FTP_PASSWORD）") from None
            raise DeployError(f"登录 {self.where} 被拒绝：{error}") from None
        except (socket.gaierror, TimeoutError, OSError, EOFError, ftplib.Error) as error:
            ftp.close()
            raise DeployError(f"连不上服务器 {self.where}（{getattr(error, 'strerror', None) or error}）：请检查地址、端口和网络") from None
        self.ftp = ftp
        self.root = posixpath.normpath(self.target.path.lstrip("/")) if self.target.path.strip("/") else ""
        self._folders: set[str] = set()
        self._make_folder(self.root)

    def close(self) -> None:
        ftp = getattr(self, "ftp", None)
        if ftp is not None:
            try:
                ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                ftp.close()

    def _remote(self, path: str) -> str:
        return posixpath.join(self.root, path) if self.root else path

    def _make_folder(self, folder: str) -> None:
        if folder in self._folders or folder in ("", "."):
            return
        self._make_folder(posixpath.dirname(folder))
        with contextlib.suppress(ftplib.error_perm):  # exists already (servers differ in how they say so)
            self.ftp.mkd(folder)
        self._folders.add(folder)

    def _fail(self, error: Exception, path: str) -> DeployError:
        text = str(error)
        if text[:3] in ("452", "552"):
            return DeployError(f"{self.where} 空间已满（{text[:3]}）：请清理空间或扩容后重新运行，已上传的部分会接着完成")
        if text[:3] in ("550", "553", "532"):
            return DeployError(f"没有权限写入 {self.where}:{path}（{text}）：请检查 FTP 账号的权限")
        return DeployError(f"写入 {self.where}:{path} 失败：{text}")

    def read(self, path: str) -> bytes | None:
        buffer = io.BytesIO()
        try:
            self.ftp.retrbinary(f"RETR {self._remote(path)}", buffer.write)
        except ftplib.error_perm as error:
            if str(error).startswith("550"):
                return None
            raise self._fail(error, path) from None
        return buffer.getvalue()

    def _replace(self, path: str, stream: BinaryIO) -> None:
        remote = self._remote(path)
        temporary = self._remote(part_name(path))
        self._make_folder(posixpath.dirname(remote))
        try:
            self.ftp.storbinary(f"STOR {temporary}", stream)
            try:
                self.ftp.rename(temporary, remote)
            except ftplib.error_perm:  # servers that will not rename over a file
                self._remove(remote)
                self.ftp.rename(temporary, remote)
        except (ftplib.Error, OSError, EOFError) as error:
            raise self._fail(error, path) from None

    def put(self, local: Path, path: str) -> None:
        with open(local, "rb") as stream:
            self._replace(path, stream)

    def put_bytes(self, data: bytes, path: str) -> None:
        self._replace(path, io.BytesIO(data))

    def _remove(self, remote: str) -> None:
        try:
            self.ftp.delete(remote)
        except ftplib.error_perm as error:
            if not str(error).startswith("550"):
                raise

    def delete(self, path: str) -> None:
        try:
            self._remove(self._remote(path))
        except (ftplib.Error, OSError) as error:
            raise self._fail(error, path) from None

    def remove_empty_folders(self, folders: list[str]) -> None:
        for folder in folders:
            with contextlib.suppress(ftplib.Error, OSError):
                self.ftp.rmd(self._remote(folder))

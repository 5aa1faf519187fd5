"""file:///path (or a plain path): a local or mounted folder, e.g. the web server's own."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from .base import DeployError, Publisher, os_error_message, part_name


class FilePublisher(Publisher):
    schemes = ("file",)

    def connect(self) -> None:
        self.root = Path(self.target.path)
        if self.target.host not in ("", "localhost"):
            raise DeployError(f"file:// 只能写本机文件夹，{self.target.host} 不是本机：远程服务器请用 sftp://")
        if not self.root.parent.is_dir():
            raise DeployError(f"目标文件夹的上级 {self.root.parent} 不存在：请先建好，或检查路径")
        try:
            self.root.mkdir(exist_ok=True)
        except OSError as error:
            raise DeployError(os_error_message(error, str(self.root))) from None

    def read(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, local: Path, path: str) -> None:
        self._replace(path, lambda temporary: shutil.copyfile(local, temporary))

    def put_bytes(self, data: bytes, path: str) -> None:
        self._replace(path, lambda temporary: temporary.write_bytes(data))

    def _replace(self, path: str, write: Callable[[Path], object]) -> None:
        destination = self.root / path
        temporary = self.root / part_name(path)
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            write(temporary)
            os.replace(temporary, destination)  # atomic: readers see the old file or the new one
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise DeployError(os_error_message(error, str(self.root))) from None

    def delete(self, path: str) -> None:
        try:
            (self.root / path).unlink(missing_ok=True)
        except OSError as error:
            raise DeployError(os_error_message(error, str(self.root))) from None

    def remove_empty_folders(self, folders: list[str]) -> None:
        for folder in folders:
            with contextlib.suppress(OSError):  # not empty, or already gone
                (self.root / folder).rmdir()

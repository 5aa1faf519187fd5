"""Attachments uploaded with a form, put beside the record (``<record folder>/files/``).

Only the kinds a record may point to (PDF, OFD, Word, Excel, JPG, PNG) and of a sane size.
The clerk's file name is kept (Chinese too) with anything that could name another place
taken out; a different file of the same name gets ``-2``, ``-3``. The record's own checks
then scan the name like every other value; the file is committed with the record.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

SUFFIXES = (".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png")
MAX_BYTES = 50 * 1024 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


class UploadRefused(Exception):
    """Said to the clerk beside the attachment."""


def safe_name(filename: str) -> str:
    name = _UNSAFE.sub("-", Path(filename.replace("\\", "/")).name).strip(" .-")
    if not name.lower().endswith(SUFFIXES):
        raise UploadRefused(f"“{filename}”不是可以公开的附件类型：只能上传 {'、'.join(s.lstrip('.').upper() for s in SUFFIXES)}")
    return name[-120:]


def place(folder: Path, filename: str, data: bytes) -> str:
    """Store ``data`` as ``folder/files/<name>``; the path as the record writes it (files/<name>)."""
    if len(data) > MAX_BYTES:
        raise UploadRefused(f"“{filename}”超过 {MAX_BYTES // 1024 // 1024} MB：请压缩后再上传")
    if not data:
        raise UploadRefused(f"“{filename}”是空文件")
    name = safe_name(filename)
    target = folder / "files" / name
    stem, suffix, n = target.stem, target.suffix, 1
    while target.exists() and hashlib.sha256(target.read_bytes()).digest() != hashlib.sha256(data).digest():
        n += 1
        target = target.with_name(f"{stem}-{n}{suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return f"files/{target.name}"

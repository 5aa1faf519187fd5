"""Stable identity: each record's 索引号 and URL.

Both come from the record's own place (org folder + path inside it) or from an
``index_no`` the clerk wrote; never from a counter over other records. So adding,
removing or renaming *other* records changes nothing, and a clerk who renames or
moves a file keeps its identity by copying the old 索引号 into ``index_no``.
"""

from __future__ import annotations

import base64
import hashlib

from . import types as record_types


def digest(seed: str) -> str:
    """8 characters of base32 SHA-1: 40 bits, collisions are detected and reported."""
    return base64.b32encode(hashlib.sha1(seed.encode("utf-8")).digest()).decode("ascii")[:8].lower()


def record_key(path_in_org: str) -> str:
    """The record's path inside its org folder, without suffix: what its identity grows from."""
    return path_in_org.rsplit(".", 1)[0]


def index_no(org_code: str, record_type: str, org_slug: str, key: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    return f"{org_code}-{record_types.record_type(record_type).index_code}-{digest(org_slug + '/' + key).upper()}"


def record_url(org_slug: str, record_type: str, index_number: str) -> str:
    return f"{org_slug}/{record_type}/{digest(index_number)}.html"

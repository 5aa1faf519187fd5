"""公开事项: any other disclosure item; nothing beyond the common keys (its column is checked for every record)."""

from __future__ import annotations

from .base import Columns, RecordType


class Notice(RecordType):
    code = "notice"
    label = "公开事项"
    index_code = "GK"
    columns = Columns(village="村务", government="其他")

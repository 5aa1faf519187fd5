"""机构概况: the profile of a village, township, department or county (its folder's org.yaml).

Not a record of the catalogue: it has no 索引号 and no column; it makes the org itself.
"""

from __future__ import annotations

from .base import RecordType

ORG_FILE = "org.yaml"
KINDS = {"village": "村", "township": "乡镇", "department": "部门", "county": "县"}


class OrgProfile(RecordType):
    code = "org"
    label = "机构概况"
    values = {"kind": KINDS}
    aliases = {"kind": {"乡": "township", "镇": "township", "街道": "township", "县直部门": "department"}}

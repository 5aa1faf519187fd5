"""Gongkai's own settings: each declared once, with its type, default and a one-line doc.

Every setting is a ``GONGKAI_<NAME>`` variable in pelicanconf.py (SITENAME and SITEURL
are Pelican's and read from there too); anything not set takes the default below. Each
value is checked by its ``Kind``: a wrong one is a ``pelicanconf.py:LINE: 错误: …`` line
(``SettingsError``, exit 2), never a silent fallback or an internal error, and a
``GONGKAI_`` name that is not declared here is a warning with a "did you mean".

A new setting is one ``option(...)`` line in ``Settings``.
"""

from __future__ import annotations

import ast
import difflib
import logging
import re
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import GongkaiError
from .problems import Problem, Problems
from .types import RECORD_TYPES
from .types.org import KINDS as org_kinds

log = logging.getLogger("gongkai")

PREFIX = "GONGKAI_"
VILLAGE_COLUMNS = ("党务", "村务", "财务", "重大事项")
GOVERNMENT_COLUMNS = ("法规文件", "机构职能", "规划计划", "统计信息", "行政许可", "行政处罚", "财政预决算",
                      "行政事业性收费", "政府采购", "重大建设项目", "民生政策", "应急管理", "监督检查",
                      "公务员招考", "其他")
ORG_GROUPS = ("village", "government")
# What DCAT-US 1.1 accepts after "mailto:" (vcard.json's hasEmail pattern), or "" (not set).
EMAIL = r"([\w_~!$&'()*+,;=:.-]+@[\w.-]+\.[\w.-]+)?"
ORG_KINDS = tuple(org_kinds)  # village, township, department, county
# The columns of a 标准目录 (基层政务公开标准化规范化, 国办发〔2019〕54号), in the standard's order.
STANDARD_FIELDS = ("公开事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级")


class SettingsError(GongkaiError):
    """pelicanconf.py has settings that cannot be used: one problem line each."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


# Kinds: what a setting's value may be. ``convert`` returns the value to use or raises
# ValueError saying, in Chinese, what the value should be.

class Kind:
    def convert(self, value: Any) -> Any:
        raise NotImplementedError


class Text(Kind):
    def __init__(self, pattern: str = "", example: str = "") -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.example = example

    def convert(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("应当是文字（加引号）")
        if self.pattern and not self.pattern.fullmatch(value):
            raise ValueError(f"的写法不对，例如 {self.example}")
        return value


class Url(Text):
    """An absolute http(s) address, or "" (none); kept without its trailing slash."""

    def __init__(self) -> None:
        super().__init__(r"(https?://[^\s/]+(/[^\s]*)?)?", '"https://gongkai.qingchuan.gov.cn"（不设置时写 ""）')

    def convert(self, value: Any) -> str:
        return super().convert(value).rstrip("/")


class Choice(Kind):
    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def convert(self, value: Any) -> str:
        if value not in self.choices:
            raise ValueError(f"只能是 {' 或 '.join(repr(c) for c in self.choices)} 之一")
        return value


class Whole(Kind):
    def __init__(self, minimum: int = 0) -> None:
        self.minimum = minimum

    def convert(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"应当是整数（不加引号），例如 {max(self.minimum, 20)}")
        if value < self.minimum:
            raise ValueError(f"不能小于 {self.minimum}")
        return value


class Names(Kind):
    """A non-empty list of distinct names, kept as a tuple."""

    def convert(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) and v for v in value):
            raise ValueError('应当是一组名称，例如 ["党务", "村务", "财务"]')
        if len(set(value)) != len(value):
            raise ValueError("里有重复的名称")
        return tuple(value)


class Table(Kind):
    """A dict whose keys and values each have a kind; ``keys`` limits the keys allowed."""

    def __init__(self, value_kind: Kind, keys: tuple[str, ...] = (), example: str = "") -> None:
        self.value_kind = value_kind
        self.keys = keys
        self.example = example

    def convert(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise ValueError(f"应当是一组“键: 值”，例如 {self.example}")
        converted = {}
        for key, item in value.items():
            if not isinstance(key, str) or (self.keys and key not in self.keys):
                raise ValueError(f"的键“{key}”不对：只能是 {'、'.join(self.keys)}" if self.keys else f"的键“{key}”应当是文字")
            try:
                converted[key] = self.value_kind.convert(item)
            except ValueError as error:
                raise ValueError(f"里“{key}”的值{error}") from None
        return converted


class Entries(Kind):
    """A non-empty list of entries, each a dict giving every one of ``fields`` as text (and nothing else)."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.fields = fields

    def convert(self, value: Any) -> list[dict[str, str]]:
        if not isinstance(value, (list, tuple)) or not value:
            raise ValueError(f"应当是一组事项，每项写明{'、'.join(self.fields)}")
        return [self._entry(n, entry) for n, entry in enumerate(value, 1)]

    def _entry(self, n: int, entry: Any) -> dict[str, str]:
        if not isinstance(entry, Mapping):
            raise ValueError(f"里第 {n} 项应当是一组“键: 值”，写明{'、'.join(self.fields)}")
        for key in entry:
            if key not in self.fields:
                raise ValueError(f"里第 {n} 项的键“{key}”不对：只能是 {'、'.join(self.fields)}")
        for key in self.fields:
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ValueError(f"里第 {n} 项缺少“{key}”（要写成文字）")
        return {key: entry[key] for key in self.fields}


def option(default: Any, kind: Kind, doc: str, pelican: str = "") -> Any:
    """Declare a setting: its default, its kind, a one-line doc, and the Pelican name it is read from if not GONGKAI_."""
    metadata = {"kind": kind, "doc": doc, "pelican": pelican}
    if isinstance(default, (dict, list)):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    site_name: str = option("公开", Text(), "网站名称，显示在每一页的页头。", pelican="SITENAME")
    site_url: str = option("", Url(), "网站发布后的完整地址（不带结尾的 /）；本地预览留空。", pelican="SITEURL")
    language: str = option("zh_CN", Choice("zh_CN", "en"), "网站自身文字的语言。")
    village_columns: tuple[str, ...] = option(VILLAGE_COLUMNS, Names(), "村的公开栏目。")
    government_columns: tuple[str, ...] = option(
        GOVERNMENT_COLUMNS, Names(), "乡镇、部门、县的公开栏目（条例第二十条）。")
    default_columns: dict[str, dict[str, str]] = option(
        {}, Table(Table(Text(), tuple(RECORD_TYPES)), ORG_GROUPS, '{"village": {"notice": "党务"}}'),
        "记录没写栏目时归入哪个栏目（覆盖各类型的默认栏目）：按机构（village / government）和记录类型。")
    column_max_age_days: dict[str, int] = option(
        {"财务": 31, "村务": 92, "党务": 92}, Table(Whole(1), example='{"财务": 31}'),
        "栏目最长多少天不更新就算逾期。")
    finance_every: str = option("month", Choice("month", "quarter"), "村财务公开的周期：每月（month）或每季度（quarter）。")
    latest_count: int = option(20, Whole(1), "首页列出最近多少条记录。")
    signing_key: str = option(
        "", Text(), "给 manifest.json 签名的 Ed25519 私钥文件（放在仓库之外）；环境变量 GONGKAI_SIGNING_KEY 优先。")
    feed_authority: str = option(
        "", Text(r"([a-z0-9.-]+\.[a-z]{2,},\d{4}(-\d{2}(-\d{2})?)?)?", '"qingchuan.gov.cn,2026"'),
        "订阅条目编号 tag:<此值>:<索引号> 的前半部分：首次发布时设定，此后不要再改；留空则用网站域名加 ,2026。")
    preview_url: str = option("http://127.0.0.1:8000", Url(), "未设置网站地址时，订阅源和开放数据里的链接所用的预览地址。")
    feed_max_entries: int = option(50, Whole(1), "每个订阅源包含最近更新的多少条记录。")
    data_contact_email: str = option(
        "", Text(EMAIL, '"gongkai@qingchuan.gov.cn"'),
        "回答开放数据问题的电子邮箱（data.json 的 contactPoint）；设置了 SITEURL（要发布的网站）时必须填写。")
    ocid_prefix: str = option("ocds-gongkai", Text(r"ocds-[a-z0-9]+", '"ocds-abc123"'),
                              "采购数据（OCDS）的 ocid 前缀，向开放合同伙伴组织登记所得。")
    standard_catalogues: dict[str, dict[str, list[dict[str, str]]]] = option(
        {}, Table(Table(Entries(STANDARD_FIELDS), example='{"财务": [{"公开事项": "村级财务收支", …}]}'), ORG_KINDS,
                  '{"village": {"财务": [{"公开事项": "村级财务收支", …}]}}'),
        "标准目录（国办发〔2019〕54号）：按机构类别（village / township / department / county）和公开栏目，"
        "列出每个公开事项的公开内容、依据、时限、主体、渠道和载体、对象、方式和层级；每类一页。")
    # 依申请公开 (条例 Arts. 27–33): where and how the public applies, on the apply/ page and the form.
    apply_office: str = option("", Text(), "受理政府信息公开申请的机构，例如“青峰县人民政府办公室（县政务公开办）”。")
    apply_in_person: str = option("", Text(), "当面提交申请的地点和时间。")
    apply_post: str = option("", Text(), "邮寄申请的地址、收件人和邮政编码。")
    apply_email: str = option("", Text(EMAIL, '"zwgk@qingchuan.gov.cn"'), "接收申请的电子邮箱（数据电文）。")
    apply_phone: str = option("", Text(), "咨询申请事宜的电话。")
    # The site's identity in every page's footer (政府网站发展指引): `check` warns when a site to publish lacks one.
    host_org: str = option("", Text(), "网站的主办单位，显示在每一页的页脚，例如“青峰县人民政府办公室”。")
    site_code: str = option("", Text(r"([0-9A-Za-z]{10})?", '"5108230001"'), "网站标识码（10 位），显示在每一页的页脚。")
    icp_record: str = option("", Text(r"(\S+ICP备\d+号(-\d+)?)?", '"蜀ICP备12345678号-1"'),
                             "ICP备案号，显示在每一页的页脚，链接到工业和信息化部的备案查询网站。")
    police_record: str = option("", Text(r"(\S+公网安备 ?\d{14}号)?", '"川公网安备 51082302000123号"'),
                                "公安机关备案号，显示在每一页的页脚，链接到全国互联网安全管理服务平台上本站的备案信息。")
    conac_url: str = option("", Url(), "党政机关网站标识的链接地址（开办网站时由机构编制部门给出），显示在每一页的页脚。")
    contact_address: str = option("", Text(), "网站主办单位的联系地址，显示在每一页的页脚。")

    @classmethod
    def from_pelican(cls, pelican_settings: Mapping[str, Any], config: Path | None = None) -> Settings:
        """The settings of a read pelicanconf.py; raises SettingsError naming every wrong value."""
        lines = assignment_lines(config)
        where = config_name(config)
        problems = Problems()
        values = {}
        for f in fields(cls):
            name = pelican_name(f)
            if name not in pelican_settings:
                continue
            try:
                values[f.name] = f.metadata["kind"].convert(pelican_settings[name])
            except ValueError as error:
                problems.error(where, lines.get(name, 1), f"设置 {name} {error}（现在是 {shown(pelican_settings[name])}）；这个设置是{f.metadata['doc']}")
        settings = cls(**values)
        settings._check_together(problems, where, lines)
        if problems.errors:
            raise SettingsError(problems.sorted())
        for unknown in unknown_names(pelican_settings):
            close = difflib.get_close_matches(unknown, known_names(), n=1)
            hint = f"是不是想写 {close[0]}？" if close else "可用的设置见 plugins/gongkai/settings.py"
            log.warning(str(Problem(where, lines.get(unknown, 1), "警告", f"不认识的设置 {unknown}，没有起作用：{hint}")))
        return settings

    def _check_together(self, problems: Problems, where: str, lines: dict[str, int]) -> None:
        if self.site_url and not self.data_contact_email:
            name = PREFIX + "DATA_CONTACT_EMAIL"
            problems.error(where, lines.get(name, lines.get("SITEURL", 1)),
                           f"设置了 SITEURL（要发布的网站），还缺 {name}：开放数据目录 data.json 要写明回答数据问题的电子邮箱"
                           f"（DCAT-US 1.1 的 contactPoint.hasEmail，数据门户不收没有它的目录）；请在 pelicanconf.py 里加一行，"
                           f'例如 {name} = "gongkai@qingchuan.gov.cn"')
        for group, by_type in self.default_columns.items():
            allowed = self.village_columns if group == "village" else self.government_columns
            for record_type, column in by_type.items():
                if column not in allowed:
                    problems.error(where, lines.get(PREFIX + "DEFAULT_COLUMNS", 1),
                                   f"设置 GONGKAI_DEFAULT_COLUMNS 里 {group} 的 {record_type} 写的栏目“{column}”不在栏目表里：可用的栏目：{'、'.join(allowed)}")
        for kind, by_column in self.standard_catalogues.items():
            for column in by_column:
                if column not in self.columns_for(kind):
                    problems.error(where, lines.get(PREFIX + "STANDARD_CATALOGUES", 1),
                                   f"设置 GONGKAI_STANDARD_CATALOGUES 里 {kind} 的栏目“{column}”不在栏目表里：可用的栏目：{'、'.join(self.columns_for(kind))}")

    def columns_for(self, org_kind: str) -> tuple[str, ...]:
        return self.village_columns if org_kind == "village" else self.government_columns

    def default_column(self, org_kind: str, record_type: str) -> str:
        group = "village" if org_kind == "village" else "government"
        override = self.default_columns.get(group, {}).get(record_type)
        columns = RECORD_TYPES[record_type].columns
        assert columns is not None
        return override or columns.for_kind(org_kind)


def shown(value: Any, limit: int = 80) -> str:
    """A value as the message quotes it: a long one (a whole 标准目录) cut, so the line stays readable."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pelican_name(f: Field[Any]) -> str:
    return f.metadata["pelican"] or PREFIX + f.name.upper()


def known_names() -> list[str]:
    return [PREFIX + f.name.upper() for f in fields(Settings)]


def unknown_names(pelican_settings: Mapping[str, Any]) -> list[str]:
    known = set(known_names())
    return sorted(name for name in pelican_settings if name.startswith(PREFIX) and name not in known)


def assignment_lines(config: Path | None) -> dict[str, int]:
    """Name → line of its (last) top-level assignment in the config file, for the messages."""
    if config is None:
        return {}
    try:
        tree = ast.parse(config.read_text("utf-8"))
    except (OSError, SyntaxError, ValueError):
        return {}
    lines = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    lines[name.id] = node.lineno
    return lines


def config_name(config: Path | None) -> str:
    """The config file as messages name it: relative to the working folder when inside it."""
    if config is None:
        return "pelicanconf.py"
    try:
        return config.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(config)


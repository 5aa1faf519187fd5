"""政府信息公开申请表: what the form asks, once, for its printable page and its DOCX.

The questions follow what an application must contain (政府信息公开条例 Art. 29): who applies
(a citizen, or a legal person or other organisation) and how to reach them; which information,
by name, document number or another description; and in what form and by which way it is to
be provided. The words are the Chinese msgids of the theme's catalogues, so an English site
translates them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import wordml

TITLE = "政府信息公开申请表"
OFFICE = "受理机构："


@dataclass(frozen=True)
class Section:
    heading: str
    fields: tuple[str, ...] = ()  # a line to write on for each
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (question, boxes to tick)
    tall: str = ""  # the field that needs room for several lines of writing


SECTIONS = (
    Section("申请人是公民的", ("姓名", "证件名称", "证件号码", "工作单位", "联系电话", "电子邮箱", "通信地址", "邮政编码")),
    Section("申请人是法人或者其他组织的", ("名称", "统一社会信用代码", "法定代表人或者负责人", "联系人姓名", "联系电话",
                                 "电子邮箱", "通信地址", "邮政编码")),
    Section("申请公开的政府信息", ("信息名称", "文号", "便于查询的其他特征性描述"), tall="便于查询的其他特征性描述"),
    Section("政府信息的提供形式和获取方式", choices=(
        ("提供形式", ("纸质文本", "电子文档")),
        ("获取方式", ("邮寄", "电子邮件", "当面领取")),
    )),
    Section("申请人签名或者盖章", ("签名或者盖章", "申请日期")),
)

NOTES = (
    "请附申请人身份证明的复印件：公民附身份证件，法人或者其他组织附营业执照或者登记证书。",
    "书面提出确有困难的，可以口头提出，由受理机构代为填写（条例第二十九条）。",
)

BOX = "□"


def words() -> set[str]:
    """Every word the form shows, for the translation check."""
    found = {TITLE, OFFICE, *NOTES}
    for section in SECTIONS:
        found |= {section.heading, *section.fields}
        for question, boxes in section.choices:
            found |= {question, *boxes}
    return found


def as_docx(office: str, translate: Callable[[str], str]) -> bytes:
    """The form as a Word file, to fill in on a computer or print; ``office`` is who receives it."""
    _ = translate
    rows: list[tuple[str, str, bool] | str] = []
    for section in SECTIONS:
        rows.append(_(section.heading))
        rows += [(_(field), "", field == section.tall) for field in section.fields]
        rows += [(_(question), "　".join(f"{BOX} {_(box)}" for box in boxes), False) for question, boxes in section.choices]
    blocks = [wordml.title(_(TITLE)), wordml.paragraph(_(OFFICE) + office), wordml.table(rows)]
    return wordml.document(blocks + [wordml.paragraph(_(note), size=21) for note in NOTES])

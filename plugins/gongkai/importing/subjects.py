"""Account names of village collective bookkeeping, to read a subject out of a 摘要's parentheses.

A journal without a 对方科目 column sometimes names the account in the summary:
「支付保洁员工资（公益支出）」. Only a name from these lists counts: 「租金（1月）」 names
no account, and a guess is never made (the import asks for the column instead).
The 2004 village accounting system and the one in force from 2024-01-01 (财会〔2023〕14号).
"""

from __future__ import annotations

import re

INCOME_AND_EXPENSE = frozenset({
    "经营收入", "发包及上交收入", "投资收益", "补助收入", "其他收入", "农业税附加返还收入",
    "经营支出", "管理费用", "公益支出", "其他支出", "税金及附加", "所得税费用",
})
BALANCE_SHEET = frozenset({
    "库存现金", "现金", "银行存款", "短期投资", "应收款", "内部往来", "库存物资", "牲畜（禽）资产", "林木资产",
    "消耗性生物资产", "生产性生物资产", "公益性生物资产", "长期投资", "固定资产", "累计折旧", "在建工程",
    "固定资产清理", "无形资产", "累计摊销", "待处理财产损溢", "短期借款", "应付款", "应付工资", "应付劳务费",
    "应付福利费", "应交税费", "长期借款及应付款", "一事一议资金", "专项应付款", "资本", "公积公益金",
    "本年收益", "收益分配", "生产（劳务）成本",
})
KNOWN = INCOME_AND_EXPENSE | BALANCE_SHEET
CASH_OR_BANK = ("现金", "银行")  # 现金 / 库存现金 / 银行存款 journals become finance records
_PARENTHESES = re.compile(r"[（(]([^（）()]+)[）)]")


def subject_in_summary(summary: str) -> str | None:
    """The account named in parentheses (管理费用, or 管理费用-办公费), else None."""
    for inside in _PARENTHESES.findall(summary):
        inside = inside.strip()
        if re.split(r"[-—－:：/]", inside, maxsplit=1)[0] in KNOWN:
            return inside
    return None

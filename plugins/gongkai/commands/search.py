"""publish.py search QUERY: answer from the whoosh index of a build, as text or JSON."""

from __future__ import annotations

import json
import re

from .. import types
from ..project import from_args
from . import UsageError

HELP = "在已生成网站的索引里搜索（中文可搜任意两个字以上的片段）"


def add_arguments(parser) -> None:
    parser.add_argument("query", metavar="关键词", help="要找的字词，例如 宋芳、低保、扶贫资金")
    parser.add_argument("--json", action="store_true", help="以 JSON 列表输出（title、url、org、type、date、source）")
    parser.add_argument("--limit", type=_positive, default=20, help="最多列出几条（默认 20）")
    parser.add_argument("--org", help="只找这个单位的（机构文件夹名，例如 xiaohe-village）")
    parser.add_argument("--type", choices=sorted(types.ALL_TYPES), metavar="TYPE", help="只找这种类型的：" + "、".join(sorted(types.ALL_TYPES)))
    parser.add_argument("--year", type=_year, help="只找这一年的（YYYY）")


def run(args) -> int:
    from ..search import index
    from ..search.analysis import too_short

    project = from_args(args)
    ix = index.open_index(project.output)
    if ix is None:
        raise UsageError(f"{project.output} 没有搜索索引：请先运行 publish.py build（或用 --output 指定生成的网站文件夹）")
    if too_short(args.query):
        raise UsageError(f"关键词“{args.query}”太短：请至少输入两个汉字（或一个完整的英文词、数字）")
    try:
        _check_org(ix, args.org)
        total, hits = index.search(ix, args.query, limit=args.limit, org=args.org, type=args.type, year=args.year)
    finally:
        ix.close()
    if args.json:
        print(json.dumps([public(hit) for hit in hits], ensure_ascii=False, indent=2))
    else:
        print(plain(args.query, total, hits))
    return 0


def _check_org(ix, org: str | None) -> None:
    if org is None:
        return
    with ix.reader() as reader:
        known = sorted(term.decode("utf-8") if isinstance(term, bytes) else term for term in reader.field_terms("org"))
    if org not in known:
        example = "、".join(known[:3])
        raise UsageError(f"没有机构文件夹“{org}”：--org 要写机构文件夹名（orgs/ 下的文件夹），例如 {example}")


def public(hit: dict) -> dict:
    return {key: hit[key] for key in ("title", "url", "org", "org_name", "type", "date", "source")}


def plain(query: str, total: int, hits: list[dict]) -> str:
    if not total:
        return f"没有找到包含“{query}”的记录"
    shown = f"，列出前 {len(hits)} 条" if len(hits) < total else ""
    lines = [f"找到 {total} 条包含“{query}”的记录{shown}："]
    for rank, hit in enumerate(hits, 1):
        meta = " · ".join(p for p in (hit["org_name"], types.label(hit["type"]) if hit["type"] in types.ALL_TYPES else hit["type"], hit["date"]) if p)
        lines += ["", f"{rank:>3}. {hit['title']}", f"     {meta}", f"     {hit['url']}  （{hit['source']}）"]
    return "\n".join(lines)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise _argument_error(f"--limit 要写正整数，不是“{text}”")
    return int(text)


def _year(text: str) -> str:
    if not re.fullmatch(r"\d{4}", text):
        raise _argument_error(f"--year 要写四位年份，例如 2026，不是“{text}”")
    return text


def _argument_error(message: str):
    import argparse

    return argparse.ArgumentTypeError(message)

"""A synthetic county of N records, the same for the same seed: for benchmarks.

``generate(target, n, seed)`` writes a content folder (``target/orgs/…``) that
``publish.py check`` passes: a county government, townships, villages and departments
(about one village per 100 records), and N records of every type with believable
Chinese text — balanced ledgers, recipient lists that add up, 四议两公开 dossiers in
order, reports whose tables add up, policies amended and repealed with their
replacements, tenders with their awards and contracts.

``write_pelican(target, n, seed)`` writes the same N records as plain Pelican Markdown
articles (title, date, category = the org, body = the record's text, or its data as
Markdown lists and tables): the baseline a build is compared with.

    python benchmarks/synthetic.py /tmp/county -n 10000 [--seed 0] [--pelican /tmp/articles]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

CENT = Decimal("0.01")

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("建国", "建华", "国强", "志强", "秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "海燕", "丽娟", "明",
         "伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "平", "刚",
         "德明", "德华", "永红", "永福", "红梅", "春花", "冬梅", "文华", "志刚", "建军", "小红", "晓燕", "金凤",
         "玉珍", "德贵", "安平", "长青", "家富", "光明", "守成", "兴旺", "春生", "秋菊", "翠花", "成林", "树林",
         "学文", "玉梅", "正华", "志明", "卫东", "爱国", "兰英", "会芳", "素芬", "远山", "宗福", "有才", "天佑")
PLACE_HEADS = "清青白石黄龙凤金银马牛柳桃梨杏竹松柏梅兰荷花沙泉溪河江湖山岭岗坪坝湾塘桥庙林田堡寨"
PLACE_TAILS = "水河溪坪坝湾岭山桥塘沟坡口岗林峰源泉田园堰垭台"
COUNTY = "云溪县"
COUNTY_CODE = "513099"
DEPARTMENTS = (
    ("财政局", "财政收支管理、预算编制与执行、政府采购监督管理"),
    ("农业农村局", "农业农村发展规划、耕地保护、农业补贴发放"),
    ("民政局", "城乡低保、特困供养、临时救助、社会事务管理"),
    ("教育局", "学前、义务、高中阶段教育管理和学生资助"),
    ("卫生健康局", "医疗卫生服务、疾病预防控制、家庭医生签约"),
    ("自然资源局", "国土空间规划、不动产登记、宅基地审批指导"),
    ("住房和城乡建设局", "农村危房改造、建筑市场监管、城镇燃气"),
    ("交通运输局", "农村公路建设养护、客运管理"),
    ("水利局", "农村饮水安全、河道管理、防汛抗旱"),
    ("人力资源和社会保障局", "就业创业、城乡居民养老保险、劳动保障监察"),
    ("市场监督管理局", "市场主体登记、食品药品安全、价格监督"),
    ("生态环境局", "环境质量监测、污染防治、环评审批"),
    ("应急管理局", "安全生产监管、自然灾害救助、应急预案"),
    ("文化广播电视和旅游局", "公共文化服务、文物保护、旅游发展"),
    ("医疗保障局", "城乡居民医保、医疗救助、定点医药机构管理"),
    ("退役军人事务局", "退役军人安置、优抚对象抚恤补助"),
    ("林业局", "森林资源保护、天然林管护、林业补贴"),
    ("统计局", "统计调查、统计数据发布"),
    ("审计局", "财政财务收支审计、经济责任审计"),
    ("司法局", "人民调解、法律援助、普法宣传"),
    ("商务局", "电子商务进农村、商贸流通"),
    ("乡村振兴局", "巩固脱贫攻坚成果、产业帮扶、易地搬迁后续扶持"),
    ("发展和改革局", "国民经济规划、重大项目、价格管理"),
    ("经济和信息化局", "工业经济运行、中小企业服务"),
)
INCOME_SUBJECTS = (("上级补助收入", ("村级组织运转经费", "村干部基本报酬补助", "公共服务运行维护经费", "党组织活动经费")),
                   ("经营收入", ("集体鱼塘承包费", "集体林地租金", "农机具出租收入", "光伏电站发电收益")),
                   ("发包及上交收入", ("集体土地发包收入", "果园承包款", "门面房租金")),
                   ("其他收入", ("存款利息", "捐赠收入", "废旧物资变卖收入")))
EXPENSE_SUBJECTS = (("管理费用", ("办公用品", "村委会电费", "报刊订阅", "会议误工补贴", "网络费")),
                    ("公益支出", ("村道维修", "路灯维护", "垃圾清运", "饮水管网维修", "文化广场保洁")),
                    ("经营支出", ("鱼苗采购", "果园化肥", "光伏电站维护")),
                    ("其他支出", ("困难户慰问", "防汛物资", "村民小组长误工补贴")))
SUBSIDY_PROGRAMS = (("耕地地力保护补贴", "亩", ("105.50", "98.00", "112.30")),
                    ("农机购置补贴", "台", ("1500.00", "2300.00")),
                    ("城乡居民最低生活保障金", None, None),
                    ("特困人员救助供养金", None, None),
                    ("高龄津贴", "人", ("50.00", "100.00")),
                    ("退耕还林补助", "亩", ("90.00", "125.00")),
                    ("临时救助金", None, None),
                    ("生猪良种补贴", "头", ("40.00",)))
DECISION_SUBJECTS = ("村道硬化工程", "集体鱼塘重新发包", "村活动室维修", "饮水管网改造", "光伏发电项目收益分配",
                     "集体林地流转", "村文化广场建设", "河堤加固工程", "产业路修建", "小型农田水利设施维修",
                     "村集体经济合作社分红方案", "垃圾集中收集点建设")
MEETING_BODIES = ("村党支部委员会", "村两委联席会议", "党员大会", "村民代表会议")
NOTICE_TOPICS = {
    "党务": ("关于召开专题组织生活会的通知", "党员发展对象公示", "党费收缴情况公开", "主题党日活动安排"),
    "村务": ("关于开展人居环境整治的通知", "村民小组长推选结果公告", "农村医保缴费通知", "冬季防火告村民书",
           "关于召开村民代表会议的通知", "护林员选聘公告"),
    "财务": ("村集体资产清查结果公示", "一事一议筹资筹劳方案公示", "集体经济收益分配公示"),
    "重大事项": ("村级重大项目建设进度公开", "集体土地征收补偿方案公示", "村规民约修订公告"),
}
GOVERNMENT_NOTICE_TOPICS = ("关于做好森林防火工作的通知", "安全生产大检查情况通报", "公开招聘编外人员公告",
                            "“双随机、一公开”抽查结果公示", "年度重点工作任务分解", "统计公报", "防汛应急预案",
                            "行政处罚决定公示", "行政许可办理结果公示", "重大建设项目批准信息")
POLICY_TOPICS = ("做好春耕生产工作", "加强农村人居环境整治", "规范村级财务管理", "推进乡村振兴示范村建设",
                 "加强森林防灭火工作", "做好城乡居民医疗保险参保缴费", "进一步规范农村宅基地审批管理",
                 "加强农村饮水安全工程运行管理", "开展安全生产专项整治", "推进村务公开民主管理",
                 "做好困难群众基本生活保障", "实施高标准农田建设", "加强耕地保护和利用")
SERVICE_ITEMS = (("农村村民宅基地申请审批", 20, ("村民向村民小组提出书面申请", "村民小组会议讨论并公示", "乡镇人民政府审核批准")),
                 ("最低生活保障申请", 30, ("申请人向乡镇人民政府提出书面申请", "乡镇入户调查、民主评议", "县民政局审核确认", "张榜公示")),
                 ("城乡居民养老保险参保登记", 5, ("申请人到村便民服务点提交材料", "乡镇社保所审核录入")),
                 ("临时救助申请", 10, ("提出申请", "乡镇审核", "发放救助金")),
                 ("农机购置补贴申领", 15, ("购机并登记", "提交补贴申请", "县农业农村局核验", "兑付补贴资金")),
                 ("残疾人两项补贴申请", 20, ("提交申请", "乡镇初审", "县级审核", "按月发放")),
                 ("林木采伐许可", 20, ("提交申请材料", "现场查验", "审批发证")),
                 ("食品经营许可", 20, ("网上或窗口提交申请", "材料审查", "现场核查", "作出许可决定")))
PROCUREMENT_ITEMS = (("台式计算机", "台", "4800.00"), ("打印机", "台", "2200.00"), ("办公桌椅", "套", "1300.00"),
                     ("防汛沙袋", "个", "12.50"), ("路灯", "盏", "980.00"), ("垃圾桶", "个", "260.00"),
                     ("消防器材", "套", "650.00"), ("监控设备", "套", "3600.00"), ("树苗", "株", "18.00"))
SUPPLIERS = ("云溪县恒通商贸有限公司", "蜀北建设工程有限公司", "川北办公设备经营部", "绿源园林绿化有限公司",
             "安泰消防器材有限公司", "明远科技有限公司", "兴农农资有限责任公司")
SENTENCES = (
    "为切实做好{topic}工作，经{meeting}研究，现将有关事项通知如下。",
    "各村（社区）要高度重视，明确专人负责，确保各项措施落到实处。",
    "{place}共涉及农户{count}户，资金{amount}元，由{name}同志牵头组织实施。",
    "对群众反映的问题，要在{days}个工作日内答复，不得推诿扯皮。",
    "请各单位于{month}月底前将工作开展情况报送县{dept}，联系人：{name}。",
    "本次公示期为七天，群众如有异议，可向村务监督委员会反映。",
    "资金使用情况接受群众监督，举报电话见本机构公开电话。",
    "{place}将加强宣传引导，提高群众知晓率和参与度。",
    "工作中要坚持公开、公平、公正原则，严格执行审批程序。",
    "经核实，{name}等{count}户符合条件，现予以公示。",
)


class Day:
    """A date written as a plain YAML date (unquoted), as clerks do."""

    __slots__ = ("value",)

    def __init__(self, value: date):
        self.value = value

    def __str__(self) -> str:
        return self.value.isoformat()


@dataclass
class Org:
    slug: str
    name: str
    kind: str
    parent: str | None
    code: str
    counters: Counter = field(default_factory=Counter)
    tenders: list = field(default_factory=list)  # paths of tenders without an award yet
    awards: list = field(default_factory=list)  # paths of awards without a contract yet
    policies: list = field(default_factory=list)  # specs of in-force policies

    @property
    def is_village(self) -> bool:
        return self.kind == "village"


@dataclass
class Spec:
    """One record to write: where, what, and the Markdown body (if it is a .md file)."""

    org: Org
    path: str  # inside the org folder
    data: dict
    body: str = ""


# -- the county's organisations ---------------------------------------------------------

def plan_orgs(n: int, rng: random.Random) -> list[Org]:
    villages = max(6, n // 100)
    townships = max(2, villages // 10)
    departments = max(4, min(len(DEPARTMENTS), n // 400))
    names = _place_names(rng, townships + villages)
    orgs = [Org("county-gov", f"{COUNTY}人民政府", "county", None, COUNTY_CODE + "000000")]
    for d in range(departments):
        orgs.append(Org(f"dept-{d + 1:02d}", f"{COUNTY}{DEPARTMENTS[d][0]}", "department", "county-gov",
                        f"{COUNTY_CODE}{900 + d:03d}000"))
    towns = []
    for t in range(townships):
        town = Org(f"town-{t + 1:02d}", names[t] + ("镇" if t % 3 else "乡"), "township", "county-gov",
                   f"{COUNTY_CODE}{100 + t:03d}000")
        towns.append(town)
        orgs.append(town)
    for v in range(villages):
        town = towns[v % townships]
        orgs.append(Org(f"village-{v + 1:04d}", names[townships + v] + "村", "village", town.slug,
                        f"{town.code[:9]}{200 + v // townships:03d}"))
    return orgs


def _place_names(rng: random.Random, count: int) -> list[str]:
    names, seen = [], set()
    while len(names) < count:
        name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        if len(seen) >= len(PLACE_HEADS) * len(PLACE_TAILS) // 2:
            name += rng.choice("上下东西南北中新")
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def org_data(org: Org, orgs: dict[str, Org], rng: random.Random) -> dict:
    parent = orgs.get(org.parent) if org.parent else None
    where = f"{COUNTY}{parent.name if parent and parent.kind == 'township' else ''}{org.name}"
    data = {"type": "org", "title": f"{org.name}概况", "date": Day(date(2024, 1, 2)), "name": org.name,
            "kind": org.kind}
    if org.parent:
        data["parent"] = org.parent
    data.update(code=org.code, address=f"{where}办公楼" if org.kind != "village" else f"{where}村委会",
                hours="工作日 8:30-12:00，14:00-17:30", phones=[f"0839-{6200000 + rng.randrange(99999)}"],
                head=_name(rng))
    if org.kind == "village":
        data["members"] = [{"name": _name(rng), "role": role, "body": body, "since": Day(date(2021, 6, 1))}
                           for role, body in (("党支部书记、村委会主任", "村两委"), ("村委会副主任", "村两委"),
                                              ("村委会委员", "村两委"), ("主任", "村务监督委员会"),
                                              ("委员", "村务监督委员会"))]
        data["groups"] = [f"{'一二三四五六七八九十'[g]}组" for g in range(rng.randint(3, 10))]
    elif org.kind == "department":
        data["description"] = dict(DEPARTMENTS)[org.name.removeprefix(COUNTY)]
    return data


# -- records ----------------------------------------------------------------------------

TYPE_WEIGHTS = (("finance", 22), ("notice", 20), ("policy", 13), ("subsidy", 10), ("decision", 8),
                ("budget", 6), ("service", 8), ("procurement", 10), ("report", 3))
VILLAGE_TYPES = {"finance", "notice", "subsidy", "decision", "budget"}
GOVERNMENT_TYPES = {"finance", "notice", "policy", "subsidy", "budget", "service", "procurement", "report"}
NEWEST = date(2026, 9, 30)


def plan_records(orgs: list[Org], n: int, rng: random.Random) -> list[Spec]:
    villages = [o for o in orgs if o.is_village]
    government = [o for o in orgs if not o.is_village]
    types, weights = zip(*TYPE_WEIGHTS, strict=True)
    specs: list[Spec] = []
    while len(specs) < n:
        record_type = rng.choices(types, weights)[0]
        if record_type in VILLAGE_TYPES and (record_type not in GOVERNMENT_TYPES or rng.random() < 0.8):
            org = rng.choice(villages)
        else:
            org = rng.choice(government)
        if record_type == "report" and org.counters["report"] >= 12:
            record_type = "notice"  # one report per org and year: no more years to report on
        org.counters[record_type] += 1
        specs.append(MAKERS[record_type](org, org.counters[record_type], rng))
    return specs


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return (Decimal(rng.randrange(low * 100, high * 100)) / 100).quantize(CENT)


def _recent_day(rng: random.Random, years: int = 3) -> date:
    return NEWEST - timedelta(days=rng.randrange(365 * years))


def _sentence(rng: random.Random, org: Org) -> str:
    return rng.choice(SENTENCES).format(
        topic=rng.choice(POLICY_TOPICS), meeting=rng.choice(MEETING_BODIES), place=org.name,
        count=rng.randint(3, 260), amount=f"{_money(rng, 1000, 900000):,}", name=_name(rng),
        days=rng.choice((3, 5, 7, 10, 15)), month=rng.randint(1, 12), dept=rng.choice(DEPARTMENTS)[0])


def _text(rng: random.Random, org: Org, sentences: int) -> str:
    return "".join(_sentence(rng, org) for _ in range(sentences))


def _markdown_body(rng: random.Random, org: Org, paragraphs: int, headings: bool) -> str:
    parts = []
    for p in range(paragraphs):
        if headings and p and p % 2 == 0:
            parts.append(f"## {'一二三四五六七八九十'[min(p // 2, 9)]}、{rng.choice(('工作目标', '主要任务', '保障措施', '工作要求', '实施步骤'))}")
        parts.append(_text(rng, org, rng.randint(2, 5)))
    if rng.random() < 0.5:
        parts.append("\n".join(f"- {_text(rng, org, 1)}" for _ in range(rng.randint(2, 4))))
    return "\n\n".join(parts) + "\n"


def make_finance(org: Org, k: int, rng: random.Random) -> Spec:
    month = NEWEST.year * 12 + NEWEST.month - k  # k-th record: k months back
    year, mon = divmod(month - 1, 12)
    mon += 1
    last_day = (date(year + (mon == 12), mon % 12 + 1, 1) - timedelta(days=1)).day
    opening = _money(rng, 2000, 400000)
    sides = {}
    for side, subjects, low, high in (("income", INCOME_SUBJECTS, 200, 60000), ("expense", EXPENSE_SUBJECTS, 50, 20000)):
        entries = []
        for _ in range(rng.randint(2, 12)):
            subject, summaries = rng.choice(subjects)
            entries.append({"date": Day(date(year, mon, rng.randint(1, last_day))), "subject": subject,
                            "summary": rng.choice(summaries), "amount": _money(rng, low, high)})
        entries.sort(key=lambda e: e["date"].value)
        sides[side] = entries
    for number, entry in enumerate(sorted(sides["income"] + sides["expense"], key=lambda e: e["date"].value), start=1):
        entry["voucher"] = f"记-{number:03d}"
    closing = opening + sum(e["amount"] for e in sides["income"]) - sum(e["amount"] for e in sides["expense"])
    data = {"type": "finance", "title": f"{year}年{mon}月财务收支公开", "date": Day(date(year, mon, last_day) + timedelta(days=5)),
            "period": f"{year}-{mon:02d}", "opening_balance": opening, "income": sides["income"],
            "expense": sides["expense"], "closing_balance": closing,
            "reviewed_by": {"members": [_name(rng), _name(rng)], "date": Day(date(year, mon, last_day) + timedelta(days=3))}}
    return Spec(org, f"finance/{year}/{year}-{mon:02d}.yaml", data)


def make_notice(org: Org, k: int, rng: random.Random) -> Spec:
    if org.is_village:
        category = rng.choice(tuple(NOTICE_TOPICS))
        title = rng.choice(NOTICE_TOPICS[category])
    else:
        category = rng.choice(("其他", "应急管理", "监督检查", "公务员招考", "统计信息", "行政许可", "行政处罚", "重大建设项目"))
        title = rng.choice(GOVERNMENT_NOTICE_TOPICS)
    day = _recent_day(rng)
    data = {"type": "notice", "title": f"{org.name}{title}", "date": Day(day), "category": category,
            "tags": rng.sample(("通知", "公示", "公告", "会议", "民生", "安全"), 2)}
    return Spec(org, f"notices/{day.year}/{k:05d}.md", data, _markdown_body(rng, org, rng.randint(2, 5), False))


def make_policy(org: Org, k: int, rng: random.Random) -> Spec:
    issued = _recent_day(rng, 6)
    short = org.name.removeprefix(COUNTY)[:2] if org.kind != "county" else COUNTY[:2]
    data = {"type": "policy", "title": f"关于{rng.choice(POLICY_TOPICS)}的通知", "date": Day(issued + timedelta(days=2)),
            "doc_number": f"{short}发〔{issued.year}〕{k}号", "issuer": org.name, "issued": Day(issued),
            "effective": Day(issued + timedelta(days=rng.choice((0, 7, 30)))), "status": "in_force"}
    spec = Spec(org, f"policies/{issued.year}-{k:04d}.md", data, _markdown_body(rng, org, rng.randint(4, 10), True))
    if org.policies and rng.random() < 0.15:  # this one replaces an older one
        old = org.policies.pop(rng.randrange(len(org.policies)))
        old.data["status"] = rng.choice(("amended", "repealed"))
        if old.data["status"] == "repealed":
            old.data["repealed_on"] = Day(max(issued, old.data["issued"].value))
        old.data["replaced_by"] = spec.path.removesuffix(".md")
    org.policies.append(spec)
    return spec


def make_subsidy(org: Org, k: int, rng: random.Random) -> Spec:
    program, unit, rates = rng.choice(SUBSIDY_PROGRAMS)
    year = NEWEST.year - rng.randrange(4)
    rate = Decimal(rng.choice(rates)) if rates else None
    minimal_living = "最低生活保障" in program
    recipients = []
    for g in range(rng.randint(5, 40)):
        person = {"name": _name(rng), "group": f"{'一二三四五六七八'[g % 8]}组"}
        if rate is not None:
            person["quantity"] = Decimal(rng.randint(5, 120)) / 10 if unit == "亩" else rng.randint(1, 3)
            person["amount"] = (Decimal(person["quantity"]) * rate).quantize(CENT)
        else:
            person["household_size"] = rng.randint(1, 6)
            person["amount"] = _money(rng, 300, 6000)
        if not minimal_living and rng.random() < 0.5:
            person["id"] = f"5130{rng.randint(10, 99)}********{rng.randint(0, 999):03d}{rng.choice('0123456789X')}"
        recipients.append(person)
    data = {"type": "subsidy", "title": f"{year}年{program}发放名单（第{k}批）", "date": Day(date(year, rng.randint(3, 11), rng.randint(1, 28))),
            "program": program, "year": year}
    if unit:
        data["unit"] = unit
    if rate is not None:
        data["rate"] = rate
    data.update(recipients=recipients, total=sum(p["amount"] for p in recipients))
    return Spec(org, f"subsidies/{year}-{k:04d}.yaml", data)


def make_decision(org: Org, k: int, rng: random.Random) -> Spec:
    subject = rng.choice(DECISION_SUBJECTS)
    day = _recent_day(rng)
    stages = []
    for i, stage in enumerate(("提议", "商议", "审议", "决议", "决议公开", "实施结果公开")[: rng.randint(4, 6)]):
        day += timedelta(days=rng.randint(1, 12))
        entry = {"stage": stage, "date": Day(day)}
        if i < 4:
            expected = (5, 9, rng.randint(20, 60), rng.randint(25, 70))[i]
            present = expected - rng.randint(0, expected // 4)
            if rng.random() < 0.02:  # now and then a meeting short of 2/3: a warning on the page, as in life
                present = expected // 2
            against = rng.randint(0, present // 10)
            abstain = rng.randint(0, present // 10)
            entry.update(body=MEETING_BODIES[i], expected=expected, present=present,
                         **{"for": present - against - abstain}, against=against, abstain=abstain)
        else:
            entry["note"] = "在村务公开栏公示 7 天" if i == 4 else "工程已完工，经验收合格"
        stages.append(entry)
    data = {"type": "decision", "title": f"关于{subject}的四议两公开", "date": stages[-1]["date"], "subject": subject,
            "amount": _money(rng, 5000, 800000), "stages": stages}
    return Spec(org, f"decisions/{k:04d}.yaml", data)


def make_budget(org: Org, k: int, rng: random.Random) -> Spec:
    year = NEWEST.year - (k - 1) // 2
    phase = "budget" if k % 2 else "final"
    lines = []
    names = (("一般公共预算拨款收入", "income", None), ("上级补助收入", "income", None), ("其他收入", "income", None),
             ("一般公共服务支出", "expense", "201"), ("农林水支出", "expense", "213"), ("社会保障和就业支出", "expense", "208"),
             ("卫生健康支出", "expense", "210"), ("城乡社区支出", "expense", "212"))
    for name, direction, classification in names[: rng.randint(5, 8)]:
        line = {"name": name, "direction": direction, "planned": _money(rng, 10000, 3000000)}
        if phase == "final":
            line["actual"] = (line["planned"] * Decimal(rng.randint(85, 105)) / 100).quantize(CENT)
        if classification:
            line["classification"] = classification
        lines.append(line)
    data = {"type": "budget", "title": f"{org.name}{year}年{'预算' if phase == 'budget' else '决算'}（第{k}号）",
            "date": Day(date(year if phase == "budget" else year + 1, 2, rng.randint(1, 28))), "year": year,
            "phase": phase, "lines": lines}
    for direction in ("income", "expense"):
        data[f"{direction}_total"] = sum(line["planned"] for line in lines if line["direction"] == direction)
        if phase == "final":
            data[f"{direction}_actual_total"] = sum(line["actual"] for line in lines if line["direction"] == direction)
    return Spec(org, f"budgets/{year}-{phase}-{k:04d}.yaml", data)


def make_service(org: Org, k: int, rng: random.Random) -> Spec:
    name, legal_days, steps = rng.choice(SERVICE_ITEMS)
    fee = {"free": True} if rng.random() < 0.8 else {"free": False, "standard": "按件收取工本费 10 元", "basis": "省发展改革委、省财政厅收费标准文件"}
    data = {"type": "service", "title": f"{name}办事指南", "date": Day(_recent_day(rng)), "name": name,
            "department": org.name, "procedure": list(steps),
            "materials": [{"name": "申请表", "form": "original", "copies": 1},
                          {"name": "申请人身份证", "form": "copy", "copies": 1},
                          {"name": "户口簿", "form": "original_and_copy", "copies": 1}][: rng.randint(1, 3)],
            "time_limit": {"legal_days": legal_days, "promised_days": legal_days - rng.randint(0, legal_days // 2)},
            "fee": fee, "legal_basis": ["《中华人民共和国行政许可法》", f"《{rng.choice(POLICY_TOPICS)}实施办法》"],
            "forms": [], "topics": [rng.choice(("农业农村", "社会救助", "社会保障", "住房保障", "市场监管"))],
            "where": {"address": f"{org.name}政务服务窗口", "hours": "工作日 9:00-17:00"}}
    return Spec(org, f"services/{k:04d}.yaml", data)


def make_procurement(org: Org, k: int, rng: random.Random) -> Spec:
    day = _recent_day(rng)
    path = f"procurement/{k:04d}.yaml"
    base = {"type": "procurement", "date": Day(day), "buyer": org.name}
    if org.awards and rng.random() < 0.3:
        award = org.awards.pop()
        data = {**base, "title": f"{org.name}采购合同公告（{k}）", "stage": "contract", "supplier": award[1],
                "amount": award[2], "award": award[0]}
    elif org.tenders and rng.random() < 0.5:
        tender = org.tenders.pop()
        supplier = rng.choice(SUPPLIERS)
        amount = (tender[1] * Decimal(rng.randint(90, 99)) / 100).quantize(CENT)
        data = {**base, "title": f"{org.name}采购项目中标结果公告（{k}）", "stage": "award", "method": "询价",
                "supplier": supplier, "amount": amount, "tender": tender[0]}
        org.awards.append((path.removesuffix(".yaml"), supplier, amount))
    else:
        items = []
        for name, unit, price in rng.sample(PROCUREMENT_ITEMS, rng.randint(1, 4)):
            quantity = rng.randint(1, 50)
            items.append({"name": name, "quantity": quantity, "unit": unit, "budget": Decimal(price) * quantity})
        value = sum(i["budget"] for i in items)
        data = {**base, "title": f"{org.name}{items[0]['name']}等采购公告（{k}）", "stage": "tender",
                "method": rng.choice(("询价", "竞争性磋商", "公开招标")), "items": items, "value": value,
                "deadline": Day(day + timedelta(days=15))}
        org.tenders.append((path.removesuffix(".yaml"), value))
    return Spec(org, path, data)


def _row(values: list[int]) -> list[int]:
    return values + [sum(values)]


def make_report(org: Org, k: int, rng: random.Random) -> Spec:
    year = NEWEST.year - k
    new = [rng.randint(0, 12), rng.randint(0, 3), 0, rng.randint(0, 1), 0, rng.randint(0, 2)]
    carried_in = [rng.randint(0, 2), 0, 0, 0, 0, 0]
    carried_out = [rng.randint(0, min(1, a + b)) for a, b in zip(new, carried_in, strict=True)]
    total = [a + b - c for a, b, c in zip(new, carried_in, carried_out, strict=True)]
    granted, partly, not_held = [], [], []
    for t in total:
        g = rng.randint(0, t)
        p = rng.randint(0, t - g)
        granted.append(g)
        partly.append(p)
        not_held.append(t - g - p)
    review = [rng.randint(0, 2), rng.randint(0, 1), 0, 0]
    data = {"type": "report", "title": f"{org.name}{year}年政府信息公开工作年度报告", "date": Day(date(year + 1, 1, rng.randint(10, 30))),
            "year": year, "licensing_decisions": rng.randint(0, 300), "penalty_decisions": rng.randint(0, 40),
            "fee_income": _money(rng, 0, 50),
            "requests": {"new": _row(new), "carried_in": _row(carried_in), "granted": _row(granted),
                         "partly_granted": _row(partly), "unable_not_held": _row(not_held), "total": _row(total),
                         "carried_out": _row(carried_out)},
            "review": _row(review), "litigation_direct": _row([0, rng.randint(0, 1), 0, 0]),
            "litigation_after_review": _row([0, 0, 0, 0])}
    return Spec(org, f"reports/{year}.yaml", data)


MAKERS = {"finance": make_finance, "notice": make_notice, "policy": make_policy, "subsidy": make_subsidy,
          "decision": make_decision, "budget": make_budget, "service": make_service,
          "procurement": make_procurement, "report": make_report}


# -- writing ------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z\u4e00-\u9fff（“《][^:#{}\[\],&*!|>'\"%@`]*")
_KEYWORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal, Day)):
        return str(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _KEYWORDS:
        return value  # unquoted, as a clerk writes it
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def to_yaml(data: dict, indent: str = "") -> str:
    """Block mappings, lists of mappings as ``- {flow}`` lines, as the templates write them."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.append(to_yaml(value, indent + "  ").rstrip("\n"))
        elif isinstance(value, list) and value and not all(isinstance(v, list) for v in value):
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  - {_flow(v)}" for v in value)
        else:
            lines.append(f"{indent}{key}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def _county(n: int, seed: int) -> tuple[list[Org], list[Spec], random.Random]:
    rng = random.Random(seed)
    orgs = plan_orgs(n, rng)
    return orgs, plan_records(orgs, n, rng), rng


def generate(target: Path, n: int, seed: int = 0) -> dict:
    """Write a county of ``n`` records (plus one org.yaml per org) into ``target``; return counts."""
    target = Path(target)
    orgs, specs, rng = _county(n, seed)
    by_slug = {o.slug: o for o in orgs}
    made: set[Path] = set()
    for org in orgs:
        folder = target / "orgs" / org.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "org.yaml").write_text(to_yaml(org_data(org, by_slug, rng)), encoding="utf-8")
    for spec in specs:
        file = target / "orgs" / spec.org.slug / spec.path
        if file.parent not in made:
            file.parent.mkdir(parents=True, exist_ok=True)
            made.add(file.parent)
        text = f"---\n{to_yaml(spec.data)}---\n{spec.body}" if spec.path.endswith(".md") else to_yaml(spec.data)
        file.write_text(text, encoding="utf-8")
    counts = Counter(spec.data["type"] for spec in specs)
    return {"records": len(specs), "orgs": len(orgs), **dict(sorted(counts.items())),
            **{f"orgs_{kind}": sum(o.kind == kind for o in orgs) for kind in ("county", "township", "village", "department")}}


# -- the same records as plain Pelican articles ---------------------------------------------------

def _as_markdown(data: dict) -> str:
    """A YAML record's data as Markdown: scalars as a list, lists of mappings as tables."""
    lines, tables = [], []
    for key, value in data.items():
        if key in ("type", "title", "date"):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            keys = list(dict.fromkeys(k for item in value for k in item))
            tables.append("\n".join([f"### {key}", "", "| " + " | ".join(keys) + " |", "|" + "---|" * len(keys),
                                     *("| " + " | ".join(str(item.get(k, "")) for k in keys) + " |" for item in value)]))
        elif isinstance(value, dict):
            lines.append(f"- {key}: " + "；".join(f"{k} {_flow(v)}" for k, v in value.items()))
        else:
            lines.append(f"- {key}: {_flow(value) if isinstance(value, list) else value}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(tables) + "\n"


def write_pelican(target: Path, n: int, seed: int = 0) -> dict:
    """The same ``n`` records as Pelican Markdown articles under ``target/<org>/``; return counts."""
    target = Path(target)
    orgs, specs, _ = _county(n, seed)
    for org in orgs:
        (target / org.slug).mkdir(parents=True, exist_ok=True)
    for i, spec in enumerate(specs):
        body = spec.body or _as_markdown(spec.data)
        head = f"Title: {spec.data['title']}\nDate: {spec.data['date']}\nCategory: {spec.org.name}\nSlug: r{i:06d}\n\n"
        (target / spec.org.slug / f"r{i:06d}.md").write_text(head + body, encoding="utf-8")
    return {"records": len(specs), "orgs": len(orgs)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="生成一个合成的县（基准测试用）")
    parser.add_argument("target", type=Path, help="content folder to write (orgs/… goes inside)")
    parser.add_argument("-n", type=int, default=1000, help="number of records (org profiles not counted)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pelican", type=Path, help="also write the records as plain Pelican articles here")
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.target, args.n, args.seed), ensure_ascii=False))
    if args.pelican:
        print(json.dumps(write_pelican(args.pelican, args.n, args.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

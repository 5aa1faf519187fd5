"""Pelican settings for the demo county. A county copies this file and changes the top block.

Gongkai's own settings are the GONGKAI_* names: see plugins/gongkai/settings.py for
every one, with its type and meaning.
"""

# -- What a county changes ---------------------------------------------------------
SITENAME = "青峰县政务村务公开"
SITEURL = ""  # e.g. "https://gongkai.qingchuan.gov.cn" when publishing; "" for local preview
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
GONGKAI_LANGUAGE = "zh_CN"
# Feed entry ids are tag:<this>:<索引号>. Set it once, when first publishing, and never change it
# (not even when the site moves): readers would see every record again. Empty: SITEURL's host.
# GONGKAI_FEED_AUTHORITY = "gongkai.qingchuan.gov.cn,2026"
# Who answers questions on the open data (data.json's contactPoint): required once SITEURL is set.
GONGKAI_DATA_CONTACT_EMAIL = "gongkai@qingfeng.example.gov.cn"  # the demo county's: illustrative
# Who runs the site, on every page's footer (政府网站发展指引); `publish.py check` warns when a
# site with SITEURL lacks one. 以下是示例值（青峰县是虚构的，这些编号也是）：换成本县的。
GONGKAI_HOST_ORG = "青峰县人民政府办公室"
GONGKAI_CONTACT_ADDRESS = "青峰县城关镇滨河路 88 号"
GONGKAI_SITE_CODE = "5199990001"
GONGKAI_ICP_RECORD = "蜀ICP备26000001号-1"
GONGKAI_POLICE_RECORD = "川公网安备 51999902000001号"
GONGKAI_CONAC_URL = "https://bszs.conac.cn/sitename?method=show&id=00000000000000000000000000000000"
# 依申请公开: who receives applications and the channels, on the apply/ page and its form (示例).
GONGKAI_APPLY_OFFICE = "青峰县人民政府办公室（县政务公开办）"
GONGKAI_APPLY_IN_PERSON = "青峰县城关镇滨河路 88 号县政府大楼一楼政务公开受理窗口，工作日 8:30-12:00、14:30-18:00"
GONGKAI_APPLY_POST = "青峰县城关镇滨河路 88 号 青峰县人民政府办公室政务公开科（收），邮政编码 628099；请在信封上注明“政府信息公开申请”"
GONGKAI_APPLY_EMAIL = "zwgk@qingfeng.example.gov.cn"
GONGKAI_APPLY_PHONE = "0839-8221001"

# 标准目录 (基层政务公开标准化规范化, 国办发〔2019〕54号): for each kind of org (village, township,
# department, county) and each of its catalogue columns, the items it must publish with the
# standard's nine fields. Shown as one page per kind (standard/<kind>.html). The demo's two:
GONGKAI_STANDARD_CATALOGUES = {
    "village": {
        "村务": [
            {"公开事项": "最低生活保障对象名单", "公开内容": "户主姓名、保障人数、保障金额（不公开身份证号、病情等与保障无关的信息）",
             "公开依据": "《最低生活保障审核确认办法》第二十四条", "公开时限": "每季度第一个月 20 日前；新增对象初审名单公示 7 天",
             "公开主体": "村民委员会（乡镇人民政府审核确认）", "公开渠道和载体": "村务公开栏、县政务村务公开网",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "乡级、村级"},
            {"公开事项": "惠农补贴发放", "公开内容": "补贴项目、发放对象、标准（数量 × 单价）和金额",
             "公开依据": "《中华人民共和国村民委员会组织法》第三十条", "公开时限": "每季度第一个月 20 日前",
             "公开主体": "村民委员会", "公开渠道和载体": "村务公开栏、县政务村务公开网",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "村级"},
        ],
        "财务": [
            {"公开事项": "村级财务收支", "公开内容": "每笔收入和支出（日期、凭证号、科目、摘要、金额），期初和期末余额，村务监督委员会审核意见",
             "公开依据": "《中华人民共和国村民委员会组织法》第三十条、第三十二条", "公开时限": "每月一次，次月 10 日前；收支较少的每季度一次",
             "公开主体": "村民委员会（村务监督委员会审核）", "公开渠道和载体": "村务公开栏、县政务村务公开网",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "村级"},
            {"公开事项": "集体资产、资源和年度财务报告", "公开内容": "集体资产资源的发包、租赁和收益，年度财务会计报告和收益分配方案",
             "公开依据": "《中华人民共和国农村集体经济组织法》第四十四条至第四十六条", "公开时限": "定期公开；年度报告和分配方案在成员大会召开 10 日前",
             "公开主体": "农村集体经济组织", "公开渠道和载体": "村务公开栏、县政务村务公开网",
             "公开对象": "本集体经济组织成员", "公开方式": "主动", "公开层级": "村级"},
        ],
        "重大事项": [
            {"公开事项": "“四议两公开”决策", "公开内容": "提议、商议、审议、决议各环节的时间、应到和实到人数、表决结果，决议内容和实施结果",
             "公开依据": "《中华人民共和国村民委员会组织法》第二十四条、第三十条", "公开时限": "决议通过后和实施完成后随时公开",
             "公开主体": "村党组织、村民委员会", "公开渠道和载体": "村务公开栏、县政务村务公开网",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "村级"},
        ],
    },
    "department": {
        "财政预决算": [
            {"公开事项": "部门预算、决算", "公开内容": "部门预算、决算及报表，“三公”经费安排和使用情况，并对重要事项作出说明",
             "公开依据": "《中华人民共和国预算法》第十四条；《政府信息公开条例》第二十条", "公开时限": "财政部门批复后 20 日内",
             "公开主体": "本部门", "公开渠道和载体": "县政务村务公开网",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级"},
        ],
        "行政许可": [
            {"公开事项": "行政许可事项办事指南", "公开内容": "许可事项、依据、条件、数量、程序、期限、申请材料目录和申请书示范文本",
             "公开依据": "《中华人民共和国行政许可法》第三十条；《政府信息公开条例》第二十条", "公开时限": "信息形成或者变更之日起 20 个工作日内",
             "公开主体": "本部门", "公开渠道和载体": "县政务村务公开网、政务服务大厅",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级"},
        ],
        "民生政策": [
            {"公开事项": "惠民惠农政策和补贴资金", "公开内容": "政策文件及解读，补贴项目、标准、对象和资金发放情况",
             "公开依据": "《政府信息公开条例》第二十条第十一项", "公开时限": "信息形成或者变更之日起 20 个工作日内",
             "公开主体": "本部门", "公开渠道和载体": "县政务村务公开网、乡镇和村公开栏",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级、乡级"},
        ],
        "其他": [
            {"公开事项": "政府信息公开工作年度报告", "公开内容": "主动公开、收到和处理申请、行政复议和诉讼情况，存在的问题和改进",
             "公开依据": "《政府信息公开条例》第四十九条、第五十条", "公开时限": "每年 1 月 31 日前",
             "公开主体": "本部门", "公开渠道和载体": "县政务村务公开网",
             "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级"},
            {"公开事项": "依申请公开", "公开内容": "申请人要求公开的本部门政府信息",
             "公开依据": "《政府信息公开条例》第二十七条至第三十三条", "公开时限": "收到申请之日起 20 个工作日内答复，可延长不超过 20 个工作日",
             "公开主体": "本部门", "公开渠道和载体": "当面、信函、电子邮件（见依申请公开页）",
             "公开对象": "申请人", "公开方式": "依申请", "公开层级": "县级"},
        ],
    },
}

# -- How Gongkai uses Pelican (a county leaves this alone) -----------------------------
PATH = "content"
OUTPUT_PATH = "output"
THEME = "themes/gongkai"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["gongkai"]

# Records are read by the gongkai plugin, not as Pelican articles; only site-wide pages are
# Pelican's. Its own feeds, archives and tag/category/author pages are off: Gongkai writes
# its own, keyed to the disclosure catalogue.
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
PAGE_URL = "pages/{slug}.html"
PAGE_SAVE_AS = "pages/{slug}.html"
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = FEED_ATOM = FEED_RSS = None
DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = False  # publish.py builds into a fresh folder and swaps it in
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
RELATIVE_URLS = True
# Content is untrusted: escape every value (the gongkai plugin enforces this too); the
# theme's words go through gettext (the language is GONGKAI_LANGUAGE above).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": ["jinja2.ext.i18n"]}

"""Who runs the site, as every page's footer must say (政府网站发展指引, 国办发〔2017〕47号).

The settings (GONGKAI_HOST_ORG, …) are declared in settings.py; the footer
(``_site_identity.html``) shows those that are set. A site about to be published (SITEURL
set) that lacks any of them would fail the government-website inspection, so
``publish.py check`` names each missing one as a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problems
from .settings import PREFIX, Settings, assignment_lines, config_name

POLICE_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

# setting → what it is, in the words of the inspection rules, and an example value
REQUIRED = {
    "host_org": ("主办单位", '"青峰县人民政府办公室"'),
    "site_code": ("网站标识码", '"5108230001"'),
    "icp_record": ("ICP备案号", '"蜀ICP备12345678号-1"'),
    "police_record": ("公安机关备案号", '"川公网安备 51082302000123号"'),
    "conac_url": ("党政机关网站标识的链接", '"https://bszs.conac.cn/sitename?method=show&id=…"'),
    "contact_address": ("联系地址", '"青峰县城关镇滨河路 88 号"'),
}


def police_lookup_url(record: str) -> str:
    """The record's page on 全国互联网安全管理服务平台 (川公网安备 51082302000123号 → …?code=51082302000123)."""
    return POLICE_LOOKUP.format(code="".join(re.findall(r"\d", record)))


def warn_if_missing(settings: Settings, config: Path | None, problems: Problems) -> None:
    """A warning for each footer identity setting a site to be published (SITEURL set) lacks."""
    if not settings.site_url:
        return
    where = config_name(config)
    line = assignment_lines(config).get("SITEURL", 1)
    for name, (what, example) in REQUIRED.items():
        if not getattr(settings, name):
            setting = PREFIX + name.upper()
            problems.warning(where, line, f"网站要发布到 {settings.site_url}，但没有设置 {setting}（{what}）：政府网站每一页的页脚都要显示"
                                          f"{what}，请在配置文件里写上，例如 {setting} = {example}")

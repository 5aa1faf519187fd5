"""标准目录 (基层政务公开标准化规范化, 国办发〔2019〕54号): one page per kind of org the county
configures in GONGKAI_STANDARD_CATALOGUES, its catalogue columns in their configured order,
each listing its 公开事项 with the standard's nine fields."""

from __future__ import annotations

from ..settings import STANDARD_FIELDS
from ..types import ORG

FOLDER = "standard/"


def page_url(kind: str) -> str:
    return f"{FOLDER}{kind}.html"


def links(settings) -> list[tuple[str, str]]:
    """(org kind's Chinese label, site-relative URL) of each standard catalogue, in kind order."""
    return [(ORG.value_label("kind", kind), page_url(kind)) for kind in ORG.values["kind"] if kind in settings.standard_catalogues]


def write(site, output) -> None:
    settings = site.settings
    for kind, by_column in settings.standard_catalogues.items():
        columns = [(name, by_column[name]) for name in settings.columns_for(kind) if name in by_column]
        output.render("standard_catalogue.html", page_url(kind), kind_label=ORG.value_label("kind", kind), columns=columns,
                      fields=STANDARD_FIELDS, orgs=[org for org in site.orgs.values() if org.kind == kind])

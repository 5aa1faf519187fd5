"""依申请公开 (政府信息公开条例 Arts. 27–33): how to apply, with the county's channels and the
statutory time limits (apply/index.html); the application form to print (apply/form.html);
and the same form as a Word file built from our own template, the same bytes for the same
settings (apply/application-form.docx)."""

from __future__ import annotations

from ..theme_env import gettext_of
from . import application_form

PAGE = "apply/index.html"
FORM = "apply/form.html"
DOCX = "apply/application-form.docx"


def write(site, output) -> None:
    docx = application_form.as_docx(site.settings.apply_office, gettext_of(output.env))
    output.write_bytes(DOCX, docx)
    output.render("apply.html", PAGE, form=FORM, docx=DOCX, docx_kb=round(len(docx) / 1024, 1))
    output.render("apply_form.html", FORM, form=application_form, docx=DOCX, page=PAGE)

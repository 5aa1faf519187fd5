"""Spec §1: every enumerated value may be written as its English code or its Chinese word;
pages show the Chinese, the record's JSON keeps one code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, check_lines, publish
from gongkai.types import ALL_TYPES

MINI = FIXTURES / "mini-county"
IN_WORDS = {  # file of the mini county → (code written there, the Chinese word written instead)
    "orgs/xiaohe-village/org.yaml": [("kind: village", "kind: 村")],
    "orgs/county-gov/policy/example.md": [("status: in_force", "status: 现行有效")],
    "orgs/county-gov/procurement/example.yaml": [("stage: tender", "stage: 招标")],
    "orgs/county-gov/budget/example.yaml": [("phase: budget", "phase: 预算"), ("direction: income", "direction: 收入"),
                                            ("direction: expense", "direction: 支出")],
    "orgs/civil-affairs/service/example.yaml": [("form: original", "form: 原件"), ("form: copy", "form: 复印件")],
}


def county_in_words(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    for relative, swaps in IN_WORDS.items():
        file = content / relative
        text = file.read_text("utf-8")
        for code, word in swaps:
            assert code in text, (relative, code)
            text = text.replace(code, word)
        file.write_text(text, "utf-8")
    return content


def test_a_county_writing_chinese_values_checks_clean_and_publishes_codes(tmp_path):
    content = county_in_words(tmp_path)
    assert check_lines(content) == (0, [])
    output = tmp_path / "out"
    assert publish("build", "--content", content, "--output", output).returncode == 0
    documents = [json.loads(p.read_text("utf-8")) for p in output.glob("*/*/*.json") if p.parent.name in ALL_TYPES]
    fields = {document["type"]: document["fields"] for document in documents if "fields" in document}
    assert fields["policy"]["status"] == "in_force"
    assert fields["procurement"]["stage"] == "tender"
    assert fields["budget"]["phase"] == "budget"
    assert {line["direction"] for line in fields["budget"]["lines"]} == {"income", "expense"}
    assert [m["form"] for m in fields["service"]["materials"]] == ["original", "copy"]
    policy_page = next(output.glob("county-gov/policy/*.html")).read_text("utf-8")
    assert "现行有效" in policy_page and "in_force" not in re.sub(r'class="[^"]*"', "", policy_page)
    assert "<dd>村</dd>" in (output / "xiaohe-village/index.html").read_text("utf-8")


def test_a_wrong_word_names_every_word_and_code(tmp_path):
    content = county_in_words(tmp_path)
    service = content / "orgs/civil-affairs/service/example.yaml"
    service.write_text(service.read_text("utf-8").replace("form: 原件", "form: 原本"), "utf-8")
    code, lines = check_lines(content)
    assert (code, lines) == (1, ["orgs/civil-affairs/service/example.yaml:12: 错误: 「申请材料」第 1 项的「材料形式」只能是以下之一："
                                 "原件（original）、复印件（copy）、原件和复印件（original_and_copy）；现在写的是“原本”"])


def enum_fields(node, found=None):
    """(key, enum) of every enumerated property in a schema document."""
    found = [] if found is None else found
    if isinstance(node, dict):
        for key, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict) and "enum" in prop:
                found.append((key, prop["enum"]))
        for value in node.values():
            enum_fields(value, found)
    elif isinstance(node, list):
        for value in node:
            enum_fields(value, found)
    return found


@pytest.mark.parametrize("code", list(ALL_TYPES))
def test_every_enumerated_field_has_its_chinese_words_declared_and_published(code):
    """A new enum in a schema without words in its type module would show codes to citizens."""
    from gongkai.schema import Schemas

    record_type = ALL_TYPES[code]
    own = json.loads(record_type.schema_file.read_text("utf-8"))
    published = dict(enum_fields(Schemas.shared()[code].document))
    for key, codes in enum_fields(own):
        if all(re.fullmatch(r"[\u4e00-\u9fff]+", c) for c in codes):
            continue  # its codes are the Chinese words already (a decision's stages)
        assert set(record_type.values.get(key, {})) == set(codes), (code, key)
        assert set(record_type.values[key].values()) <= set(published[key]), (code, key)


# Spec §1: public phones are numbers, or {label, number} (办公电话, 监督电话), and pages show the label.

def county_with_phones(tmp_path: Path, phones: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    org = content / "orgs/xiaohe-village/org.yaml"
    text = org.read_text("utf-8")
    org.write_text(re.sub(r"phones:.*\n", f"phones: {phones}\n", text, count=1), "utf-8")
    return content


def test_labelled_phones_check_clean_and_pages_show_their_labels(tmp_path):
    content = county_with_phones(tmp_path, "[{label: 村委会办公电话, number: 0839-7300201}, {label: 监督电话, number: 13900001111}, 0839-7300202]")
    assert check_lines(content) == (0, [])
    output = tmp_path / "out"
    assert publish("build", "--content", content, "--output", output).returncode == 0
    page = (output / "xiaohe-village/index.html").read_text("utf-8")
    assert '村委会办公电话 <a href="tel:0839-7300201">0839-7300201</a>' in page
    assert '监督电话 <a href="tel:13900001111">13900001111</a>、<a href="tel:0839-7300202">0839-7300202</a>' in page
    report = publish("report", "--as-of", "2026-12-31", "--content", content, "--json")
    phones = next(o["phones"] for o in json.loads(report.stdout) if o["org"] == "xiaohe-village")
    assert phones == [{"label": "村委会办公电话", "number": "0839-7300201"}, {"label": "监督电话", "number": "13900001111"},
                      {"label": "", "number": "0839-7300202"}]


def test_a_labelled_phone_is_still_a_public_phone_records_may_name(tmp_path):
    content = county_with_phones(tmp_path, "[{label: 监督电话, number: 139 0000 1111}]")
    notice = content / "orgs/xiaohe-village/notice/example.md"
    notice.write_text(notice.read_text("utf-8").replace("---\n", "---\n", 1) + "\n监督电话：13900001111\n", "utf-8")
    assert check_lines(content) == (0, [])


@pytest.mark.parametrize("phones, message", [
    ("[{label: 办公电话}]", "「公开电话」第 1 项的写法不对（“{'label': '办公电话'}”）：每项是一个号码，或写成 {label: 办公电话, number: 0839-7300001}"),
    ("[办公室电话八三一]", "「公开电话」第 1 项的写法不对（“办公室电话八三一”）：每项是一个号码，或写成 {label: 办公电话, number: 0839-7300001}"),
])
def test_a_phone_that_is_neither_a_number_nor_labelled_is_one_line(tmp_path, phones, message):
    code, lines = check_lines(county_with_phones(tmp_path, phones))
    assert code == 1
    assert lines == [f"orgs/xiaohe-village/org.yaml:{_phones_line(tmp_path)}: 错误: {message}"]


def _phones_line(tmp_path: Path) -> int:
    text = (tmp_path / "content/orgs/xiaohe-village/org.yaml").read_text("utf-8")
    return text[: text.index("phones:")].count("\n") + 1

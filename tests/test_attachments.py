"""Attachments (spec §1, §2): only documents and pictures, recognised by content; the text
inside them scanned like a page; photos refused with a GPS position, and published without
the rest of their metadata. Issue 9 items 6a and 8."""

from __future__ import annotations

import io

import pytest
from PIL import Image

import documents
from conftest import publish
from test_checks import check, county_with

V = "orgs/xiaohe-village"
RECORD = f"{V}/notice/n.md"
ID = "11010519491231002X"
INSIDE = "请在附件里改正后，重新放入这个文件"
MOBILE = "未脱敏的手机号（138****5678）：只保留前 3 位和后 4 位，例如 138****1234；机构的公开电话请写进 org.yaml 的 phones"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>'


def with_attachment(tmp_path, name: str, data: bytes):
    record = ("---\ntype: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\n"
              f"attachments:\n  - {{file: files/{name}, title: 附件}}\n---\n正文\n")
    return county_with(tmp_path, {RECORD: record, f"{V}/notice/files/{name}": data})


CASES = [
    # item 8: formats, by content
    ("an HTML page", "page.html", b"<html><script>alert(1)</script></html>",
     ["附件“files/page.html”不是可以发布的文件格式：网站只发布 PDF、OFD、DOCX、XLSX、JPG、PNG（网页、SVG 等文件放到网站上会运行其中的脚本）：请另存为 PDF 后再附上"]),
    ("an SVG picture", "map.svg", SVG,
     ["附件“files/map.svg”不是可以发布的文件格式：网站只发布 PDF、OFD、DOCX、XLSX、JPG、PNG（网页、SVG 等文件放到网站上会运行其中的脚本）：请另存为 PDF 后再附上"]),
    ("an SVG named .png", "map.png", SVG,
     ["附件“files/map.png”的后缀是 .png，内容却不是PNG 图片，也不是其他可以发布的格式（可能是改了后缀名的文件）：请用原来的程序另存为 PDF、OFD、DOCX、XLSX、JPG、PNG 中的一种，并用对应的后缀名"]),
    ("HTML named .pdf", "notice.pdf", b"<!doctype html><script>alert(1)</script>",
     ["附件“files/notice.pdf”的后缀是 .pdf，内容却不是PDF 文档，也不是其他可以发布的格式（可能是改了后缀名的文件）：请用原来的程序另存为 PDF、OFD、DOCX、XLSX、JPG、PNG 中的一种，并用对应的后缀名"]),
    ("a PNG named .jpg", "photo.jpg", documents.photo("PNG"),
     ["附件“files/photo.jpg”的后缀是 .jpg，内容却其实是PNG 图片（可能是改了后缀名的文件）：请用原来的程序另存为 PDF、OFD、DOCX、XLSX、JPG、PNG 中的一种，并用对应的后缀名"]),
    ("a Word file with macros", "form.docx", documents.docx("申请表", macros=True),
     ["附件“files/form.docx”里带有宏（可以运行的代码）：请另存为不带宏的 .docx 文件后再附上"]),
    ("a real PDF", "ok.pdf", documents.pdf("Application form"), []),
    ("a real OFD", "ok.ofd", documents.ofd("申请表"), []),
    # item 6a: the text inside
    ("an ID in a spreadsheet cell", "list.xlsx", documents.xlsx([["姓名", "身份证号"], ["宋芳", "110105 1949 1231 002X"]]),
     [f"附件“files/list.xlsx”（工作表“名单”!B2）里有未脱敏的身份证号（110105********002X）：只保留前 6 位和后 4 位，例如 110105********1234。{INSIDE}"]),
    ("a mobile typed as a number in a cell", "phones.xlsx", documents.xlsx([["电话"], [13812345678]]),
     [f"附件“files/phones.xlsx”（工作表“名单”!A2）里有{MOBILE}。{INSIDE}"]),
    ("a mobile in a Word paragraph, split into runs", "letter.docx", documents.docx("申请书", "联系电话 **138**12345678"),
     [f"附件“files/letter.docx”（第 2 段）里有{MOBILE}。{INSIDE}"]),
    ("a mobile on a PDF page", "scan.pdf", documents.pdf("Contact", "Tel 138-1234-5678"),
     [f"附件“files/scan.pdf”（第 1 页）里有{MOBILE}。{INSIDE}"]),
    ("a mobile in an OFD page", "doc.ofd", documents.ofd("联系电话 １３８ １２３４ ５６７８"),
     [f"附件“files/doc.ofd”（第 1 页）里有{MOBILE}。{INSIDE}"]),
    ("a mobile in an attachment's name", "宋芳13812345678.pdf", documents.pdf("x"),
     [f"附件“files/宋芳13812345678.pdf”的文件名里有{MOBILE}。请给文件改名，文件名会公开在网站上"]),
    ("a damaged spreadsheet", "broken.xlsx", documents.xlsx([["x"]])[:400],
     ["附件“files/broken.xlsx”的后缀是 .xlsx，内容却不是Excel 表格（XLSX），也不是其他可以发布的格式（可能是改了后缀名的文件）：请用原来的程序另存为 PDF、OFD、DOCX、XLSX、JPG、PNG 中的一种，并用对应的后缀名"]),
    # item 6a: pictures
    ("a photo with its GPS position", "site.jpg", documents.photo("JPEG", gps=True, device="HUAWEI"),
     ["照片“files/site.jpg”里记着拍摄地点（GPS 位置），发布出去谁都能看到拍在哪里（常常是某户人家）："
      "请用手机相册或电脑的“删除位置信息”功能另存后再附上；照片里的拍摄设备、作者等信息会在发布时自动去除"]),
    ("a PNG with its GPS position", "site.png", documents.photo("PNG", gps=True),
     ["照片“files/site.png”里记着拍摄地点（GPS 位置），发布出去谁都能看到拍在哪里（常常是某户人家）："
      "请用手机相册或电脑的“删除位置信息”功能另存后再附上"]),
    ("a photo without GPS", "road.jpg", documents.photo("JPEG", device="HUAWEI"), []),
]


@pytest.mark.parametrize("name,data,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_an_attachment_is_checked_as_published(tmp_path, name, data, expected):
    code, lines = check(with_attachment(tmp_path, name, data))
    assert lines == [f"{RECORD}:7: 错误: {message}" for message in expected]
    assert code == (1 if expected else 0)


def test_a_photo_is_published_without_its_metadata_and_keeps_its_orientation(tmp_path):
    original = documents.photo("JPEG", device="HUAWEI P60", orientation=6)
    content = with_attachment(tmp_path, "road.jpg", original)
    result = publish("build", "--content", content, "--output", tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    published = next((tmp_path / "output").rglob("road.jpg")).read_bytes()
    assert b"HUAWEI" in original and b"HUAWEI" not in published and "村文书".encode() not in published
    with Image.open(io.BytesIO(published)) as image, Image.open(io.BytesIO(original)) as before:
        assert dict(image.getexif()) == {0x0112: 6}
        assert image.tobytes() == before.tobytes(), "the picture itself is not re-encoded"
    # the entropy-coded picture data is copied byte for byte
    assert published[published.index(b"\xff\xda"):] == original[original.index(b"\xff\xda"):]

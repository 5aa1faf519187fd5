"""Photos carry more than the picture: where (GPS), with what (device), by whom (author).

A photo with a GPS position is refused: the place is often a household's door, and
removing it silently would hide from the clerk that it was there. Everything else a photo
carries (EXIF, XMP, IPTC, comments, PNG text chunks) is dropped on the way out, without
re-encoding the picture: JPEG segments and PNG chunks are left out byte for byte, and a
JPEG keeps only its orientation, so it is not shown on its side. Pillow reads the
metadata (without decoding the picture).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
DEVICE_TAGS = (0x010F, 0x0110)  # Make, Model
AUTHOR_TAGS = (0x013B, 0x8298, 0x9C9D)  # Artist, Copyright, XPAuthor
# JPEG segments that hold metadata: APP1 (EXIF, XMP), APP12, APP13 (IPTC), COM.
_JPEG_METADATA = frozenset({0xE1, 0xEC, 0xED, 0xFE})
_PNG_METADATA = frozenset({b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"})
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # markers without a length


@dataclass(frozen=True)
class Metadata:
    gps: bool
    carried: tuple[str, ...]  # what else it carries, in words: 拍摄设备, 作者


def metadata(file: Path) -> Metadata:
    with Image.open(file) as image:
        exif = image.getexif()
        xmp = image.info.get("xmp") or b""
    gps = bool(exif.get_ifd(GPS_IFD)) or b"GPSLatitude" in (xmp if isinstance(xmp, bytes) else xmp.encode())
    carried = tuple(word for word, tags in (("拍摄设备", DEVICE_TAGS), ("作者", AUTHOR_TAGS)) if any(exif.get(t) for t in tags))
    return Metadata(gps, carried)


def gps_refusal(written: str, found: Metadata) -> str:
    also = f"；照片里的{'、'.join(found.carried)}等信息会在发布时自动去除" if found.carried else ""
    return (f"照片“{written}”里记着拍摄地点（GPS 位置），发布出去谁都能看到拍在哪里（常常是某户人家）："
            f"请用手机相册或电脑的“删除位置信息”功能另存后再附上{also}")


def without_metadata(data: bytes, kind: str) -> bytes:
    return _jpeg_without_metadata(data) if kind == "jpeg" else _png_without_metadata(data)


def _jpeg_orientation(data: bytes) -> int:
    from io import BytesIO

    with Image.open(BytesIO(data)) as image:
        return image.getexif().get(ORIENTATION, 1)


def _jpeg_without_metadata(data: bytes) -> bytes:
    out, position = [data[:2]], 2
    orientation = _jpeg_orientation(data)
    if orientation != 1:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        payload = exif.tobytes()
        out.append(b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload)
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker in _STANDALONE or marker == 0xFF:
            out.append(data[position:position + 2])
            position += 2
            continue
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        segment = data[position:position + 2 + length]
        if marker == 0xDA:  # start of scan: the picture itself, to the end, as it is
            out.append(data[position:])
            return b"".join(out)
        if marker not in _JPEG_METADATA:
            out.append(segment)
        position += 2 + length
    out.append(data[position:])
    return b"".join(out)


def _png_without_metadata(data: bytes) -> bytes:
    out, position = [data[:8]], 8
    while position + 8 <= len(data):
        length, chunk_type = struct.unpack(">I4s", data[position:position + 8])
        end = position + 12 + length
        if chunk_type not in _PNG_METADATA:
            out.append(data[position:end])
        position = end
    return b"".join(out)

"""Copy the files records point to (PDF, DOCX, …) to their public place; photos without
their metadata (``images``: GPS was refused by the checks, device and author go here)."""

from ..attachments.images import without_metadata
from ..attachments.kinds import IMAGES, KIND_OF_SUFFIX


def write(site, output) -> None:
    for record in site.records:
        for attachment in record.attachments:
            source = site.content_dir / attachment.source
            kind = KIND_OF_SUFFIX.get(source.suffix.lower())
            if kind in IMAGES:
                output.write_bytes(attachment.url, without_metadata(source.read_bytes(), kind))
            else:
                output.copy(source, attachment.url)

"""Copy the files records point to (PDF, DOCX, …) to their public place."""


def write(site, output) -> None:
    for record in site.records:
        for attachment in record.attachments:
            output.copy(site.content_dir / attachment.source, attachment.url)

"""The record schemas under /schemas/, for clerks' editors to validate against while typing."""


def write(site, output) -> None:
    for name, text in site.schemas.published().items():
        output.write_text(f"schemas/{name}", text)

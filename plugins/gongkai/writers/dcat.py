"""The DCAT-US (Project Open Data v1.1) catalogue ``data.json`` at the site root.

Harvesters (data.gov-style portals, CKAN's harvester) reject a dataset without an
``identifier`` or ``keyword``: every dataset here has both. ``identifier`` is a tag: URI
that does not change when the site moves; ``modified`` is the newest change among the
dataset's records (never the build time).
"""

from __future__ import annotations

import json

from ..addresses import absolute, tag_uri
from ..datasets import CATALOGUE, PAGE, datasets

CONFORMS_TO = "https://project-open-data.cio.gov/v1.1/schema"


def publisher(org, settings) -> dict:
    if org is None:
        return {"@type": "org:Organization", "name": settings.site_name}
    result = {"@type": "org:Organization", "name": org.name}
    if org.parent is not None:
        result["subOrganizationOf"] = publisher(org.parent, settings)
    return result


def contact(org, settings) -> dict:
    result = {"@type": "vcard:Contact", "fn": org.name if org is not None else settings.site_name}
    if settings.data_contact_email:
        result["hasEmail"] = "mailto:" + settings.data_contact_email
    return result


def entry(site, dataset) -> dict:
    settings = site.settings
    result = {
        "@type": "dcat:Dataset",
        "identifier": tag_uri(settings, "dataset/" + dataset.key),
        "title": dataset.title,
        "description": dataset.description,
        "keyword": list(dict.fromkeys(dataset.keywords)),
        "modified": dataset.modified(site.times).isoformat(),
        "publisher": publisher(dataset.org, settings),
        "contactPoint": contact(dataset.org, settings),
        "accessLevel": "public",
        "language": ["zh-CN"],
        "landingPage": absolute(settings, PAGE),
        "distribution": [],
    }
    for download in dataset.downloads:
        distribution = {"@type": "dcat:Distribution", "title": download.title, "downloadURL": absolute(settings, download.path),
                        "mediaType": download.media_type, "format": download.format}
        if download.conforms_to:
            distribution["conformsTo"] = download.conforms_to
        result["distribution"].append(distribution)
    return result


def catalogue(site) -> dict:
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": absolute(site.settings, CATALOGUE),
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [entry(site, d) for d in datasets(site)],
    }


def write(site, output) -> None:
    output.write_text(CATALOGUE, json.dumps(catalogue(site), ensure_ascii=False, indent=1) + "\n")

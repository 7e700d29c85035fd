"""JSON-LD nodes → Media records (videos, images, audio, embedded posts) with their evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Evidence, Media
from . import dates, jsonld

MEDIA_TYPES = {"VideoObject", "ImageObject", "AudioObject", "SocialMediaPosting", "MediaObject", "Clip"}
# objects under these keys describe the publisher or a person, not the article's media
_NOT_MEDIA_KEYS = {"publisher", "author", "logo", "creator", "brand", "provider", "sourceOrganization", "copyrightHolder"}


def _media_nodes(data: Any) -> Iterator[dict[str, Any]]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if jsonld.types_of(item) & MEDIA_TYPES:
                yield item
            for key, value in item.items():
                if key not in _NOT_MEDIA_KEYS and key != "@context" and isinstance(value, (dict, list)):
                    stack.append(value)


def _upload_date(node: dict[str, Any]) -> str | None:
    raw = jsonld.text_value(node.get("uploadDate") or node.get("datePublished") or node.get("dateCreated"))
    found = dates.normalise(raw or "")
    return found[0] if found else raw


def media_record(node: dict[str, Any], evidence: Evidence) -> Media:
    """One Media record from a JSON-LD media node."""
    kind = sorted(jsonld.types_of(node) & MEDIA_TYPES)[0]
    return Media(
        type=kind,
        name=jsonld.text_value(node.get("name") or node.get("headline")),
        description=jsonld.text_value(node.get("description") or node.get("caption")),
        duration_s=jsonld.duration_seconds(node.get("duration")),
        upload_date=_upload_date(node),
        content_url=jsonld.url_value(node.get("contentUrl") or (node.get("url") if kind == "ImageObject" else None)),
        thumbnail_url=jsonld.url_value(node.get("thumbnailUrl") or node.get("thumbnail")),
        width=jsonld.int_value(node.get("width")),
        height=jsonld.int_value(node.get("height")),
        embed_url=jsonld.url_value(node.get("embedUrl") or (node.get("url") if kind == "SocialMediaPosting" else None)),
        evidence=evidence,
    )


def media_from_jsonld(documents: list[tuple[Any, Evidence]]) -> list[Media]:
    """Media of every JSON-LD document (with the evidence of where it was found), deduplicated by URL."""
    found: list[Media] = []
    seen: set[tuple[str, str | None]] = set()
    for data, evidence in documents:
        for node in _media_nodes(data):
            record = media_record(node, evidence)
            key = (record.type, record.content_url or record.embed_url or record.name)
            if key in seen or not (record.content_url or record.embed_url or record.name):
                continue
            seen.add(key)
            found.append(record)
    return found

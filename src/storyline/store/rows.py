"""Records ↔ table rows: the Article and Analysis of one stored article as rows of each table."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..model import Analysis, Article, Entity, to_dict


def dumps(data: Any) -> str:
    """Compact, stable JSON (the same data always gives the same bytes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def content_hash(article: Article) -> str:
    """The article's content hash: the reader's hash of the raw input, else a hash of its text and URL."""
    if article.content_hash:
        return article.content_hash
    return hashlib.sha256(f"{article.url or ''}\n{article.text}".encode()).hexdigest()


def article_id(digest: str) -> str:
    """A short, stable id derived from the content hash."""
    return digest[:16]


def _names(entities: list[Entity]) -> dict[str, str]:
    return {e.id: e.name for e in entities}


def _speaker(quote_data: dict[str, Any], names: dict[str, str]) -> str | None:
    entity = quote_data.get("speaker_entity")
    if entity:
        return names.get(entity, entity)
    return (quote_data.get("speaker") or {}).get("text")


def _event_date(event_data: dict[str, Any]) -> str | None:
    value = (event_data.get("time") or {}).get("value") or ""
    return value[:10] if value[:4].isdigit() else None


def article_row(aid: str, digest: str, article: Article, analysis: Analysis | None) -> dict[str, Any]:
    analysis_data = None
    if analysis is not None:
        analysis_data = {k: v for k, v in to_dict(analysis).items() if k != "article"}
        if analysis_data.get("text") == article.text:
            analysis_data.pop("text")
    return {
        "id": aid, "content_hash": digest, "title": article.title, "url": article.url,
        "path": article.source_path, "published": article.published.value if article.published else None,
        "publisher": article.publisher, "language": article.language, "fetched_at": article.fetched_at,
        "text": article.text, "article": dumps(to_dict(article)),
        "analysis": dumps(analysis_data) if analysis_data is not None else None,
    }


def analysis_rows(aid: str, article: Article, analysis: Analysis | None) -> dict[str, list[dict[str, Any]]]:
    """Rows for the quotes, events, article_entities and search tables."""
    search = [{"article_id": aid, "kind": "article", "ref": None, "title": article.title or "",
               "body": article.text}]
    if analysis is None:
        return {"quotes": [], "events": [], "article_entities": [], "search": search}
    names = _names(analysis.entities)
    quotes, events, entities = [], [], []
    for position, quote in enumerate(analysis.quotes):
        data = to_dict(quote)
        speaker = _speaker(data, names)
        quotes.append({"article_id": aid, "position": position, "speaker": speaker, "text": quote.text,
                       "kind": quote.kind, "data": dumps(data)})
        search.append({"article_id": aid, "kind": "quote", "ref": str(position), "title": speaker or "",
                       "body": quote.text})
    for position, event in enumerate(analysis.events):
        data = to_dict(event)
        participants = [names.get(p, p) for p in event.participants]
        events.append({"article_id": aid, "position": position, "type": event.type, "status": event.status,
                       "date": _event_date(data), "participants": "|".join(participants), "data": dumps(data)})
    for position, entity in enumerate(analysis.entities):
        data = {k: v for k, v in to_dict(entity).items() if k != "mentions"}
        entities.append({"article_id": aid, "position": position, "name": entity.name, "type": entity.type,
                         "mentions": len(entity.mentions), "data": dumps(data)})
    return {"quotes": quotes, "events": events, "article_entities": entities, "search": search}

"""Records ↔ table rows: the Article and Analysis of one stored article as rows of each table."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..model import Analysis, Article, Entity, from_dict, to_dict
from .names import name_key, padded


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


_QUARTERS = {"Q1": ("01-01", "03-31"), "Q2": ("04-01", "06-30"), "Q3": ("07-01", "09-30"),
             "Q4": ("10-01", "12-31"), "H1": ("01-01", "06-30"), "H2": ("07-01", "12-31")}


def date_range(date: str | None) -> tuple[str | None, str | None]:
    """The first and last day (ISO, comparable as text) a TIMEX date value covers: 2004 → 2004-01-01…2004-12-31."""
    if not date or not date[:4].isdigit():
        return None, None
    year, rest = date[:4], date[5:]
    if len(rest) >= 5 and rest[:2].isdigit() and rest[3:5].isdigit():
        return date[:10], date[:10]
    if len(rest) >= 2 and rest[:2].isdigit():
        return f"{year}-{rest[:2]}-01", f"{year}-{rest[:2]}-31"  # "-31" sorts after every day of the month
    first, last = _QUARTERS.get(rest[:2], ("01-01", "12-31"))  # seasons, weeks: the whole year, to be safe
    return f"{year}-{first}", f"{year}-{last}"


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
    """Rows for the quotes, events, article_entities, name_index and search tables."""
    search = [{"article_id": aid, "kind": "article", "ref": None, "title": article.title or "",
               "body": article.text}]
    if analysis is None:
        return {"quotes": [], "events": [], "article_entities": [], "name_index": [], "search": search}
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
        date = _event_date(data)
        start, end = date_range(date)
        events.append({"article_id": aid, "position": position, "type": event.type, "status": event.status,
                       "date": date, "date_start": start, "date_end": end,
                       "participants": "|".join(participants), "data": dumps(data)})
    for position, entity in enumerate(analysis.entities):
        data = {k: v for k, v in to_dict(entity).items() if k != "mentions"}
        entities.append({"article_id": aid, "position": position, "name": entity.name, "type": entity.type,
                         "mentions": len(entity.mentions), "data": dumps(data)})
    return {"quotes": quotes, "events": events, "article_entities": entities,
            "name_index": name_rows(aid, analysis), "search": search}


def name_rows(aid: str, analysis: Analysis) -> list[dict[str, Any]]:
    """name_index rows: each quote's speaker and each event's participants under every name they go
    by in the article: the entity's name and aliases, and the speaker's own words ("the US president")."""
    # a quote's speaker_entity and an event's participants hold an entity id or, once renamed, its name
    entities = {**{e.name: e for e in analysis.entities}, **{e.id: e for e in analysis.entities}}
    keyed: dict[tuple[str, int, str], str | None] = {}

    def add(kind: str, position: int, reference: str | None, words: str | None = None) -> None:
        entity = entities.get(reference or "")
        for name in ([entity.name, *entity.aliases] if entity else [reference]) + [words]:
            key = name_key(name)
            if key:
                keyed.setdefault((kind, position, padded(key)), entity.id if entity else None)

    for position, quote in enumerate(analysis.quotes):
        words = quote.speaker.text if quote.speaker else None
        # a resolved speaker's pronoun or plain description ("he", "the president") adds no name
        add("quote", position, quote.speaker_entity,
            words if words and (words != words.lower() or not quote.speaker_entity) else None)
    for position, event in enumerate(analysis.events):
        for participant in event.participants:
            add("event", position, participant)
    return [{"kind": kind, "article_id": aid, "position": position, "name": name, "entity_id": entity_id}
            for (kind, position, name), entity_id in keyed.items()]


def stored_name_rows(aid: str, analysis_json: str, text: str) -> list[dict[str, Any]]:
    """name_index rows from a stored analysis (its JSON leaves out the text when it equals the article's)."""
    data = json.loads(analysis_json)
    data.setdefault("text", text)
    return name_rows(aid, from_dict(Analysis, data))


def entity_name_rows(entity: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """entity_names and entity_members rows of one cross-document entity (a save_entities row)."""
    names = [entity["name"], *(entity.get("aliases") or [])]
    keys = dict.fromkeys(padded(key) for key in map(name_key, names) if key)
    members = dict.fromkeys((m["article_id"], m["entity_id"]) for m in entity.get("members") or [])
    return ([{"entity_id": entity["id"], "name": key} for key in keys],
            [{"entity_id": entity["id"], "article_id": article_id, "member_id": member_id}
             for article_id, member_id in members])

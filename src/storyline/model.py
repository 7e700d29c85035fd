"""The typed records that flow between Storyline's stages, each JSON-serialisable.

Stages exchange only these records: ``read`` makes an :class:`Article`, ``analyze`` makes an
:class:`Analysis`, ``store`` persists both, ``stories`` builds :class:`Story` records.
Every extracted value carries its :class:`Evidence` (where it came from, offsets, confidence).

Editing rule for contributors: add optional fields with defaults; never rename a field
(the JSON contract of ``read --json`` and ``digest --json`` depends on the names).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

EvidenceSource = Literal[
    "json-ld", "meta", "url", "dateline", "body", "caption", "media", "header",
    "html", "textdump", "rule", "model", "lexicon", "parse", "user",
]


@dataclass
class Evidence:
    """Where a value came from: its source, character offsets (into ``Article.text`` or the
    analysed string when it comes from the text), a confidence and the reasoning."""

    source: str
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    reason: str | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DateValue:
    """A timezone-aware date/time (ISO-8601 string) with its evidence.

    ``value`` is ``YYYY-MM-DD`` when only the day is known, otherwise a full timestamp with offset.
    """

    value: str
    source: str
    confidence: float = 1.0
    reason: str | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Block:
    """One body block; ``start``/``end`` index ``Article.text``."""

    kind: Literal["paragraph", "heading", "list_item", "blockquote"]
    text: str
    start: int
    end: int


@dataclass
class Caption:
    text: str
    credit: str | None = None
    evidence: Evidence | None = None


@dataclass
class Media:
    type: str  # VideoObject, ImageObject, AudioObject, SocialMediaPosting, ...
    name: str | None = None
    description: str | None = None
    duration_s: float | None = None
    upload_date: str | None = None
    content_url: str | None = None
    thumbnail_url: str | None = None
    width: int | None = None
    height: int | None = None
    embed_url: str | None = None
    evidence: Evidence | None = None


@dataclass
class Page:
    """One raw input page from a source (file, WARC record, feed item, URL, stdin, JSONL line).

    ``content`` is None when the source could not deliver it; ``error`` then says why.
    """

    content: bytes | None
    name: str  # where it came from, for messages: a path, URL, ``file.warc.gz@offset``, ``file.jsonl:line``
    url: str | None = None
    path: str | None = None
    fetched_at: str | None = None
    source: str = "file"  # file | warc | feed | url | stdin | jsonl
    published: str | None = None  # a hint from the feed or JSONL line
    title: str | None = None  # a hint from the feed or JSONL line
    error: str | None = None


@dataclass
class Article:
    """A clean news article. ``text`` is the body as one string; all later stages index it."""

    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: DateValue | None = None
    modified: DateValue | None = None
    language: str | None = None
    url: str | None = None
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    standfirst: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    licence: str | None = None
    input_kind: str | None = None  # html | textdump | text
    source_path: str | None = None
    fetched_at: str | None = None
    content_hash: str | None = None  # sha256 of the raw input
    evidence: dict[str, Evidence] = field(default_factory=dict)  # field name -> evidence


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Mention:
    """One mention of an entity; ``kind`` is name, title (name with title), role (role noun),
    pronoun, or possessive."""

    text: str
    start: int
    end: int
    type: str  # PERSON, ORG, GPE, LOC, FAC, NORP, PLATFORM
    kind: str = "name"
    entity_id: str | None = None
    head: str | None = None
    confidence: float = 1.0
    where: str | None = None  # "caption N" / "media N": found there, and offsets index that text


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: Literal["direct", "partial", "mixed", "indirect"]
    cue: Span | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None
    channel: str | None = None
    confidence: float = 1.0
    fragments: list[Span] = field(default_factory=list)  # for multi-paragraph / interrupted quotes
    addressee: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    # "speech": words said or written; "stance": a belief, intention or finding attributed to
    # the speaker ("Trump wants to …", "polls show that …")
    attribution: Literal["speech", "stance"] = "speech"


@dataclass
class QuotedPhrase:
    """Words in quotation marks that report nobody's speech: a scare quote (a ‘productive’ call)
    or the title of a work ("Star Wars")."""

    text: str
    start: int
    end: int
    kind: Literal["scare", "title"]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Timex:
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    anchor: str | None = None  # the reference date the value was resolved against
    mod: str | None = None  # TimeML mod: BEFORE, AFTER, APPROX, START, END, ...
    flags: list[str] = field(default_factory=list)  # e.g. "unanchored"
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)
    signal: Span | None = None  # the preposition that introduces it: "On" Tuesday, "within" two weeks
    where: str | None = None  # "caption N" / "media N": found there, and offsets index that text, not Article.text


@dataclass
class EventTime:
    value: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    id: str
    type: str
    cameo: str
    trigger: Span
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    time: EventTime | None = None
    status: Literal["planned", "occurred", "ongoing", "hypothetical", "negated", "denied"] = "occurred"
    source: str | None = None  # speaker when it comes from reported speech
    confidence: float = 1.0
    sentence: Span | None = None
    evidence: list[Evidence] = field(default_factory=list)
    theme: str | None = None  # what is supplied, released, signed… ("Tomahawks", "hostages")


@dataclass
class Analysis:
    """Everything ``analyze`` found in one text; offsets index ``text``."""

    text: str
    article: Article | None = None
    published: str | None = None  # the anchor date used, ISO
    language: str | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    caption_timexes: list[Timex] = field(default_factory=list)  # in captions and media descriptions
    quoted_phrases: list[QuotedPhrase] = field(default_factory=list)  # quotation marks that quote nobody


@dataclass
class StoryArticle:
    id: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None
    publisher: str | None = None
    copies: list[dict[str, Any]] = field(default_factory=list)  # folded duplicates: id, score, differences


@dataclass
class TimelineEntry:
    date: str | None
    type: str
    participants: list[str] = field(default_factory=list)
    status: str | None = None
    sources: list[str] = field(default_factory=list)  # article ids
    place: str | None = None
    trigger: str | None = None
    statuses: list[dict[str, Any]] = field(default_factory=list)  # status history, in order
    event_id: str | None = None
    reported: str | None = None  # the day it was first reported (the first source's publication day)
    when: str = "stated"  # where its place in time comes from: "stated", "reported" (no stated time), "unknown"
    evidence: list[dict[str, Any]] = field(default_factory=list)  # per source: article_id, sentence, offsets


@dataclass
class Story:
    id: str
    title: str
    articles: list[StoryArticle] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------- (de)serialisation


@dataclass
class CrossEntity:
    """One entity linked across articles: its members (one per article) and the evidence of each link."""

    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    article_ids: list[str]
    members: list[dict]
    evidence: list[dict] = field(default_factory=list)

    def to_row(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases,
                "roles": self.roles, "article_ids": self.article_ids, "members": self.members,
                "evidence": self.evidence, "mentions": sum(m["mentions"] for m in self.members)}


@dataclass
class Duplicate:
    """``article_id`` is a copy of ``of_id`` (the kept item)."""

    article_id: str
    of_id: str
    score: float
    differences: dict[str, list] = field(default_factory=dict)


def to_dict(record: Any) -> Any:
    """A record (or list/dict of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def digest_dict(analysis: Analysis) -> dict[str, Any]:
    """The ``digest --json`` document (also ``POST /api/read``): the article and every analysis layer."""
    return {
        "article": to_dict(analysis.article) if analysis.article else None,
        "entities": to_dict(analysis.entities),
        "quotes": to_dict(analysis.quotes),
        "timexes": to_dict(analysis.timexes),
        "events": to_dict(analysis.events),
        "caption_timexes": to_dict(analysis.caption_timexes),
        "quoted_phrases": to_dict(analysis.quoted_phrases),
        "flags": list(analysis.flags),
    }


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output (unknown keys ignored)."""
    if data is None:
        return None
    kwargs = {name: _coerce(hint, data[name]) for name, hint in _field_hints(cls) if name in data}
    return cls(**kwargs)


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type) of each field; resolving hints is slow, so once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _coerce(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is type(None):
                continue
            return _coerce(arg, value)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return [_coerce(item, v) for v in value]
    if origin is dict:
        args = typing.get_args(hint)
        item = args[1] if len(args) == 2 else Any
        return {k: _coerce(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value

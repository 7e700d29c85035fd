"""Lay out an analysed article for its page: paragraphs of text runs, each run carrying the marks
(quotes, speakers, stances, entities, time expressions, event triggers) that cover it, plus the
evidence behind every mark, shown when the reader clicks it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Analysis, Block, Entity, Event, Evidence, Quote, Timex

SPEAKER_COLOURS = 8  # speaker-0 … speaker-7 in style.css
EXCERPT_CHARS = 500
_LINE_BREAKS = re.compile(r"\n+")


@dataclass
class Mark:
    ref: str  # the id of its evidence detail
    kind: str  # quote | speaker | stance | entity | timex | event
    start: int
    end: int
    css: str = ""


@dataclass
class Run:
    """A stretch of text covered by the same marks."""

    text: str
    marks: list[Mark]
    opens: bool = False  # some mark starts here: this run takes keyboard focus

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(f"{m.kind} {m.css}".strip() for m in self.marks))

    @property
    def refs(self) -> str:
        return " ".join(dict.fromkeys(m.ref for m in self.marks))


@dataclass
class Paragraph:
    kind: str
    runs: list[Run]


@dataclass
class Detail:
    """The evidence panel for one mark."""

    ref: str
    kind: str
    title: str
    fields: list[tuple[str, str]]
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (how, excerpt of the text)
    entity_name: str | None = None  # links to the entity's pages


@dataclass
class Speaker:
    name: str
    colour: str  # css class
    quotes: int = 0


@dataclass
class QuoteRow:
    quote: Quote
    ref: str
    speaker: Speaker


@dataclass
class EventRow:
    event: Event
    ref: str


@dataclass
class ArticleView:
    paragraphs: list[Paragraph]
    details: list[Detail]
    speakers: list[Speaker]
    quotes: list[QuoteRow]  # speech: words someone said or wrote
    events: list[EventRow]
    entities: list[tuple[Entity, str]]  # with the ref of its detail
    stances: list[QuoteRow] = field(default_factory=list)  # beliefs, intentions, findings: nobody's words


def article_view(analysis: Analysis, blocks: list[Block] | None = None) -> ArticleView:
    """Everything the article page shows, computed from one Analysis."""
    text = analysis.text
    names = {e.id: e.name for e in analysis.entities}
    marks: list[Mark] = []
    details: list[Detail] = []

    entity_rows = []
    for i, entity in enumerate(analysis.entities):
        ref = f"e{i}"
        entity_rows.append((entity, ref))
        details.append(_entity_detail(ref, entity, text))
        marks += [Mark(ref, "entity", m.start, m.end, f"ent-{_css_word(m.type)}")
                  for m in entity.mentions if m.where is None]  # caption mentions index the caption

    speakers: dict[str, Speaker] = {}
    quote_rows, stance_rows = [], []
    for i, quote in enumerate(analysis.quotes):
        ref = f"q{i}"  # the quote's position, as in the store and in links such as /articles/ID#q3
        pieces = quote.fragments or [quote]
        if quote.attribution == "stance":  # not someone's words: no speaker colour, no quote marks
            holder = Speaker(_speaker_name(quote, names) or "unattributed", "stance")
            stance_rows.append(QuoteRow(quote, ref, holder))
            details.append(_quote_detail(ref, quote, holder, text))
            marks += [Mark(ref, "stance", p.start, p.end) for p in pieces]
            continue
        speaker = _speaker(quote, names, speakers)
        speaker.quotes += 1
        quote_rows.append(QuoteRow(quote, ref, speaker))
        details.append(_quote_detail(ref, quote, speaker, text))
        marks += [Mark(ref, "quote", p.start, p.end, speaker.colour) for p in pieces]
        if quote.speaker:
            marks.append(Mark(ref, "speaker", quote.speaker.start, quote.speaker.end, speaker.colour))

    for i, timex in enumerate(analysis.timexes):
        ref = f"t{i}"
        details.append(_timex_detail(ref, timex, text))
        marks.append(Mark(ref, "timex", timex.start, timex.end))

    event_rows = []
    for i, event in enumerate(analysis.events):
        ref = f"v{i}"
        event_rows.append(EventRow(event, ref))
        details.append(_event_detail(ref, event, text))
        marks.append(Mark(ref, "event", event.trigger.start, event.trigger.end, f"status-{_css_word(event.status)}"))

    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    paragraphs = [Paragraph(kind, _runs(text, start, end, valid)) for kind, start, end in _paragraphs(text, blocks)]
    return ArticleView(paragraphs, details, list(speakers.values()), quote_rows, event_rows, entity_rows,
                       stance_rows)


def _paragraphs(text: str, blocks: list[Block] | None) -> list[tuple[str, int, int]]:
    """Paragraph spans: the reader's blocks when they index this text, else its lines."""
    if blocks and all(0 <= b.start < b.end <= len(text) for b in blocks):
        return [(b.kind, b.start, b.end) for b in sorted(blocks, key=lambda b: b.start)]
    spans, start = [], 0
    for brk in _LINE_BREAKS.finditer(text):
        spans.append(("paragraph", start, brk.start()))
        start = brk.end()
    spans.append(("paragraph", start, len(text)))
    return [s for s in spans if text[s[1]:s[2]].strip()]


def _runs(text: str, start: int, end: int, marks: list[Mark]) -> list[Run]:
    """Cut ``text[start:end]`` where any mark starts or ends; each piece lists the marks over it."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted({start, end} | {max(start, min(end, p)) for m in inside for p in (m.start, m.end)})
    runs = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in inside if m.start <= a and m.end >= b]
        opens = any(m.start == a for m in covering)
        runs.append(Run(text[a:b], covering, opens))
    return runs


def _speaker_name(quote: Quote, names: dict[str, str]) -> str:
    if quote.speaker_entity:
        return names.get(quote.speaker_entity, quote.speaker_entity)
    return quote.speaker.text if quote.speaker else ""


def _speaker(quote: Quote, names: dict[str, str], speakers: dict[str, Speaker]) -> Speaker:
    name = _speaker_name(quote, names)
    key = name.casefold()
    if key not in speakers:
        colour = f"speaker-{len([k for k in speakers if k]) % SPEAKER_COLOURS}" if key else "speaker-none"
        speakers[key] = Speaker(name or "unattributed", colour)
    return speakers[key]


def _excerpt(text: str, start: int | None, end: int | None) -> str:
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return ""
    piece = text[start:end]
    return piece if len(piece) <= EXCERPT_CHARS else piece[:EXCERPT_CHARS] + "…"


def _evidence(items: list[Evidence], text: str) -> list[tuple[str, str]]:
    rows = []
    for ev in items:
        how = f"{ev.source}, confidence {ev.confidence:.2f}" + (f": {ev.reason}" if ev.reason else "")
        rows.append((how, _excerpt(text, ev.start, ev.end)))
    return rows


def _present(fields: list[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(label, str(value)) for label, value in fields if value not in (None, "", [])]


def _entity_detail(ref: str, entity: Entity, text: str) -> Detail:
    fields = _present([
        ("Type", entity.type), ("Aliases", ", ".join(entity.aliases)), ("Roles", ", ".join(entity.roles)),
        ("Mentions", len(entity.mentions)), ("Confidence", f"{entity.confidence:.2f}"),
    ])
    evidence = _evidence(entity.evidence, text)
    first = entity.mentions[0] if entity.mentions else None
    if first and not evidence:
        evidence = [(f"first mention ({first.kind})", _excerpt(text, first.start, first.end))]
    return Detail(ref, "entity", entity.name, fields, evidence, entity_name=entity.name)


def _quote_detail(ref: str, quote: Quote, speaker: Speaker, text: str) -> Detail:
    fields = _present([
        ("Speaker", speaker.name), ("Speaker in text", quote.speaker.text if quote.speaker else None),
        ("Cue", quote.cue.text if quote.cue else None), ("Kind", quote.kind),
        ("Attribution", "belief, intention or finding" if quote.attribution == "stance" else "speech"),
        ("Channel", quote.channel),
        ("Addressee", quote.addressee), ("Confidence", f"{quote.confidence:.2f}"),
    ])
    # The attribution itself is the first evidence: quote, cue and speaker as they stand in the text.
    spans = [(quote.start, quote.end)] + [(s.start, s.end) for s in (quote.cue, quote.speaker) if s]
    context = _excerpt(text, min(a for a, _ in spans), max(b for _, b in spans))
    evidence = [("attribution in the text", context)] + _evidence(quote.evidence, text)
    name = speaker.name if quote.speaker_entity or quote.speaker else None
    if quote.attribution == "stance":
        return Detail(ref, "stance", f"Belief, intention or finding of {speaker.name} (not a quote)", fields,
                      evidence, entity_name=name)
    return Detail(ref, "quote", f"Quote by {speaker.name}", fields, evidence, entity_name=name)


def _timex_detail(ref: str, timex: Timex, text: str) -> Detail:
    fields = _present([
        ("Type", timex.type), ("Value", timex.value), ("Anchor", timex.anchor), ("Modifier", timex.mod),
        ("Flags", ", ".join(timex.flags)), ("Confidence", f"{timex.confidence:.2f}"),
    ])
    return Detail(ref, "timex", f"Time: {timex.text}", fields, _evidence(timex.evidence, text))


def _event_detail(ref: str, event: Event, text: str) -> Detail:
    fields = _present([
        ("Type", f"{event.type} (CAMEO {event.cameo})" if event.cameo else event.type),
        ("Status", event.status), ("When", f"{event.time.value} ({event.time.text})" if event.time else None),
        ("Participants", ", ".join(event.participants)), ("Place", event.place),
        ("Reported by", event.source), ("Confidence", f"{event.confidence:.2f}"),
    ])
    evidence = _evidence(event.evidence, text)
    if event.sentence:
        evidence.insert(0, ("sentence", _excerpt(text, event.sentence.start, event.sentence.end)))
    return Detail(ref, "event", f"Event: {event.type}", fields, evidence)


def _css_word(value: str) -> str:
    """A value from the data made safe as a CSS class name."""
    return re.sub(r"[^A-Za-z0-9_-]", "", value or "") or "other"

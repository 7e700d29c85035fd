"""Read a gold-mention coreference folder (``event_mentions.json`` + ``*.conll``) into EventMentions.

The layout is the one of the MEANTIME/ECB+ conversions: each mention names its ``conll_doc_key``
(or ``doc_id``), ``sent_id`` and ``tokens_number``; the ``*.conll`` files hold the tokens
(document key, sentence id, token id, token, ...). Heads, lemmas, names and dates are computed
here with spaCy from the tokens: of the gold file the system uses only the mention spans, their
documents and their topics (mentions are clustered within a topic).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from storyline.analyze.events.coref import (
    CONTENT_POS,
    INDEFINITE,
    NAME_LABELS,
    EventMention,
    arguments,
    phrase_lemma,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT"})
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DATELINE_LINES = 3  # a document's own date is stated under its headline, if anywhere
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DATELINE = re.compile(r"(?i)(?:\w+ ?, )?(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\.? "
                      r"(?P<day>\d{1,2}) ?,? (?P<year>\d{4})")
YEARISH = re.compile(r"\d{4}")


@dataclass
class GoldSet:
    """Mentions ready for clustering and their gold labels (``{mention id: chain}``)."""

    mentions: list[EventMention]
    gold: dict[str, str]
    records: list[dict]


class CdcrFormatError(ValueError):
    """The folder is not in the expected layout."""


def read_conll(folder: Path) -> dict[str, dict[int, list[tuple[int, str]]]]:
    """Document key → sentence id → (token id, token), from every ``*.conll`` file in ``folder``."""
    documents: dict[str, dict[int, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(folder.glob("*.conll")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.split("\t")
            if len(columns) < 4:
                continue
            key, sentence, token_id, token = columns[0], int(columns[1]), int(columns[2]), columns[3]
            documents[key][sentence].append((token_id, token))
    return documents


def _doc_key(record: dict) -> str:
    return record.get("conll_doc_key") or record["doc_id"]


def load(folder: Path) -> GoldSet:
    """Load gold mentions and parse their documents; raises CdcrFormatError on a bad folder."""
    mentions_path = folder / "event_mentions.json"
    if not mentions_path.is_file():
        raise CdcrFormatError(f"{mentions_path} not found")
    records = json.loads(mentions_path.read_text(encoding="utf-8"))
    documents = read_conll(folder)
    if not documents:
        raise CdcrFormatError(f"no *.conll tokens in {folder}")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if _doc_key(record) not in documents:
            raise CdcrFormatError(f"mention {record.get('mention_id')} names an unknown document")
        by_doc[_doc_key(record)].append(record)
    from storyline.analyze.nlp import parse_many  # not at the top: spaCy loads slowly

    keys = sorted(by_doc)
    texts, offsets = zip(*(_document_text(documents[key]) for key in keys), strict=True)
    mentions: list[EventMention] = []
    for key, token_offsets, doc in zip(keys, offsets, parse_many(texts), strict=True):
        mentions.extend(_mentions_of(by_doc[key], doc, token_offsets, key))
    gold = {r["mention_id"]: r["coref_chain"] for r in records}
    return GoldSet(mentions, gold, records)


def _document_text(sentences: dict[int, list[tuple[int, str]]]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """Tokens joined by spaces, sentences by newlines; (sentence id, token id) → character span."""
    parts: list[str] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    position = 0
    for sentence in sorted(sentences):
        for token_id, token in sentences[sentence]:
            spans[(sentence, token_id)] = (position, position + len(token))
            parts.append(token)
            position += len(token) + 1
        if parts:
            parts[-1] += "\n" if sentence != max(sentences) else ""
    text = " ".join(parts).replace("\n ", "\n")
    return text, spans


def _sentence_tokens(doc, spans, sentence: int):
    starts = [start for (s, _), (start, _end) in spans.items() if s == sentence]
    ends = [end for (s, _), (_start, end) in spans.items() if s == sentence]
    return doc.char_span(min(starts), max(ends), alignment_mode="expand")


def document_date(doc, timexes=None) -> str | None:
    """The document's date: its first line when that is one (``2014-06-15``, as GVC gives it), else the first
    full calendar day among the TIMEXes of its first lines (a dateline under the headline), else None."""
    first = doc.text.split("\n", 1)[0].strip()
    if ISO_DAY.fullmatch(first):
        return first
    for line in doc.text.split("\n")[:DATELINE_LINES]:  # a dateline, tokenised: "April 27 , 2005"
        if match := DATELINE.fullmatch(line.strip()):
            month = MONTHS.index(match["month"][:3].lower()) + 1
            return f"{match['year']}-{month:02d}-{int(match['day']):02d}"
    head_end = sum(len(line) + 1 for line in doc.text.split("\n")[:DATELINE_LINES])
    return next((t.value[:10] for t in timexes or () if t.start < head_end and t.type == "DATE"
                 and ISO_DAY.match(t.value) and "unanchored" not in t.flags), None)


def sentence_times(context_span, timexes) -> frozenset[str]:
    """Normalised dates (``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` values) of the TIMEXes in a sentence."""
    start, end = context_span.start_char, context_span.end_char
    return frozenset(t.value for t in timexes
                     if t.type == "DATE" and start <= t.start < end and YEARISH.match(t.value))


def _mentions_of(records: list[dict], doc, spans, key: str | None = None) -> list[EventMention]:
    """The mentions of one parsed document; ``key`` (its conll document key) is its id: unique in the set."""
    from storyline.analyze.timex import tag_timexes  # not at the top: it loads the TIMEX grammar

    doc_terms = Counter(t.lemma_.lower() for t in doc if t.pos_ in CONTENT_POS and not t.is_stop)
    day = document_date(doc)
    timexes = tag_timexes(doc, day)
    if day is None and (day := document_date(doc, timexes)):
        timexes = tag_timexes(doc, day)  # relative dates ("on Friday") resolved against the dateline
    doc_names = frozenset(e.text.lower() for e in doc.ents if e.label_ in PARTICIPANT_LABELS | PLACE_LABELS)
    mentions = []
    for record in records:
        sentence = int(record["sent_id"])
        try:
            token_spans = [spans[(sentence, int(i))] for i in record["tokens_number"]]
        except KeyError as missing:
            raise CdcrFormatError(f"mention {record['mention_id']}: no token {missing} in the conll") from None
        span = doc.char_span(min(s for s, _ in token_spans), max(e for _, e in token_spans),
                             alignment_mode="expand")
        context_span = _sentence_tokens(doc, spans, sentence)
        head = span.root
        previous = doc[span.start - 1].lower_ if span.start > 0 else ""
        names = frozenset(e.text.lower() for e in context_span.ents if e.label_ in NAME_LABELS)
        places = frozenset(e.text.lower() for e in context_span.ents if e.label_ in PLACE_LABELS)
        participants = frozenset(e.text.lower() for e in context_span.ents if e.label_ in PARTICIPANT_LABELS)
        dates = frozenset(e.text.lower() for e in context_span.ents if e.label_ == "DATE")
        context = frozenset(t.lemma_.lower() for t in context_span
                            if t.pos_ in CONTENT_POS and not t.is_stop and t.i != head.i)
        mentions.append(EventMention(
            id=record["mention_id"], doc_id=key or record["doc_id"], sentence=sentence,
            lemma=phrase_lemma(head, span),
            pos=head.pos_, text=span.text, group=str(record.get("topic", "")),
            context=context, names=names, dates=dates, arguments=arguments(head),
            indefinite=head.pos_ == "NOUN" and previous in INDEFINITE, doc_terms=doc_terms,
            places=places, participants=participants, times=sentence_times(context_span, timexes),
            doc_date=day, doc_names=doc_names,
        ))
    return mentions

"""Quotes that news pages show without a cue verb: embedded posts ("… pic.twitter.com/x — BC Hydro
(@bchydro) December 22, 2018"), pull quotes ("It's very bad for our seniors. Rod Peters, mayor")
and headlines that lead with their speaker ("Pence: Flowers Won't Be at Debate.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

_PARAGRAPH = re.compile(r"[^\n]+")
# "— Name (@handle) Month D, YYYY" closing an embedded post.
_POST_SIGNATURE = re.compile(r"\s+[—–-]\s+(?P<name>[^()\n@]{2,60}?)\s+\(@\w+\)[^\n]*$")
_POST_LINK = re.compile(r"\s*(?:#\w*)?(?:pic\.twitter\.com/\S+|https?://t\.co/\S+)")
# "… last sentence. Name[, role]" closing a pull quote.
_LAST_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?P<sig>[^.!?…]{2,80})\.?$")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|Rev|Hon)\.$")
MIN_QUOTE_WORDS = 6
NAME_LABELS = ("PERSON", "ORG")


@dataclass
class EmbeddedQuote:
    start: int
    end: int
    speaker_start: int
    speaker_end: int
    channel: str | None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " .\t":
        end -= 1
    return start, end


def find_embedded_quotes(doc: Doc, text: str) -> list[EmbeddedQuote]:
    """Embedded posts and pull quotes, each a whole paragraph signed by its speaker."""
    ents = {(e.start_char, e.end_char): e.label_ for e in doc.ents if e.label_ in NAME_LABELS}
    ent_starts = {s: (s, e) for s, e in ents}
    found = []
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.span()
        post = _POST_SIGNATURE.search(text, p_start, p_end)
        if post is not None:
            body_end = post.start()
            link = _POST_LINK.search(text, p_start, body_end)
            start, end = _trim(text, p_start, link.start() if link else body_end)
            if len(text[start:end].split()) >= MIN_QUOTE_WORDS:
                found.append(EmbeddedQuote(start, end, post.start("name"), post.end("name"), "X"))
            continue
        pull = _LAST_SENTENCE.search(text, p_start, p_end)
        if pull is None or "/" in pull.group("sig") or _ABBREVIATION.search(text, p_start, pull.start()):
            continue  # "… Minister of Agriculture, Mr. Mundia Sikatana.": no sentence ends at "Mr."
        name = ent_starts.get(pull.start("sig"))
        sig_words = pull.group("sig").split(",")[0]
        if name is None or name[1] - name[0] < len(sig_words.rstrip()):
            continue  # the signature must be a name, optionally followed by ", role"
        start, end = _trim(text, p_start, pull.start())
        described = "," in pull.group("sig")  # "Rod Peters, Lake Cowichan mayor"
        if len(text[start:end].split()) >= MIN_QUOTE_WORDS and (described or _quoted_or_repeated(text, start, end)):
            found.append(EmbeddedQuote(start, end, name[0], name[1], None))
    headline = _headline_quote(doc, text, ents)
    return ([headline] if headline else []) + found


_MARKS = "\"“”‘’«»"
_ECHO_CHARS = 40


def _quoted_or_repeated(text: str, start: int, end: int) -> bool:
    """Whether a paragraph signed by a bare name is a quote: in quotation marks, or a pull quote that
    repeats words the article quotes elsewhere. An unmarked paragraph said once and ending in a bare name
    is the item's byline (a news roundup's "… Peter Weber")."""
    body = text[start:end]
    if any(c in _MARKS for c in body[:2] + body[-2:]):
        return True
    echo = body.strip(_MARKS + " ")[:_ECHO_CHARS].lower()
    return len(echo) >= _ECHO_CHARS // 2 and text.lower().count(echo) > 1  # "… said we have to cut …"


# "“…” ― Name": a quote signed with a dash and its speaker's name, ended by punctuation, the line's
# end or the next quote.
_SIGNED = re.compile(r"[ \t\xa0]*[―—–][ \t\xa0]*(?P<name>[A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){0,4})"
                     r"(?=[ \t\xa0]*(?:[.,;\n“\"‘]|$))")


def signature_after(text: str, end: int) -> tuple[int, int] | None:
    """The name that signs a quote ending at ``end`` ("“…” ― Azucena Gonzàlez"), or None."""
    match = _SIGNED.match(text, end)
    if match is None:
        return None
    name_end = match.end("name")
    while name_end > match.start("name") and text[name_end - 1] in ".":
        name_end -= 1
    return match.start("name"), name_end


def _headline_quote(doc: Doc, text: str, ents: dict[tuple[int, int], str]) -> EmbeddedQuote | None:
    """The title line "Name: what they said" (the name a whole entity, the words a full title)."""
    first = _PARAGRAPH.search(text)
    if first is None or ":" not in first.group():
        return None
    colon = text.index(":", first.start())
    name_start = first.start() + len(first.group()) - len(first.group().lstrip())
    name_end = colon
    if (name_start, name_end) not in ents:
        return None
    start, end = _trim(text, colon + 1, first.end())
    while start < end and text[start].isspace():
        start += 1
    if len(text[start:end].split()) < MIN_QUOTE_WORDS - 2:
        return None
    return EmbeddedQuote(start, end, name_start, name_end, None)

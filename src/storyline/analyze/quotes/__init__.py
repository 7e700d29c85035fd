"""Quotes, cues, speakers and channels: who said what, attributed to canonical names.

Direct quotes come from pairing quote marks (``quotes_marks``); cues, speakers and reported
content from the dependency parse (``quotes_cues``, with beliefs, intentions and findings scored
by ``quotes_learned`` and marked ``attribution="stance"``); the two are joined here into direct,
partial, mixed and indirect quotes, then speakers are resolved (``quotes.speakers``, speech cues ranked by ``quotes.ranker``) and
channels named (``quotes_channels``). Offsets index ``doc.text``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ...model import Entity, Evidence, Quote, QuotedPhrase, Span
from .canonical import link_speakers as link_speakers
from .channels import channel_in
from .cues import FIRST_PERSON, CueFrame, colon_frame, find_cue_frames
from .embeds import EmbeddedQuote, find_embedded_quotes, signature_after
from .lexicon import lexicon
from .marks import ALL_MARKS, MarkedQuote, find_quotes
from .ranker import relative_antecedent
from .sentences import Sentences
from .speakers import RecentSpeaker, SpeakerResolver

_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+")
NAMING_REACH = 60  # characters from a naming verb to the quote it introduces
_PHRASE_KINDS = {"scare": "scare quote", "title": "quoted title"}
_TITLE_LINKS = frozenset({"of", "the", "and", "a", "in", "on", "for", "to"})  # lower case inside titles
CONTINUING_CUES = frozenset({"add", "continue"})  # "he added": the speaker just quoted goes on
MIN_SPEECH_WORDS = 4  # a shorter quoted phrase is a scare quote or title unless a cue claims it
# How each kind of attribution was found, with the confidence it earns.
CONFIDENCE = {"cue": 0.9, "content": 0.85, "colon": 0.85, "signature": 0.8, "continuation": 0.7,
              "indirect": 0.75, "stance": 0.6, "none": 0.4}


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    how: str  # key of CONFIDENCE
    frame: CueFrame | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)
    source: _Draft | None = None  # the quote a continuation continues
    closed: bool = True
    signature: EmbeddedQuote | None = None  # speaker named after an embedded post or pull quote


class _Layout:
    """Paragraph spans (``spans``, ``index``) and sentence bounds of the analysed text."""

    def __init__(self, doc: Doc) -> None:
        self.text = text = doc.text  # Doc.text joins every token on each access
        self.spans = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] or [(0, len(text))]
        self.starts = [s for s, _ in self.spans]
        self.sentences = Sentences(doc)

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)


def _words(text: str, start: int, end: int) -> list[str]:
    return _WORD.findall(text[start:end])


def _is_speech(text: str, mark: MarkedQuote) -> bool:
    """A quoted passage long enough to be speech and not a Title Cased name of a work."""
    words = [w for s, e in mark.fragments for w in _words(text, s, e)]
    if len(words) < MIN_SPEECH_WORDS:
        return False
    inner = text[mark.start : mark.end].strip(ALL_MARKS + " \n\t")
    ends_clause = inner[-1:] in ".!?,…:;"
    if not ends_clause and re.match(r" [a-z]", text[mark.end : mark.end + 2]):
        return False  # 'the “boys will be boys” trope': a quoted phrase used as a modifier
    titled = _titled(words)
    return not (titled and len(words) <= 8 and not ends_clause)


def _titled(words: list[str]) -> bool:
    """Every word capitalised but the small linking ones: the name of a work ("Star Wars")."""
    return all(w[0].isupper() or w.lower() in _TITLE_LINKS for w in words)


def _outside_words(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> int:
    """Words of text[start:end] not inside any covered span, ignoring a leading 'that'."""
    count = 0
    for m in _WORD.finditer(text, start, end):
        if not any(s <= m.start() < e for s, e in covered) and m.group().lower() != "that":
            count += 1
    return count


def _adjacent_mark(text: str, frame: CueFrame, marks: list[MarkedQuote]) -> int | None:
    """Index of the mark that directly follows or precedes the cue, with only punctuation between."""
    first, last = marks[0], marks[-1]
    if frame.end <= first.start and not text[frame.end : first.start].strip(" ,:\n"):
        return 0
    if last.end <= frame.start:
        between = text[last.end : frame.start]
        speaker = frame.speaker
        if speaker is not None:
            # '“…,” Smith said', '“…,” the man said' (the speaker's own first word, if the parser
            # hung words of the quote on it)
            left = speaker.left_edge.idx if speaker.left_edge.idx >= last.end else speaker.idx
            if last.end <= left < frame.start:
                between = text[last.end : left]
        if not between.strip(" ,") and "\n" not in between:  # a cue opening the next paragraph is its own
            return len(marks) - 1
    return None


def _join_frames_and_marks(text: str, frames: list[CueFrame], marks: list[MarkedQuote],
                           speech: set[int]) -> tuple[list[_Draft], set[int]]:
    """Quotes built from cue frames that have content: indirect, mixed, or direct quotes whose
    reported clause is the quoted passage. Returns the drafts and the marks they used."""
    drafts: list[_Draft] = []
    used: set[int] = set()
    for frame in frames:
        if frame.content is None or frame.speaker is None:
            continue
        c_start, c_end = frame.content
        for m in marks:  # '“Frankly,” he said, the plan …': content never starts inside a quote
            if m.start < c_start < m.end:
                c_start = m.start
            if m.start < c_end < m.end:
                c_end = m.end
        touching = [i for i, m in enumerate(marks) if m.start < c_end and c_start < m.end
                    and (i in speech or len(_words(text, m.start, m.end)) >= 2) and i not in used]
        if not touching:
            if _leads_in(text, c_end):
                continue  # "Trump said what will happen next: ‘…’": the quote after the colon is what he said
            if "stance" in frame.tags or "belief" not in frame.tags:
                how = "stance" if "stance" in frame.tags else "indirect"
                # single words quoted inside reported speech ("most of it is “junk” or “spam,”
                # according to Ballmer", "after a ‘productive’ call") are no quotes of their own
                if "naming" not in frame.tags:  # 'called it “false”' quotes the name it gives
                    used.update(i for i, m in enumerate(marks) if c_start <= m.start < c_end)
                drafts.append(_Draft(c_start, c_end, "indirect", how, frame,
                                     _around_cue(text, frame, c_start, c_end)))
            continue
        adjacent = _adjacent_mark(text, frame, [marks[i] for i in touching])
        if adjacent is not None:
            # 'said: “…”' or '“…,” she said': the quote is the utterance; words the parse hung
            # on after it ("…, suggesting that …") are not part of it.
            i = touching[adjacent]
            used.add(i)
            drafts.append(_Draft(marks[i].start, marks[i].end, "direct", "cue", frame,
                                 marks[i].fragments, closed=marks[i].closed))
            continue
        spans = [(marks[i].start, marks[i].end) for i in touching]
        used.update(touching)
        if _outside_words(text, c_start, c_end, spans) == 0:
            for i in touching:
                m = marks[i]
                drafts.append(_Draft(m.start, m.end, "direct", "content", frame, m.fragments,
                                     closed=m.closed))
        else:
            start = min([c_start] + [s for s, _ in spans])
            end = max([c_end] + [e for _, e in spans])
            if "object" in frame.tags and 2 * sum(len(_words(text, s, e)) for s, e in spans) < len(
                    _words(text, start, end)):
                frame = replace(frame, tags=frame.tags - {"listed"})  # "a video of a car taking “snow laps”"
            drafts.append(_Draft(start, end, "mixed", "cue", frame, _around_cue(text, frame, start, end)))
    return drafts, used


_LEAD_IN = re.compile(r"\s*:\s*[" + re.escape(ALL_MARKS) + "]")


def _leads_in(text: str, end: int) -> bool:
    """Whether reported content ending at ``end`` only introduces a quote after a colon."""
    return _LEAD_IN.match(text, end) is not None


_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "conj", "advcl", "punct", "cc", "oprd"})
_RELATIVE_WORDS = frozenset({"what", "that", "which", "who", "whom", "whose", "where", "when", "how", "why"})


def _around_cue(text: str, frame: CueFrame, start: int, end: int) -> list[tuple[int, int]]:
    """The two pieces of reported content around a cue set inside it ("Some hid under desks,
    he said, but one person ran to the roof"); no pieces when the cue is at an edge."""
    left, right = frame.start, frame.end
    if frame.speaker is not None:  # "Rutledge said", "according to the Globe report"
        last = frame.speaker.right_edge
        left, right = min(left, frame.speaker.left_edge.idx), max(right, last.idx + len(last))
    # the cue's own words after it ("he told reporters", "she said on Tuesday") are no content
    for tok in frame.cue:
        for child in tok.children:
            if child.i > tok.i and child.dep_ not in _CONTENT_DEPS:
                edge = child.right_edge
                if edge.idx + len(edge) < end:
                    right = max(right, edge.idx + len(edge))
    if not start < left or not right < end:
        return []
    before_end = len(text[start:left].rstrip(" ,—–-")) + start
    after_start = end - len(text[right:end].lstrip(" ,—–-"))
    if before_end <= start or after_start >= end:
        return []
    # "what members said was a lack of transparency": a relative word before the cue stands for
    # what is described, and is no piece of content ("That, she said, is why …" is)
    if any(len(w) == 1 and w[0].lower() in _RELATIVE_WORDS and w[0] != "That"
           for w in (_words(text, start, before_end), _words(text, after_start, end))):
        return []
    return [(start, before_end), (after_start, end)]


def _nearby_frame(doc: Doc, mark: MarkedQuote, frames: list[CueFrame], layout: _Layout,
                  taken: set[int]) -> tuple[CueFrame, str] | None:
    """The cue of a quote from the words around it: '“…,” she said', 'she said: “…”'."""
    text = layout.text
    para = layout.index(mark.start)
    p_start, p_end = layout.spans[para]
    # The cue may sit in the sentence of the closing mark or, when the parser split there, in the
    # next one ('“… word.” the mayor said.').
    rest = text[mark.end : mark.end + 200]
    next_word = mark.end + len(rest) - len(rest.lstrip())
    sent_end = max(mark.end, layout.sentences.around(mark.end - 1)[1], layout.sentences.around(next_word)[1])
    after = [f for f in frames if mark.end <= f.start < min(sent_end, p_end) and f.speaker is not None
             and id(f) not in taken]
    if after:
        return after[0], "cue"
    sent_start = layout.sentences.around(mark.start)[0]
    lead = text[p_start : mark.start].rstrip()
    window_start = max(p_start, sent_start)
    if lead.endswith(":"):
        window_start = p_start
    elif not lead and para > 0:
        prev_start, prev_end = layout.spans[para - 1]
        if text[prev_start:prev_end].rstrip().endswith(":"):
            window_start, lead = prev_start, ":"
    before = [f for f in frames if window_start <= f.start and f.end <= mark.start
              and f.speaker is not None and (id(f) not in taken or lead.endswith(":"))]
    if before:
        return before[-1], "colon" if lead.endswith(":") else "cue"
    if lead.endswith(":"):
        colon = colon_frame(doc, text.rindex(":", 0, mark.start))
        if colon is not None:
            return colon, "colon"
    return None


def _naming_frame(mark: MarkedQuote, frames: list[CueFrame], layout: _Layout) -> CueFrame | None:
    """'called the allegation “false”': a short quote closely after a naming verb is the speaker's."""
    sent_start = max(layout.sentences.around(mark.start)[0],
                     layout.spans[layout.index(mark.start)][0])
    for frame in reversed(frames):
        if frame.end > mark.start:
            continue
        if frame.start < sent_start or mark.start - frame.end > NAMING_REACH:
            return None
        if "naming" in frame.tags and frame.speaker is not None:
            return frame
    return None


def _attribute_marks(doc: Doc, marks: list[MarkedQuote], frames: list[CueFrame], speech: set[int],
                     used: set[int], drafts: list[_Draft], layout: _Layout) -> list[_Draft]:
    """Direct quotes for the speech-like marks not already joined to a cue frame."""
    text = layout.text
    taken = {id(d.frame) for d in drafts if d.frame is not None}
    out: list[_Draft] = []
    for i, mark in enumerate(marks):
        if i in used:
            continue
        if i not in speech:
            # a short quote counts when its cue is right after it ('“You're short,” Bardos
            # blurted out') or a naming verb just before it ('called it “false”')
            after = next((f for f in frames if f.start >= mark.end and f.speaker is not None
                          and _adjacent_mark(text, f, [mark]) is not None), None)
            if after is not None and text[mark.start : mark.end].rstrip("”’\"'»")[-1:] in ",.!?":
                out.append(_Draft(mark.start, mark.end, "direct", "cue", after, mark.fragments))
                continue
            naming = _naming_frame(mark, frames, layout)
            if naming is not None:
                out.append(_Draft(mark.start, mark.end, "partial", "cue", naming, mark.fragments))
            continue
        signed = signature_after(text, mark.end)
        found = None if signed else _nearby_frame(doc, mark, frames, layout, taken)
        if signed is not None:
            signature = EmbeddedQuote(mark.start, mark.end, *signed, None)
            out.append(_Draft(mark.start, mark.end, "direct", "signature", fragments=mark.fragments,
                              closed=mark.closed, signature=signature))
        elif found is not None:
            frame, how = found
            between = text[frame.end : mark.start].strip(" ,:\n")
            kind = "partial" if how == "cue" and frame.end <= mark.start and between else "direct"
            out.append(_Draft(mark.start, mark.end, kind, how, frame, mark.fragments,
                              closed=mark.closed))
        else:
            out.append(_Draft(mark.start, mark.end, "direct", "none", None, mark.fragments,
                              closed=mark.closed))
    return out


def _link_continuations(text: str, drafts: list[_Draft], layout: _Layout) -> list[_Draft]:
    """An unattributed quote that opens a sentence right after an attributed quote (same or next
    paragraph) continues the same speaker. Unattributed quoted phrases inside a sentence ("the
    “boys will be boys” trope") and headline-like lines without end punctuation are dropped."""
    previous: _Draft | None = None
    kept = []
    for draft in drafts:
        if draft.how == "none":
            lead = text[layout.spans[layout.index(draft.start)][0] : draft.start].rstrip()
            if lead and lead[-1].isalnum():
                continue
            if text[draft.start : draft.end].rstrip("”’\"'»“‘ ")[-1:] not in ".!?,…":
                continue  # a headline ("READ MORE: ‘It becomes a nightmare’"), not speech
            gap = layout.index(draft.start) - layout.index(previous.end) if previous else 9
            if previous is not None and gap <= 1 and (
                    not lead or gap == 0):
                draft.how, draft.source = "continuation", previous.source or previous
        if draft.how != "none":
            previous = draft
        kept.append(draft)
    return kept


def _join_interrupted(drafts: list[_Draft], layout: _Layout) -> list[_Draft]:
    """'“We will appeal,” she said. “The ruling is wrong.”': a quote its own cue interrupts is one
    quote of two fragments, as one attribution (the pieces stay in ``fragments``)."""
    kept: list[_Draft] = []
    for draft in drafts:
        previous = kept[-1] if kept else None
        frame = previous.frame if previous is not None else None
        if (previous is not None and frame is not None and draft.how == "continuation"
                and draft.source is previous and previous.kind == "direct" and draft.kind == "direct"
                and layout.index(previous.start) == layout.index(draft.start)
                and previous.end <= frame.start and frame.end <= draft.start
                # nothing but the cue's sentence between the pieces ("…,” she said. Jones shook his head. “…")
                and not layout.text[max(frame.end, layout.sentences.around(frame.end - 1)[1]) : draft.start].strip()):
            previous.fragments = (previous.fragments or [(previous.start, previous.end)]) + (
                draft.fragments or [(draft.start, draft.end)])
            previous.end = draft.end
            previous.closed = previous.closed and draft.closed
            continue
        kept.append(draft)
    return kept


def _drop_nested(drafts: list[_Draft]) -> list[_Draft]:
    """Resolve overlaps: a direct quote wins over reported speech it overlaps; reported speech
    nested in another's report ("X said that Y told her that …") is kept as its own quote."""
    drafts.sort(key=lambda d: (d.start, -d.end))
    kept: list[_Draft] = []
    for draft in drafts:
        if kept and draft.start < kept[-1].end:
            if (draft.kind == "indirect" and kept[-1].kind == "indirect" and draft.end <= kept[-1].end
                    and draft.how != "stance"):  # a belief inside a report is part of what was said
                if kept[-1].how == "stance" and _same_speaker(draft, kept[-1]):
                    kept[-1] = draft  # "went on to say that …": the saying is the attribution
                else:
                    kept.append(draft)
                continue
            if (draft.frame is not None and "naming" in draft.frame.tags and kept[-1].kind in ("mixed", "indirect")
                    and draft.end <= kept[-1].end and kept[-1].frame is not draft.frame):
                kept.append(draft)  # "said he was in tears in what he called “the loneliest moment”"
                continue
            post = kept[-1].signature
            if (draft.kind == "indirect" and post is not None and post.channel is not None
                    and draft.end <= kept[-1].end):
                kept.append(draft)  # an embedded post that reports speech: "… but the union says …"
                continue
            if draft.kind == "indirect":
                continue
            if kept[-1].kind == "indirect":
                kept[-1] = draft
                continue
            if draft.end <= kept[-1].end:
                continue
        kept.append(draft)
    return kept


def _joins(text: str, i: int) -> bool:
    """Whether the characters at ``i - 1`` and ``i`` belong to one word ("e-tailer", "co-op")."""
    if i <= 0 or i >= len(text):
        return False
    a, b = text[i - 1], text[i]
    if a.isalnum() and b.isalnum():
        return True
    hyphen_after = b == "-" and a.isalnum() and i + 1 < len(text) and text[i + 1].isalnum()
    hyphen_before = a == "-" and b.isalnum() and i >= 2 and text[i - 2].isalnum()
    return hyphen_after or hyphen_before


_PAIRS = {"“": "”", "‘": "’", "«": "»"}


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened so that it neither starts nor ends inside a word ("tailer was" from "e-tailer")
    nor inside a quotation it opens (the outlook was “encouraging” with its closing mark)."""
    while _joins(text, start):
        start -= 1
    while _joins(text, end):
        end += 1
    span = text[start:end]
    for opener, closer in _PAIRS.items():
        if span.count(opener) > span.count(closer):
            tail = re.match(r"[.,;:!?…]?" + re.escape(closer), text[end : end + 3])
            if tail is not None:
                end += tail.end()
    return start, end


def quoted_phrases(text: str, quotes: list[Quote]) -> list[QuotedPhrase]:
    """The quotation marks no quote claimed: scare quotes and titles, marked as such. Marks inside
    reported speech count too (he will meet Putin "after a ‘productive’ call"); a mixed quote's
    marks are its speaker's words."""
    claimed = [(q.start, q.end) for q in quotes if q.kind != "indirect"]
    phrases = []
    for mark in find_quotes(text):
        if any(s < mark.end and mark.start < e for s, e in claimed):
            continue
        inner = text[mark.start : mark.end].strip(ALL_MARKS + " \n\t.,;:!?")
        words = _WORD.findall(inner)
        if not words:
            continue
        titled = len(words) > 1 and _titled(words)
        kind = "title" if titled else "scare"
        phrases.append(QuotedPhrase(text[mark.start : mark.end], mark.start, mark.end, kind,  # type: ignore[arg-type]
                                    [Evidence(source="rule", confidence=0.6, start=mark.start, end=mark.end,
                                              reason=f"{_PHRASE_KINDS[kind]}: no cue or speaker claims these words")]))
    return phrases


def _same_speaker(a: _Draft, b: _Draft) -> bool:
    return (a.frame is not None and b.frame is not None and a.frame.speaker is not None
            and b.frame.speaker is not None and a.frame.speaker.i == b.frame.speaker.i)


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Every quote of ``doc`` with its cue, speaker, canonical speaker, channel and confidence."""
    text = doc.text
    if not text.strip():
        return []
    lex = lexicon()
    layout = _Layout(doc)
    marks = find_quotes(text)
    quoted = [(m.start, m.end) for m in marks]
    starts = [s for s, _ in quoted]

    def inside_quote(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and quoted[i][0] < pos < quoted[i][1]

    # Reported speech inside a quotation belongs to the quote, not to the article.
    frames = find_cue_frames(doc, lex, inside_quote)
    speech = {i for i, m in enumerate(marks) if _is_speech(text, m)}
    drafts, used = _join_frames_and_marks(text, frames, marks, speech)
    # a stance verb reports a belief or intention, not the quoted words around it
    speech_frames = [f for f in frames if "stance" not in f.tags]
    drafts += _attribute_marks(doc, marks, speech_frames, speech, used, drafts, layout)
    drafts += [_Draft(e.start, e.end, "direct", "signature", signature=e)
               for e in find_embedded_quotes(doc, text)]
    drafts = [d for d in drafts if not _in_link_line(d, layout, lex.link_labels)]
    drafts = _join_interrupted(_link_continuations(text, _drop_nested(drafts), layout), layout)
    # The writer's own voice ("“…,” I said" and what follows it) is not a quote of anyone
    # reported on.
    drafts = [d for d in drafts if not _is_authors(d.source or d)]
    return _build_quotes(doc, entities, drafts, quoted, layout)


_LABEL = re.compile(r"\s*([A-Za-z][A-Za-z ]{1,24}?)\s*:")


def _in_link_line(draft: _Draft, layout: _Layout, labels: frozenset[str]) -> bool:
    """Whether the quote sits in a line linking to another story ("READ MORE: …, minister says")."""
    start, end = layout.spans[layout.index(draft.start)]
    label = _LABEL.match(layout.text, start, end)
    return label is not None and label.group(1).lower() in labels


def _reports_stance(kind: str, tags: frozenset[str]) -> bool:
    """Whether a quote reports a belief, intention or finding rather than speech: anything a stance
    frame yields, except words quoted after a listed cue ("believed it acted “improperly”")."""
    return "stance" in tags and (kind == "indirect" or "listed" not in tags)


def _is_authors(draft: _Draft) -> bool:
    frame = draft.frame
    return frame is not None and frame.speaker is not None and frame.speaker.lower_ in FIRST_PERSON


def _build_quotes(doc: Doc, entities: list[Entity], drafts: list[_Draft],
                  quoted: list[tuple[int, int]], layout: _Layout) -> list[Quote]:
    text = layout.text
    lex = lexicon()
    resolver = SpeakerResolver(doc, entities, lex, layout.index, layout.sentences)
    recent: list[RecentSpeaker] = []
    built: dict[int, Quote] = {}
    quotes = []
    for draft in drafts:
        draft.start, draft.end = whole_words(text, draft.start, draft.end)
        quote = Quote(text=text[draft.start : draft.end], start=draft.start, end=draft.end,
                      kind=draft.kind, confidence=CONFIDENCE[draft.how])  # type: ignore[arg-type]
        if len(draft.fragments) > 1:
            quote.fragments = [Span(text[s:e], s, e) for s, e in draft.fragments]
        frame = draft.frame
        if frame is not None and _reports_stance(draft.kind, frame.tags):
            quote.attribution = "stance"
        if frame is not None:
            quote.cue = Span(text[frame.start : frame.end], frame.start, frame.end)
            head = frame.speaker
            if head is not None:
                # "Kamin, who emphasized …": the speaker in the text is "who", standing for Kamin
                quote.speaker = resolver.phrase(_relative_subject(frame) or head)
                continues = frame.cue[0].lemma_.lower() in CONTINUING_CUES
                quote.speaker_entity = resolver.resolve(head, recent, continues) or resolver.unresolved_name(head)
            addressee = frame.addressee
            if addressee is not None:  # a pronoun object is left as written: "told him"
                resolved = None if addressee.pos_ == "PRON" else resolver.resolve(addressee, recent)
                quote.addressee = resolved or resolver.phrase(addressee).text
            quote.channel = _channel(frame, quoted, layout)
        elif draft.signature is not None:
            signed = draft.signature
            quote.speaker = Span(text[signed.speaker_start : signed.speaker_end], signed.speaker_start,
                                 signed.speaker_end)
            name = doc.char_span(signed.speaker_start, signed.speaker_end, alignment_mode="expand")
            resolved = resolver.resolve(name.root, recent) if name is not None else None
            quote.speaker_entity = resolved or quote.speaker.text
            quote.channel = signed.channel
        elif draft.source is not None and id(draft.source) in built:
            # the continuation's speaker is the mention that introduced the quote it continues
            source = built[id(draft.source)]
            quote.speaker, quote.speaker_entity = source.speaker, source.speaker_entity
            quote.channel = source.channel
        if not draft.closed:
            quote.confidence = round(quote.confidence * 0.8, 2)
        quote.evidence = [Evidence(source="model" if draft.how == "stance" else "rule",
                                   confidence=quote.confidence, start=draft.start,
                                   end=draft.end, reason=f"{draft.kind} quote via {draft.how}")]
        if frame is not None and frame.speaker_score is not None and quote.speaker is not None:
            quote.evidence.append(Evidence(source="model", confidence=frame.speaker_score,
                                           start=quote.speaker.start, end=quote.speaker.end,
                                           reason="speaker chosen by the candidate ranker"))
        # pronouns refer back to people quoted, not to holders of beliefs ("polls show …")
        if quote.speaker_entity and quote.attribution == "speech":
            head = frame.speaker if frame is not None else None
            recent.append(RecentSpeaker(quote.speaker_entity, draft.end, layout.index(draft.start),
                                        head is None or resolver.is_person(head)))
        built[id(draft)] = quote
        quotes.append(quote)
    return quotes


def _relative_subject(frame: CueFrame) -> Token | None:
    """The relative pronoun that is the cue's subject when the speaker is its antecedent, else None."""
    cue = frame.cue[0]
    if frame.speaker is None or cue.dep_ != "relcl" or cue.head.i != frame.speaker.i:
        return None
    return next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and relative_antecedent(c) is not None),
                None)


OWN_CLAUSES = frozenset({"advcl", "ccomp", "relcl", "parataxis", "conj", "acl"})


def _other_clauses(frame: CueFrame, sent_start: int, sent_end: int) -> list[tuple[int, int]]:
    """The parts of the cue's sentence that are not the cue's own words: outside its phrase, and
    clauses under it with a subject of their own ("Scheer insists …" is not "on Twitter" because a
    clause in dashes says Rempel called someone a name on Twitter)."""
    cue = frame.cue[0]
    doc = cue.doc
    first, last = doc[cue.left_edge.i], doc[cue.right_edge.i]
    spans = [(sent_start, first.idx), (last.idx + len(last), sent_end)]
    for child in cue.children:
        if child.dep_ in OWN_CLAUSES and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            end = doc[child.right_edge.i]
            spans.append((doc[child.left_edge.i].idx, end.idx + len(end)))
    return spans


def _channel(frame: CueFrame, quoted: list[tuple[int, int]], layout: _Layout) -> str | None:
    """A channel named in the cue's sentence; for written cues ("Trump wrote:") one named in the
    paragraph before."""
    lex = lexicon()
    sent_start, sent_end = layout.sentences.around(frame.start)
    text = layout.text
    channel = channel_in(text, sent_start, sent_end, quoted + _other_clauses(frame, sent_start, sent_end), lex)
    if channel is None and "write" in frame.tags:
        para = layout.index(frame.start)
        if para > 0:
            p_start = layout.spans[para - 1][0]
            channel = channel_in(text, p_start, sent_end, quoted, lex)
    return channel

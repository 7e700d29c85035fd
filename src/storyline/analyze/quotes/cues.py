"""Find attribution frames in a parsed Doc: a cue (verb or "according to"), its speaker token and
the reported content, read off spaCy's dependency parse."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..nlp import parse_many
from .learned import attribution_model, make_candidate
from .lexicon import QuoteLexicon
from .ranker import SpeakerCandidate, candidates, speaker_model
from .repairs import (
    adjacent_name,
    names_the_object,
    parenthetical_lead,
    trailing_attribution,
    with_absolute_subject,
)

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Dependents through which a participle or coordinated cue shares its head verb's subject.
SHARED_SUBJECT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "dep"}
MIN_CONTENT_TOKENS = 3
NEW_SPEAKER_SCORE = 0.5  # the ranker's least probability for a speaker the rules did not find
FIRST_PERSON = {"i", "we", "me", "us"}
_WORD = re.compile(r"\w+")
_ACCORDING = re.compile(r",?\s+according to\b", re.IGNORECASE)


@dataclass
class CueFrame:
    """One attribution: the cue tokens, the speaker's head token and the content's char span."""

    cue: list[Token]
    speaker: Token | None
    content: tuple[int, int] | None
    tags: frozenset[str]
    addressee: Token | None = None  # "told Putin", "said to reporters"
    speaker_score: float | None = None  # the ranker's probability for the speaker it chose

    @property
    def start(self) -> int:
        return self.cue[0].idx

    @property
    def end(self) -> int:
        return self.cue[-1].idx + len(self.cue[-1])


def subject_of(verb: Token, quoted: Callable[[int], bool], depth: int = 0) -> Token | None:
    """The token that does the saying: the verb's subject, a passive's agent, the noun a relative
    clause or participle hangs on, or (for "…, adding that") the head verb's subject.

    ``quoted(char_offset)`` tells whether a position is inside quotation marks: a subject found
    there ("‘we need …,’ suggesting that") belongs to the quote, so the search moves up a level.
    """
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return pobj
        if child.dep_ in SUBJECTS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            if quoted(child.idx):
                return subject_of(verb.head, quoted, depth + 1) if depth < 3 else None
            return _name_next_to_verb(child, verb)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "the topics discussed", "the plan announced by the minister": the noun is what was
            # said; only a by-agent says it
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        return verb.head
    absolute = with_absolute_subject(verb)
    if absolute is not None:
        return absolute
    if verb.dep_ == "xcomp":
        # object control: "prompting the city to urge residents …" → the city urges
        controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if controller is not None:
            return controller
    if verb.dep_ in SHARED_SUBJECT_DEPS and verb.head is not verb and depth < 3:
        if verb.dep_ == "conj" and verb.tag_ != "VBN":
            # "He was arrested and told reporters …": an active verb joined to a passive one
            # shares its subject, not its (missing) agent
            patient = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
            if patient is not None and not any(c.dep_ == "agent" for c in verb.head.children):
                return patient if not quoted(patient.idx) else None
        return subject_of(verb.head, quoted, depth + 1)
    return None


def _name_next_to_verb(subject: Token, verb: Token) -> Token:
    """The subject, or the name the parser hung on it as an apposition right before the verb: in
    "targeting captain Stephen Fleming, Glenn McGrath has revealed" McGrath does the revealing."""
    first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i])
    if subject.pos_ != "PROPN":
        # "any of his MPs — Calgary MP Michelle Rempel — called …": the name in apposition speaks
        named = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN" and subject.i < c.i < verb.i]
        # not "a spokeswoman for the governor, Andrew Cuomo": the name there may be the governor's
        if len(named) == 1 and subject.pos_ in ("PRON", "NOUN") and not names_the_object(
                subject.doc, named[0].left_edge.i):
            return named[0]
        return _name_set_off_before(subject, first) if subject.pos_ == "NOUN" else subject
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > subject.i and child.right_edge.i + 1 == first:
            return child
    return subject


def _name_set_off_before(subject: Token, first: int) -> Token:
    """'Her co-star, Tom Hanks, wrote …': a name between commas right before the verb (at
    ``first``) describes a noun subject however the parser hung it; that name speaks."""
    doc = subject.doc
    end = first - 1
    if end <= subject.i or doc[end].text != ",":
        return subject
    start = end
    while start - 1 > subject.i and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    # "A spokeswoman for the governor, Andrew Cuomo, said": the name describes the governor
    if start < end and doc[start - 1].text == "," and not names_the_object(doc, start):
        return doc[end - 1]
    return subject


def _issuer(speaker: Token | None, lexicon: QuoteLexicon) -> Token | None:
    """'Amazon issued a separate statement saying …': a statement, post or release speaks for
    whoever issued it, the subject of the verb it is the object of."""
    if speaker is None or speaker.pos_ != "NOUN" or speaker.lemma_.lower() not in lexicon.proxies:
        return speaker
    if speaker.dep_ != "dobj" or any(c.dep_ == "poss" for c in speaker.children):
        return speaker  # "his statement": the resolver reads the owner
    subject = next((c for c in speaker.head.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.pos_ in ("PROPN", "NOUN", "PRON") else speaker


def _addressee(verb: Token, tags: frozenset[str]) -> Token | None:
    """Whom the words were for: the object of 'told'/'urged', or 'to' someone ("said to reporters")."""
    for child in verb.children:
        if ("addressed" in tags and child.dep_ in ("dobj", "dative")
                and child.pos_ in ("PROPN", "PRON", "NOUN")):
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "PRON", "NOUN"):
                return pobj
    return None


def _span_of(tokens: list[Token]) -> tuple[int, int] | None:
    """Char span of tokens, trimmed of edge punctuation; None when too short to be content."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if len(words) < MIN_CONTENT_TOKENS:
        return None
    first, last = words[0], words[-1]
    return first.idx, last.idx + len(last)


def _subtree_tokens(token: Token) -> list[Token]:
    return list(token.doc[token.left_edge.i : token.right_edge.i + 1])


def _named_as(verb: Token) -> tuple[int, int] | None:
    """What a naming verb calls something: "called the program [one of the biggest …]",
    "described her as [the children's mother]"."""
    # "called Immigration Minister Ahmed Hussen a “chicken”" can come out with two predicates: the
    # name is the last one
    for child in reversed(list(verb.children)):
        if child.dep_ == "oprd":
            tokens = _subtree_tokens(child)
        elif child.dep_ == "prep" and child.lower_ == "as":
            tokens = [t for t in _subtree_tokens(child) if t.i > child.i]
        else:
            continue
        words = [t for t in tokens if not t.is_punct]
        if words:
            return words[0].idx, words[-1].idx + len(words[-1])
    return None


TIME_MARKS = {"before", "after", "when", "while", "as", "until"}
# Words of a time still to come: "said next year it would hire 500 workers" dates the hiring.
AHEAD = frozenset({"next", "coming", "within", "by", "until", "later", "following", "tomorrow", "soon"})


def _without_cue_time(clause: Token) -> list[Token]:
    """The reported clause, less a past-tense time clause the parser hung on a future one:
    "revealed that the pair will meet [before he spoke at a press conference]" dates the revealing."""
    tokens = _subtree_tokens(clause)
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in clause.children):
        return tokens
    for child in clause.children:
        if (child.dep_ == "advcl" and child.i > clause.i and child.tag_ == "VBD"
                and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in child.children)):
            return [t for t in tokens if t.i < child.left_edge.i]
    return tokens


def _without_leading_time(clause: Token, tokens: list[Token]) -> list[Token]:
    """The reported clause less the cue's own time the parser put before its subject: "said [on
    Tuesday] he would meet Xi" dates the saying, not the meeting."""
    subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return tokens
    leading = [t for t in tokens if t.i < subject.left_edge.i]
    if leading and any(t.ent_type_ in ("DATE", "TIME") for t in leading) and all(
            t.ent_type_ in ("DATE", "TIME") or t.is_punct or (t.pos_ == "ADP" and t.dep_ == "prep")
            for t in leading) and not any(t.lower_ in AHEAD or t.like_num for t in leading):
        return [t for t in tokens if t.i >= subject.left_edge.i]
    return tokens



def _clause_content(verb: Token, tags: frozenset[str]) -> tuple[int, int] | None:
    """The reported clause of a cue verb: its ccomp (or to-infinitive for verbs like 'urge')."""
    if "naming" in tags:
        return _named_as(verb)
    if "direct" in tags:
        return None  # "asked how long": introduces quoted words only
    if any(c.dep_ == "intj" and c.i == verb.i + 1 for c in verb.children):
        return None  # "said no when reporters asked …": the answer is the interjection
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and (
        c.pos_ in ("VERB", "AUX") or any(s.dep_ in SUBJECTS for s in c.children))]
    for child in clauses[:1]:
        tokens = _without_leading_time(child, _without_cue_time(child))
        # "It means some participants moved …, researchers say" can come out as two clauses of a
        # closing cue: the content runs over both
        last = next((c for c in reversed(clauses[1:]) if c.i < verb.i), None) if child.i < verb.i else None
        if last is not None and tokens and all(
                t.text in (",", "—", "–") for t in verb.doc[child.right_edge.i + 1 : last.left_edge.i]):
            tokens = list(verb.doc[tokens[0].i : last.right_edge.i + 1])
        # "insisted the PM’s ‘levelling up’ agenda was on track", parsed with "the PM" as the
        # object of a verb that takes none: the clause starts there
        stray = next((c for c in verb.children if c.dep_ == "dobj" and "addressed" not in tags
                      and c.pos_ in ("NOUN", "PROPN") and verb.i < c.i < child.left_edge.i), None)
        if stray is not None and tokens:
            tokens = list(verb.doc[stray.left_edge.i : tokens[0].i]) + tokens
        return _span_of(tokens)
    if "addressed" in tags:
        # "told the BBC's Today programme that the plan would fail": the parser may hang the clause
        # on the one told
        for obj in verb.children:
            if obj.dep_ not in ("dobj", "dative"):
                continue
            for clause in obj.children:
                if clause.dep_ in ("acl", "relcl") and clause.i > obj.i and any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and any(
                        c.dep_ in SUBJECTS for c in clause.children):
                    return _span_of(_without_cue_time(clause))
    for child in verb.children:
        if child.dep_ != "xcomp":
            continue
        infinitive = any(c.lower_ == "to" for c in child.children)
        # "said having Karlsson back was a boost" is a clause parsed as xcomp
        clause = any(t.dep_ in SUBJECTS for t in child.subtree)
        if (infinitive and "infinitive" in tags) or (clause and not infinitive):
            return _span_of(_subtree_tokens(child))
    # "McNeely said disease can complicate it": the small model sometimes hangs the cue on the
    # reported verb as a modifier; the clause is then what follows the cue.
    # "Chapman admits in this instance, there were fatalities" is parsed the same way, with the cue
    # as a complement of the clause it reports.
    if verb.head.i > verb.i and verb.head.pos_ in ("VERB", "AUX") and (
            verb.dep_ in ("advmod", "amod", "dep")
            or (verb.dep_ == "ccomp" and any(c.dep_ in SUBJECTS for c in verb.children))):
        return _span_of([t for t in _subtree_tokens(verb.head) if t.i > verb.right_edge.i])
    # "The economy is weak, he said." and "The economy, he said, is weak." are parsed with the cue
    # as parataxis of the clause it reports.
    # "It is on his watch, Scheer said, that the country is facing …" reports both sides.
    # "Macharia and colleagues hid, he said, but one ran" may hang the cue on the subject of the
    # clause: the clause is the nearest verb above it.
    if verb.dep_ == "parataxis":
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ in SUBJECTS and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return _span_of([t for t in _subtree_tokens(head)
                             if not verb.left_edge.i <= t.i <= verb.right_edge.i])
    # "One group entered a building, a security professional present during the attack told
    # Reuters." can come out as an adverbial clause: a cue with its own subject, set off by a
    # comma and closing the sentence, reports what comes before it.
    if _closing_clause(verb):
        return _span_of([t for t in _subtree_tokens(verb.head) if t.i < verb.left_edge.i - 1])
    return None


def _closing_clause(verb: Token) -> bool:
    doc = verb.doc
    if verb.dep_ != "advcl" or verb.head.i > verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in verb.children):
        return False  # "after the board told him", "when she said"
    if not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return False
    if verb.left_edge.i < 1 or doc[verb.left_edge.i - 1].text != ",":
        return False
    after = doc[verb.right_edge.i + 1] if verb.right_edge.i + 1 < len(doc) else None
    return after is None or after.is_sent_start or after.text in (".", "!", "?")


def _according_frames(doc: Doc, cues: dict[str, frozenset[str]]) -> list[CueFrame]:
    """'According to X, …' and '…, according to X.': X is the speaker, the clause is the content."""
    frames = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                frames.append(_according_frame(tok, sent, cues))
    return frames


def _according_frame(tok: Token, sent: SpacySpan, cues: dict[str, frozenset[str]]) -> CueFrame:
    """The source is the object of "to"; the content is the rest of the sentence: both sides when the
    phrase sits inside it ("Wilson-Raybould, according to the report, rebuffed the pressure")."""
    to = tok.doc[tok.i + 1]
    speaker = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase_end = max(tok.right_edge.i, to.right_edge.i)
    before = [t for t in sent if t.i < tok.i]
    after = [t for t in sent if t.i > phrase_end]
    # "…, according to the agency, and analysts expect …": a clause joined after the phrase with a
    # cue of its own is not the source's
    if any(t.dep_ == "cc" for t in after[:2]) and any(t.lemma_.lower() in cues for t in after):
        after = []
    words_before = [t for t in before if not t.is_punct and not t.is_space]
    if len(words_before) == 1 and words_before[0].lower_ in ("why", "how", "what", "which", "that", "where"):
        before = words_before = []  # "a key reason why, according to the data, 70 per cent …"
    words_after = [t for t in after if not t.is_punct and not t.is_space]
    # "Police said the suspect, according to witnesses, fled": the words before hold another's report
    reported = any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in cues for t in words_before)
    if (words_before and words_after and not reported and before[-1].text == ","
            and tok.doc[phrase_end + 1].text == ","
            and any(t.pos_ in ("VERB", "AUX") for t in words_before + words_after)
            and not any(t.is_quote for t in tok.doc[tok.i : phrase_end + 2])):  # a title broken by the parse
        content = _span_of(words_before + words_after)
        if content is not None:
            return CueFrame([tok, to], speaker, content, frozenset())
    content = _span_of(after) if len(after) >= len(before) else _span_of(before)
    return CueFrame([tok, to], speaker, content, frozenset())


def _noun_frames(doc: Doc, lexicon: QuoteLexicon, quoted: Callable[[int], bool]) -> list[CueFrame]:
    """'Trump's claim that …', 'came forward with an allegation that …': a reporting noun with a
    that-clause; the speaker is its possessor, a name compounded on it, or the clause's subject."""
    frames = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lexicon.noun_cues or quoted(tok.idx):
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if clause is None:
            continue
        speaker = next((c for c in tok.children if c.dep_ == "poss"
                        or (c.dep_ == "compound" and c.pos_ == "PROPN")), None)
        if speaker is None and tok.dep_ in ("dobj", "pobj"):
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            speaker = subject_of(verb, quoted) if verb.pos_ in ("VERB", "AUX") else None
        if speaker is not None:
            frames.append(CueFrame([tok], speaker, _span_of(_subtree_tokens(clause)), frozenset()))
    return frames


def _frames_in(doc: Doc, text: str, lexicon: QuoteLexicon,
               quoted: Callable[[int], bool]) -> list[CueFrame]:
    frames = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "aux":
            continue
        tags = lexicon.cues.get(tok.lemma_.lower())
        particle = None
        if tags is None and tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ in ("prt", "advmod"):
            particle = doc[tok.i + 1]
            tags = lexicon.cues.get(f"{tok.lemma_.lower()} {particle.lower_}")  # "he went on", "she shot back"
            if tags is None:
                particle = None
        if quoted(tok.idx):
            continue
        if tags is None or "belief" in tags:
            # beliefs, intentions and findings ("polls show that …") only where the model
            # judges the frame an attribution
            learned = _learned_frame(tok, tags, quoted)
            if learned is not None:
                frames.append(learned)
                continue
            if tags is None:
                continue
        elif scored_by_model(tok, tags):
            # "noted Clinton's comments": what a speech verb without a clause was about; the
            # rule frame is kept too, for the quotes around it
            learned = _learned_frame(tok, tags, quoted)
            if learned is not None:
                frames.append(learned)
        deps = {c.dep_ for c in tok.children}
        if deps & {"expl", "neg"} or ("auxpass" in deps and "agent" not in deps):
            continue  # "it is said", "would not say", "having been told": nobody is quoted
        if _passive_participle(tok, tags, deps):
            continue  # "the system, simply called ‘loop’", "was diagnosed and told": passive
        speaker = _issuer(subject_of(tok, quoted) or adjacent_name(tok, quoted), lexicon)
        if "person" in tags and not _person_like(speaker, lexicon):
            continue  # "the shelling went on until dawn" reports nothing
        cue = [tok] + [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
        if particle is not None and len(cue) == 1 and particle.head.i == tok.i:
            cue.append(particle)
        content = _clause_content(tok, tags)
        if content is None and not tags:
            trailing = trailing_attribution(tok, quoted)
            if trailing is not None:
                speaker, content = trailing[0], _span_of(trailing[1])
        elif content is not None and speaker is not None:
            lead = parenthetical_lead(tok, speaker, content[0])
            if len(lead) >= MIN_CONTENT_TOKENS:
                content = (lead[0].idx, content[1])
        frames.append(CueFrame(cue, speaker, content, tags, _addressee(tok, tags)))
    frames.extend(_according_frames(doc, lexicon.cues))
    frames.extend(_noun_frames(doc, lexicon, quoted))
    frames.extend(_mistagged_cue_frames(doc, lexicon, quoted))
    frames.extend(_predicate_noun_frames(doc, lexicon, quoted))
    for frame in frames:
        frame.content = _within_paragraph(text, frame)
    return frames


_NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})


def _person_like(tok: Token | None, lexicon: QuoteLexicon) -> bool:
    """A person, a personal pronoun, a name not typed as a place or thing, or a role ("the minister")."""
    if tok is None:
        return False
    return (tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she", "they", "i", "we")
            or (tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_PEOPLE)
            or tok.lemma_.lower() in lexicon.roles)


def _mistagged_cue_frames(doc: Doc, lexicon: QuoteLexicon, quoted: Callable[[int], bool]) -> list[CueFrame]:
    """'“…,” the post read.': the small tagger reads "post read" as one noun phrase. A sentence-final
    noun spelled like a cue, right after a quote's closing mark and a noun, is that noun's cue."""
    frames = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.i < 3 or quoted(tok.idx):
            continue
        tags = lexicon.cues.get(tok.lemma_.lower())
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if tags is None or "direct" not in tags or (after is not None and after.text not in ".!?"):
            continue
        speaker, det, mark = doc[tok.i - 1], doc[tok.i - 2], doc[tok.i - 3]
        if speaker.pos_ == "NOUN" and det.dep_ == "det" and mark.is_quote and mark.idx > 0 and quoted(mark.idx - 1):
            frames.append(CueFrame([tok], speaker, None, tags))
    return frames


def _predicate_noun_frames(doc: Doc, lexicon: QuoteLexicon, quoted: Callable[[int], bool]) -> list[CueFrame]:
    """'“The best sleigh this Christmas!” was the response of one viewer': quoted words said to be
    someone's reply; the speaker is the noun's possessor or its "of" object."""
    frames = []
    for tok in doc:
        if (tok.pos_ != "NOUN" or tok.dep_ != "attr" or tok.lemma_.lower() not in lexicon.noun_cues
                or tok.head.lemma_ != "be" or quoted(tok.idx)):
            continue
        subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "csubj", "ccomp") and c.i < tok.i),
                       None)
        if subject is None or not (quoted(subject.idx) or quoted(subject.left_edge.idx + 1)):
            continue
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if speaker is None and of is not None:
            speaker = next((c for c in of.children if c.dep_ == "pobj"), None)
        if speaker is not None:
            frames.append(CueFrame([tok], speaker, None, frozenset({"direct"})))
    return frames


def _passive_participle(verb: Token, tags: frozenset[str], deps: set[str]) -> bool:
    """A cue that shares a passive: "the system, simply called ‘loop’", "had been diagnosed and
    told he had months to live" (the spoken-to verb, tagged past tense, with nobody told)."""
    if verb.tag_ in ("VBN", "VBD") and verb.dep_ == "acl" and not any(c.dep_ == "nsubj" for c in verb.children):
        return True  # "different waters added from springs": a participle the tagger may call past tense
    if verb.dep_ != "conj" or not any(c.dep_ == "auxpass" for c in verb.head.children):
        return False
    return verb.tag_ == "VBN" or ("addressed" in tags and not deps & {"nsubj", "dobj", "dative"})


def scored_by_model(verb: Token, tags: frozenset[str] | None) -> bool:
    """Whether the attribution model judges this verb's frame: any verb but a speech cue whose
    clause the rules already read (or that only introduces quoted words or names things)."""
    if tags is None or "belief" in tags:
        return True
    return not tags & {"direct", "naming"} and _clause_content(verb, tags) is None


def _learned_frame(verb: Token, tags: frozenset[str] | None,
                   quoted: Callable[[int], bool]) -> CueFrame | None:
    """The stance frame of a verb when the attribution model accepts it."""
    model = attribution_model()
    if model is None:
        return None
    candidate = make_candidate(verb, subject_of(verb, quoted))
    if candidate is None or not model.accepts(candidate, tags):
        return None
    # "called for", "pointed out": the particle or preposition right after the verb is part of the cue
    cue = [verb] + [c for c in verb.children if c.i == verb.i + 1 and c.dep_ in ("prt", "prep")]
    # "listed": the verb is in the cue list, so words it quotes are speech, not a stance; "object":
    # what it quotes sits in a thing it names ("promised “a full investigation”", "posted a video of a
    # car taking “snow laps”"), speech only when the quoted words are most of it
    tags = frozenset({"stance"}) if tags is None else tags | {"stance", "listed"}
    if candidate.complement not in ("that", "ccomp", "xcomp"):
        tags = tags | {"object"}
    return CueFrame(cue, candidate.speaker, _span_of(candidate.content), tags)


def _misparsed_paragraphs(doc: Doc, text: str, frames: list[CueFrame]) -> list[tuple[int, int]]:
    """Paragraphs whose cue lost its speaker or content because the parser ran a sentence over
    a line break (a heading without a full stop glued to the next paragraph): worth parsing alone."""
    crossing = [(s.start_char, s.end_char) for s in doc.sents if "\n" in s.text.strip()]
    spans: set[tuple[int, int]] = set()
    for frame in frames:
        if not any(s <= frame.start < e for s, e in crossing):
            continue
        start = text.rfind("\n", 0, frame.start) + 1
        end = text.find("\n", frame.end)
        end = len(text) if end < 0 else end
        speaker = frame.speaker
        if frame.content is None or speaker is None or not start <= speaker.idx < end:
            spans.add((start, end))
    return sorted(spans)


def colon_frame(doc: Doc, colon_pos: int) -> CueFrame | None:
    """'Musk took to Twitter with this: “…”': with no cue verb, the subject of the sentence
    that a colon closes introduces the quote."""
    span = doc.char_span(colon_pos, colon_pos + 1)
    if span is None:
        return None
    colon = span[0]
    label = _speaker_label(doc, colon)
    if label is not None:
        return CueFrame([colon], label, None, frozenset({"direct"}))
    # the subject nearest before the colon: "… when Musk took to Twitter with this:"
    for tok in reversed(doc[max(0, colon.i - 40) : colon.i]):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("PROPN", "PRON", "NOUN"):
            return CueFrame([colon], tok, None, frozenset({"direct"}))
        if tok.is_sent_start:
            break
    return None


MAX_LABEL_TOKENS = 16


def _speaker_label(doc: Doc, colon: Token) -> Token | None:
    """The name ending a transcript label that opens its line ("Secretary of the Air Force James
    Roche: “No, Sir …”", "McCAIN: “…”"): no verb before the colon, a proper name right before it."""
    text = doc.text
    line_start = text.rfind("\n", 0, colon.idx) + 1
    label = [t for t in doc[max(0, colon.i - MAX_LABEL_TOKENS) : colon.i] if t.idx >= line_start]
    words = [t for t in label if not t.is_punct and not t.is_space]
    if not words or len(label) >= MAX_LABEL_TOKENS or text[line_start : colon.idx].count(" ") >= MAX_LABEL_TOKENS:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in words) or label[0].idx - line_start > 2:
        return None
    last = words[-1]
    return last if last.pos_ == "PROPN" and last.i == colon.i - 1 else None


def _rebase(frame: CueFrame, doc: Doc, offset: int) -> CueFrame | None:
    """A frame found in a paragraph parsed alone, moved onto ``doc``'s tokens and offsets."""

    def token_at(tok: Token | None) -> Token | None:
        if tok is None:
            return None
        span = doc.char_span(tok.idx + offset, tok.idx + offset + len(tok), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    cue = [t for t in (token_at(t) for t in frame.cue) if t is not None]
    if not cue:
        return None
    content = None if frame.content is None else (frame.content[0] + offset, frame.content[1] + offset)
    return CueFrame(cue, token_at(frame.speaker), content, frame.tags, token_at(frame.addressee))


def find_cue_frames(doc: Doc, lexicon: QuoteLexicon, quoted: Callable[[int], bool]) -> list[CueFrame]:
    """Every attribution frame in ``doc`` whose cue is outside quotation marks, in text order."""
    text = doc.text
    frames = _frames_in(doc, text, lexicon, quoted)
    misparsed = _misparsed_paragraphs(doc, text, frames)
    frames = [f for f in frames if not any(s <= f.start < e for s, e in misparsed)]
    reparsed = parse_many(text[start:end] for start, end in misparsed)
    for (start, _), paragraph in zip(misparsed, reparsed, strict=True):
        in_quote = lambda pos, start=start: quoted(pos + start)  # noqa: E731
        for frame in _frames_in(paragraph, paragraph.text, lexicon, in_quote):
            rebased = _rebase(frame, doc, start)
            if rebased is not None:
                frames.append(rebased)
    frames.sort(key=lambda f: f.start)
    rank_speakers(doc, frames, lexicon, quoted)
    for frame in frames:
        speaker = frame.speaker
        if speaker is not None and speaker.pos_ == "NOUN" and speaker.lemma_.lower() in lexicon.beliefs:
            frame.tags = frame.tags | {"stance"}  # "a common belief says …" is a stance, not speech
    return frames


def sentence_bounds(doc: Doc) -> Callable[[Token], tuple[int, int]]:
    """Token-index bounds of the sentence around a token (without Token.sent, which scans the Doc)."""
    parsed = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    starts = [s.start for s in doc.sents] if parsed and len(doc) else [0]
    ends = starts[1:] + [len(doc)]

    def around(tok: Token) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(starts, tok.i) - 1)
        return starts[i], ends[i]

    return around


def speaker_candidates(frame: CueFrame, bounds: Callable[[Token], tuple[int, int]], lexicon: QuoteLexicon,
                       quoted: Callable[[int], bool]) -> list[SpeakerCandidate] | None:
    """The ranker's candidates for a speech verb's speaker (the rule's pick among them when it made
    one); None for frames it does not judge (stances and beliefs, noun cues, 'according to')."""
    cue = frame.cue[0]
    if cue.pos_ not in ("VERB", "AUX") or frame.tags & {"stance", "belief"}:
        return None
    content = frame.content

    def excluded(pos: int) -> bool:
        return quoted(pos) or (content is not None and content[0] <= pos < content[1])

    return candidates(cue, frame.speaker, lexicon, excluded, bounds(cue))


def rank_speakers(doc: Doc, frames: list[CueFrame], lexicon: QuoteLexicon, quoted: Callable[[int], bool]) -> None:
    """Let the learned ranker choose each speech frame's speaker among the phrases around its cue."""
    model = speaker_model()
    if model is None or not frames:
        return
    bounds = sentence_bounds(doc)
    for frame in frames:
        if frame.speaker is not None and frame.speaker.dep_ == "appos":
            continue  # the rules' repair of a misparse: a name right before the verb does the saying
        found = speaker_candidates(frame, bounds, lexicon, quoted)
        best = model.best(found) if found else None
        # where the rules found no speaker, the ranker names one only when it is fairly sure
        if best is not None and (frame.speaker is not None or best[1] >= NEW_SPEAKER_SCORE):
            frame.speaker, frame.speaker_score = best


def _within_paragraph(text: str, frame: CueFrame) -> tuple[int, int] | None:
    """The frame's content clipped to the cue's paragraph: the parser sometimes runs a sentence
    over a line break ("Story continues below advertisement\n\nNash said …")."""
    if frame.content is None:
        return None
    p_start = text.rfind("\n", 0, frame.start) + 1
    p_end = text.find("\n", frame.end)
    p_end = len(text) if p_end < 0 else p_end
    start, end = max(frame.content[0], p_start), min(frame.content[1], p_end)
    if frame.cue[0].lower_ != "according":
        # "…, according to Easley" inside a clause is a second attribution, not the content
        according = _ACCORDING.search(text, start, end)
        end = according.start() if according else end
    if len(_WORD.findall(text[start:end])) < MIN_CONTENT_TOKENS:
        return None
    return start, end

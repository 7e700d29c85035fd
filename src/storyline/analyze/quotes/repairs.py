"""Fallbacks for the small parser's usual mistakes around cue verbs: a lost subject, a cue
not linked to its clause, a participle whose subject sits in a 'with' phrase."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

TIME_LABELS = {"DATE", "TIME"}


def is_time(tok: Token) -> bool:
    """A word of a date or time ("said Thursday morning"): capitalised, but never a speaker."""
    return tok.ent_type_ in TIME_LABELS


def is_name(tok: Token) -> bool:
    # the tagger may say NNP while the coarse POS is wrong ("DeBoer" as AUX)
    return (tok.pos_ == "PROPN" or tok.tag_ in ("NNP", "NNPS")) and not is_time(tok)


def adjacent_name(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """When the parse lost the subject, a name or he/she right beside the cue ("… eye-opener”
    Farinloye says", "says Smith") is the speaker."""
    doc = verb.doc
    for i in (verb.i - 1, verb.i + 1):
        if 0 <= i < len(doc):
            tok = doc[i]
            if (is_name(tok) or tok.lower_ in ("he", "she", "they")) and not quoted(tok.idx):
                return tok
    return _name_before_apposition(verb, quoted)


def _name_before_apposition(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """'“…,” Flynn, a top Trump surrogate, said': the name an apposition before the cue describes,
    when the parser hung the name inside the quote."""
    doc = verb.doc
    if verb.i < 3 or doc[verb.i - 1].text != "," or doc[verb.i - 2].dep_ != "appos":
        return None
    tok = doc[verb.i - 2]
    while not is_name(tok) and tok.dep_ == "appos" and tok.head.i < tok.i:
        tok = tok.head
    before = doc[tok.i - 1] if tok.i else None
    if (is_name(tok) and not quoted(tok.idx) and before is not None
            and (before.is_quote or before.text == ",")):
        return tok
    return None


def trailing_attribution(verb: Token, quoted: Callable[[int], bool]
                         ) -> tuple[Token, list[Token]] | None:
    """'…, he said.' / '…, said Smith.' closing a sentence the parser did not hang on the cue:
    the speaker is the word beside the cue, the content the tokens before the comma."""
    doc = verb.doc
    i = verb.i
    if i + 1 < len(doc) and doc[i + 1].is_punct and doc[i + 1].text in ".,;":
        speaker_i, comma_i = i - 1, i - 2  # "…, he said."
    elif i + 1 < len(doc) and doc[i - 1].text == ",":
        speaker_i, comma_i = i + 1, i - 1  # "…, said Smith."
    else:
        return None
    if comma_i < 0 or doc[comma_i].text != "," or speaker_i >= len(doc):
        return None
    speaker = doc[speaker_i]
    if not (is_name(speaker) or speaker.lower_ in ("he", "she", "they")) or quoted(speaker.idx):
        return None
    sent_start = comma_i
    while sent_start > 0 and not doc[sent_start].is_sent_start:
        sent_start -= 1  # walk back rather than ask Token.sent, which scans the whole Doc
    return speaker, list(doc[sent_start:comma_i])


def parenthetical_lead(verb: Token, speaker: Token, content_start: int) -> list[Token]:
    """'But while couples collapse, Rutledge said, for others it can …': a cue set off by commas
    mid-sentence reports the words on both sides of it; these are the words before it."""
    doc = verb.doc
    first = min(verb.i, speaker.i)
    last = max(verb.i, speaker.i)
    if not (first > 1 and last + 1 < len(doc) and doc[first - 1].text == ","
            and doc[last + 1].text == "," and content_start >= doc[last + 1].idx):
        return []
    start = first - 1
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    return [t for t in doc[start : first - 1] if not t.is_punct]


def with_absolute_subject(verb: Token) -> Token | None:
    """'…, with a top aide, Yuri Ushakov, claiming that …': the participle's subject is the object
    of the 'with' phrase just before it, not the main clause's subject."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "with" and prep.i < verb.i:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and verb.i - 4 <= pobj.right_edge.i < verb.i:
                return pobj
    return None


def names_the_object(doc, name_start: int) -> bool:
    """Whether a name set off after a comma describes the one-person noun of a phrase just before it
    ("a spokeswoman for the governor, Andrew Cuomo": the governor), not the phrase's head ("a
    spokeswoman for Trudeau, Eleanore Catenaro"; "his lawyer, John Doe")."""
    i = name_start - 1
    while i > 0 and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    before = doc[i]
    # the phrase hangs on a noun ("a spokeswoman [for the governor]"), not on a verb ("is against
    # it, [with a top aide], Yuri Ushakov, claiming")
    return (before.dep_ == "pobj" and before.pos_ == "NOUN" and before.tag_ == "NN"
            and before.head.head.pos_ in ("NOUN", "PROPN"))

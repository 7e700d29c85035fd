"""Who reports an event: the speaker of the quote it sits in, or the subject of the reporting
verb whose clause contains it ("Ushakov claimed that Trump told Putin…")."""

from __future__ import annotations

from ...model import Quote
from .lexicon import EventLexicon
from .names import Name, NameResolver

REPORT_EDGES = frozenset({"ccomp", "parataxis", "xcomp", "conj", "advcl", "pcomp", "prep", "pobj",
                          "dobj", "nsubj", "nsubjpass", "relcl", "acl", "compound", "amod", "poss",
                          "npadvmod", "advmod", "attr", "appos"})


class SourceFinder:
    def __init__(self, doc, quotes: list[Quote], resolver: NameResolver, lexicon: EventLexicon):
        self.doc = doc
        self.quotes = quotes
        self.resolver = resolver
        self.lexicon = lexicon

    def source(self, token) -> tuple[Name | None, str]:
        """The speaker name and how it was found ("quote", "reported speech" or "")."""
        for quote in self.quotes:
            spans = quote.fragments or [quote]
            if any(s.start <= token.idx < s.end for s in spans) and (quote.speaker_entity or quote.speaker):
                # the speaker's entity name, so that sources and participants name people alike
                speaker = quote.speaker and self.doc.char_span(quote.speaker.start, quote.speaker.end,
                                                               alignment_mode="expand")
                name = self._name(speaker.root) if speaker else None
                if name is None and quote.speaker_entity:
                    name = Name(quote.speaker_entity, "PERSON")
                if name:
                    return name, "quote"
        return self._reported(token), "reported speech"

    def _reported(self, token) -> Name | None:
        word = token
        steps = 0
        while word.head != word and steps < 8:
            edge = word.dep_
            word = word.head
            steps += 1
            if edge not in REPORT_EDGES:
                return None
            if word.pos_ == "VERB" and word.lemma_.lower() in self.lexicon.reporting and edge in (
                "ccomp", "parataxis", "nsubjpass"
            ):
                return self._speaker_of(word)
        return None

    def _speaker_of(self, verb) -> Name | None:
        for child in verb.children:
            if child.dep_ == "nsubj":
                return self._name(child)
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self._name(obj)
        return None

    def _name(self, word) -> Name | None:
        names = self.resolver.phrase_names(word)
        return names[0] if names else None

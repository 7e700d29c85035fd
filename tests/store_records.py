"""A small analysed article built by hand, for the store and CLI tests that need known quotes."""

from __future__ import annotations

from storyline.model import Analysis, Article, DateValue, Entity, Mention, Quote, Span

TEXT = ("US President Donald Trump spoke to Vladimir Putin in Budapest. \"It was productive,\" the US president "
        "said. \"We will meet soon,\" Trump said. Trump wants to end the war.")


def _span(words: str, near: int) -> Span:
    """The first ``words`` after offset ``near``, else the last before it."""
    start = TEXT.find(words, near)
    start = start if start >= 0 else TEXT.rindex(words, 0, near)
    return Span(words, start, start + len(words))


def _quote(text: str, said_by: str, *, cue: str = "said", attribution: str = "speech") -> Quote:
    start = TEXT.index(text)
    return Quote(text=text, start=start, end=start + len(text), kind="direct" if text[0] == '"' else "indirect",
                 cue=_span(cue, start), speaker=_span(said_by, start), speaker_entity="e1", attribution=attribution)


def trump_and_putin() -> tuple[Article, Analysis]:
    """A short article with two speech quotes by Donald Trump (one by a description of him) and a stance."""
    article = Article(title="Trump and Putin", text=TEXT, url="https://example.org/trump-putin",
                      published=DateValue("2025-10-17", "meta"))
    trump = Entity("e1", "Donald Trump", "PERSON", roles=["president"],
                   mentions=[Mention("Donald Trump", 13, 25, "PERSON")])
    quotes = [_quote('"It was productive,"', "the US president"), _quote('"We will meet soon,"', "Trump"),
              _quote("to end the war", "Trump", cue="wants", attribution="stance")]
    return article, Analysis(text=TEXT, article=article, entities=[trump], quotes=quotes)

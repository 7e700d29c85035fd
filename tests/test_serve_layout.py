"""Page layout helpers: annotated runs keep the text intact; timelines order and place events."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.model import Analysis, Entity, Mention, Quote, Span, Story, TimelineEntry, Timex
from storyline.serve.annotate import article_view
from storyline.serve.filters import highlight_parts, quoted, safe_href
from storyline.serve.timeline import entry_day, timeline_view

TEXT = "Lula met Hu Jintao in Brasília on Friday.\n\n\"The visit was a success,\" Lula said.\nHu agreed."


@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)),
                          st.sampled_from(["entity", "timex", "quote"])), max_size=12))
def test_runs_rebuild_the_text_whatever_the_marks(spans):
    entities, timexes, quotes = [], [], []
    for start, end, kind in spans:
        start, end = min(start, end), max(start, end)
        if kind == "entity":
            entities.append(Entity(f"e{len(entities)}", "X", "PERSON", mentions=[Mention("x", start, end, "PERSON")]))
        elif kind == "timex":
            timexes.append(Timex("x", start, end, "DATE", "2004-11-12"))
        else:
            quotes.append(Quote("x", start, end, "direct", speaker=Span("Lula", 70, 74)))
    view = article_view(Analysis(TEXT, entities=entities, timexes=timexes, quotes=quotes))
    rebuilt = "\n".join("".join(run.text for run in p.runs) for p in view.paragraphs)
    assert rebuilt.replace("\n", "") == TEXT.replace("\n", "")
    refs = {d.ref for d in view.details}
    assert all(m.ref in refs for p in view.paragraphs for run in p.runs for m in run.marks)


def test_a_quote_inside_carries_its_speaker_colour_and_inner_time():
    quote = Quote("The visit was a success,", 44, 68, "direct", speaker=Span("Lula", 70, 74), speaker_entity="e0")
    lula = Entity("e0", "Luiz Inácio Lula da Silva", "PERSON", mentions=[Mention("Lula", 0, 4, "PERSON")])
    view = article_view(Analysis(TEXT, entities=[lula], quotes=[quote]))
    assert [s.name for s in view.speakers] == ["Luiz Inácio Lula da Silva"]
    quoted = [run for p in view.paragraphs for run in p.runs if "quote" in run.classes]
    assert "".join(run.text for run in quoted) == "The visit was a success,"
    assert all("speaker-0" in run.classes for run in quoted)


def test_timeline_sorts_dated_entries_and_keeps_undated_in_reported_order():
    story = Story("s", "t", timeline=[
        TimelineEntry(None, "statement"), TimelineEntry("2005-01-03", "aid", status="planned"),
        TimelineEntry("2004-12-26", "earthquake"), TimelineEntry("XXXX-WXX", "talks"),
        TimelineEntry("2004-12", "appeal", status="weird"),
    ])
    view = timeline_view(story)
    assert [it.entry.type for it in view.dated] == ["appeal", "earthquake", "aid"]
    assert [it.entry.type for it in view.undated] == ["statement", "talks"]
    assert view.dated[0].x < view.dated[1].x < view.dated[2].x
    assert view.dated[0].status == "other" and view.dated[2].status == "planned"
    assert view.ticks[0][2] == "start" and view.ticks[-1][2] == "end"
    assert entry_day("2004-02-30") is None and entry_day("2004-12-26T10:00:00+01:00").day == 26


def test_links_and_snippets_never_become_markup():
    assert safe_href("javascript:alert(1)") is None and safe_href(" JAVASCRIPT:x") is None
    assert safe_href("https://en.wikinews.org/") == "https://en.wikinews.org/"
    assert highlight_parts("a [<b>] c") == [{"text": "a ", "hit": False}, {"text": "<b>", "hit": True},
                                            {"text": " c", "hit": False}]
    assert quoted("deep mourning") == "“deep mourning”" and quoted('"We need aid,"') == '"We need aid,"'

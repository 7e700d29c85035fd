"""Regression tests for the reader's metadata on small hand-written pages: authors, publishers, titles, dates."""

from __future__ import annotations

from storyline.read import read
from storyline.read.dates import normalise, signals_in_text
from storyline.read.html import _visible_dates
from storyline.read.metadata import readable_domain, strip_site_name

PROSE = (
    "<p>The city council voted on Tuesday to approve the new budget after a long debate that lasted well into "
    "the evening, with members arguing over spending on roads, schools and the public library system.</p>"
    "<p>Officials said the plan would take effect next month and that residents could expect to see the first "
    "changes in their neighbourhoods before the end of the year, once contracts have been signed.</p>"
)


def page(head: str = "", header: str = "", *, lang: str = "en", before: str = "") -> str:
    return (f'<html lang="{lang}"><head>{head}</head><body>{before}<article><header><h1>Council approves the budget</h1>'
            f"{header}</header>{PROSE}</article></body></html>")


def test_jsonld_author_array() -> None:
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"headline": "Council approves the budget", "author": ["Keith J. Kelly"]}</script>')
    article = read(page(head), url="https://nypost.com/2023/11/08/news/budget/", fetched_at="2024-01-01")
    assert article.authors == ["Keith J. Kelly"]
    assert article.evidence["authors"].source == "json-ld"


def test_visible_author_line() -> None:
    article = read(page(header="<p>Author: Maria Schmidt</p>"), url="https://example.org/budget", fetched_at="2024-01-01")
    assert article.authors == ["Maria Schmidt"]
    assert "visible byline" in article.evidence["authors"].reason


def test_a_site_name_or_role_is_not_an_author() -> None:
    head = ('<meta property="og:site_name" content="Daily Bugle"><script type="application/ld+json">{"@type": "NewsArticle", '
            '"author": [{"@type": "Organization", "name": "Daily Bugle"}, {"@type": "Person", "name": "Staff Writer"}]}</script>')
    assert read(page(head), url="https://dailybugle.com/a", fetched_at="2024-01-01").authors == []
    spelled = '<meta name="author" content="INFORM KZ">'
    assert read(page(spelled), url="https://www.inform.kz/en/a", fetched_at="2024-01-01").authors == []
    handle = '<meta name="author" content="Portal iG">'
    assert read(page(handle), url="https://ultimosegundo.ig.com.br/a", fetched_at="2024-01-01").authors == []


def test_sidebar_time_before_the_articles_own() -> None:
    sidebar = '<aside class="sidebar"><ul><li><a href="/x">Older story</a><time datetime="2014-11-20">Nov 20</time></li></ul></aside>'
    header = '<p class="byline"><time datetime="2014-12-29T10:00:00-05:00">December 29, 2014</time></p>'
    article = read(page(header=header, before=sidebar), url="https://example.com/story", fetched_at="2024-01-01")
    assert article.published.value[:10] == "2014-12-29"
    assert any(alt["value"] == "2014-11-20" for alt in article.published.alternatives)


def test_utc_jsonld_time_keeps_the_local_day_of_the_dateline() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-09T03:28:35Z"}</script>'
    article = read(page(head, header="<p>Nov. 8, 2023, 10:28 p.m. ET</p>"), url="https://example.com/story", fetched_at="2024-01-01")
    assert article.published.value[:10] == "2023-11-08"
    assert "local day" in article.published.reason
    assert article.published.alternatives  # the UTC reading stays as evidence


def test_utc_time_moves_to_an_offset_stated_elsewhere() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-11-04T23:30:00Z"}</script>'
            '<meta property="article:modified_time" content="2021-11-05T09:00:00+01:00">')
    article = read(page(head), url="https://example.de/story", fetched_at="2024-01-01")
    assert article.published.value.startswith("2021-11-05T00:30:00+01:00")


def test_site_suffixed_title() -> None:
    head = '<title>Council approves the budget - Telegraph</title><meta property="og:title" content="Council approves the budget - Telegraph">'
    article = read(page(head), url="https://www.telegraph.co.uk/news/budget/", fetched_at="2024-01-01")
    assert article.title == "Council approves the budget"
    assert strip_site_name("Merkel in Libyen | DW | 19.01.2020", ["https://www.dw.com/de/a"]) == "Merkel in Libyen"
    assert strip_site_name("Live: the answers - and the questions", ["Metro"]) == "Live: the answers - and the questions"


def test_every_article_has_a_publisher() -> None:
    article = read(page(), url="https://www.reuters.com/world/budget-idUSKBN1", fetched_at="2024-01-01")
    assert article.publisher == "Reuters"
    assert article.evidence["publisher"].source == "url"
    assert readable_domain("https://www.la-prensa.com.mx/a") == "La Prensa"
    assert readable_domain("https://www.dw.com/a") == "DW"


def test_a_date_only_in_the_visible_text() -> None:
    article = read(page(header="<p>Datum: 03.11.2021</p>", lang="de"), url="https://example.de/artikel", fetched_at="2024-01-01")
    assert article.published.value == "2021-11-03"
    assert article.published.source == "dateline"
    spanish = read(page(header="<p>martes 17 de marzo de 2020</p>", lang="es"), url="https://example.es/a", fetched_at="2024-01-01")
    assert spanish.published.value == "2020-03-17"


def test_day_first_numeric_date() -> None:
    header = '<p><time datetime="01-11-2023">1. November 2023</time></p>'
    article = read(page(header=header, lang="de"), url="https://example.at/artikel", fetched_at="2024-01-01")
    assert article.published.value == "2023-11-01"
    assert normalise("01-11-2023", dayfirst=True)[0] == "2023-11-01"
    assert normalise("01-11-2023", dayfirst=False)[0] == "2023-01-11"
    assert normalise("2020/10/04 15:05", dayfirst=True)[0][:10] == "2020-10-04"  # year first stays year first


def test_written_dates_in_the_dev_languages() -> None:
    found = {t: [s.value for s in signals_in_text(t, "published", "dateline", 0.6, "test")]
             for t in ("14. Januar 2008", "5 septembre 2019", "Jan. 14, 2008", "2008-01-14")}
    assert found == {"14. Januar 2008": ["2008-01-14"], "5 septembre 2019": ["2019-09-05"],
                     "Jan. 14, 2008": ["2008-01-14"], "2008-01-14": ["2008-01-14"]}


def test_the_visible_date_sits_under_the_articles_own_headline() -> None:
    # a masthead <h1> with the day's date comes first; the article's <h1> is the one the title names
    masthead = ('<div class="masthead"><h1>Daily Bugle</h1><p>Monday, 4 March 2024</p><ul>'
                + "".join(f"<li><a href='/{s}'>{s}</a></li>" for s in ("World", "Sport", "Culture", "Travel", "Money", "Weather"))
                + "</ul></div>")
    head = "<title>Council approves the budget</title>"
    article = read(page(head, header="<p>Published: 12 February 2024</p>", before=masthead), url="https://example.com/budget",
                   fetched_at="2024-06-01")
    assert article.published.value == "2024-02-12"


def test_a_dateline_lower_down_does_not_outvote_the_headlines() -> None:
    found = _visible_dates(["Council approves the budget", "Written: 2023-11-07 15:03:30"], ["Nov 3, 2023"], dayfirst=False)
    assert [s.value for s in found] == ["2023-11-07"]
    assert [s.value for s in _visible_dates([], ["Nov 3, 2023"], dayfirst=False)] == ["2023-11-03"]


def test_a_timestamp_in_the_source_dates_a_page_nothing_else_dates() -> None:
    stamped = "<div data-created='2020/04/17 01:43:09'></div><!-- cached 2020-04-18 02:00:00 -->"
    article = read(page(before=stamped), url="https://example.com/forum/post", fetched_at="2024-01-01")
    assert article.published.value == "2020-04-17"  # a tie: the first
    assert "source" in article.published.reason
    written = read(page(header="<p>16.04.2020</p>", before=stamped, lang="de"), url="https://example.de/a", fetched_at="2024-01-01")
    assert written.published.value == "2020-04-16"  # a date any reader sees comes first


def test_microdata_date_on_any_element() -> None:
    header = '<p class="date" itemprop="datePublished" content="2022-01-14 10:31:00">Januar 2022</p>'
    sidebar = '<aside><ul><li><a href="/b">Andere Meldung</a><time datetime="2022-01-21">vor einer Woche</time></li></ul></aside>'
    article = read(page(header=header, before=sidebar, lang="de"), url="https://example.de/artikel", fetched_at="2024-01-01")
    assert article.published.value[:10] == "2022-01-14"
    assert "microdata" in article.published.reason


def test_htmldate_repeating_the_only_tagged_day_is_no_second_vote() -> None:
    # htmldate reads the lone <meta name="date">: its agreeing does not outvote the date beside the headline
    head = '<meta name="date" content="2020-04-29">'
    article = read(page(head, header="<p>Stand: 28.04.2020 18:00 Uhr</p>", lang="de"), url="https://example.de/a",
                   fetched_at="2024-01-01")
    assert article.published.value == "2020-04-28"
    assert any(alt["value"] == "2020-04-29" for alt in article.published.alternatives)

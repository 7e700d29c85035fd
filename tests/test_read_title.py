"""The title is the headline the <title> agrees with (not a widget or the site logo); authors are people, not organisations."""

from __future__ import annotations

from pathlib import Path

from storyline.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_weather_widget_h1_loses_to_the_heading_the_title_repeats():
    page = read(FIXTURES / "title-widget.html")
    assert page.title == "Ferry returns after winter repairs"  # the <title>'s spelling of the capitalised heading
    assert page.evidence["title"].reason == "<h1> repeated in <title>"


def test_site_logo_h1_loses_to_the_work_title():
    assert read(FIXTURES / "title-logo.html").title == "Notes from the North Quay"


def test_author_is_the_author_link_not_the_organisation_in_meta():
    page = read(FIXTURES / "title-logo.html")
    assert page.authors == ["QuayWriter"]
    assert page.evidence["authors"].reason == '<a rel="author"> links'


def test_section_label_in_the_title_loses_to_the_headline():
    assert read(FIXTURES / "title-section.html").title == "Ferry returns after winter repairs"

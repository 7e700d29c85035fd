"""The title is the headline the page's <title> agrees with, not a widget's or the site logo's heading."""

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

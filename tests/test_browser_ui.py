"""The web UI in a real browser (Debian's chromium via Playwright) over a store holding part of the
sample corpus: story timeline, quote evidence, search, paste a page, and article content never runs."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from serve_sample_store import XSS_IMG, XSS_SCRIPT, add_corpus, add_sample_records

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SEED = "metro-2025-10-16-trump-putin-budapest.txt"
CORPUS = [SEED, "corpus/2004-12-28_asian-earthquake-toll-nears-60-000.txt",
          "corpus/2004-12-29_tsunami-toll-passes-80-000-people-as-relief-effort-continues.txt",
          "corpus/2005-01-03_un-optimistic-on-tsunami-aid-effort.txt",
          "corpus/2004-11-16_firefox-1-0-internet-browser-released-by-mozilla-foundation.txt"]
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() or shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (bash scripts/test-services.sh)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A live server on a store with the seed, four sample-corpus articles and the hand-made samples."""
    import uvicorn

    from storyline.serve import create_app
    from storyline.store import Store

    store = Store.create(tmp_path_factory.mktemp("browser") / "corpus.db")
    corpus_ids = add_corpus(store, [ROOT / "examples" / name for name in CORPUS])
    ids = {**add_sample_records(store), "seed": corpus_ids[0]}
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    uv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page that records every JavaScript dialog and page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_home_lists_stories_and_articles(server, page):
    url, _ = server
    page.goto(url + "/")
    assert page.locator("ul.stories li a").count() >= 1
    assert page.locator("ul.articles li a").count() >= 4
    shot(page, "home")


def test_corpus_article_and_story_pages(server, page):
    url, _ = server
    page.goto(url + "/")
    page.get_by_role("link", name="Asian earthquake toll nears 60,000").first.click()
    page.wait_for_selector("h1")
    assert "earthquake" in page.locator("h1").inner_text().lower()
    shot(page, "corpus-" + ("story" if "/stories/" in page.url else "article"))
    page.goto(url + "/articles")
    page.get_by_role("link", name="Tsunami toll passes 80,000 people as relief effort continues").click()
    page.wait_for_selector("#annotated-text")
    assert page.locator("#annotated-text [data-refs]").count() > 5
    page.locator("#annotated-text .entity").first.click()
    assert page.locator("#evidence-body .detail").count() >= 1
    shot(page, "corpus-article")
    assert page.errors == []


def test_the_seed_article_page(server, page):
    url, ids = server
    page.goto(f"{url}/articles/{ids['seed']}")
    assert page.locator("#annotated-text .quote").count() >= 3
    page.locator("#annotated-text .quote").first.click()
    assert "Quote by" in page.locator("#evidence-body").inner_text()
    shot(page, "seed-article")
    page.goto(url + "/stories")
    page.locator("ul.stories a", has_text="Putin set to meet").first.click()
    page.wait_for_selector("#timeline")
    assert page.locator("#timeline li.entry").count() >= 3
    shot(page, "seed-story")


def test_story_timeline_shows_planned_and_occurred_events(server, page):
    url, ids = server
    page.goto(f"{url}/stories/{ids['story']}")
    assert page.locator("svg.axis circle.dot.status-occurred").count() == 1
    assert page.locator("svg.axis circle.dot.status-planned").count() == 1
    assert "Undated, in reported order" in page.locator("#timeline").inner_text()
    page.locator("svg.axis a").nth(1).click()
    assert page.evaluate("location.hash") == "#entry-1"
    assert "planned" in page.locator("#entry-1").inner_text().lower()
    assert XSS_IMG in page.locator("h1").inner_text()  # the title's markup shows as text
    shot(page, "story")


def test_clicking_a_quote_shows_its_evidence(server, page):
    url, ids = server
    page.goto(f"{url}/articles/{ids['summit']}")
    page.locator("#annotated-text .quote.speaker-0").first.click()
    panel = page.locator("#evidence-body")
    assert "Quote by Donald Trump" in panel.inner_text()
    assert "quote then cue then name" in panel.inner_text()
    assert page.locator("#annotated-text .active").count() >= 1
    page.locator("#annotated-text .timex").first.click()
    assert "2025-10-16" in panel.inner_text()
    shot(page, "article")


def test_a_quote_linked_from_its_speaker_opens_with_its_evidence(server, page):
    url, ids = server
    page.goto(f"{url}/entities/{ids['trump']}")
    page.locator("ul.quotes a").first.click()
    page.wait_for_selector("#evidence-body .detail-quote")
    assert "Quote by Donald Trump" in page.locator("#evidence-body").inner_text()
    shot(page, "entity-quote-evidence")
    page.goto(f"{url}/entities/{ids['trump']}")
    shot(page, "entity")


def test_article_markup_shows_as_text_and_never_runs(server, page):
    url, ids = server
    page.goto(f"{url}/articles/{ids['summit']}")
    text = page.locator("#annotated-text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert XSS_SCRIPT in page.locator("h1").inner_text()
    page.locator("#annotated-text p").last.click()
    page.wait_for_timeout(300)  # give a smuggled onerror handler the chance to fire
    assert page.dialogs == [] and page.errors == []
    assert page.locator("#annotated-text img, #annotated-text script").count() == 0


def test_search_from_the_header(server, page):
    url, _ = server
    page.goto(url + "/")
    page.locator("header .search input").fill("tsunami")
    page.locator("header .search button").click()
    page.wait_for_url("**/search?q=tsunami")
    assert page.locator("ol.hits li a").count() >= 2
    assert page.locator("ol.hits mark").count() >= 1
    shot(page, "search")


def test_paste_a_page_shows_its_digest(server, page):
    url, _ = server
    pasted = (f"<html><head><title>Relief talks</title></head><body><article><h1>Relief talks</h1>"
              f"<p>\"We need more aid,\" said Jan Egeland, the UN relief coordinator, on Monday.</p>"
              f"<p>{XSS_SCRIPT} {XSS_IMG}</p></article></body></html>")
    page.goto(url + "/read")
    page.locator("textarea#page").fill(pasted)
    page.locator("form.paste button").click()
    page.wait_for_selector("#annotated-text")
    assert "Relief talks" in page.locator("#digest-title").inner_text()
    assert "We need more aid" in page.locator("#annotated-text").inner_text()
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []
    shot(page, "paste")


def test_pages_fit_a_phone_screen(server, browser):
    url, ids = server
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    for name, path in (("home", "/"), ("article", f"/articles/{ids['summit']}"), ("story", f"/stories/{ids['story']}"),
                       ("entity", f"/entities/{ids['trump']}"), ("search", "/search?q=tsunami"),
                       ("entities", "/entities"), ("stories", "/stories"), ("paste", "/read")):
        tab.goto(url + path)
        assert fits_the_screen(tab), name
        shot(tab, f"phone-{name}")
    tab.goto(f"{url}/articles/{ids['summit']}")
    tab.locator("#annotated-text .quote").first.tap()
    assert tab.locator("#evidence-panel").is_visible()
    shot(tab, "phone-article-evidence")
    context.close()

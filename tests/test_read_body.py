"""Article bodies: figure captions inside the article are read with it, where they stand."""

from __future__ import annotations

from storyline.read import read

_PARAGRAPHS = [
    "The council opened the new library on Saturday after three years of building work, and hundreds of families queued "
    "outside before the doors opened at nine o'clock.",
    "The building has room for two hundred thousand books, a children's floor with a small theatre, and a roof garden "
    "that the architects say will be open from the spring onwards.",
    "Librarians said more than four thousand people had joined on the first day, twice the number they had hoped for, "
    "and that the waiting list for the study rooms was already full.",
]

PAGE = f"""<html><head><title>New library opens</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<figure><img src="/lead.jpg"><figcaption>A lead picture above the article</figcaption></figure>
<article><h1>New library opens</h1>
<p>{_PARAGRAPHS[0]}</p>
<figure><img src="/queue.jpg"><figcaption>Families queue outside the library on Saturday (Picture: Reuters)</figcaption></figure>
<p>{_PARAGRAPHS[1]}</p>
<figure><a href="/other-story"><img src="/t.jpg"><figcaption>Another story: bus fares rise</figcaption></a></figure>
<p>{_PARAGRAPHS[2]}</p>
<figure><iframe src="https://player.example.com/v/1"></iframe><figcaption>Media caption A video of the opening</figcaption></figure>
<p>The library is open every day from nine until eight, and on Sundays from ten until four in the afternoon.</p>
</article>
<figure><img src="/after.jpg"><figcaption>A picture below the article</figcaption></figure>
</body></html>"""


def test_a_caption_inside_the_article_is_read_where_it_stands():
    article = read(PAGE)
    texts = [b.text for b in article.blocks]
    caption = "Families queue outside the library on Saturday"
    assert caption in texts
    assert texts.index(caption) == texts.index(_PARAGRAPHS[0]) + 1  # after the paragraph before it
    assert "Reuters" not in article.text  # the credit stays with the caption record
    assert ("Families queue outside the library on Saturday", "Reuters") in [(c.text, c.credit) for c in article.captions]


def test_captions_outside_the_article_teaser_links_and_players_stay_out():
    article = read(PAGE)
    for outside in ("A lead picture above the article", "A picture below the article", "Another story: bus fares rise",
                    "A video of the opening"):
        assert outside not in article.text
    assert article.text.endswith("on Sundays from ten until four in the afternoon.")


def _gallery_page(slides: int) -> str:
    story = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    items = "".join(
        f"<li><h2><span>{k}/{slides}</span> Business picture {k}</h2><p>A company in the news this week did something "
        f"that was reported at length in the business pages, number {k} of the series.</p></li>"
        for k in range(1, slides + 1)
    )
    return f"<html><body><article><h1>New library opens</h1>{story}<ul>{items}</ul>{story.replace('library', 'hall')}</article></body></html>"


def test_the_numbered_slides_of_a_gallery_are_not_article_text():
    article = read(_gallery_page(6))
    assert "Business picture" not in article.text
    assert "reported at length" not in article.text
    assert _PARAGRAPHS[0] in article.text and _PARAGRAPHS[2].replace("library", "hall") in article.text


def test_a_list_of_numbers_out_of_order_is_not_a_gallery():
    from storyline.read.body_filter import Piece, filter_blocks

    lines = ["3/4 of the voters said they would vote again, the survey found.", "1/2 of them said it was easy to do so today.",
             "2/3 of the rest said the queue at the station was far too long."]
    assert [t for _, t in filter_blocks([Piece("list_item", t) for t in lines], title=None)] == lines


def test_a_block_keeps_its_words_in_reading_order():
    from lxml import etree

    from storyline.read.html import _text_with_breaks

    block = etree.fromstring("<p>Start <hi>bold <ref>link</ref> more</hi> tail<lb/>next line</p>")
    assert _text_with_breaks(block) == "Start bold link more tail\nnext line"


def test_a_repeated_label_leading_into_prose_is_a_subheading_and_a_repeated_menu_is_not():
    from storyline.read.body_filter import Piece, filter_blocks

    prose = "The queue moved slowly all morning, and the staff handed out tea to the people waiting outside the doors."
    pieces = [Piece("list_item", "Isolation"), Piece("list_item", "Home"), Piece("list_item", "News"), Piece("heading", "Library opens"),
              Piece("paragraph", prose),
              Piece("paragraph", "Isolation"), Piece("paragraph", prose.replace("morning", "evening")),
              Piece("paragraph", "Home"), Piece("paragraph", "News")]
    kept = [t for _, t in filter_blocks(pieces, title=None)]
    assert kept.count("Isolation") == 1  # the label before its paragraph; its copy in the list above is a menu item
    assert "Home" not in kept and "News" not in kept


def test_a_caption_read_in_the_body_is_not_analysed_again_as_a_caption():
    from storyline import analyze

    article = read(PAGE)
    assert "Families queue outside the library on Saturday" in article.text
    assert not [t for t in analyze(article).caption_timexes if t.text == "Saturday"]  # the body's timexes have it

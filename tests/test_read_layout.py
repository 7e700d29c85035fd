"""Old layout-table pages: a dateline above the story gives the date, teasers after it are not body."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture(scope="module")
def page():
    return read(FIXTURES / "teasers.html")


def test_teaser_and_menu_lines_after_the_story_are_cut(page):
    assert page.text.endswith("some of them carrying flasks of hot tea.")
    for teaser in ("Ferry fares frozen", "Gardeners meet", "March", "Pictures of the week"):
        assert teaser not in page.text


def test_dateline_above_the_story_gives_the_date_and_leaves_the_body(page):
    assert (page.published.value, page.published.source) == ("2009-03-04", "dateline")
    assert page.text.startswith("The harbour ferry sailed again")


def test_a_list_ending_the_article_is_kept_whole():
    page = read(FIXTURES / "list-end.html")
    assert page.text.endswith("Removed the old timetable")
    assert "Lots of other changes" in page.text


def test_chinese_lines_without_full_stops_are_not_a_teaser_tail():
    from storyline.read.body_filter import Piece, filter_blocks

    lines = ["一波波接續性低溫寒流報到已將山區一帶層層山巒披上嫣紅的彩衣", "玉峰道路一路上雲氣山嵐滯留山頭順路下切蜿蜒道路後不久即抵達",
             "第二次造訪發現到營區變了印象中以前生冷招牌換成了原木招牌", "燻黑原木加上金黃色醒目字體加上了貓頭鷹原木創作也充分發揮了",
             "營區內除了露營民宿餐飲賞楓項目多了許多原木飾品更有畫龍點睛", "廣受歡迎的營地有個很大特色就是楓紅時期楓香樹由綠轉黃轉紅"]
    pieces = [Piece("paragraph", "來到現場已是落葉飄飄堆疊滿地，不時隨著風吹雨襲而葉落垂地，不忍踩過剛剛掉落的樹葉。")]
    pieces += [Piece("paragraph", line) for line in lines]
    assert [text for _, text in filter_blocks(pieces, title=None)][1:] == lines

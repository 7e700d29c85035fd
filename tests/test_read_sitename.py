"""Publisher names guessed from how a page names itself (copyright lines, follow-us lines)."""

from __future__ import annotations

from storyline.read.sitename import guess_site


def test_copyright_heading_without_a_name_gives_none():
    assert guess_site(["Copyright and Trade Mark Notice", "© 2008 owned by or licensed to Example Media Limited."], []) is None


def test_names_from_copyright_and_follow_lines_in_any_case():
    name, _ = guess_site(["© 2022 Example Gazette. All rights reserved", "FOLLOW Example Gazette ON FACEBOOK"], [])
    assert name == "Example Gazette"

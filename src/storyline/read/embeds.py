"""Embedded posts and players in HTML (tweets, Instagram posts, YouTube and Vimeo players) → Media records."""

from __future__ import annotations

from lxml.html import HtmlElement

from ..model import Evidence, Media
from .blocks import clean_line

# blockquote classes of embedded social posts, and the platform each belongs to
_POST_CLASSES = {"twitter-tweet": "Twitter", "instagram-media": "Instagram", "tiktok-embed": "TikTok",
                 "bluesky-embed": "Bluesky", "mastodon-embed": "Mastodon"}
_PLAYER_HOSTS = ("youtube.com/embed/", "youtube-nocookie.com/embed/", "player.vimeo.com/video/", "dailymotion.com/embed/")


def embedded_media(tree: HtmlElement) -> list[Media]:
    """Social posts and video players embedded in the page, in page order."""
    found: list[Media] = []
    for el in tree.iter("blockquote", "iframe"):
        classes = set((el.get("class") or "").split())
        platform = next((name for cls, name in _POST_CLASSES.items() if cls in classes), None)
        if platform and el.tag != "iframe":
            link = next((a.get("href") for a in reversed(el.findall(".//a")) if a.get("href")), None) or el.get("cite")
            text = clean_line(el.text_content())[:1000] or None
            found.append(Media("SocialMediaPosting", name=platform, description=text, embed_url=link,
                               evidence=Evidence("media", 0.8, reason=f"embedded {platform} post")))
        elif el.tag == "iframe":
            src = el.get("src") or el.get("data-src") or ""
            if any(host in src for host in _PLAYER_HOSTS):
                width, height = el.get("width", ""), el.get("height", "")
                found.append(Media("VideoObject", name=el.get("title"), embed_url=src,
                                   width=int(width) if width.isdigit() else None, height=int(height) if height.isdigit() else None,
                                   evidence=Evidence("media", 0.8, reason="embedded video player")))
    return found

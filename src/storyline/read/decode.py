"""Raw bytes → str: BOM, then the page's declared charset, then UTF-8, then detection."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">, in the first bytes
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# browsers read ISO-8859-1 and ASCII declarations as windows-1252 (WHATWG encoding standard)
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_DETECT_BYTES = 200_000  # detection on a prefix keeps big pages fast
# single-byte code pages for Latin-script text: on a short page the detector cannot tell them apart
_LATIN_CODEPAGES = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "cp437", "cp775", "cp850", "cp852", "cp858", "hp_roman8",
    "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish",
})
_CHAOS_MARGIN = 0.02  # candidates this close to the best are equally likely
# languages whose letters windows-1252 holds (ISO 639-1), and how much less surely its reading may be identified
_WESTERN_LANGUAGES = frozenset({"af", "br", "ca", "cy", "da", "de", "en", "es", "et", "eu", "fi", "fo", "fr", "ga",
                                "gd", "gl", "is", "it", "la", "lb", "nb", "nl", "nn", "no", "oc", "pt", "sq", "sv",
                                "wa"})
_LANGUAGE_MARGIN = 0.05
# inside a word, between two letters, only these non-letters are normal (l'été, Türkiye’nin, Jean-Luc)
_IN_WORD = frozenset("'’-·")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass
class Decoded:
    """Decoded text with the evidence of how: the encoding chosen, the rule that chose it and the
    encodings that lost."""

    text: str
    encoding: str
    how: str  # bom | declared | utf-8 | detected | language | western | fallback
    alternatives: list[str] = field(default_factory=list)


def _known(name: str) -> str | None:
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # hex, base64, rot13 and zip are codecs too, but not of text: a page declaring one is not decoded by it
    return info.name if getattr(info, "_is_text_encoding", True) else None


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares in a meta tag, if Python knows it."""
    match = _META_CHARSET.search(data[:8192])
    return _known(match.group(1).decode("ascii", "ignore")) if match else None


def decode(data: bytes) -> tuple[str, str, str]:
    """Decode ``data``; returns (text, encoding, how), how as in :class:`Decoded`."""
    decoded = decode_page(data)
    return decoded.text, decoded.encoding, decoded.how


def decode_page(data: bytes) -> Decoded:
    """Decode ``data``: a BOM, else valid UTF-8, else the declared charset, else detection, where an
    ambiguous guess among Latin code pages becomes windows-1252 when that reads as Western European text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(encoding, errors="replace"), encoding, "bom")
    declared = declared_charset(data)
    try:
        # valid UTF-8 with non-ASCII bytes is almost never another encoding, whatever the page declares
        return Decoded(data.decode("utf-8"), "utf-8", "declared" if declared == "utf-8" else "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return Decoded(data.decode(declared), declared, "declared")
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall through to detection
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    matches = list(from_bytes(data[:_DETECT_BYTES]))
    if not matches or not matches[0].encoding:
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", "fallback")
    best = matches[0]
    close = [m.encoding for m in matches if m.chaos <= best.chaos + _CHAOS_MARGIN]
    if best.encoding in _LATIN_CODEPAGES:
        return _latin(data, [e for e in close if e in _LATIN_CODEPAGES])
    return Decoded(data.decode(best.encoding, errors="replace"), best.encoding, "detected",
                   [e for e in close if e != best.encoding][:5])


def _latin(data: bytes, candidates: list[str]) -> Decoded:
    """Among Latin code pages the detector finds equally likely (best first), the one whose reading is
    identified as a language most surely; windows-1252 wins a tie when it reads as Western European text.
    Czech read as windows-1252 ("Pøíliš") is identified less surely than Czech read right."""
    from .language import identify

    readings = {e: data.decode(e, errors="replace") for e in candidates}
    western = _western(data)
    if western is not None and ("cp1252" in readings or western == readings[candidates[0]]):
        readings["cp1252"] = western
    else:
        readings.pop("cp1252", None)
    if not readings:  # windows-1252 was the only candidate, and it leaves bytes undefined
        return Decoded(data.decode(candidates[0], errors="replace"), candidates[0], "detected")
    if len(set(readings.values())) == 1:  # one reading: nothing to choose
        chosen = "cp1252" if "cp1252" in readings else next(e for e in candidates if e in readings)
        return Decoded(readings[chosen], chosen, "western" if chosen == "cp1252" else "detected",
                       [e for e in candidates if e != chosen][:5])
    sure = {e: identify(text) for e, text in readings.items()}
    surest = max(probability for _, probability in sure.values())
    language, probability = sure.get("cp1252", ("", 0.0))
    if language in _WESTERN_LANGUAGES and probability >= surest - _LANGUAGE_MARGIN:
        chosen, how = "cp1252", "western"
    else:
        chosen = max((e for e in readings if e != "cp1252"), key=lambda e: sure[e][1])  # ties: detector order
        how = "detected" if chosen == candidates[0] else "language"
    return Decoded(readings[chosen], chosen, how, [e for e in readings if e != chosen][:5])


def _western(data: bytes) -> str | None:
    """``data`` as windows-1252 when it reads as Western European text: every byte defined, and no
    symbol inside a word (cp1250 Polish read as cp1252 gives "Za¿ó³æ", "rz¹d")."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:_DETECT_BYTES]
    for match in _NON_ASCII.finditer(sample):
        char, i = match.group(), match.start()
        if char.isalpha() or char in _IN_WORD:
            continue
        if unicodedata.category(char) in ("Cc", "Co", "Cn"):
            return None  # C1 controls: not text
        if 0 < i < len(sample) - 1 and sample[i - 1].isalpha() and sample[i + 1].isalpha():
            return None
    return text

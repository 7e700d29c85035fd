"""Raw bytes → str: BOM, then the page's declared charset, then UTF-8, then detection."""

from __future__ import annotations

import codecs
import re

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


def _known(name: str) -> str | None:
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares in a meta tag, if Python knows it."""
    match = _META_CHARSET.search(data[:8192])
    return _known(match.group(1).decode("ascii", "ignore")) if match else None


def decode(data: bytes) -> tuple[str, str, str]:
    """Decode ``data``; returns (text, encoding, how) where how is bom|declared|utf-8|detected|fallback."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding, "bom"
    declared = declared_charset(data)
    try:
        # valid UTF-8 with non-ASCII bytes is almost never another encoding, whatever the page declares
        return data.decode("utf-8"), "utf-8", "declared" if declared == "utf-8" else "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared, "declared"
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall through to detection
    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace"), best.encoding, "detected"
    return data.decode("cp1252", errors="replace"), "cp1252", "fallback"

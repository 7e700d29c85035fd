"""Find the lines of a text dump that are program code (inline JavaScript, CSS), not prose."""

from __future__ import annotations

import re

_CODE = re.compile(
    r"function\s*\(|=>|\bvar\s+\w|\blet\s+\w+\s*=|\bconst\s+\w+\s*=|\bwindow\.|\bdocument\.|typeof\b|===|!==|&&|\|\|"
    r"|\.push\(|\.getElementById|\.querySelector|\.addEventListener|\bnew\s+[A-Z]\w*\(|\breturn\b.*;|;\s*$|^\s*[{}()\[\];,]+\s*$"
    r"|^\s*\}|\{\s*$|^\s*(?:if|for|while|else|try|catch)\b\s*[({]|^\s*@(?:media|import|font-face)|^\s*[#.]?[\w-]+\s*\{|<!\[CDATA\[|\]\]>"
    r"|^\s*//|/\*|\*/|\bgoogletag\b|\bgtag\(|\b_gaq\b|\bdataLayer\b"
)
_PROSE_END = re.compile(r"[.!?…\"”’']\s*$")


def _looks_like_code(line: str) -> bool:
    if not _CODE.search(line):
        return False
    # prose ending with a semicolon or mentioning "&&" is rare; prose sentences with many words and no brackets are prose
    words = line.split()
    brackets = sum(line.count(c) for c in "{}()[];=")
    return brackets >= 2 or len(words) <= 3 or not _PROSE_END.search(line)


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it is code: code-looking lines and the lines inside their open braces."""
    mask = [False] * len(lines)
    depth = 0
    for i, line in enumerate(lines):
        code = _looks_like_code(line)
        if not code and depth > 0 and len(line.split()) >= 12 and _PROSE_END.search(line):
            depth = 0  # a sentence of prose: the code block was unbalanced, it ended before this line
        if code or depth > 0:
            mask[i] = True
            depth = max(0, depth + line.count("{") + line.count("(") - line.count("}") - line.count(")"))
            if depth > 200:  # unbalanced garbage: stop swallowing lines
                depth = 0
    return mask

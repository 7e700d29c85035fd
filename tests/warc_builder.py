"""Small WARC archives for the sources and Ray tests: five short news pages, plain or one gzip member each."""

from __future__ import annotations

import base64
import gzip
import hashlib
from pathlib import Path

STORIES = [
    ("Harbour bridge reopens", "The harbour bridge in Port Elling reopened on Monday after six weeks of repairs. "
     "Mayor Ines Halloran said the work had finished two days early. \"Traffic will flow again,\" she said."),
    ("Library extends its hours", "The central library of Port Elling will stay open until nine in the evening "
     "from March, the council announced on Tuesday. Librarian Tomas Breck welcomed the decision."),
    ("Ferry fares to rise", "Ferry fares between Port Elling and Skarra will rise by four percent in April, the "
     "operator Northsound Lines said on Wednesday. Commuters' groups criticised the increase."),
    ("School wins science prize", "Pupils from Elling Grammar School won the national science prize on Thursday "
     "for a study of river pollution. Their teacher, Ada Morrow, said the pupils had worked for a year."),
    ("Storm closes coastal road", "A storm closed the coastal road north of Port Elling on Friday, police said. "
     "Drivers were told to use the inland route until the road is cleared on Saturday."),
]


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.rstrip(".").split(". "))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            f"</article></body></html>").encode()


def response_record(number: int, title: str, text: str) -> bytes:
    """One WARC response record holding an HTTP 200 HTML page, with its block digest as CC-NEWS has it."""
    body = page(title, text)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s" % (
        len(body), body)
    digest = base64.b32encode(hashlib.sha1(http).digest()).decode()
    header = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://elling.example/news/{number}\r\n"
              f"WARC-Date: 2024-03-0{number + 1}T08:00:00Z\r\n"
              f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{number}>\r\n"
              f"WARC-Block-Digest: sha1:{digest}\r\n"
              f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return header + http + b"\r\n\r\n"


def records() -> list[bytes]:
    return [response_record(number, title, text) for number, (title, text) in enumerate(STORIES)]


def write_warc(path: Path, parts: list[bytes], *, compressed: bool) -> Path:
    """Write records (or damaged bytes in their place) as a .warc, or a .warc.gz with a member per part."""
    path.write_bytes(b"".join(gzip.compress(part) if compressed else part for part in parts))
    return path

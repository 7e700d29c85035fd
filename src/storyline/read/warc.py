"""WARC archives → pages: split plain or gzip-per-record files into records ourselves, so a corrupt or
truncated record is skipped with its offset and reason, and reading resumes at the next record."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..model import Page

MAX_RECORD_BYTES = 50_000_000  # a response record larger than this holds no article; it is skipped unread
MAX_HEADER_BYTES = 64 * 1024
CHUNK = 1 << 20
WARC_START = b"WARC/1."
GZIP_MAGIC = b"\x1f\x8b\x08"
RECORD_END = b"\r\n\r\n"
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f\ufffd]+")  # a damaged header leaves bytes no URI has
CHECKED_DIGESTS = ("sha1:", "sha256:", "md5:")  # WARC-Block-Digest algorithms fastwarc verifies
# where a record starts: the version line, then a header line (a record may follow a cut one mid-line)
_RECORD_START = re.compile(rb"WARC/1\.[01]\r?\n[A-Za-z][\w-]*:")


class Truncated(EOFError):
    """The archive ends inside a record (a cut download or an unfinished crawl)."""


@dataclass
class RawRecord:
    """One record's bytes as found in the archive, or why it could not be taken out."""

    offset: str  # the record's place in the file: a byte offset, or member offset + offset inside it
    data: bytes | None = None
    error: str | None = None
    is_response: bool = True  # whether the header says response (only those are pages)


class _Stream:
    """Forward-only reading of uncompressed WARC bytes with a pushback buffer, counting the offset."""

    def __init__(self, raw: IO[bytes] | _GzipMember) -> None:
        self.raw, self.buffer, self.offset = raw, bytearray(), 0
        # a gzip member raises Truncated itself when the file stops inside it, so its end is a clean end
        self.end_is_truncation = not isinstance(raw, _GzipMember)

    def _fill(self, size: int) -> None:
        while len(self.buffer) < size and (chunk := self.raw.read(max(size - len(self.buffer), CHUNK))):
            self.buffer += chunk

    def peek(self, size: int) -> bytes:
        self._fill(size)
        return bytes(self.buffer[:size])

    def read(self, size: int) -> bytes:
        self._fill(size)
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        self.offset += len(data)
        return data

    def read_until(self, marker: bytes, limit: int) -> bytes | None:
        """Bytes up to and including ``marker`` if it comes within ``limit`` bytes, else None (nothing read)."""
        self._fill(limit)
        found = self.buffer.find(marker, 0, limit)
        return None if found < 0 else self.read(found + len(marker))

    def unread(self, data: bytes) -> None:
        self.buffer[:0] = data
        self.offset -= len(data)

    def discard(self, size: int) -> int:
        """Skip ``size`` bytes without keeping them; returns how many there were."""
        skipped = 0
        while skipped < size and (data := self.read(min(CHUNK, size - skipped))):
            skipped += len(data)
        return skipped

    def skip_to_record_start(self) -> bool:
        """Move to where the next record starts (here, if one does); False at the end of the data."""
        overlap = 64  # longer than any match of _RECORD_START, so a start cut by a chunk edge is found
        while True:
            self._fill(CHUNK)
            found = _RECORD_START.search(self.buffer)
            if found:
                self.read(found.start())
                return True
            if len(self.buffer) <= overlap:
                self.read(len(self.buffer))
                return False
            self.read(len(self.buffer) - overlap)


class _GzipMember:
    """The uncompressed bytes of one gzip member starting at ``start`` in a file; ``end`` is known once read."""

    def __init__(self, file: IO[bytes], start: int) -> None:
        self.file, self.start, self.end = file, start, None
        self.inflate = zlib.decompressobj(wbits=31)
        self.read_size = 16 * 1024  # doubled per read: most members are small, the bytes after one are reread
        file.seek(start)

    def read(self, size: int) -> bytes:
        out = b""
        while not out and self.end is None:
            compressed = self.inflate.unconsumed_tail or self.file.read(self.read_size)
            self.read_size = min(2 * self.read_size, CHUNK)
            if not compressed:
                raise Truncated
            # zlib.error (bad data or checksum) propagates: the caller skips the member
            out = self.inflate.decompress(compressed, size)
            if self.inflate.eof:
                self.end = self.file.tell() - len(self.inflate.unused_data)
        return out


def iter_warc(path: Path) -> Iterator[Page]:
    """HTML response records of a WARC file (``.warc`` or one gzip member per record, as crawlers write
    them); each unusable record is one skipped page named ``file@offset`` with its reason."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(WARC_START))
            # by content first: a .warc.gz may hold plain WARC; a damaged gzip header still has its name
            compressed = head[:2] == GZIP_MAGIC[:2] or path.name.lower().endswith(".gz") and head != WARC_START
            file.seek(0)
            records = _gzip_records(file) if compressed else _records(_Stream(file))
            for record in records:
                page = _page(path, record)
                if page is not None:
                    yield page
    except OSError as exc:
        yield Page(None, str(path), path=str(path), source="warc", error=f"cannot read: {exc.strerror or exc}")


def _page(path: Path, record: RawRecord) -> Page | None:
    """The record as a page, a skipped page with the reason, or None for records that are no pages
    (requests, metadata)."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    name = f"{path}@{record.offset}"

    def skipped(reason: str, url: str | None = None) -> Page:
        return Page(None, name, url=url, path=str(path), source="warc", error=reason)

    if record.error:
        return skipped(record.error) if record.is_response else None
    try:
        warc = WarcRecord.from_bytes(record.data)
        if warc.record_type != WarcRecordType.response:
            return None
        digest = (warc.headers.get("WARC-Block-Digest") or "").lower()
        if digest.startswith(CHECKED_DIGESTS) and not warc.verify_block_digest(consume=False):
            return skipped("corrupt WARC record: its content does not match its WARC-Block-Digest")
        warc.parse_http()
        uri, http = warc.headers.get("WARC-Target-URI"), warc.http_headers
        body = warc.reader.read() if http is not None else b""
    except OSError as exc:
        return skipped(f"corrupt WARC record: {exc}")
    if not uri or http is None:
        return skipped("corrupt WARC record: no URI or HTTP headers")
    if not _URI.fullmatch(uri):
        return skipped("corrupt WARC record: its target URI is damaged")
    if http.status_code != 200:
        if http.status_code is None:
            return skipped("corrupt WARC record: no HTTP status line", uri)
        return skipped(f"HTTP status {http.status_code}", uri)
    content_type = (warc.http_content_type or "").lower()
    if content_type and "html" not in content_type and "xml" not in content_type:
        return skipped(f"not HTML ({content_type})", uri)
    fetched = warc.record_date.isoformat() if warc.record_date else None
    return Page(body, name, url=uri, path=str(path), source="warc", fetched_at=fetched)


def _records(stream: _Stream, member: int | None = None) -> Iterator[RawRecord]:
    """The records of uncompressed WARC data; after a corrupt one, reading resumes where the next record
    starts. ``member``: the offset of the gzip member the data comes from."""
    while True:
        start = stream.offset
        where = str(start) if member is None else str(member) if start == 0 else f"{member}+{start}"
        try:
            head = stream.peek(1)
            if head in (b"\r", b"\n"):  # blank lines between records are tolerated
                stream.read(1)
                continue
            record = _record(stream, where) if head else None
            resumes = record is not None and (not record.error or not record.error.startswith("corrupt")
                                              or stream.skip_to_record_start())
        except Truncated:
            yield RawRecord(where, error="truncated record: the archive ends inside it")
            return
        if record is None:
            return
        yield record
        if not resumes:
            return


def _record(stream: _Stream, where: str) -> RawRecord:
    """The record at the stream's position, which it leaves after that record (or inside it on an error)."""
    header = stream.read_until(RECORD_END, MAX_HEADER_BYTES)
    if header is None or not header.startswith(WARC_START):
        # the blank line found may end the next record's header: step one byte and search from there
        stream.unread(header or b"")
        stream.read(1)
        return RawRecord(where, error="corrupt WARC record: no WARC header here")
    fields = _header_fields(header)
    is_response = fields.get(b"warc-type", b"response") == b"response"
    length = fields.get(b"content-length", b"")
    if not length.isdigit():
        return RawRecord(where, error="corrupt WARC record: no Content-Length", is_response=is_response)
    size = int(length)
    if size > MAX_RECORD_BYTES:
        if stream.discard(size) < size:
            raise Truncated
        stream.read(len(RECORD_END))
        return RawRecord(where, error="record larger than the page limit", is_response=is_response)
    block = stream.read(size)
    if len(block) == size and _ends_at_boundary(stream):  # whole, even if the page quotes a WARC header
        stream.read(len(RECORD_END))
        return RawRecord(where, header + block + RECORD_END, is_response=is_response)
    if _RECORD_START.search(block):  # a Content-Length that runs into the next record
        stream.unread(block)
        return RawRecord(where, error="corrupt WARC record: its length runs into the next record",
                         is_response=is_response)
    if len(block) < size:
        if stream.end_is_truncation:
            raise Truncated
        return RawRecord(where, error="corrupt WARC record: shorter than its Content-Length",
                         is_response=is_response)
    stream.unread(block)  # a length too long by a little took the next record's first bytes
    return RawRecord(where, error="corrupt WARC record: its length does not end at a record boundary",
                     is_response=is_response)


def _ends_at_boundary(stream) -> bool:
    """Whether the stream stands at the blank line that ends a record (or at what is left of it)."""
    trailer = stream.peek(len(RECORD_END))
    return trailer == RECORD_END or (len(trailer) < len(RECORD_END) and RECORD_END.startswith(trailer))


def _header_fields(header: bytes) -> dict[bytes, bytes]:
    fields = {}
    for line in header.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    return fields


def _gzip_records(file: IO[bytes]) -> Iterator[RawRecord]:
    """The records of a gzip WARC, member by member. After damage (a member that does not inflate, is cut
    short or holds a corrupt record) reading resumes at the next gzip header, and errors are not reported
    again until a sound member is read: one damaged region is one skipped record."""
    start: int | None = 0
    resyncing = False
    while start is not None:
        file.seek(start)
        head = file.read(len(GZIP_MAGIC))
        if not head:
            return
        member = _GzipMember(file, start) if head == GZIP_MAGIC else None
        sound = member is not None
        if member is None and not resyncing:  # bytes between members: damage, or padding at the end
            yield RawRecord(str(start), error="corrupt WARC record: not a gzip member")
        try:
            for record in _records(_Stream(member), start) if member else ():
                damaged = record.error is not None and record.error.startswith(("corrupt", "truncated"))
                sound = sound and not damaged
                if not (resyncing and damaged):
                    yield record
        except zlib.error as exc:
            sound = False
            if not resyncing:
                yield RawRecord(str(start), error=f"corrupt WARC record: gzip data error ({exc})")
        resyncing = not sound
        start = member.end if member and sound else _find(file, GZIP_MAGIC, start + 1)


def _find(file: IO[bytes], marker: bytes, start: int) -> int | None:
    """The offset of the next ``marker`` at or after ``start``."""
    file.seek(start)
    offset, tail = start, b""
    while chunk := file.read(CHUNK):
        found = (tail + chunk).find(marker)
        if found >= 0:
            return offset - len(tail) + found
        tail = chunk[-len(marker):]
        offset += len(chunk)
    return None

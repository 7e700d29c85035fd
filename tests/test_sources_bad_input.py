"""Bad input in sources: corrupt and truncated WARC records, files a directory cannot use, JSON that is no page,
source dates that are no dates — each a skipped page naming the place and the reason; everything else is read."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Page
from storyline.pipeline.ingest import ingest
from storyline.read.sources import iter_pages
from storyline.store import Store
from warc_builder import STORIES, page, records, write_warc

URLS = [f"https://elling.example/news/{number}" for number in range(len(STORIES))]


def _good(pages: list[Page]) -> list[Page]:
    return [p for p in pages if p.error is None]


def _skipped(pages: list[Page]) -> list[tuple[str, str]]:
    return [(p.name, p.error) for p in pages if p.error]


def _garble(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0x5A for b in data[middle:middle + 40]) + data[middle + 40:]


def test_a_garbled_gzip_member_skips_that_record_only(tmp_path):
    members = [gzip.compress(record) for record in records()]
    members[1] = _garble(members[1])
    archive = tmp_path / "garbled.warc.gz"
    archive.write_bytes(b"".join(members))
    pages = list(iter_pages([archive]))
    assert [p.url for p in _good(pages)] == URLS[:1] + URLS[2:]
    ((name, reason),) = _skipped(pages)
    assert name == f"{archive}@{len(members[0])}" and reason.startswith("corrupt WARC record: gzip data error")


def test_garbled_page_bytes_fail_the_block_digest(tmp_path):
    parts = records()
    parts[1] = parts[1].replace(b"library", b"l1brary")
    pages = list(iter_pages([write_warc(tmp_path / "garbled.warc", parts, compressed=False)]))
    assert [p.url for p in _good(pages)] == URLS[:1] + URLS[2:]
    assert _skipped(pages) == [(f"{tmp_path / 'garbled.warc'}@{len(parts[0])}",
                                "corrupt WARC record: its content does not match its WARC-Block-Digest")]


@pytest.mark.parametrize("compressed", [False, True])
def test_a_garbled_record_header_skips_that_record_only(tmp_path, compressed):
    parts = records()
    parts[1] = b"XXXX/9.9" + parts[1][len(b"WARC/1.0"):]
    pages = list(iter_pages([write_warc(tmp_path / "bad-header.warc", parts, compressed=compressed)]))
    assert [p.url for p in _good(pages)] == URLS[:1] + URLS[2:]
    ((name, reason),) = _skipped(pages)
    assert name.endswith("@" + str(len(gzip.compress(parts[0])) if compressed else len(parts[0])))
    assert reason == "corrupt WARC record: no WARC header here"


@pytest.mark.parametrize("compressed", [False, True])
def test_a_truncated_archive_skips_its_last_record_instead_of_storing_half(tmp_path, compressed):
    parts = [gzip.compress(record) if compressed else record for record in records()]
    cut = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    cut.write_bytes(b"".join(parts[:3]) + parts[3][:len(parts[3]) // 2])  # the file ends inside record 4
    pages = list(iter_pages([cut]))
    assert [p.url for p in _good(pages)] == URLS[:3]
    assert all(p.content.endswith(b"</html>") for p in _good(pages))
    assert _skipped(pages) == [(f"{cut}@{sum(map(len, parts[:3]))}", "truncated record: the archive ends inside it")]


@pytest.mark.parametrize("compressed", [False, True])
def test_junk_between_records_is_one_skipped_record(tmp_path, compressed):
    parts = [gzip.compress(record) if compressed else record for record in records()]
    junk = b"lost bytes " * 20
    archive = tmp_path / ("junk.warc.gz" if compressed else "junk.warc")
    archive.write_bytes(b"".join(parts[:2]) + junk + b"".join(parts[2:]))
    pages = list(iter_pages([archive]))
    assert [p.url for p in _good(pages)] == URLS
    assert [(name, reason.split(":")[0]) for name, reason in _skipped(pages)] == [
        (f"{archive}@{len(parts[0]) + len(parts[1])}", "corrupt WARC record")]


def test_bytes_after_the_last_member_are_one_skipped_record(tmp_path):
    archive = write_warc(tmp_path / "padded.warc.gz", records(), compressed=True)
    archive.write_bytes(archive.read_bytes() + b"\0" * 512)
    pages = list(iter_pages([archive]))
    assert [p.url for p in _good(pages)] == URLS
    assert [reason for _, reason in _skipped(pages)] == ["corrupt WARC record: not a gzip member"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(compressed=st.booleans(), where=st.floats(0, 1, exclude_max=True), size=st.integers(1, 40),
       damage=st.sampled_from(["flip", "delete", "insert", "cut"]))
def test_any_damage_loses_only_the_records_it_touches(tmp_path, compressed, where, size, damage):
    parts = [gzip.compress(record) if compressed else record for record in records()]
    ends = [sum(map(len, parts[:number + 1])) for number in range(len(parts))]
    data = bytearray(b"".join(parts))
    start = int(where * len(data))
    stop = len(data) if damage == "cut" else start if damage == "insert" else start + size
    if damage == "flip":
        data[start:stop] = bytes(b ^ 0xA5 for b in data[start:stop])
    elif damage == "insert":
        data[start:start] = b"\x00" * size
    else:
        del data[start:stop]
    archive = tmp_path / ("damaged.warc.gz" if compressed else "damaged.warc")
    archive.write_bytes(bytes(data))
    pages = list(iter_pages([archive]))  # never raises
    untouched = [URLS[n] for n, end in enumerate(ends) if end <= start or end - len(parts[n]) >= stop]
    assert set(untouched) <= {p.url for p in _good(pages)}
    assert all(p.content == page(*STORIES[URLS.index(p.url)]) for p in _good(pages) if p.url in URLS)


def test_a_directory_counts_every_file_it_cannot_use(tmp_path):
    title, text = STORIES[0]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.html").write_bytes(page(title, text))
    (tmp_path / "saved-page").write_bytes(page(*STORIES[1]))  # a crawler's copy named after its URL
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(STORIES[2][1].encode()))
    (tmp_path / "notes.md").write_text("# Notes\n\nTo do.")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "blob").write_bytes(bytes(range(256)))
    (tmp_path / ".cache").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]")
    pages = list(iter_pages([tmp_path]))
    assert sorted(Path(p.name).name for p in _good(pages)) == ["saved-page", "story.html", "story.txt.gz"]
    assert sorted((Path(name).name, reason) for name, reason in _skipped(pages)) == [
        ("blob", "unsupported file type: no extension"),
        ("notes.md", "unsupported file type: .md"),
        ("photo.png", "unsupported file type: .png"),
    ]


def test_json_files_give_their_pages_or_a_reason(tmp_path):
    settings = tmp_path / "settings.json"
    settings.write_text('{"a": 1}')
    ((name, reason),) = _skipped(list(iter_pages([settings])))
    assert name == str(settings) and reason.startswith("not a page")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"url": "https://elling.example/1", "text": STORIES[0][1]}))
    (single,) = iter_pages([one])
    assert single.error is None and single.url == "https://elling.example/1"
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"html": page(*story).decode()} for story in STORIES[:2]]))
    assert [p.name for p in iter_pages([listed])] == [f"{listed}#1", f"{listed}#2"]
    numbers = tmp_path / "numbers.json"
    numbers.write_text("[1, 2, 3]")
    assert [reason.split(":")[0] for _, reason in _skipped(list(iter_pages([numbers])))] == ["not a page"]


def test_source_dates_that_are_no_dates_are_dropped_and_logged(tmp_path, caplog):
    lines = [{"text": STORIES[0][1], "published": "2024-03-05", "fetched_at": "2024-03-05T10:00:00Z"},
             {"text": STORIES[1][1], "published": "not a date", "fetched_at": "yesterday"},
             {"text": STORIES[2][1], "published": 1709600000}]
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    with caplog.at_level(logging.WARNING, logger="storyline.read.sources"):
        pages = list(iter_pages([jsonl]))
    assert [(p.name, p.published, p.fetched_at) for p in pages] == [
        (f"{jsonl}:1", "2024-03-05", "2024-03-05T10:00:00Z"), (f"{jsonl}:2", None, None), (f"{jsonl}:3", None, None)]
    assert f"{jsonl}:2: dropped its published 'not a date'" in caplog.text


def test_ingest_of_a_damaged_archive_stores_every_good_record(tmp_path):
    members = [gzip.compress(record) for record in records()]
    members[1] = _garble(members[1])
    archive = tmp_path / "news.warc.gz"
    archive.write_bytes(b"".join(members)[:-100])  # and the last record cut short
    with Store.create(tmp_path / "news.db") as store:
        summary = ingest([archive], store, update_stories=False)
        titles = sorted(row["title"] for row in store.articles())
    assert summary.stored == 3 and dict(summary.skipped) == {"corrupt WARC record": 1, "truncated record": 1}
    assert titles == sorted(STORIES[number][0] for number in (0, 2, 3))
    assert [name for name, _ in summary.skipped_pages] == [f"{archive}@{len(members[0])}",
                                                           f"{archive}@{sum(map(len, members[:4]))}"]


@pytest.mark.parametrize("compressed", [False, True])
def test_a_page_that_quotes_a_warc_header_is_read_whole(tmp_path, compressed):
    from warc_builder import response_record

    quoting = response_record(7, "How crawls are stored", "A record starts with WARC/1.0\r\nWARC-Type: response. "
                                                          "Then come its fields and its content")
    archive = write_warc(tmp_path / ("a.warc.gz" if compressed else "a.warc"), [*records(), quoting],
                         compressed=compressed)
    pages = list(iter_pages([archive]))
    assert _skipped(pages) == [] and len(_good(pages)) == len(STORIES) + 1


def test_json_nested_too_deep_and_a_corrupt_listing_are_skipped_with_a_reason(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep)
    (tmp_path / "deep.jsonl").write_text(deep + "\n")
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"crawl-data/x.warc.gz\n")[:12] + b"\x00garbage\x00" * 4)
    pages = list(iter_pages([tmp_path / "deep.json", tmp_path / "deep.jsonl", listing]))
    assert len(_skipped(pages)) == 3 and _good(pages) == []


def test_a_malformed_pretty_printed_json_file_is_one_skipped_page(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "title": "A",\n  "text": "Some words"\n  "url": "https://example.org"\n}\n')
    pages = list(iter_pages([broken]))
    assert len(pages) == 1 and pages[0].error.startswith("not JSON")

"""Write store rows as JSONL, CSV or Parquet, with a fixed column order so equal stores give equal bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("articles", "quotes", "events", "entities")

# Columns per export, with their Parquet type; nested values (lists, dicts) are JSON text in CSV/Parquet.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "string"), ("title", "string"), ("url", "string"), ("path", "string"),
                 ("published", "string"), ("publisher", "string"), ("authors", "json"),
                 ("language", "string"), ("duplicate_of", "string"), ("content_hash", "string"),
                 ("text", "string")],
    "quotes": [("article_id", "string"), ("position", "int"), ("speaker", "string"), ("kind", "string"),
               ("text", "string"), ("cue", "string"), ("channel", "string"), ("confidence", "float"),
               ("start", "int"), ("end", "int")],
    "events": [("article_id", "string"), ("position", "int"), ("event_id", "string"), ("type", "string"),
               ("cameo", "string"), ("status", "string"), ("date", "string"), ("participants", "json"),
               ("place", "string"), ("trigger", "string"), ("source", "string"), ("confidence", "float")],
    "entities": [("id", "string"), ("name", "string"), ("type", "string"), ("aliases", "json"),
                 ("roles", "json"), ("article_ids", "json"), ("mentions", "int")],
}


class ExportError(ValueError):
    """An unknown format or table."""


def check(fmt: str, what: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ExportError(f"unknown export table {what!r}; choose one of {', '.join(WHATS)}")


def _flat(value: Any, kind: str) -> Any:
    if kind == "json":
        return json.dumps(value if value is not None else [], ensure_ascii=False, separators=(",", ":"))
    return value


def write(rows: Iterable[dict[str, Any]], fmt: str, what: str, out: str | Path | IO) -> int:
    """Write ``rows`` (dicts with the export's columns) to a path or an open stream; returns the row count."""
    check(fmt, what)
    columns = COLUMNS[what]
    names = [name for name, _ in columns]
    if isinstance(out, (str, Path)):
        mode = "wb" if fmt == "parquet" else "w"
        with open(out, mode, **({} if fmt == "parquet" else {"encoding": "utf-8", "newline": ""})) as stream:
            return write(rows, fmt, what, stream)
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_flat(row.get(n), kind) for n, kind in columns])
            count += 1
        return count
    return _write_parquet(rows, columns, out)


def _write_parquet(rows: Iterable[dict[str, Any]], columns: list[tuple[str, str]], out: IO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "json": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    data = [{n: _flat(row.get(n), kind) for n, kind in columns} for row in rows]
    table = pa.Table.from_pylist(data, schema=schema)
    sink = getattr(out, "buffer", out)  # a text stream such as stdout: write to its bytes
    if isinstance(sink, io.TextIOBase):
        raise ExportError("parquet needs a binary stream or a file path")
    pq.write_table(table, sink)
    return len(data)

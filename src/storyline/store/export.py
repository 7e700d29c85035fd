"""Write store rows as JSONL, CSV or Parquet, with a fixed column order so equal stores give equal bytes.

A row is what the query commands print with ``--json`` (``storyline quotes --json`` …), so the names
are the same everywhere: JSONL keeps each row as it is; CSV and Parquet flatten nested objects into
dotted columns (``speaker.text``, ``trigger.start``, ``time.value``) and hold lists as JSON text.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..model import Event, Quote, Story

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("articles", "quotes", "events", "entities", "stories")

# What the store adds to each quote and event (the article it comes from), after the record's fields.
ARTICLE_COLUMNS = [("article_id", "string"), ("position", "int"), ("title", "string"), ("url", "string"),
                   ("published", "string")]


def record_columns(record: type, prefix: str = "") -> list[tuple[str, str]]:
    """The flat columns of a model record: nested records become ``prefix.field``, lists JSON text."""
    columns: list[tuple[str, str]] = []
    for field, hint in _field_hints(record):
        name = prefix + field
        if dataclasses.is_dataclass(hint):
            columns += record_columns(hint, name + ".")
        else:
            columns.append((name, _kind(hint)))
    return columns


def _field_hints(record: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(record)
    return [(field.name, _without_none(hints[field.name])) for field in dataclasses.fields(record)]


def _without_none(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        kept = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else hint
    return hint


def _kind(hint: Any) -> str:
    if typing.get_origin(hint) in (list, dict) or hint in (list, dict):
        return "json"
    return {int: "int", float: "float", bool: "bool"}.get(hint, "string")


# Columns per export, with their Parquet type, in the order of the ``--json`` rows.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "string"), ("title", "string"), ("url", "string"), ("path", "string"),
                 ("published", "string"), ("publisher", "string"), ("duplicate_of", "string"),
                 ("authors", "json"), ("language", "string"), ("content_hash", "string"), ("text", "string")],
    "quotes": record_columns(Quote) + ARTICLE_COLUMNS + [("speaker_name", "string")],
    "events": record_columns(Event) + ARTICLE_COLUMNS,
    "entities": [("id", "string"), ("name", "string"), ("type", "string"), ("aliases", "json"),
                 ("roles", "json"), ("article_ids", "json"), ("members", "json"), ("evidence", "json"),
                 ("mentions", "int")],
    "stories": record_columns(Story),  # members (articles, with their paths and copies) and timeline as JSON
}


class ExportError(ValueError):
    """An unknown format or table."""


def check(fmt: str, what: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ExportError(f"unknown export table {what!r}; choose one of {', '.join(WHATS)}")


def flat_row(row: dict[str, Any], columns: list[tuple[str, str]]) -> dict[str, Any]:
    """One row as flat columns: ``a.b`` reads ``row["a"]["b"]``; lists and dicts become JSON text."""
    flat = {}
    for name, kind in columns:
        value: Any = row
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if kind == "json":
            value = json.dumps(value if value is not None else [], ensure_ascii=False, separators=(",", ":"))
        flat[name] = value
    return flat


def write(rows: Iterable[dict[str, Any]], fmt: str, what: str, out: str | Path | IO) -> int:
    """Write ``rows`` (the ``--json`` rows of a table) to a path or an open stream; returns the row count."""
    check(fmt, what)
    columns = COLUMNS[what]
    if isinstance(out, (str, Path)):
        mode = "wb" if fmt == "parquet" else "w"
        with open(out, mode, **({} if fmt == "parquet" else {"encoding": "utf-8", "newline": ""})) as stream:
            return write(rows, fmt, what, stream)
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow(flat_row(row, columns).values())
            count += 1
        return count
    return _write_parquet(rows, columns, out)


def _write_parquet(rows: Iterable[dict[str, Any]], columns: list[tuple[str, str]], out: IO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types_ = {"string": pa.string(), "json": pa.string(), "int": pa.int64(), "float": pa.float64(),
              "bool": pa.bool_()}
    schema = pa.schema([(name, types_[kind]) for name, kind in columns])
    data = [flat_row(row, columns) for row in rows]
    table = pa.Table.from_pylist(data, schema=schema)
    sink = getattr(out, "buffer", out)  # a text stream such as stdout: write to its bytes
    if isinstance(sink, io.TextIOBase):
        raise ExportError("parquet needs a binary stream or a file path")
    pq.write_table(table, sink)
    return len(data)

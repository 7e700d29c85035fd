"""Query and path parameters shared by the API and the pages, validated so bad input is a 4xx."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_LIMIT = 500
# Ids come from the store (hashes, slugs); anything with control characters or of absurd length is not one.
ID_PATTERN = r"^[^\x00-\x1f\x7f]{1,200}$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
ItemId = Annotated[str, Path(pattern=ID_PATTERN)]
SearchText = Annotated[str, Query(min_length=1, max_length=500, description="Words to search for.")]
OptionalText = Annotated[str | None, Query(max_length=500)]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD.")]

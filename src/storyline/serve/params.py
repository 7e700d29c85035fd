"""Query and path parameters shared by the API and the pages, validated so bad input is a 4xx."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from ..choices import ENTITY_TYPES, event_types, spelled
from .errors import ApiError

MAX_LIMIT = 500
# Ids come from the store (hashes, slugs); anything with control characters or of absurd length is not one.
ID_PATTERN = r"^[^\x00-\x1f\x7f]{1,200}$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
ItemId = Annotated[str, Path(pattern=ID_PATTERN)]
StorySort = Annotated[Literal["recent", "size"], Query(description="recent: latest article first; size: most articles.")]
SearchText = Annotated[str, Query(min_length=1, max_length=500, description="Words to search for.")]
OptionalText = Annotated[str | None, Query(max_length=500)]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD.")]


def choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """The value as spelled in ``choices`` (case does not matter), None for none; else a 422 listing
    the valid values, as the CLI refuses them."""
    if not value:
        return None
    found = spelled(value, choices)
    if found is None:
        raise ApiError(422, f"{name} {value!r} is not one of: {', '.join(choices)}", detail={"valid": list(choices)})
    return found


def event_type(value: str | None) -> str | None:
    """A valid event type (``type`` of the events queries), or a 422."""
    return choice("type", value, event_types())


def entity_type(value: str | None) -> str | None:
    """A valid entity type (``type`` of the entity queries), or a 422."""
    return choice("type", value, ENTITY_TYPES)

"""Scale-out: the same read and analyse stages run with Ray Data over WARC shards, then bulk-loaded."""

from __future__ import annotations

from .ray_runner import ingest_with_ray

__all__ = ["ingest_with_ray"]

"""Across articles: duplicates, cross-document entities, event coreference and stories with timelines."""

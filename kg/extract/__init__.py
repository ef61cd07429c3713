"""Per-article extraction: small pure functions over a parsed spaCy Doc.

``kg.extract.article.extract_article(article, chunks)`` runs every extractor over each chunk
(Doc) of one article and returns one :class:`kg.model.Extraction`. This package module stays
free of spaCy imports, so a build served entirely from the cache never imports spaCy.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

# Bump when extraction output changes, so cached extractions are not reused
# (the cache also keys on a hash of the extraction code itself).
EXTRACTION_VERSION = "6"

__all__ = ["EXTRACTION_VERSION", "extract_article", "extract_doc"]


def __getattr__(name: str) -> Any:
    if name in ("extract_article", "extract_doc"):
        return getattr(import_module("kg.extract.article"), name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")

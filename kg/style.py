"""Colours per entity type, shared by the graph (Gephi's r/g/b) and the HTML legend.

Okabe-Ito palette: distinguishable with the common forms of colour blindness.
"""
from __future__ import annotations

TYPE_COLORS: dict[str, str] = {
    "PERSON": "#0072B2",  # blue
    "ORG": "#E69F00",  # orange
    "GPE": "#009E73",  # bluish green
    "LOC": "#56B4E9",  # sky blue
    "FAC": "#CC79A7",  # reddish purple
    "PRODUCT": "#882255",  # wine (Paul Tol's muted palette: Okabe-Ito has no ninth colour)
    "EVENT": "#D55E00",  # vermillion
    "NORP": "#F0E442",  # yellow
}
DEFAULT_COLOR = "#999999"

TYPE_NAMES: dict[str, str] = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Country / city",
    "LOC": "Place",
    "FAC": "Building / facility",
    "PRODUCT": "Product",
    "EVENT": "Event",
    "NORP": "Group",
}


def color_of(entity_type: str) -> str:
    return TYPE_COLORS.get(entity_type, DEFAULT_COLOR)


def rgb_of(entity_type: str) -> tuple[int, int, int]:
    hex_ = color_of(entity_type).lstrip("#")
    return int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16)

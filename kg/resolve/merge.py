"""Joining keys into entities: a union-find that keeps must-not-link constraints and says why.

Every join names the rule that made it, so ``kg show`` can explain each merge; a join that
would put the two sides of a constraint (the aliases file's ``separate``, two full names in one
sentence) into one entity is refused.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.resolve.keys import Key


@dataclass(frozen=True)
class Link:
    """Two keys joined, and the rule that joined them."""

    a: Key
    b: Key
    rule: str


class Groups:
    """Union-find over keys with constraints (pairs of tags that must stay apart) and a log of links."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}
        self.tags: dict[Key, set[tuple[int, int]]] = defaultdict(set)
        self.links: list[Link] = []

    def find(self, x: Key) -> Key:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def keep_apart(self, x: Key, constraint: int, side: int) -> None:
        """Tag ``x`` as side 0 or 1 of a constraint: the two sides never join (unless forced)."""
        self.tags[self.find(x)].add((constraint, side))

    def conflict(self, a: Key, b: Key) -> bool:
        ta, tb = self.tags.get(self.find(a), set()), self.tags.get(self.find(b), set())
        return any((i, 1 - side) in tb for i, side in ta)

    def union(self, a: Key, b: Key, rule: str, *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.conflict(ra, rb):
            return False
        keep, drop = sorted((ra, rb))
        self.parent[drop] = keep
        self.tags[keep] |= self.tags.pop(drop, set())
        if a != b:
            self.links.append(Link(a, b, rule))
        return True

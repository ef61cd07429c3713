"""Node positions for the HTML view, computed once in Python so the page opens calm and the same every time.

A Fruchterman-Reingold force layout in numpy. Repulsion between all pairs is written as
two matrix products, which keeps 2,000 nodes to about a second on two cores (networkx's
spring_layout takes over ten). Gravity keeps small components and isolated nodes near
the centre instead of drifting to the rim.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

LAYOUT_SEED = 42
ITERATIONS = 80
GRAVITY = 0.6  # pull towards the centre, per unit of (1 + weighted degree)
SPACING_PX = 70.0  # average distance between neighbouring nodes on screen at zoom 1


def compute_layout(
    node_ids: Sequence[str],
    links: Iterable[tuple[str, str, float]],
    *,
    seed: int = LAYOUT_SEED,
    iterations: int = ITERATIONS,
) -> dict[str, tuple[int, int]]:
    """Integer pixel positions for ``node_ids``; ``links`` are undirected (a, b, strength) pairs."""
    n = len(node_ids)
    if n == 0:
        return {}
    if n == 1:
        return {node_ids[0]: (0, 0)}
    index = {node: i for i, node in enumerate(node_ids)}
    pairs: dict[tuple[int, int], float] = {}
    for a, b, w in links:
        i, j = index[a], index[b]
        if i == j:
            continue
        key = (i, j) if i < j else (j, i)
        pairs[key] = pairs.get(key, 0.0) + w
    src = np.fromiter((k[0] for k in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((k[1] for k in pairs), dtype=np.int64, count=len(pairs))
    # Many supporting sentences pull harder, but not so hard that one busy pair collapses.
    strength = np.log1p(np.fromiter(pairs.values(), dtype=np.float64, count=len(pairs))).astype(np.float32)
    pos = _force_layout(n, src, dst, strength, seed=seed, iterations=iterations)
    return _to_pixels(node_ids, pos)


def _force_layout(
    n: int, src: np.ndarray, dst: np.ndarray, strength: np.ndarray, *, seed: int, iterations: int
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2)) - 0.5).astype(np.float32)
    k = np.float32(1.0 / np.sqrt(n))  # ideal edge length in a unit square
    k2 = k * k
    degree = np.ones(n, dtype=np.float32)
    np.add.at(degree, src, strength)
    np.add.at(degree, dst, strength)
    gravity = (np.float32(GRAVITY) * k * degree)[:, None]
    temperature = np.float32(0.1)
    cooling = temperature / np.float32(iterations + 1)
    floor = np.float32(1e-4) * k2
    for _ in range(iterations):
        sq = (pos * pos).sum(axis=1)
        rep = pos @ pos.T  # squared distances: |a|^2 + |b|^2 - 2 a.b, reusing one n x n buffer
        rep *= -2.0
        rep += sq[:, None]
        rep += sq[None, :]
        np.maximum(rep, floor, out=rep)
        np.divide(k2, rep, out=rep)
        np.fill_diagonal(rep, 0.0)
        # sum_j rep_ij * (p_i - p_j) = p_i * sum_j rep_ij - (rep @ p)_i
        disp = pos * rep.sum(axis=1)[:, None] - rep @ pos
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta * delta).sum(axis=1))
            pull = delta * (dist * strength / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, pull[:, axis], minlength=n).astype(np.float32)
                disp[:, axis] += np.bincount(dst, pull[:, axis], minlength=n).astype(np.float32)
        disp -= gravity * pos
        length = np.sqrt((disp * disp).sum(axis=1))
        np.maximum(length, np.float32(1e-9), out=length)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return pos


def _to_pixels(node_ids: Sequence[str], pos: np.ndarray) -> dict[str, tuple[int, int]]:
    """Centre the layout and scale it so that typical neighbours sit SPACING_PX apart."""
    pos = pos.astype(np.float64)
    pos -= np.median(pos, axis=0)
    n = len(node_ids)
    # Radius that holds 90% of the nodes, so one far outlier does not shrink everything else.
    radius = float(np.quantile(np.sqrt((pos * pos).sum(axis=1)), 0.9)) or 1.0
    target = SPACING_PX * np.sqrt(n) * 0.6 + SPACING_PX
    pos *= target / radius
    return {node: (int(round(x)), int(round(y))) for node, (x, y) in zip(node_ids, pos.tolist())}

"""Node positions for the HTML view, computed once in Python so the page opens calm and the same every time.

A Fruchterman-Reingold force layout in numpy: repulsion between all pairs is computed
in cache-sized blocks, which keeps 2,000 nodes to a second or two on two cores
(networkx's spring_layout takes over ten). Bigger nodes push harder; gravity keeps small
components and isolated nodes near the centre. A last pass in pixels moves apart nodes
whose discs or labels would overlap, with the layout stretched to a landscape screen.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

LAYOUT_SEED = 42
ITERATIONS = 80
GRAVITY = 2.0  # pull towards the centre
SPACING_PX = 100.0  # average distance between neighbouring nodes on screen at zoom 1
ASPECT = 1.35  # screens are wider than tall, and so are labels
LABEL_GAP = (10.0, 24.0)  # px kept free between labels across, and for the label line below a disc
OVERLAP_PASSES = 50  # 20 above 600 nodes: a few overlaps left in a crowd cost less than the wait
BLOCK_ROWS = 128  # 128 x 2,000 float32 rows fit in L2


def compute_layout(
    node_ids: Sequence[str],
    links: Iterable[tuple[str, str, float]],
    *,
    radii: Sequence[float] | None = None,
    half_widths: Sequence[float] | None = None,
    seed: int = LAYOUT_SEED,
    iterations: int = ITERATIONS,
) -> dict[str, tuple[int, int]]:
    """Integer pixel positions for ``node_ids``; ``links`` are undirected (a, b, strength) pairs.

    ``radii`` are the nodes' drawn radii in px (default 10): bigger nodes push harder and get room;
    ``half_widths`` are half the width of each node with its label, in px (default: the radius).
    """
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
    radius = np.full(n, 10.0) if radii is None else np.asarray(radii, dtype=np.float64)
    mass = (radius / radius.min()).astype(np.float32)
    pos = _force_layout(n, src, dst, strength, mass, seed=seed, iterations=iterations)
    half = radius if half_widths is None else np.maximum(radius, np.asarray(half_widths, dtype=np.float64))
    pos = _remove_overlaps(_to_pixels(pos), radius, half)
    return {node: (int(round(x)), int(round(y))) for node, (x, y) in zip(node_ids, pos.astype(np.float64).tolist())}


def _force_layout(
    n: int, src: np.ndarray, dst: np.ndarray, strength: np.ndarray, mass: np.ndarray, *, seed: int, iterations: int
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2)) - 0.5).astype(np.float32)
    k = np.float32(1.0 / np.sqrt(n))  # ideal edge length in a unit square
    k2 = k * k
    degree = np.ones(n, dtype=np.float32)
    np.add.at(degree, src, strength)
    np.add.at(degree, dst, strength)
    gravity = (np.float32(GRAVITY) * k * np.ones_like(degree))[:, None]
    temperature = np.float32(0.1)
    cooling = temperature / np.float32(iterations + 1)
    floor = np.float32(1e-4) * k2
    for _ in range(iterations):
        disp = _repulsion(pos, mass, k2, floor)
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


def _repulsion(pos: np.ndarray, mass: np.ndarray, k2: np.float32, floor: np.float32) -> np.ndarray:
    """sum_j m_i m_j k^2 (p_i - p_j) / |p_i - p_j|^2 for every i, in row blocks that stay in the CPU cache."""
    n = len(pos)
    x = np.ascontiguousarray(pos[:, 0])
    y = np.ascontiguousarray(pos[:, 1])
    out = np.empty((n, 2), dtype=np.float32)
    rows = min(n, BLOCK_ROWS)
    dx, dy, d2, tmp = (np.empty((rows, n), dtype=np.float32) for _ in range(4))
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        m = stop - start
        bx, by, bd, bt = dx[:m], dy[:m], d2[:m], tmp[:m]
        np.subtract.outer(x[start:stop], x, out=bx)
        np.subtract.outer(y[start:stop], y, out=by)
        np.multiply(bx, bx, out=bd)
        np.multiply(by, by, out=bt)
        bd += bt
        np.maximum(bd, floor, out=bd)
        np.divide(k2, bd, out=bd)  # a node's own column has dx = dy = 0, so it adds nothing
        bd *= mass[None, :]
        out[start:stop, 0] = np.einsum("ij,ij->i", bd, bx)
        out[start:stop, 1] = np.einsum("ij,ij->i", bd, by)
    out *= mass[:, None]
    return out


def _to_pixels(pos: np.ndarray) -> np.ndarray:
    """Centre the layout and scale it so that typical neighbours sit SPACING_PX apart."""
    pos = pos.astype(np.float64)
    pos -= np.median(pos, axis=0)
    # Radius that holds 90% of the nodes, so one far outlier does not shrink everything else.
    radius = float(np.quantile(np.sqrt((pos * pos).sum(axis=1)), 0.9)) or 1.0
    pos *= (SPACING_PX * np.sqrt(len(pos)) * 0.6 + SPACING_PX) / radius
    pos[:, 0] *= ASPECT
    return pos


def _remove_overlaps(pos: np.ndarray, radius: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Push apart nodes whose boxes (disc and label) intersect, along the axis of least overlap."""
    n = len(pos)
    pos = pos.astype(np.float32)
    radius = radius.astype(np.float32)
    half = half.astype(np.float32)
    for _ in range(OVERLAP_PASSES if n <= 600 else 20):
        ii: list[np.ndarray] = []
        jj: list[np.ndarray] = []
        for start in range(0, n, BLOCK_ROWS):
            stop = min(n, start + BLOCK_ROWS)
            over_x = half[start:stop, None] + half[None, :] + LABEL_GAP[0]
            over_x -= np.abs(pos[start:stop, 0][:, None] - pos[None, :, 0])
            over_y = radius[start:stop, None] + radius[None, :] + LABEL_GAP[1]
            over_y -= np.abs(pos[start:stop, 1][:, None] - pos[None, :, 1])
            i, j = np.nonzero((over_x > 0) & (over_y > 0))
            keep = i + start < j  # each pair once, never a node with itself
            ii.append(i[keep] + start)
            jj.append(j[keep])
        i, j = np.concatenate(ii), np.concatenate(jj)
        if not len(i):
            break
        dx = pos[i, 0] - pos[j, 0]
        dy = pos[i, 1] - pos[j, 1]
        need_x = half[i] + half[j] + LABEL_GAP[0]
        need_y = radius[i] + radius[j] + LABEL_GAP[1]
        over_x = need_x - np.abs(dx)
        over_y = need_y - np.abs(dy)
        along_x = over_x / need_x < over_y / need_y
        # Each node of a pair moves half the way (a crowd may keep a few overlaps).
        step_x = np.where(along_x, over_x * 0.5 * np.where(dx > 0, 1.0, -1.0), 0.0)
        step_y = np.where(along_x, 0.0, over_y * 0.5 * np.where(dy > 0, 1.0, -1.0))
        move = np.zeros_like(pos)
        np.add.at(move, (i, 0), step_x)
        np.add.at(move, (j, 0), -step_x)
        np.add.at(move, (i, 1), step_y)
        np.add.at(move, (j, 1), -step_y)
        pos += move
    return pos

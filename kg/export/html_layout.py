"""Node positions for the HTML view, computed once in Python so the page opens calm and the same every time.

The page must read at first sight, so the layout puts the story's structure on the screen:

- **Core first.** Connected components of a fair size (at least ``CORE_MIN`` nodes and ``CORE_SHARE`` of the
  largest) form the core; isolated nodes and tiny components are *outliers*, laid out in tidy rows below it,
  and the page's opening fit ignores them.
- **Communities grouped.** Each community is laid out as one body first (a force layout of the community
  graph), its members start around that point and are pulled towards their community's centre, and links
  between communities pull less than links inside one.
- A Fruchterman-Reingold force layout in numpy: repulsion between all pairs is computed in cache-sized
  blocks, which keeps 2,000 nodes to a second or two on two cores (networkx's spring_layout takes over ten).
  Bigger nodes push harder. A last pass in pixels moves apart discs that would touch; labels are placed by
  the page itself, at screen size, where they do not overlap.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

LAYOUT_SEED = 42
ITERATIONS = 80
GRAVITY = 2.0  # pull towards the centre
SPACING_PX = 70.0  # typical distance between neighbouring nodes on screen at zoom 1
ASPECT = 1.35  # screens are wider than tall, and so are labels
RADIAL_POWER = 0.65  # distances from the centre are raised to this power: the dense middle opens up, stragglers come in
DISC_GAP = 6.0  # px kept free between two discs
OVERLAP_PASSES = 40
VIEW_PX = (1150.0, 780.0)  # the graph's part of a laptop screen: the opening zoom is estimated for it
LABEL_PX = 24.0  # height of a label line on screen, with its margins
LABEL_GAP_PX = 8.0  # on screen, between two labels side by side
BLOCK_ROWS = 128  # 128 x 2,000 float32 rows fit in L2
CORE_MIN = 3  # a component this small is an outlier...
CORE_SHARE = 0.05  # ...and so is one under 5% of the largest
INTER_COMMUNITY = 0.3  # how much a link between two communities pulls, relative to one inside a community
COMMUNITY_PULL = 1.5  # pull towards the community's centre, in units of gravity
ROW_GAP_PX = 30.0  # between outlier rows, and between the core and the first row
CELL_PAD_PX = 16.0  # between two outliers in a row


@dataclass(frozen=True)
class Layout:
    positions: dict[str, tuple[int, int]]  # integer pixels at zoom 1
    outliers: frozenset[str]  # nodes laid out apart, below the core


def compute_layout(
    node_ids: Sequence[str],
    links: Iterable[tuple[str, str, float]],
    *,
    radii: Sequence[float] | None = None,
    half_widths: Sequence[float] | None = None,
    groups: Sequence[int] | None = None,
    labelled: Sequence[bool] | None = None,
    seed: int = LAYOUT_SEED,
    iterations: int = ITERATIONS,
) -> Layout:
    """Positions for ``node_ids``; ``links`` are undirected (a, b, strength) pairs.

    ``radii``: the nodes' drawn radii in px (default 10); bigger nodes push harder and get room.
    ``half_widths``: half the width of each node's label on screen in px: the outlier rows are spaced by them.
    ``labelled``: nodes whose labels must not overlap at the opening zoom (the page's most important):
    they are moved apart until their label boxes, under their discs, do not meet at the zoom that fits the core.
    ``groups``: a community number per node (default: one community).
    """
    n = len(node_ids)
    if n == 0:
        return Layout({}, frozenset())
    radius = np.full(n, 10.0) if radii is None else np.asarray(radii, dtype=np.float64)
    half = np.zeros(n) if half_widths is None else np.asarray(half_widths, dtype=np.float64)
    group = np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    label = np.zeros(n, dtype=bool) if labelled is None else np.asarray(labelled, dtype=bool)
    index = {node: i for i, node in enumerate(node_ids)}
    pairs: dict[tuple[int, int], float] = {}
    for a, b, w in links:
        i, j = index[a], index[b]
        if i != j:
            key = (i, j) if i < j else (j, i)
            pairs[key] = pairs.get(key, 0.0) + w
    src = np.fromiter((k[0] for k in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((k[1] for k in pairs), dtype=np.int64, count=len(pairs))
    weight = np.fromiter(pairs.values(), dtype=np.float64, count=len(pairs))

    core = core_mask(n, src, dst)
    pos = np.zeros((n, 2), dtype=np.float64)
    core_ids = np.flatnonzero(core)
    if len(core_ids):
        local = -np.ones(n, dtype=np.int64)
        local[core_ids] = np.arange(len(core_ids))
        keep = core[src] & core[dst]
        pos[core_ids] = _core_layout(local[src[keep]], local[dst[keep]], weight[keep], radius[core_ids],
                                     group[core_ids], seed=seed, iterations=iterations)
        pos[core_ids] = _separate(pos[core_ids], radius[core_ids], half[core_ids], label[core_ids])
    outlier_ids = np.flatnonzero(~core)
    if len(outlier_ids):
        pos[outlier_ids] = _rows_below(pos[core_ids] if len(core_ids) else np.zeros((0, 2)), radius[core_ids],
                                       outlier_ids, src, dst, radius, half)
    positions = {node: (int(round(x)), int(round(y))) for node, (x, y) in zip(node_ids, pos.tolist())}
    return Layout(positions, frozenset(node_ids[i] for i in outlier_ids))


def core_mask(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """True for nodes of components big enough to be the core; all True when every component is tiny."""
    if n == 1:
        return np.ones(1, dtype=bool)
    matrix = coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    _, labels = connected_components(matrix, directed=False)
    sizes = np.bincount(labels)
    threshold = max(CORE_MIN, CORE_SHARE * sizes.max())
    core = sizes[labels] >= threshold
    return core if core.any() else np.ones(n, dtype=bool)


def _core_layout(src: np.ndarray, dst: np.ndarray, weight: np.ndarray, radius: np.ndarray, group: np.ndarray,
                 *, seed: int, iterations: int) -> np.ndarray:
    n = len(radius)
    if n == 1:
        return np.zeros((1, 2))
    # Communities renumbered 0..C-1 in order of first appearance (node order is sorted, so this is stable).
    _, first, group = np.unique(group, return_index=True, return_inverse=True)
    group = np.argsort(np.argsort(first))[group]
    sizes = np.bincount(group).astype(np.float64)
    rng = np.random.default_rng(seed)
    start = _community_starts(group, sizes, src, dst, weight, rng)
    # Many supporting sentences pull harder, but not so hard that one busy pair collapses.
    strength = np.log1p(weight)
    strength = np.where(group[src] == group[dst], strength, strength * INTER_COMMUNITY).astype(np.float32)
    mass = (radius / radius.min()).astype(np.float32)
    pos = _force_layout(start, src, dst, strength, mass, group if len(sizes) > 1 else None, iterations=iterations)
    return _to_pixels(pos)


def _community_starts(group: np.ndarray, sizes: np.ndarray, src: np.ndarray, dst: np.ndarray, weight: np.ndarray,
                      rng: np.random.Generator) -> np.ndarray:
    """Each node near its community's place in a layout of the community graph, in the unit square."""
    n, count = len(group), len(sizes)
    if count == 1:
        return (rng.random((n, 2)) - 0.5).astype(np.float32)
    between: dict[tuple[int, int], float] = {}
    for a, b, w in zip(group[src].tolist(), group[dst].tolist(), weight.tolist()):
        if a != b:
            key = (a, b) if a < b else (b, a)
            between[key] = between.get(key, 0.0) + w
    csrc = np.fromiter((k[0] for k in between), dtype=np.int64, count=len(between))
    cdst = np.fromiter((k[1] for k in between), dtype=np.int64, count=len(between))
    cstrength = np.log1p(np.fromiter(between.values(), dtype=np.float64, count=len(between))).astype(np.float32)
    cmass = np.sqrt(sizes / sizes.min()).astype(np.float32)
    centres = _force_layout((rng.random((count, 2)) - 0.5).astype(np.float32), csrc, cdst, cstrength, cmass, None,
                            iterations=150)
    # A community's members start within a disc whose area grows with its size.
    spread = 0.5 * np.sqrt(sizes / n)
    angle = rng.random(n) * 2 * np.pi
    distance = np.sqrt(rng.random(n)) * spread[group]
    jitter = np.stack([np.cos(angle), np.sin(angle)], axis=1) * distance[:, None]
    return (centres[group] + jitter).astype(np.float32)


def _force_layout(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, strength: np.ndarray, mass: np.ndarray,
                  group: np.ndarray | None, *, iterations: int) -> np.ndarray:
    pos = pos.astype(np.float32).copy()
    n = len(pos)
    k = np.float32(1.0 / np.sqrt(n))  # ideal edge length in a unit square
    k2 = k * k
    gravity = np.float32(GRAVITY) * k
    pull = np.float32(COMMUNITY_PULL) * gravity
    temperature = np.float32(0.1)
    cooling = temperature / np.float32(iterations + 1)
    floor = np.float32(1e-4) * k2
    counts = np.bincount(group).astype(np.float32)[:, None] if group is not None else None
    for _ in range(iterations):
        disp = _repulsion(pos, mass, k2, floor)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta * delta).sum(axis=1))
            force = delta * (dist * strength / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, force[:, axis], minlength=n).astype(np.float32)
                disp[:, axis] += np.bincount(dst, force[:, axis], minlength=n).astype(np.float32)
        disp -= gravity * pos
        if group is not None:
            centre = np.stack([np.bincount(group, pos[:, axis]) for axis in (0, 1)], axis=1).astype(np.float32) / counts
            disp -= pull * (pos - centre[group])
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
    # A force layout packs hubs in the middle and leaves weakly linked nodes far out, which sets the zoom;
    # a radial power map (monotone: every node keeps its direction and its order outwards) evens that out.
    dist = np.sqrt((pos * pos).sum(axis=1))
    scale = float(np.median(dist)) or 1.0
    pos *= (np.power(np.maximum(dist, 1e-12) / scale, RADIAL_POWER - 1.0))[:, None]
    # Radius that holds 90% of the nodes, so one far outlier does not shrink everything else.
    radius = float(np.quantile(np.sqrt((pos * pos).sum(axis=1)), 0.9)) or 1.0
    pos *= (SPACING_PX * np.sqrt(len(pos)) * 0.6 + SPACING_PX) / radius
    pos[:, 0] *= ASPECT
    return pos


def _separate(pos: np.ndarray, radius: np.ndarray, half: np.ndarray, labelled: np.ndarray) -> np.ndarray:
    """No two discs touch, and the labelled nodes' label boxes do not meet at the opening zoom."""
    pos = _remove_overlaps(pos, radius)
    if labelled.sum() < 2:
        return pos
    ids = np.flatnonzero(labelled)
    for _ in range(3):
        zoom = _fit_zoom(pos, radius)
        pos[ids] = _separate_labels(pos[ids], radius[ids], half[ids] / zoom + LABEL_GAP_PX / zoom / 2, LABEL_PX / zoom)
        pos = _remove_overlaps(pos, radius)
    return pos


def _fit_zoom(pos: np.ndarray, radius: np.ndarray) -> float:
    """The zoom at which the page's opening fit shows these nodes (vis-network fits the bounding box)."""
    width = float((pos[:, 0] + radius).max() - (pos[:, 0] - radius).min()) or 1.0
    height = float((pos[:, 1] + radius).max() - (pos[:, 1] - radius).min()) or 1.0
    return min(1.2, VIEW_PX[0] / width, VIEW_PX[1] / height)


def _separate_labels(pos: np.ndarray, radius: np.ndarray, half: np.ndarray, height: float) -> np.ndarray:
    """Push apart boxes (disc, and the label line under it) along the axis of least overlap; few nodes, all pairs."""
    pos = pos.copy()
    top = radius  # the box spans the disc and the label below it
    bottom = radius + height
    width = np.maximum(half, radius)
    for _ in range(OVERLAP_PASSES):
        dx = pos[:, 0][:, None] - pos[None, :, 0]
        dy = pos[:, 1][:, None] - pos[None, :, 1]
        over_x = width[:, None] + width[None, :] - np.abs(dx)
        # i above j: i's bottom against j's top, and the other way round.
        over_y = np.where(dy < 0, bottom[:, None] + top[None, :] + dy, bottom[None, :] + top[:, None] - dy)
        i, j = np.nonzero((over_x > 0) & (over_y > 0))
        keep = i < j
        i, j = i[keep], j[keep]
        if not len(i):
            break
        along_x = over_x[i, j] / (2 * width[i] + 2 * width[j]) < over_y[i, j] / (bottom[i] + bottom[j])
        sign_x = np.where(dx[i, j] > 0, 1.0, -1.0)
        sign_y = np.where(dy[i, j] > 0, 1.0, -1.0)
        step_x = np.where(along_x, over_x[i, j] * 0.5 * sign_x, 0.0)
        step_y = np.where(along_x, 0.0, over_y[i, j] * 0.5 * sign_y)
        move = np.zeros_like(pos)
        np.add.at(move, (i, 0), step_x)
        np.add.at(move, (j, 0), -step_x)
        np.add.at(move, (i, 1), step_y)
        np.add.at(move, (j, 1), -step_y)
        pos += move
    return pos


def _remove_overlaps(pos: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """Push apart nodes whose discs (plus DISC_GAP) intersect, along the line between them."""
    pos = pos.astype(np.float64)
    reach = 2 * float(radius.max()) + DISC_GAP
    for _ in range(OVERLAP_PASSES):
        # Only pairs closer than the two biggest discs can touch: a k-d tree finds them without all n^2 pairs.
        pairs = cKDTree(pos).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = pos[i] - pos[j]
        dist = np.sqrt((delta * delta).sum(axis=1))
        need = radius[i] + radius[j] + DISC_GAP
        touching = dist < need
        if not touching.any():
            break
        i, j, delta, dist, need = i[touching], j[touching], delta[touching], dist[touching], need[touching]
        # Two nodes on one spot part along a fixed, index-dependent direction (deterministic).
        same = dist < 1e-6
        delta[same] = np.stack([np.cos(i[same] * 2.39996), np.sin(i[same] * 2.39996)], axis=1)
        dist[same] = 1.0
        step = ((need - dist) * 0.5 / dist)[:, None] * delta
        move = np.zeros_like(pos)
        np.add.at(move, i, step)
        np.add.at(move, j, -step)
        pos += move
    return pos


def _rows_below(core: np.ndarray, core_radius: np.ndarray, ids: np.ndarray, src: np.ndarray, dst: np.ndarray,
                radius: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Outliers in rows under the core, as wide as the core, one component after another."""
    if len(core):
        left = float((core[:, 0] - core_radius).min())
        right = float((core[:, 0] + core_radius).max())
        bottom = float((core[:, 1] + core_radius).max())
        # Far enough below that the opening view, fitted to the core, does not reach them.
        top = bottom + max(3 * ROW_GAP_PX, 0.3 * (bottom - float((core[:, 1] - core_radius).min())))
    else:
        left, right, top = 0.0, 0.0, 0.0
    half = np.maximum(half, radius)
    width = max(right - left, 6 * float(half[ids].max()) + 6 * CELL_PAD_PX)
    # Members of one component stay side by side: order by component (its first node), then node order.
    parent = {int(i): int(i) for i in ids}
    for a, b in zip(src.tolist(), dst.tolist()):
        if a in parent and b in parent:
            ra, rb = _find(parent, a), _find(parent, b)
            parent[max(ra, rb)] = min(ra, rb)
    order = sorted(ids.tolist(), key=lambda i: (_find(parent, i), i))
    out = np.zeros((len(ids), 2))
    where = {int(i): k for k, i in enumerate(ids.tolist())}
    x, y, row_height = left, top, 0.0
    for i in order:
        cell = 2 * half[i] + CELL_PAD_PX
        if x > left and x + cell > left + width:
            x, y, row_height = left, y + row_height + ROW_GAP_PX, 0.0
        row_height = max(row_height, 2 * radius[i] + 24.0)  # the disc and its label line under it
        out[where[i]] = (x + cell / 2, y + radius[i])
        x += cell
    return out


def _find(parent: dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i

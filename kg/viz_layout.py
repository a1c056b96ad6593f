"""A fast, deterministic 2-D layout for the graph page (no scipy, O(K² + n) work).

Why not ``networkx.spring_layout``: without scipy it is dense Fruchterman-Reingold
(about 1 s for 300 nodes, minutes for 5,000), and a browser force simulation of
1,000+ nodes takes ~100 s to settle. A report graph is a few hubs (documents,
sections, busy entities) with many leaves hanging off them, so the layout is:

1. a *core* of the highest-degree nodes of each connected component is laid out
   with a small Fruchterman-Reingold in numpy (at most ``CORE_SIZE`` nodes);
2. each core node becomes a disc big enough for everything attached below it and
   overlapping discs are pushed apart;
3. the other nodes are placed breadth-first on a sunflower (golden-angle) spiral
   around the placed neighbour that discovered them, so siblings never overlap;
4. components are packed left to right in rows.

Coordinates are in vis-network pixels.
"""
from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["layout", "CORE_SIZE", "SPACING"]

CORE_SIZE = 120
SPACING = 34.0  # pixels between sibling leaves on a spiral
_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))


def _fruchterman_reingold(adjacency: np.ndarray, rng: np.random.Generator, iterations: int = 120) -> np.ndarray:
    """Positions in the unit square for a small dense adjacency matrix."""
    n = adjacency.shape[0]
    pos = rng.random((n, 2))
    if n == 1:
        return pos
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = (k * k / distance**2 - adjacency * distance / k)
        displacement = np.einsum("ij,ijk->ik", force, delta)
        length = np.maximum(np.linalg.norm(displacement, axis=-1), 0.01)
        pos += displacement * (temperature / length)[:, None]
        temperature -= cooling
    return pos - pos.mean(axis=0)


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Push apart discs that overlap (vectorised pairwise relaxation)."""
    if len(centres) < 2:
        return centres
    for _ in range(rounds):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 1e-6)
        overlap = radii[:, None] + radii[None, :] - distance
        np.fill_diagonal(overlap, 0.0)
        overlap = np.clip(overlap, 0.0, None)
        if not overlap.any():
            break
        push = (overlap / distance / 2.0)[:, :, None] * delta
        centres = centres + push.sum(axis=1) * 0.5
    return centres


def _component_layout(graph: nx.Graph[Hashable], nodes: list[Hashable], rng: np.random.Generator) -> dict[Hashable, tuple[float, float]]:
    """Core FR plus sunflower leaves for one connected component, centred near 0."""
    degree = graph.degree
    ranked = sorted(nodes, key=lambda node: (-degree[node], str(node)))
    core = ranked[:CORE_SIZE]
    core_index = {node: i for i, node in enumerate(core)}
    # Breadth-first discovery from the core: each other node hangs off one parent.
    parent: dict[Hashable, Hashable] = {}
    children: dict[Hashable, list[Hashable]] = {node: [] for node in nodes}
    queue = deque(core)
    seen = set(core)
    while queue:
        node = queue.popleft()
        for neighbour in sorted(graph.neighbors(node), key=lambda n: (-degree[n], str(n))):
            if neighbour not in seen:
                seen.add(neighbour)
                parent[neighbour] = node
                children[node].append(neighbour)
                queue.append(neighbour)
    subtree: dict[Hashable, int] = {}
    for node in reversed(core + list(parent)):  # breadth-first order reversed: leaves first
        subtree[node] = 1 + sum(subtree.get(child, 1) for child in children[node])
    radii = np.array([SPACING * (math.sqrt(subtree[node]) + 1.0) for node in core])

    adjacency = np.zeros((len(core), len(core)))
    for a, b in graph.subgraph(core).edges():
        adjacency[core_index[a], core_index[b]] = adjacency[core_index[b], core_index[a]] = 1.0
    centres = _fruchterman_reingold(adjacency, rng)
    spread = max(float(np.abs(centres).max()), 1e-6)
    centres = centres / spread * math.sqrt(float((radii**2).sum())) * 1.2
    centres = _separate(centres, radii + SPACING)

    pos: dict[Hashable, tuple[float, float]] = {node: (float(centres[i, 0]), float(centres[i, 1]))
                                                  for node, i in core_index.items()}
    queue = deque(core)
    while queue:
        node = queue.popleft()
        px, py = pos[node]
        offset = rng.random() * 2 * math.pi
        for i, child in enumerate(children[node]):
            radius = SPACING * (math.sqrt(i + 1.0) + 0.8)
            angle = offset + i * _GOLDEN
            pos[child] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
            queue.append(child)
    return pos


def layout(graph: nx.Graph | nx.MultiDiGraph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Pixel positions for every node, the same for the same graph and seed.

    Directed and multi edges are treated as plain undirected links; isolated nodes
    and small components are packed in rows beside the big ones.
    """
    simple: nx.Graph[Hashable] = nx.Graph(graph)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    rng = np.random.default_rng(seed)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    pos: dict[Hashable, tuple[float, float]] = {}
    if not components:
        return pos
    row_width = max(1500.0, math.sqrt(len(simple)) * SPACING * 4.0)
    cursor_x = cursor_y = row_height = 0.0
    for nodes in components:
        local = _component_layout(simple, nodes, rng)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        width = max(xs) - min(xs) + 2 * SPACING
        height = max(ys) - min(ys) + 2 * SPACING
        if cursor_x > 0 and cursor_x + width > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height, 0.0
        dx = cursor_x - min(xs) + SPACING
        dy = cursor_y - min(ys) + SPACING
        for node, (x, y) in local.items():
            pos[node] = (round(x + dx, 1), round(y + dy, 1))
        cursor_x += width
        row_height = max(row_height, height)
    return pos

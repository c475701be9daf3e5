"""A t = 2 covering array: rows of levels such that every pair of levels of two factors meets in some row.

Greedy construction in the manner of AETG (Cohen et al., 1997), made
deterministic: each row starts from the first pair still uncovered and fills
every other factor, largest first, with the level that covers the most new
pairs (ties: the lowest level). The result is not minimal, but it is small
(near the product of the two largest factor sizes) and the same every run.
"""

from __future__ import annotations

from itertools import combinations


def pairs_count(sizes: list[int]) -> int:
    return sum(a * b for a, b in combinations(sizes, 2))


def covering_array(sizes: list[int]) -> list[tuple[int, ...]]:
    """Rows of level indices, one per factor, covering every pair of levels of every two factors."""
    k = len(sizes)
    if k == 0 or any(n <= 0 for n in sizes):
        return []
    if k == 1:
        return [(level,) for level in range(sizes[0])]
    uncovered = {(i, j): {(a, b) for a in range(sizes[i]) for b in range(sizes[j])}
                 for i, j in combinations(range(k), 2)}
    order = sorted(range(k), key=lambda f: (-sizes[f], f))
    rows: list[tuple[int, ...]] = []
    while any(uncovered.values()):
        rows.append(_row(sizes, uncovered, order))
    return rows


def _row(sizes: list[int], uncovered: dict[tuple[int, int], set[tuple[int, int]]],
         order: list[int]) -> tuple[int, ...]:
    (i, j), missing = next((key, left) for key, left in sorted(uncovered.items()) if left)
    a, b = min(missing)
    row: dict[int, int] = {i: a, j: b}
    for factor in order:
        if factor not in row:
            row[factor] = _best_level(factor, sizes[factor], row, uncovered)
    chosen = tuple(row[f] for f in range(len(sizes)))
    for x, y in combinations(range(len(sizes)), 2):
        uncovered[(x, y)].discard((chosen[x], chosen[y]))
    return chosen


def _best_level(factor: int, size: int, row: dict[int, int],
                uncovered: dict[tuple[int, int], set[tuple[int, int]]]) -> int:
    best, best_gain = 0, -1
    for level in range(size):
        gain = 0
        for other, value in row.items():
            if other < factor:
                gain += (value, level) in uncovered[(other, factor)]
            else:
                gain += (level, value) in uncovered[(factor, other)]
        if gain > best_gain:
            best, best_gain = level, gain
    return best

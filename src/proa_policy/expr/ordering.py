"""Dependency order of computed values, without recursion: no policy set overflows the stack."""

from __future__ import annotations

#: Longest chain of computed values reading computed values (`a` reads `b` reads `c` is 3).
MAX_COMPUTED_CHAIN = 32


def dependency_order(deps: dict[str, list[str]]) -> tuple[list[str], list[list[str]], dict[str, int]]:
    """Depth-first post-order of `deps` (name → names it reads), with an explicit stack.

    Returns the order (each name after what it reads), the cycles found (each as the path from the
    repeated name back to it), and each name's chain length (1 for a value reading no other value;
    edges closing a cycle are not counted). Names read but not in `deps` are ignored.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    order: list[str] = []
    cycles: list[list[str]] = []
    depth: dict[str, int] = {}
    for root in deps:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(deps[root])]
        while stack:
            dep = next(stack[-1], None)
            if dep is None:
                stack.pop()
                name = path.pop()
                state[name] = 2
                order.append(name)
                depth[name] = 1 + max((depth[d] for d in deps[name] if d in depth), default=0)
            elif dep in deps and state.get(dep) != 2:
                if state.get(dep) == 1:
                    cycles.append(path[path.index(dep):])
                    continue
                state[dep] = 1
                path.append(dep)
                stack.append(iter(deps[dep]))
    return order, cycles, depth

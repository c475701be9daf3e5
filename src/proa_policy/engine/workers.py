"""Worker processes for a batch: results in input order, and an interrupt that always ends everything.

Not `multiprocessing.Pool`: its teardown shares queue locks and a result
thread with the workers, so a worker killed while writing a result leaves
the parent waiting for the rest of the message for ever (the hang seen in
one Ctrl-C of three). Here each worker has its own pipe and no lock is
shared; a worker holds at most one unit, given when it has sent back the
previous result, so neither side can wait on the other in a cycle. Workers
ignore SIGINT from their first instruction (the parent ignores it while it
forks them): a Ctrl-C, which reaches the whole process group, is the
parent's to handle. However the parent leaves — the last result, an
interrupt, a closed pipe, an error — every worker is killed and waited for.
"""

from __future__ import annotations

import signal
import threading
from collections import deque
from typing import Any, Callable, Iterable, Iterator


def _serve(connection: Any, init: Callable[..., None], initargs: tuple[Any, ...],
           work: Callable[[Any], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init(*initargs)
    while True:
        try:
            item = connection.recv()
        except (EOFError, OSError):
            return  # the parent has gone
        if item is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", work(item))
        except Exception as exc:  # a bug: said in the parent, which raises it
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


class WorkerFailed(RuntimeError):
    """A worker process died, or raised: the batch cannot go on."""


def ordered_map(work: Callable[[Any], Any], items: Iterable[Any], jobs: int, *, context: Any,
                init: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator[Any]:
    """`work(item)` for every item, computed in `jobs` processes, yielded in the order of `items`."""
    processes, connections = [], []
    previous = None
    main = threading.current_thread() is threading.main_thread()
    if main:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for _ in range(jobs):
            parent_end, child_end = context.Pipe(duplex=True)
            process = context.Process(target=_serve, args=(child_end, init, initargs, work), daemon=True)
            process.start()
            child_end.close()
            processes.append(process)
            connections.append(parent_end)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    try:
        iterator = iter(items)
        order: deque[int] = deque()  # the worker holding each unit in flight, in input order
        for index, item in zip(range(jobs), iterator):
            connections[index].send(item)
            order.append(index)
        while order:
            index = order.popleft()
            try:
                status, value = connections[index].recv()
            except (EOFError, OSError):
                raise WorkerFailed(f"worker process {processes[index].pid} ended unexpectedly") from None
            if status != "ok":
                raise WorkerFailed(value)
            nxt = next(iterator, None)
            if nxt is not None:
                connections[index].send(nxt)
                order.append(index)
            yield value
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
        for process in processes:
            process.join()
        for connection in connections:
            connection.close()

"""The rows of an import file, validated, in batches — for a big file by a second process.

Reading and validating a row (cells, countries, phone numbers, e-mail addresses, keys) is pure Python and
costs about as much as writing it; threads would only take turns on the GIL. So for a big file a child
process reads and validates while the worker writes the batches it hands over, and the two overlap on
two cores. The child touches no database: it gets the file's storage name, its layout, the mapping and
the workspace's grade codes. At most QUEUE_BATCHES batches wait between them, so memory stays flat.
Small files, and any failure to start the child, take the simple path in this process.

This module imports no Django model at import time: the child imports it before Django is set up.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue as queues
import threading
from collections.abc import Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)

QUEUE_BATCHES = 3
PARALLEL_FROM_ROWS = 5_000
_DONE = "done"


@dataclass
class Spec:
    """What the reader needs, as plain data (it travels to the child process)."""

    storage_name: str
    layout: object  # reading.FileLayout
    mapping: dict
    default_country: str
    grade_codes: dict
    language: str
    batch_size: int
    skip: int = 0


def _rows(spec: Spec):
    from django.core.files.storage import default_storage

    from tradewind.crm.imports.reading import iter_rows
    from tradewind.crm.imports.rows import RowReader

    reader = RowReader(
        workspace=None,
        mapping=spec.mapping,
        default_country=spec.default_country,
        grade_codes=spec.grade_codes,
    )
    skip = spec.skip
    for number, cells in iter_rows(lambda: default_storage.open(spec.storage_name, "rb"), spec.layout):
        if not reader.has_content(cells):
            continue
        if skip:
            skip -= 1
            continue
        yield reader.read(number, cells)


def batches_here(spec: Spec) -> Iterator[list]:
    """In this process."""
    batch = []
    for row in _rows(spec):
        batch.append(row)
        if len(batch) == spec.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _child(spec: Spec, out, stop) -> None:
    """The child process: read, validate, hand over batches until the end or until told to stop."""
    import django

    django.setup()
    from django.utils import translation

    from tradewind.core.errors import ApplicationError

    translation.activate(spec.language)

    def put(item) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=0.5)
                return True
            except queues.Full:
                continue
        return False

    try:
        for batch in batches_here(spec):
            if not put(("rows", batch)):
                return
        put((_DONE, None))
    except ApplicationError as exc:  # e.g. a row of the file that cannot be read
        put(("refused", str(exc.message)))
    except Exception as exc:
        put(("failed", f"{exc.__class__.__name__}: {exc}"))


def validated_batches(spec: Spec, *, parallel: bool) -> Iterator[list]:
    """Batches of validated rows (ImportRow), from a child process when `parallel`."""
    if not parallel:
        yield from batches_here(spec)
        return
    from tradewind.crm.imports.reading import FileUnreadable

    context = multiprocessing.get_context("spawn")  # not fork: the worker has threads and connections
    out = context.Queue(maxsize=QUEUE_BATCHES)
    stop = context.Event()
    child = context.Process(target=_child, args=(spec, out, stop), name="import-reader", daemon=True)
    try:
        child.start()
    except Exception:  # no process can be started here (limits, an odd __main__): read in this one
        log.exception("could not start the import reader; reading in the worker")
        yield from batches_here(spec)
        return
    # Unpickling a batch takes ~35 ms of the worker's time; a thread takes the next one off the queue
    # while the worker waits for the database (which releases the GIL), so the two overlap.
    ahead: queues.Queue = queues.Queue(maxsize=1)
    halt = threading.Event()
    pump = threading.Thread(
        target=_pump, args=(out, child, ahead, halt), name="import-reader-pump", daemon=True
    )
    pump.start()
    try:
        while True:
            try:
                kind, payload = ahead.get(timeout=1)
            except queues.Empty:
                if not pump.is_alive():
                    raise RuntimeError("the import reader's queue stopped") from None
                continue
            if kind == _DONE:
                return
            if kind == "refused":
                raise FileUnreadable(payload)
            if kind == "failed":
                raise RuntimeError(f"the import reader failed: {payload}")
            if kind == "stopped":
                raise RuntimeError(f"the import reader stopped (exit code {payload})")
            yield payload
    finally:
        halt.set()
        stop.set()
        pump.join(timeout=5)
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()
        out.close()
        out.cancel_join_thread()


def _pump(out, child, ahead: queues.Queue, halt: threading.Event) -> None:
    """Move items from the child's queue to `ahead` (unpickled here) until the last one or `halt`."""

    def hand_over(item) -> None:
        while not halt.is_set():
            try:
                ahead.put(item, timeout=0.5)
                return
            except queues.Full:
                continue

    while not halt.is_set():
        try:
            item = out.get(timeout=0.5)
        except queues.Empty:
            if not child.is_alive():
                hand_over(("stopped", child.exitcode))
                return
            continue
        except Exception as exc:  # a batch that cannot be unpickled
            hand_over(("failed", f"{exc.__class__.__name__}: {exc}"))
            return
        hand_over(item)
        if item[0] != "rows":
            return

"""Batches of households, made here or in a forked process while the database copies.

On PostgreSQL a batch travels as COPY text: the generating process does all the Python
work (rows, audit hashes, formatting) and the loading process only hands bytes to the
server, so generating and copying run on two cores. The forked process never touches the
database connection it inherits; it exits with os._exit (multiprocessing), closing nothing.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from maatwerk.synth.copytext import copy_text
from maatwerk.synth.generate import Generator
from maatwerk.synth.load import AuditChain
from maatwerk.synth.tables import WITH_ID


@dataclass
class Batch:
    """One batch ready to write: rows per table (or their COPY text) and what it holds."""

    households: int
    counts: dict[str, int]
    last_ids: dict[str, int]
    data: dict[str, Any]


def make_batch(generator: Generator, chain: AuditChain, households: int, as_text: bool) -> Batch:
    """Generate, chain the audit events, and (for COPY) format one batch."""
    rows = generator.batch(households)
    chain.add(generator.audit, rows)
    counts = {table: len(r) for table, r in rows.items() if r}
    last_ids = {table: rows[table][-1][0] for table in WITH_ID if rows[table]}
    data: dict[str, Any] = rows
    if as_text:
        data = {table: copy_text(table, r) for table, r in rows.items() if r}
    return Batch(households, counts, last_ids, data)


def _sizes(households: int, batch_size: int) -> Iterator[int]:
    done = 0
    while done < households:
        size = min(batch_size, households - done)
        yield size
        done += size


def _work(generator, chain, households, batch_size, as_text, connection) -> None:
    try:
        for size in _sizes(households, batch_size):
            connection.send(make_batch(generator, chain, size, as_text))
        connection.send(None)
    except BaseException:  # report anything to the loading process, then stop
        connection.send(traceback.format_exc())
    finally:
        connection.close()


def batches(
    generator: Generator,
    chain: AuditChain,
    households: int,
    batch_size: int,
    *,
    as_text: bool,
    parallel: bool,
) -> Iterator[Batch]:
    """The batches in order; with parallel, made one ahead in a forked process."""
    if not parallel:
        for size in _sizes(households, batch_size):
            yield make_batch(generator, chain, size, as_text)
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work,
        args=(generator, chain, households, batch_size, as_text, sending),
        daemon=True,
    )
    worker.start()
    sending.close()
    try:
        while True:
            item = receiving.recv()
            if item is None:
                return
            if isinstance(item, str):
                raise RuntimeError("synth's generating process failed:\n" + item)
            yield item
    finally:
        receiving.close()
        worker.join(timeout=5)
        if worker.is_alive():
            worker.terminate()

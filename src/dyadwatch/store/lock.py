"""Who may open a store file, and when: a cross-process readers/writer lock.

DuckDB lets one process open a file read-write, or many processes open it
read-only, never both.  dyadwatch therefore never keeps a store open longer
than it needs, and coordinates the processes that want it through three small
lock files beside the store (``<db>.lock``, ``<db>.lock.w``, ``<db>.lock.r``),
locked with ``flock`` (released by the kernel when a process dies, even by
``kill -9``):

* ``<db>.lock``: readers hold it shared, a writer exclusive, for exactly as
  long as they have the DuckDB file open;
* ``<db>.lock.w``: a writer waiting for the store holds it exclusive.  New
  readers queue behind it (writers are preferred, so a busy dashboard cannot
  starve a run), and readers that keep the store open between requests
  (``serve``) see it and close;
* ``<db>.lock.r``: readers waiting for a writer hold it shared; a writer that
  keeps the store open between batches sees it and closes.

Waiting is bounded: past ``timeout`` seconds ``StoreBusy`` says which
process held the store.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..errors import StoreBusy

_POLL_FIRST = 0.002
_POLL_MAX = 0.05


class StoreLock:
    """The lock files of one store.  Not shared between threads: one per session."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._main = self._open(self.db + ".lock")
        self._wait_w = self._open(self.db + ".lock.w")
        self._wait_r = self._open(self.db + ".lock.r")
        self.mode: str | None = None  # None | "shared" | "exclusive"

    @staticmethod
    def _open(path: str) -> int:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)

    # -- low level ---------------------------------------------------------
    @staticmethod
    def _try(fd: int, op: int) -> bool:
        try:
            fcntl.flock(fd, op | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _wait(self, fd: int, op: int, deadline: float, what: str) -> None:
        pause = _POLL_FIRST
        while not self._try(fd, op):
            if time.monotonic() >= deadline:
                raise StoreBusy(f"store {self.db} is {what}: gave up after waiting; "
                                f"{self.holder()} Try again later, or wait longer (--wait)")
            time.sleep(pause)
            pause = min(pause * 2, _POLL_MAX)

    def holder(self) -> str:
        """A sentence naming who holds the store, from the lock file's note."""
        try:
            with open(self.db + ".lock", encoding="utf-8") as fh:
                note = fh.read().strip()
        except OSError:
            note = ""
        return f"It was last opened for writing by {note}." if note else ""

    # -- acquire / release -------------------------------------------------
    def acquire_shared(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        if self._try(self._main, fcntl.LOCK_SH) and self._try(self._wait_w, fcntl.LOCK_SH):
            fcntl.flock(self._wait_w, fcntl.LOCK_UN)
            self.mode = "shared"
            return
        # a writer holds or waits for the store: queue behind it, and say so
        fcntl.flock(self._main, fcntl.LOCK_UN)
        self._wait(self._wait_r, fcntl.LOCK_SH, deadline, "being written")
        try:
            self._wait(self._wait_w, fcntl.LOCK_SH, deadline, "being written")
            fcntl.flock(self._wait_w, fcntl.LOCK_UN)
            self._wait(self._main, fcntl.LOCK_SH, deadline, "being written")
        finally:
            fcntl.flock(self._wait_r, fcntl.LOCK_UN)
        self.mode = "shared"

    def acquire_exclusive(self, timeout: float, note: str = "") -> None:
        deadline = time.monotonic() + timeout
        if not self._try(self._main, fcntl.LOCK_EX):
            self._wait(self._wait_w, fcntl.LOCK_EX, deadline, "in use by another writer")
            try:
                self._wait(self._main, fcntl.LOCK_EX, deadline, "in use")
            finally:
                fcntl.flock(self._wait_w, fcntl.LOCK_UN)
        self.mode = "exclusive"
        if note:
            os.ftruncate(self._main, 0)
            os.pwrite(self._main, note.encode("utf-8"), 0)

    def release(self) -> None:
        if self.mode is not None:
            fcntl.flock(self._main, fcntl.LOCK_UN)
            self.mode = None

    def others_waiting(self) -> bool:
        """True when another process waits for what this holder has.

        A shared holder only stands in a writer's way; an exclusive holder
        stands in everyone's.
        """
        if self.mode is None:
            return False
        if not self._try(self._wait_w, fcntl.LOCK_SH):
            return True
        fcntl.flock(self._wait_w, fcntl.LOCK_UN)
        if self.mode == "exclusive":
            if not self._try(self._wait_r, fcntl.LOCK_EX):
                return True
            fcntl.flock(self._wait_r, fcntl.LOCK_UN)
        return False

    def close(self) -> None:
        self.release()
        for fd in (self._main, self._wait_w, self._wait_r):
            try:
                os.close(fd)
            except OSError:
                pass

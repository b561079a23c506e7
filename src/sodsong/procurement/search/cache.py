"""A small per-process LRU of search counts and summaries, keyed by the index file.

An index file never changes once built (a rebuild is a new file), so a count or a summary
computed for (index, words, filters) stays true for as long as that index is served: repeating
a search, paging through it or changing its sort costs only the page query. The key holds the
file's path, inode and mtime, so entries of a replaced index are never read again (and age out).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

__all__ = ["CACHE_SIZE", "SearchCache", "results"]

CACHE_SIZE = int(os.environ.get("SODSONG_SEARCH_CACHE_SIZE", "1024"))


class SearchCache:
    """Thread-safe least-recently-used map; size 0 turns it off."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        if self.size <= 0:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: Any) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


results = SearchCache(CACHE_SIZE)

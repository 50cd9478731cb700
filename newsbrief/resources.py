"""Learned state shipped inside the package, and the code that regenerates it.

``data/idf.tsv.gz``: document frequencies of stemmed content terms over the Multi-News
**train** split (one document = one article). Regenerate with
``python -m newsbrief.resources build-idf ../shared/data/multi_news/train.jsonl.gz``.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

IDF_FILE = "idf.tsv.gz"
# Terms seen in fewer train articles than this are left out of the shipped table (they take
# the idf of an unseen term): keeps the file small without changing any common weight.
MIN_DF = 3


class IdfTable(dict):  # type: ignore[type-arg]
    """term -> idf, plus ``unknown``: the idf of a term the table has not seen (the largest)."""

    unknown: float = 1.0


@lru_cache(maxsize=1)
def idf_table() -> IdfTable:
    """term -> smoothed idf, log((N + 1) / (df + 1)) + 1; unseen terms: ``table.unknown``."""
    path = resources.files("newsbrief") / "data" / IDF_FILE
    with resources.as_file(path) as p, gzip.open(p, "rt", encoding="utf-8") as f:
        n = int(f.readline().split("\t")[1])
        table = IdfTable()
        for line in f:
            term, df = line.rstrip("\n").split("\t")
            table[term] = math.log((n + 1) / (int(df) + 1)) + 1.0
    table.unknown = max(table.values(), default=1.0)
    return table


def read_shipped(name: str, read: Callable[[Path], T]) -> T | None:
    """``read`` applied to ``newsbrief/data/<name>``; None when the package was built without
    that file (the learned tables are optional: each caller falls back to its own default)."""
    ref = resources.files("newsbrief") / "data" / name
    if not ref.is_file():
        return None
    with resources.as_file(ref) as p:
        return read(p)


def build_idf(train_path: str, out: Path) -> int:
    from .text import content_terms

    df: Counter[str] = Counter()
    n = 0
    with gzip.open(train_path, "rt", encoding="utf-8") as f:
        for line in f:
            for doc in json.loads(line)["documents"]:
                if doc.strip():
                    n += 1
                    df.update(set(content_terms(doc)))
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"#documents\t{n}\n")
        for term, c in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
            if c >= MIN_DF:
                f.write(f"{term}\t{c}\n")
    return n


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "build-idf":
        target = Path(__file__).parent / "data" / IDF_FILE
        count = build_idf(sys.argv[2], target)
        print(f"wrote {target} from {count} train articles")
    else:
        print("usage: python -m newsbrief.resources build-idf TRAIN.jsonl.gz", file=sys.stderr)
        sys.exit(2)

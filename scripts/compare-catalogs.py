#!/usr/bin/env python3
"""Compare two compiled catalog databases table by table: the same tables, schema and rows (meta included, so
the catalog version and content checksum too). Used to check that a faster build writes the same catalog:

    scripts/compare-catalogs.py OLD.sqlite NEW.sqlite    # prints each table's row count; exit 1 on a difference
"""
import hashlib
import sqlite3
import sys


def tables(db):
    return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def digest(db, table):
    """The table's rows in primary-key order (every column, to be independent of the physical order), hashed."""
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    h, n = hashlib.sha256(), 0
    for row in db.execute(f"SELECT * FROM {table} ORDER BY " + ", ".join(columns)):
        h.update(repr(row).encode())
        n += 1
    return n, h.hexdigest()


def main(old_path, new_path):
    old, new = sqlite3.connect(old_path), sqlite3.connect(new_path)
    same = tables(old) == tables(new)
    for t in tables(old):
        a, b = digest(old, t), digest(new, t) if t in tables(new) else (0, "")
        same = same and a == b
        print(f"{t}: {a[0]} rows", "same" if a == b else f"DIFFERENT ({b[0]} rows)")
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    same_schema = list(old.execute(schema)) == list(new.execute(schema))
    print("schema:", "same" if same_schema else "DIFFERENT")
    print("the same catalog" if same and same_schema else "DIFFERENT catalogs")
    return 0 if same and same_schema else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))

#!/usr/bin/env python3
"""Differential test of two `quote` binaries' catalog checks: the same messages, in the same order, for the
same broken catalogs. Used to check that a refactor of the catalog compiler or its rules (issue 15: one table
per file) changed nothing a user sees.

Copies a catalog folder N times, breaks each copy with 1–4 seeded random edits (a cell emptied, made
"x", "-1", "0" or "1,5"; a row repeated, removed or given an extra field; a header name misspelt; a file
removed), runs `quote catalog check COPY --as-of … --lang en|ru` with both binaries and compares the
exit code, stdout and stderr (the copy's path replaced by DIR). Prints the first differences and a summary;
exit 1 on any difference.

    python3 scripts/catalog-check-diff.py OLD_QUOTE NEW_QUOTE [--catalog catalogs/demo] [-n 300] [--seed 1]
"""
import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile

AS_OF = "2026-12-01T10:00:00+03:00"


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write(path, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def break_copy(folder, rng):
    """Applies 1–4 random edits to the CSV files of `folder`; returns what was done."""
    done = []
    for _ in range(rng.randint(1, 4)):
        files = sorted(f for f in os.listdir(folder) if f.endswith(".csv"))
        if not files:
            break
        name = rng.choice(files)
        path = os.path.join(folder, name)
        rows = read(path)
        kind = rng.choice(["cell"] * 6 + ["repeat", "remove", "extra", "header", "missing"])
        if kind == "missing" and rng.random() < 0.3:
            os.remove(path)
            done.append(f"removed {name}")
            continue
        if len(rows) < 2 or kind == "header":
            if rows and rows[0]:
                i = rng.randrange(len(rows[0]))
                rows[0][i] = rows[0][i][:-1] if len(rows[0][i]) > 3 and rng.random() < 0.5 else rows[0][i] + "x"
                done.append(f"{name}: header column {i} misspelt")
            write(path, rows)
            continue
        r = rng.randrange(1, len(rows))
        if kind == "repeat":
            rows.insert(rng.randrange(1, len(rows) + 1), list(rows[r]))
            done.append(f"{name}: row {r} repeated")
        elif kind == "remove":
            del rows[r]
            done.append(f"{name}: row {r} removed")
        elif kind == "extra":
            rows[r].append("extra")
            done.append(f"{name}: row {r} given an extra field")
        elif rows[r]:
            c = rng.randrange(len(rows[r]))
            value = rng.choice(["", "x", "-1", "0", "1,5", rows[rng.randrange(1, len(rows))][c] if c < len(rows[rng.randrange(1, len(rows))]) else ""])
            rows[r][c] = value
            done.append(f"{name}: row {r} column {c} = {value!r}")
        write(path, rows)
    return done


def run(quote, folder, lang):
    r = subprocess.run(
        [quote, "catalog", "check", folder, "--as-of", AS_OF, "--lang", lang], capture_output=True, text=True, timeout=300)
    return r.returncode, r.stdout.replace(folder, "DIR"), r.stderr.replace(folder, "DIR")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--catalog", default="catalogs/demo")
    ap.add_argument("-n", type=int, default=300, help="broken copies (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="catalog-check-diff-")
    differences, failing = 0, 0
    try:
        for k in range(args.n + 1):
            folder = os.path.join(work, f"c{k}")
            shutil.copytree(args.catalog, folder)
            done = break_copy(folder, rng) if k > 0 else ["(intact)"]
            for lang in ("en", "ru"):
                a, b = run(args.old, folder, lang), run(args.new, folder, lang)
                if lang == "en" and a[0] != 0:
                    failing += 1
                if a != b:
                    differences += 1
                    if differences <= 5:
                        print(f"DIFFERENT: copy {k} ({'; '.join(done)}), --lang {lang}")
                        print("  old:", a)
                        print("  new:", b)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.n} broken copies of {args.catalog} and the intact one, en and ru: {failing} refused, "
          f"{differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

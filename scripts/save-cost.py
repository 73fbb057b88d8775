#!/usr/bin/env python3
"""What `--save` adds to a CLI quote, as whole processes: the README's brick quote run N times without and
N times with `--save`, interleaved, each save a new quote (its own --as-of second, so its own id) into a
database that is already set up. Prints both medians, their difference, and the p90s.

    scripts/save-cost.py [--runs N] [--binary .build/release/quote] [--db FILE]
"""
import argparse, os, statistics, subprocess, tempfile, time

p = argparse.ArgumentParser()
p.add_argument("--runs", type=int, default=60)
p.add_argument("--binary", default=".build/release/quote")
p.add_argument("--db")
a = p.parse_args()
db = a.db or os.path.join(tempfile.mkdtemp(prefix="quote-save-cost-"), "quotes.sqlite")
base = [a.binary, "brick", "--qty", "5000", "--city", "Tver", "--quotes-db", db]

def timed(args):
    t = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) * 1000

# Set the database up (quote-store creates and migrates it) and warm the caches.
subprocess.run(base + ["--as-of", "2026-12-01T09:00:00+03:00", "--save"], stdout=subprocess.DEVNULL, check=True)
for _ in range(5):
    timed(base + ["--as-of", "2026-12-01T09:00:00+03:00"])
plain, saved = [], []
for i in range(a.runs):
    at = "2026-12-01T10:%02d:%02d+03:00" % (i // 60, i % 60)
    plain.append(timed(base + ["--as-of", at]))
    saved.append(timed(base + ["--as-of", at, "--save"]))
def p90(xs): return sorted(xs)[int(len(xs) * 0.9) - 1]
mp, ms = statistics.median(plain), statistics.median(saved)
print(f"runs: {a.runs} each, interleaved; database {db}")
print(f"without --save: median {mp:.2f} ms, p90 {p90(plain):.2f} ms")
print(f"with --save:    median {ms:.2f} ms, p90 {p90(saved):.2f} ms")
print(f"a save adds:    {ms - mp:+.2f} ms (median), {p90(saved) - p90(plain):+.2f} ms (p90)")

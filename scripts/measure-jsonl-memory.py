#!/usr/bin/env python3
"""Resident memory and open descriptors of `quote --jsonl` over many requests (docs/bad-input.md, Resources).

    swift build -c release
    .build/release/quote catalog build catalogs/demo --out /tmp/demo.sqlite
    python3 scripts/measure-jsonl-memory.py .build/release/quote /tmp/demo.sqlite 1000000

Pipes COUNT one-line requests (a rotating mix of nine: quotes and errors) through one process, and prints
VmRSS and the number of open descriptors every COUNT/20 answers, then the peak (VmHWM). Linux only (/proc).
"""
import os
import subprocess
import sys
import threading
import time

binary, catalog, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
A = '"asOf":"2026-12-01T10:00:00+03:00"'
REQUESTS = [
    '{"id":%d,"items":[{"product":"brick","quantity":"5000"}],"city":"Tver",' + A + '}',
    '{"id":%d,"items":[{"product":"brick","quantity":"5000"},{"product":"cement","quantity":"40","unit":"bag"},'
    '{"product":"sand","quantity":"5","unit":"m3"}],"city":"Klin",' + A + '}',
    '{"id":%d,"items":[{"product":"газобетон","quantity":"2","unit":"pal"}],"city":"Коломна","customer":"C-1001",' + A + '}',
    '{"id":%d,"items":[{"product":"brick","wall":{"area":"100","thickness":"1.5","openings":"10","waste":"5"}}],'
    '"city":"Tver","explain":true,' + A + '}',
    '{"id":%d,"items":[{"product":"brik","quantity":"5000"}],"city":"Tver",' + A + '}',
    '{"id":%d,"items":[{"product":"brick","qty":"5000"}],"city":"Tver"}',
    '{"id":%d,"items":[{"product":"brick","quantity":"5000"}],"city":"Tver",' + A + ',"by":"2026-11-01"}',
    'not json %d',
    '{"id":%d,"items":[{"product":"brick","quantity":"5000"}],"pickup":true,' + A + '}',
]

process = subprocess.Popen([binary, "--jsonl", "--catalog", catalog], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
answered = [0]


def write():
    batch = []
    for i in range(total):
        batch.append((REQUESTS[i % len(REQUESTS)] % i) + "\n")
        if len(batch) == 1000:
            process.stdin.write("".join(batch).encode())
            batch = []
    if batch:
        process.stdin.write("".join(batch).encode())
    process.stdin.close()


def read():
    for _ in process.stdout:
        answered[0] += 1


def status(key):
    try:
        with open("/proc/%d/status" % process.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None


threading.Thread(target=write, daemon=True).start()
reader = threading.Thread(target=read)
reader.start()
start, mark, peak = time.time(), 0, None
while reader.is_alive():
    if answered[0] >= mark:
        rss = status("VmRSS")
        fds = len(os.listdir("/proc/%d/fd" % process.pid)) if rss else None
        print("%9d answered  VmRSS %6s kB  descriptors %s  %.0f s" % (answered[0], rss, fds, time.time() - start), flush=True)
        mark += max(1, total // 20)
    peak = status("VmHWM") or peak
    time.sleep(0.2)
reader.join()
process.wait()
print("%d answers, exit %d, %.0f s, peak VmHWM %s kB" % (answered[0], process.returncode, time.time() - start, peak))

#!/usr/bin/env python3
"""Folder catalogs under imports, with real processes (issue 12, item 1).

Race: `quote catalog import … --catalog FOLDER` alternates two imports (A raises PL-TVER's costs by 1.00 at 09:00,
B restores them at 09:30) while one-shot quotes and a `--jsonl` stream quote through the same FOLDER. Counts the
answers that are no whole catalog's (mixed) and the imports that reported success but whose database, read right
after, answers otherwise (undone). Kills: SIGKILL at a random moment of a folder import, then a quote through the
folder; counts the folders whose stock.csv and sources.csv disagree, whose quote disagrees with its files, or
that keep temporary files.

    python3 scripts/folder-race.py [QUOTE_BINARY] [IMPORTS] [KILLS]     # defaults: .build/debug/quote 50 50
"""
import os, random, shutil, subprocess, sys, tempfile, threading, time

quote = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/quote")
imports = int(sys.argv[2]) if len(sys.argv) > 2 else 50
kills = int(sys.argv[3]) if len(sys.argv) > 3 else 50
as_of = "2026-12-01T10:00:00+03:00"
request = ('{"items":[{"product":"BR-NF-M150-SOL","quantity":"5000"},{"product":"BR-NF-M125-SOL","quantity":"5000"}],'
           '"city":"Tver","internal":true,"asOf":"%s"}' % as_of)

def answer(catalog):
    r = subprocess.run([quote, "--json", "--catalog", catalog], input=request, capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else "ERROR %d %s" % (r.returncode, r.stdout.strip()[:200])

tmp = tempfile.mkdtemp(prefix="quote-race-")
folder = os.path.join(tmp, "demo")
shutil.copytree("catalogs/demo", folder, ignore=shutil.ignore_patterns("*.sqlite"))
rows_a, rows_b = ["sku,stock,cost"], ["sku,stock,cost"]
for line in open(os.path.join(folder, "stock.csv")):
    f = line.strip().split(",")
    if len(f) == 6 and f[0] == "PL-TVER":
        rows_a.append("%s,%s,%.2f" % (f[1], f[2], float(f[3]) + 1))
        rows_b.append("%s,%s,%s" % (f[1], f[2], f[3]))
files = {"A": os.path.join(tmp, "a.csv"), "B": os.path.join(tmp, "b.csv")}
open(files["A"], "w").write("\n".join(rows_a) + "\n")
open(files["B"], "w").write("\n".join(rows_b) + "\n")
moments = {"A": "2026-12-01T09:00:00+03:00", "B": "2026-12-01T09:30:00+03:00"}
def importing(name, into):
    return [quote, "catalog", "import", files[name], "--source", "PL-TVER", "--catalog", into, "--as-of", moments[name]]

expected = {"initial": answer(folder)}
for name in "AB":
    subprocess.run(importing(name, folder), check=True, capture_output=True)
    expected[name] = answer(folder)
known = set(expected.values())
assert len(known) == 3

done = threading.Event()
one_shot, streamed, undone, failed = [], [], [], []
def writer():
    for i in range(imports):
        name = "AB"[i % 2]
        r = subprocess.run(importing(name, folder), capture_output=True, text=True)
        if r.returncode != 0:
            failed.append(r.stderr[:200])
        elif answer(folder + ".sqlite") != expected[name]:
            undone.append(i)
    done.set()
def reader():
    while not done.is_set():
        one_shot.append(answer(folder))
stream = subprocess.Popen([quote, "--jsonl", "--catalog", folder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(2)]
for t in threads:
    t.start()
while not done.is_set():
    stream.stdin.write(request + "\n")
    streamed.append(stream.stdout.readline().strip())
stream.stdin.close()
stream.wait()
for t in threads:
    t.join()
mixed_one = sum(a not in known for a in one_shot)
mixed_stream = sum(a not in known for a in streamed)
print(f"race: {imports} imports ({len(failed)} failed, {len(undone)} undone after reporting success); "
      f"{len(one_shot)} one-shot answers, {mixed_one} mixed; {len(streamed)} streamed answers, {mixed_stream} mixed")

# Kills.
pristine = os.path.join(tmp, "pristine")
shutil.copytree(folder, pristine)
for name in ("stock.csv", "sources.csv"):
    shutil.copyfile(os.path.join("catalogs/demo", name), os.path.join(pristine, name))
reference = os.path.join(tmp, "reference")
shutil.copytree(pristine, reference)
start = time.time()
subprocess.run(importing("A", reference), check=True, capture_output=True)
duration = time.time() - start
def pair(d):
    return tuple(open(os.path.join(d, n), "rb").read() for n in ("stock.csv", "sources.csv"))
old_pair, new_pair = pair(pristine), pair(reference)
old_answer, new_answer = answer(pristine), answer(reference)
rng = random.Random(12)
states = {"old": 0, "new": 0, "MIXED": 0, "quote disagrees": 0, "leftovers": 0}
for k in range(kills):
    d = os.path.join(tmp, "k%d" % k)
    shutil.copytree(pristine, d)
    p = subprocess.Popen(importing("A", d), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(duration * rng.uniform(0.6, 1.2))
    p.kill()
    p.wait()
    quoted = answer(d)
    now = pair(d)
    state = "old" if now == old_pair else "new" if now == new_pair else "MIXED"
    states[state] += 1
    if quoted != (new_answer if state == "new" else old_answer):
        states["quote disagrees"] += 1
    if [n for n in os.listdir(d) if not n.endswith(".csv")]:
        states["leftovers"] += 1
    shutil.rmtree(d)
    for leftover in (d + ".sqlite",):
        if os.path.exists(leftover):
            os.remove(leftover)
print(f"kills: {kills} folder imports killed at random (import takes {duration * 1000:.0f} ms): {states}")
shutil.rmtree(tmp)

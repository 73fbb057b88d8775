#!/usr/bin/env python3
"""Rewrites the README's examples from real output: every `console` block's `$ quote …` command is run
against the bundled demo catalog and its output replaced, and the JSON response example is the real
response to the request example. Tests/QuoteCLITests/ReadmeTests.swift checks the same thing; run this
after a change that moves the figures, then read the diff.

    scripts/readme-examples.py [--binary .build/debug/quote]
"""
import argparse, json, re, shlex, subprocess, sys, os

# The examples do not depend on who runs the script: no terminal width, no Russian locale unless asked.
ENV = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LC_ALL", "LC_MESSAGES", "LANG", "QUOTE_CATALOG")}

def run(binary, args, stdin=None):
    r = subprocess.run([binary] + args, input=stdin, capture_output=True, text=True, cwd=ROOT, env=ENV)
    return r.stdout if r.stdout else r.stderr

def console(binary, body):
    out, lines, i = [], body.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("$ "):
            cmd = line[2:]
            stdin = None
            m = re.match(r"^(printf '%s\\n' |echo )(.*?) \| (quote .*)$", cmd)
            if m:
                stdin = "\n".join(re.findall(r"'([^']*)'", m.group(2))) + "\n"
                cmd = m.group(3)
            words = cmd.split(" ")
            if words[:2] == ["swift", "run"]:
                words = words[2:]
            out.append(line)
            i += 1
            if words and words[0] == "quote":
                printed = run(binary, words[1:], stdin)
                out.extend(printed.rstrip("\n").split("\n"))
                while i < len(lines) and not lines[i].startswith("$ "):
                    i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/quote"))
    a = ap.parse_args()
    path = os.path.join(ROOT, "README.md")
    text = open(path, encoding="utf-8").read()
    parts = text.split("```console\n")
    for k in range(1, len(parts)):
        body, rest = parts[k].split("```", 1)
        parts[k] = console(a.binary, body.rstrip("\n")) + "\n```" + rest
    text = "```console\n".join(parts)
    req = re.search(r"<!-- example: request -->\n```json\n(.*?)```", text, re.S)
    resp = re.search(r"(<!-- example: response -->\n```json\n)(.*?)(```)", text, re.S)
    if req and resp:
        compact = json.dumps(json.loads(req.group(1)), ensure_ascii=False, separators=(",", ":"))
        out = subprocess.run([a.binary, "--json"], input=compact, capture_output=True, text=True, cwd=ROOT, env=ENV).stdout
        pretty = json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
        text = text[: resp.start(2)] + pretty + text[resp.end(2):]
    open(path, "w", encoding="utf-8").write(text)

if __name__ == "__main__":
    main()

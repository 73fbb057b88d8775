#!/usr/bin/env python3
"""Swift functions longer than a person can hold (issue 15: "no function over ~60 lines in Sources/").

Lists every function, initializer, subscript, computed property (`var x: T { … }`) and closure-initialised
property (`let x = { … }()`) in the given Swift files or folders whose declaration spans more than N lines, from
the line of its keyword to the line of its closing brace, both included. Nested functions are listed on their
own too (and counted inside the function that holds them). Comments and string literals (multi-line, raw and
interpolated ones included) are skipped when braces are matched.

    python3 scripts/long-functions.py                         # Sources/, over 60 lines
    python3 scripts/long-functions.py --max 40 Sources/QuoteCatalog
    python3 scripts/long-functions.py --exclude Sources/QuoteServer --check   # exit 1 if any is listed

Prints `file:line: LENGTH lines  Type.name`, longest first, then how many there are.
"""
import argparse
import os
import re
import sys


def blank_comments_and_strings(src):
    """`src` with every comment and string literal's text replaced by spaces (newlines kept, so line numbers
    stay), the code of string interpolations `\\( … )` kept."""
    out = list(src)
    n = len(src)
    i = 0
    # A stack of what we are inside: ("code", paren_depth) for interpolated code, or string states.
    stack = [["code", 0]]

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        top = stack[-1]
        c = src[i]
        if top[0] == "code":
            if src.startswith("//", i):
                j = src.find("\n", i)
                j = n if j < 0 else j
                blank(i, j)
                i = j
                continue
            if src.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if src.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif src.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                blank(i, j)
                i = j
                continue
            m = re.compile(r'(#*)("""|")').match(src, i)
            if m and (c == '"' or c == "#"):
                hashes, quote = len(m.group(1)), m.group(2)
                stack.append(["string", quote, hashes])
                i = m.end()
                continue
            if c == "(":
                top[1] += 1
            elif c == ")":
                if len(stack) > 1 and top[1] == 0:
                    stack.pop()  # the end of an interpolation: back in its string
                    i += 1
                    continue
                top[1] -= 1
            i += 1
            continue
        # Inside a string literal.
        _, quote, hashes = top
        escape = "\\" + "#" * hashes
        if src.startswith(escape + "(", i):
            blank(i, i + len(escape) + 1)
            stack.append(["code", 0])
            i += len(escape) + 1
            continue
        if src.startswith(escape, i):
            blank(i, min(n, i + len(escape) + 1))
            i += len(escape) + 1
            continue
        closing = quote + "#" * hashes
        if src.startswith(closing, i):
            stack.pop()
            i += len(closing)
            continue
        if c != "\n":
            out[i] = " "
        i += 1
    return "".join(out)


def matching_braces(code):
    """Position of each `{` → position of its `}`."""
    match, open_ = {}, []
    for i, c in enumerate(code):
        if c == "{":
            open_.append(i)
        elif c == "}" and open_:
            match[open_.pop()] = i
    return match


DECL = re.compile(r"(?<![.\w])(func\s+([^\s(<]+)|init\b[?!]?|deinit\b|subscript\b|var\s+(\w+)\s*:[^={}\n]*\{|(?:let|var)\s+(\w+)\s*(?::[^=\n]*)?=\s*\{)")
TYPE = re.compile(r"\b(?:class|struct|enum|extension|actor|protocol)\s+([\w.]+)[^{};]*\{")
# A line that starts another declaration: the one before it had no body (a protocol's requirement).
NEXT_DECL = re.compile(
    r"\s*(?:@\w+|func|var|let|init|deinit|subscript|case|static|class|public|private|internal|fileprivate|package|"
    r"open|mutating|nonmutating|override|associatedtype|typealias|struct|enum|extension|protocol|actor)\b"
)


def body_start(code, start):
    """The `{` opening the body of the declaration whose keyword is at `start`, or None (no body)."""
    depth, i, n = 0, start, len(code)
    while i < n:
        c = code[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            if c == "{":
                return i
            if c == "}":
                return None
            if c == "\n" and NEXT_DECL.match(code, i + 1):
                return None
        i += 1
    return None


def functions(path):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    code = blank_comments_and_strings(src)
    match = matching_braces(code)
    line_of = [0] * (len(code) + 1)
    line = 1
    for i, c in enumerate(code):
        line_of[i] = line
        if c == "\n":
            line += 1
    line_of[len(code)] = line
    types = []
    for m in TYPE.finditer(code):
        brace = m.end() - 1
        if brace in match:
            types.append((brace, match[brace], m.group(1)))
    found = []
    for m in DECL.finditer(code):
        text = m.group(1)
        if text.startswith("func"):
            name = m.group(2)
        elif m.group(3):
            name = m.group(3)
        elif m.group(4):
            name = m.group(4)
        else:
            name = re.match(r"\w+", text).group(0)
        brace = m.end() - 1 if text.endswith("{") else body_start(code, m.end())
        if brace is None or brace not in match:
            continue
        start, end = line_of[m.start()], line_of[match[brace]]
        outer = [t for t in types if t[0] < m.start() < t[1]]
        qualified = ".".join([t[2] for t in outer] + [name])
        found.append((end - start + 1, path, start, qualified))
    return found


def swift_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(".swift"):
                    yield os.path.join(root, f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=["Sources"], help="Swift files or folders (default: Sources)")
    ap.add_argument("--max", "-n", type=int, default=60, help="list what is longer than this many lines (default 60)")
    ap.add_argument("--exclude", action="append", default=[], help="a file or folder to leave out (repeatable)")
    ap.add_argument("--check", action="store_true", help="exit 1 when anything is listed")
    args = ap.parse_args()
    excluded = [os.path.normpath(e) for e in args.exclude]
    long = []
    for path in swift_files(args.paths):
        norm = os.path.normpath(path)
        if any(norm == e or norm.startswith(e + os.sep) for e in excluded):
            continue
        long += [f for f in functions(path) if f[0] > args.max]
    long.sort(key=lambda f: (-f[0], f[1], f[2]))
    for length, path, line, name in long:
        print(f"{path}:{line}: {length} lines  {name}")
    print(f"{len(long)} over {args.max} lines")
    return 1 if args.check and long else 0


if __name__ == "__main__":
    sys.exit(main())

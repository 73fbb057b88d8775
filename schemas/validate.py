#!/usr/bin/env python3
"""Validate JSON documents against one of the quote schemas.

    python3 schemas/validate.py SCHEMA FILE_OR_-

FILE (or stdin for `-`) holds one JSON document, or one per line (JSON Lines, as `quote --jsonl`
writes; blank lines are skipped). Every failure is printed as `FILE:LINE: PATH: what is wrong`;
the exit status is 0 when every document is valid, 1 when any is not, 2 for a usage error.

Validation is JSON Schema draft 2020-12 (jsonschema's Draft202012Validator) with format checking
off. Two details make it stricter than plain Python would be:

- Parsing: duplicate member names, NaN and Infinity are errors, and numbers with a fraction or
  exponent are read as Decimal, so no value is changed on the way in.
- Patterns are matched as ECMA-262 (the dialect JSON Schema specifies) rather than Python `re`:
  `\\d` is [0-9] only, and `$` is the end of the string (in Python it also matches before a final
  newline, so "17.40\\n" would pass `^[0-9]+\\.[0-9]{2}$`).
"""

import functools
import json
import re
import sys
from decimal import Decimal

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import SchemaError, ValidationError


@functools.cache
def ecma_regex(pattern):
    """`pattern` compiled so Python matches it as ECMA-262 would: ASCII classes, `$` at the very end."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "$" and not in_class:
            c = r"\Z"
        out.append(c)
        i += 1
    return re.compile("".join(out), re.ASCII)


def ecma_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = validators.extend(Draft202012Validator, {"pattern": ecma_pattern})


class ParseError(ValueError):
    pass


def no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ParseError(f"member {key!r} appears twice")
        obj[key] = value
    return obj


def no_constants(name):
    raise ParseError(f"{name} is not JSON")


def parse(text):
    return json.loads(text, object_pairs_hook=no_duplicates, parse_float=Decimal, parse_constant=no_constants)


def documents(data):
    """(line number, parsed document or ParseError) for each document in `data` (bytes): the whole
    input if it is one JSON document (possibly over several lines), else one per non-blank line."""
    try:
        yield 1, parse(data.decode("utf-8"))
        return
    except (ValueError, RecursionError):
        pass
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            document = parse(raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            document = ParseError(f"not UTF-8 ({e})")
        except (ValueError, RecursionError) as e:
            document = ParseError(str(e))
        yield number, document


def location(error):
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)


def main(argv):
    if len(argv) != 3:
        print("usage: python3 schemas/validate.py SCHEMA FILE_OR_-", file=sys.stderr)
        return 2
    schema_path, source = argv[1], argv[2]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        Validator.check_schema(schema)
    except (OSError, ValueError, SchemaError) as e:
        print(f"{schema_path}: not a usable schema: {e}", file=sys.stderr)
        return 2
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as f:
                data = f.read()
    except OSError as e:
        print(f"{source}: {e}", file=sys.stderr)
        return 2

    validator = Validator(schema)
    name = "<stdin>" if source == "-" else source
    total = invalid = 0
    for number, document in documents(data):
        total += 1
        if isinstance(document, ParseError):
            invalid += 1
            print(f"{name}:{number}: not JSON: {document}")
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            invalid += 1
            for error in errors:
                print(f"{name}:{number}: {location(error)}: {error.message}")
    if total == 0:
        print(f"{name}: no JSON documents", file=sys.stderr)
        return 1
    print(f"{name}: {total - invalid} of {total} documents valid against {schema_path}", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

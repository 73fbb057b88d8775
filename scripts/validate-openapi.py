#!/usr/bin/env python3
"""Validate the service's OpenAPI document: `python3 scripts/validate-openapi.py [schemas/openapi.yaml]`.

1. openapi-spec-validator (PyPI) checks the document against the OpenAPI 3.1 specification.
2. Every `$ref` is followed: a reference to another file (`request.schema.json`) must name a file
   beside the document that is a valid JSON Schema 2020-12 (jsonschema's check_schema), and every
   `#/...` pointer must resolve, in the document and in the files it references. (The validator
   alone does not open referenced files, so a misspelt file name would pass it.)
Exit status 0 when valid, 1 with the problems listed otherwise.
"""

import json
import pathlib
import sys

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate


def pointer(document, fragment):
    node = document
    for part in fragment.lstrip("/").split("/") if fragment.strip("/") else []:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def main():
    path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "schemas/openapi.yaml").resolve()
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    try:
        validate(spec, base_uri=path.as_uri())
    except Exception as e:  # the validator's own error types differ between versions
        problems.append(f"{path.name}: {e}")
    documents = {path.name: spec}
    pending = [path.name]
    while pending:
        name = pending.pop()
        for ref in refs(documents[name]):
            file, _, fragment = ref.partition("#")
            target = file or name
            if target not in documents:
                candidate = path.parent / target
                if not candidate.is_file():
                    problems.append(f"{name}: $ref {ref}: no file {candidate}")
                    continue
                schema = json.loads(candidate.read_text(encoding="utf-8"))
                try:
                    Draft202012Validator.check_schema(schema)
                except Exception as e:
                    problems.append(f"{target}: not a valid JSON Schema 2020-12: {e}")
                documents[target] = schema
                pending.append(target)
            try:
                pointer(documents[target], fragment)
            except (KeyError, IndexError, ValueError):
                problems.append(f"{name}: $ref {ref}: #{fragment} does not resolve in {target}")
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"{path.name}: valid OpenAPI {spec.get('openapi')}; {len(documents) - 1} referenced schema files resolve")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

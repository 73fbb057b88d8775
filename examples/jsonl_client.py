#!/usr/bin/env python3
"""How a service talks to `quote --jsonl`: one long-lived process, one JSON request per line in, one
JSON response per line out, in the same order.

    python3 examples/jsonl_client.py [--quote PATH_TO_BINARY] [--catalog PATH]

Starting `quote` costs a process and opening the catalog; `--jsonl` pays that once. The rules:

- Write each request as one line of compact JSON (`json.dumps` never writes a raw newline) with an
  `id` of your choice; the response to it echoes that `id` as its first member.
- Read exactly one line per request. Responses come back in the order the requests went in, and a
  bad request gets an error object ({"id":…,"error":{"code":…}}) while the stream goes on. A line
  that is not JSON at all cannot have its id read, so its error has none: matching by position
  plus checking the id catches any mix-up.
- Writing many requests before reading any can deadlock once both pipes are full (you wait on a
  full stdin, `quote` on a full stdout), so a batch is written from a separate thread.
- Closing stdin ends the process (exit 0). If the catalog cannot be opened, `quote` writes a single
  error without an id (`catalog_unavailable` or `catalog_invalid`) and exits 3.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading

AS_OF = "2026-12-01T10:00:00+03:00"  # a fixed moment, so the demo prints the same quotes every run

DEMO = [
    {"items": [{"product": "brick", "quantity": "5000", "unit": "pcs"}], "city": "Tver"},
    {"items": [{"product": "cement", "quantity": "40", "unit": "bag"}], "city": "Klin"},
    {"items": [{"product": "brik", "quantity": "5000"}], "city": "Tver"},
    {
        "items": [
            {"product": "brick", "quantity": "5000"},
            {"product": "cement", "quantity": "40", "unit": "bag"},
            {"product": "sand", "quantity": "6", "unit": "t"},
        ],
        "city": "Klin",
    },
    {"items": [{"product": "brick", "quantity": "2000"}], "pickup": True, "strategy": "fastest"},
]


class QuoteError(Exception):
    """The `quote` process failed as a whole (could not start, lost its catalog, went away)."""


class QuoteClient:
    """One `quote --jsonl` process. Not thread-safe: give each worker its own, or add a lock."""

    def __init__(self, binary, catalog=None):
        args = [binary, "--jsonl"] + (["--catalog", catalog] if catalog else [])
        # stderr is inherited: it is not part of the protocol, and an unread pipe could fill up.
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1
        )
        self.next_id = 1

    def ask(self, request):
        """Sends one request and returns its response (a quote, or {"id":…,"error":{…}})."""
        return self.ask_many([request])[0]

    def ask_many(self, requests):
        """Sends a batch and returns the responses in the same order, each checked against its id."""
        ids = []
        lines = []
        for request in requests:
            ids.append(f"req-{self.next_id}")
            self.next_id += 1
            lines.append(json.dumps({"id": ids[-1], **request}, ensure_ascii=False) + "\n")

        def write():
            try:
                for line in lines:
                    self.process.stdin.write(line)
                self.process.stdin.flush()
            except BrokenPipeError:
                pass  # quote has exited; reading will say why

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        responses = [self._read(expected) for expected in ids]
        writer.join()
        return responses

    def _read(self, expected_id):
        line = self.process.stdout.readline()
        if not line:
            status = self.process.wait()
            raise QuoteError(f"quote exited (status {status}) before answering {expected_id}")
        response = json.loads(line)
        if "id" not in response and "error" in response:
            # No id: the whole process failed (the catalog), or our own line was not JSON.
            error = response["error"]
            raise QuoteError(f"{error['code']}: {error['message']}")
        if response.get("id") != expected_id:
            raise QuoteError(f"expected the response to {expected_id}, got one to {response.get('id')!r}")
        return response

    def close(self):
        """Ends the stream: quote answers what it has read, then exits."""
        self.process.stdin.close()
        rest = self.process.stdout.read()
        status = self.process.wait()
        if rest.strip():
            raise QuoteError(f"unexpected output after the last response: {rest[:200]!r}")
        if status != 0:
            raise QuoteError(f"quote exited with status {status}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()
        else:
            self.process.kill()
            self.process.wait()


def summary(request, response):
    """One line per response, as a log of the integration would show it."""
    what = " + ".join(f"{i['product']} {i['quantity']}{i.get('unit', '')}" for i in request["items"])
    where = "pickup" if request.get("pickup") else f"→ {request.get('city')}"
    if "error" in response:
        e = response["error"]
        hint = f" (did you mean: {', '.join(e['candidates'])}?)" if e.get("candidates") else ""
        return f"{response['id']:>6}  {what} {where}: error {e['code']} at {e['field']}: {e['message']}{hint}"
    t = response["totals"]
    return (
        f"{response['id']:>6}  {what} {where}: {response['quoteId']} {t['gross']} {response['currency']} with VAT, "
        f"{len(response['lines'])} line(s), {t['pallets']} pallet(s), {response['deliveryDate']}"
    )


def default_binary():
    built = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "debug", "quote")
    return os.path.normpath(built) if os.access(built, os.X_OK) else shutil.which("quote") or "quote"


def main():
    parser = argparse.ArgumentParser(description="Send a few demo requests through one `quote --jsonl` process.")
    parser.add_argument("--quote", default=default_binary(), help="the quote binary (default: .build/debug/quote)")
    parser.add_argument("--catalog", help="catalog database or CSV folder (default: quote's own default)")
    args = parser.parse_args()

    requests = [{**r, "asOf": AS_OF} for r in DEMO]
    try:
        with QuoteClient(args.quote, args.catalog) as client:
            responses = client.ask_many(requests[:-1])  # a batch…
            responses.append(client.ask(requests[-1]))  # …and a single request on the same process
    except (OSError, QuoteError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for request, response in zip(requests, responses):
        print(summary(request, response))
    return 0


if __name__ == "__main__":
    sys.exit(main())

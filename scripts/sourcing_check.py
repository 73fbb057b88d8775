#!/usr/bin/env python3
"""Independent check of `quote`'s sourcing: the engine's rules as an integer program, solved to
proven optimality with HiGHS, against what the engine answers for the same `cheapest` requests.

The script reads a catalog from its CSV folder (the format of catalogs/README.md), draws seeded
random requests of N lines (every line a product some source can deliver to the request's one city,
in a plausible quantity; lines of one product may repeat), solves each as a mixed-integer program,
runs the engine on it (`quote --json`), checks the engine's plan against the rules and prices it
independently, and prints per N: the share of requests the engine answers at the proven optimum,
the mean and worst excess, lines the engine left out (or quoted partially) although the sources can
supply them, how often it said `search_limited`, and the times.

The integer program (everything in integer kopecks and integer multiples of a product's "grain",
the gcd of its split unit, its part-pallet rest and its sources' order multiples)
-------------------------------------------------------------------------------------------------
Data. Line i sells S_i of product p(i) (the requested quantity rounded up to whole pieces or bags
and to the sale multiple). Its split unit U is a pallet (per_pallet), or for bulk goods
max(sale_multiple, 1 t); units_i = floor(S_i / U), rest_i = S_i - units_i*U. Offers j of the
product: sources with stock > 0 whose (source zone -> city) route exists and that have at least one
vehicle of the product's body (flatbed for palletised goods, tipper for bulk) with a tariff.
A slot s = (source, body) is one shipment.

Variables, per line i and offer j:
    c_ij in Z+   whole units taken from j               h_ij in {0,1}  j takes the rest (rest_i > 0)
    u_ij in {0,1} j takes part in line i                k_ij in Z+     q_ij / order_multiple_j
  q_ij = U*c_ij + rest_i*h_ij is the part (the leftover part pallet goes whole to one source).
Per slot s, vehicle class v and heaviest-pallet level l:
    y_s in {0,1}  the slot ships;  n_svl in Z+  trips;  z_sl in {0,1}  the level of a flatbed slot
  (levels: the distinct vectors of usable places over the trucks; a slot whose products all give the
  same vector has one level and no z; a truck carrying no more than another that costs no less, at
  that level, is left out, as a cheapest mix never needs it)

Constraints:
    sum_j c_ij = units_i,   sum_j h_ij = 1 (if rest_i > 0)                  every line in full
    sum_j u_ij <= 3                                                         at most three sources
    c_ij <= units_i*u_ij,  h_ij <= u_ij,  u_ij <= c_ij + h_ij               a used part is > 0
    q_ij >= min_order_j * u_ij,  q_ij = order_multiple_j * k_ij             each part suppliable
    sum_{i: p(i)=p} q_ij <= stock_jp                                        stock shared by lines
    u_ij <= y_s(j),  sum_{v,l} n_svl >= y_s                                 a shipment takes a trip
  flatbed slot s (pallets of a part = c_ij + h_ij; a vehicle's usable places at level l are
  cap_vl = min(places_v, floor(payload_v / H_l)), H_l the l-th distinct heaviest-pallet weight of
  the products that may ship from s):
    sum_parts (c_ij + h_ij) <= sum_{v,l} cap_vl * n_svl
    n_svl <= M * z_sl,  sum_l z_sl = y_s,  c_ij + h_ij <= M * sum_{l >= level(p(i))} z_sl
  tipper slot s:  sum_parts kg(q_ij) <= sum_v payload_v * n_sv
Objective: minimise  sum_{s,v,l} trip_sv * (1 + weekend_s) * n_svl   (delivery, net of VAT), where
  trip_sv = max(min_charge, base + per_km * max(0, km - included_km)) from the tariff row for the
  city if there is one, else the zone's row; weekend_s = the catalog's weekend surcharge when the
  shipment's delivery date (order day + lead business days + transit days, then the first delivery
  weekday of the city that is not a holiday) is a Saturday or Sunday.
Goods are priced the same from every source (the whole quantity at the highest tier it reaches,
the city's regional list if its region has one), so with every line supplied the goods total is a
constant and the optimum of total net cost (goods + delivery) is the optimum of delivery.
If the lines cannot all be supplied in full (e.g. repeated lines of one product exceed stock), a
second solve lets lines be left out at a penalty larger than any delivery cost (fewest lines left
out, then cheapest); the drawn request is then replaced by a new draw (and counted as redrawn), so
every line the figures call "dropped" is one the sources could have supplied.

Not modelled (not needed for the requests drawn: no crane, no customer, no pickup): crane trucks and
the crane surcharge, discounts, the 500-trip cap per shipment, the engine's search budgets (they are
what is being measured). The weekend surcharge is rounded to the kopeck per shipment by the engine
and the engine ranks plans by delivery *with VAT* (each shipment's VAT rounded on its own); both
roundings move a total by under a kopeck per shipment, so a difference of at most one kopeck per
shipment counts as equal.

Checks besides the optimum: every engine plan is re-checked against the rules above (sources per
line, whole-unit splits with one leftover, stock, min order, multiples, consolidation) and re-priced
with an independent cheapest-vehicle-mix dynamic programme; a re-priced shipment that differs from
the engine's, an engine plan cheaper than the proven optimum, or goods priced differently from the
rules, is reported as a disagreement (a misread rule on one side or the other).

Usage:
    pip install highspy
    scripts/sourcing_check.py --quote .build/debug/quote                       # demo, seed 1
    scripts/sourcing_check.py --quote Q --catalog DIR --sizes 5,10,20,40 --requests 30 --seed 2
    scripts/sourcing_check.py --quote Q --sizes 1,2 --requests 200             # exact agreement?
    scripts/sourcing_check.py --quote Q --sizes 5,10,20 --requests 20 --fail-on-gap --fail-up-to 20   # CI
    scripts/sourcing_check.py --selftest --quote Q                             # hand-checked cases
    scripts/sourcing_check.py --quote Q --request '{"items":[...],"city":"Khimki"}'   # one request
Exit status: 0; 1 with --fail-on-gap when a request of at most --fail-up-to lines (default 10) has a
gap, a dropped line or an invalid plan; 2 on bad usage or an engine/catalog error.
"""

import argparse
import csv
import datetime as dt
import io
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, InvalidOperation

try:
    import highspy
    import numpy as np
except ImportError:  # pragma: no cover
    sys.exit("sourcing_check.py needs highspy (pip install highspy)")

ASOF_DEFAULT = "2026-12-01T10:00:00+03:00"


def _quiet_first_highs():
    """HiGHS prints its banner when the first Highs object is made: make that one with stdout shut."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


_quiet_first_highs()
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


# ----------------------------------------------------------------------------------------------
# Exact numbers
# ----------------------------------------------------------------------------------------------

def round_half_up_div(num, den):
    """round(num / den) half away from zero, integers only (the engine's mulDivRounded)."""
    if den < 0:
        num, den = -num, -den
    if num >= 0:
        return (2 * num + den) // (2 * den)
    return -((2 * -num + den) // (2 * den))


def ceil_div(a, b):
    return -((-a) // b)


def parse_fixed(text, scale, decimal_comma=False):
    """'17.50' -> 1750 at scale 2. Exact; raises ValueError on anything else."""
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if decimal_comma:
        t = t.replace(",", ".")
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}")
    v = d * (10 ** scale)
    if v != v.to_integral_value():
        raise ValueError(f"too many decimals: {text!r}")
    return int(v)


def fmt_kop(k):
    sign = "-" if k < 0 else ""
    k = abs(k)
    return f"{sign}{k // 100:,}.{k % 100:02d}"


def fmt_milli(m):
    if m % 1000 == 0:
        return str(m // 1000)
    return f"{m / 1000:.3f}".rstrip("0").rstrip(".")


# ----------------------------------------------------------------------------------------------
# The catalog (CSV folder)
# ----------------------------------------------------------------------------------------------

def read_table(folder, name):
    """Rows of one catalog CSV file as dicts; (rows, decimal_comma)."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return [], False
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return [], False
    header = lines[0]
    sep = ";" if (";" in header and "," not in header) else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=sep)
    rows = list(reader)
    cols = [c.strip() for c in rows[0]]
    out = []
    for r in rows[1:]:
        out.append({c: (r[i].strip() if i < len(r) else "") for i, c in enumerate(cols)})
    return out, sep == ";"


class Catalog:
    def __init__(self, folder):
        self.folder = folder
        settings, dc = read_table(folder, "settings.csv")
        s = {r["key"]: r["value"] for r in settings}
        self.settings = s
        off = s.get("utc_offset", "+03:00")
        sign = -1 if off.startswith("-") else 1
        hh, mm = off.lstrip("+-").split(":")
        self.utc_offset = sign * (int(hh) * 3600 + int(mm) * 60)
        self.cutoff_hour = int(s.get("cutoff_hour", "24") or 24)
        self.weekend_bp = parse_fixed(s.get("weekend_surcharge_percent", "0") or "0", 2, dc)

        vat, dc = read_table(folder, "vat.csv")
        self.vat = sorted((dt.date.fromisoformat(r["effective_from"]), parse_fixed(r["rate_percent"], 2, dc)) for r in vat)

        self.products = {}
        rows, dc = read_table(folder, "products.csv")
        for r in rows:
            unit = r["unit"]
            kind = r["kind"]
            grams = 1_000_000 if unit == "t" else parse_fixed(r["weight_kg"], 3, dc)
            per_pallet = parse_fixed(r["per_pallet"], 3, dc) if r.get("per_pallet") else None
            self.products[r["sku"]] = dict(
                sku=r["sku"], unit=unit, kind=kind, grams=grams, per_pallet=per_pallet,
                sale_multiple=parse_fixed(r["sale_multiple"], 3, dc),
                body="tipper" if kind == "bulk" else "flatbed")

        self.sources = {}
        rows, dc = read_table(folder, "sources.csv")
        for r in rows:
            self.sources[r["id"]] = dict(id=r["id"], zone=r["zone"], lead=int(r["lead_days"]))

        self.offers = {}  # sku -> [offer], in source-id order (as the engine keeps them)
        rows, dc = read_table(folder, "stock.csv")
        for r in rows:
            o = dict(source=r["source"], sku=r["sku"], stock=parse_fixed(r["stock"], 3, dc),
                     cost=parse_fixed(r["cost"], 2, dc),
                     min_order=parse_fixed(r["min_order"], 3, dc) if r.get("min_order") else 0,
                     multiple=parse_fixed(r["order_multiple"], 3, dc) if r.get("order_multiple") else 0)
            self.offers.setdefault(r["sku"], []).append(o)
        for k in self.offers:
            self.offers[k].sort(key=lambda o: o["source"])

        # sku -> region ('' base) -> sorted tiers [(min_milli, price in 1/10000 of the currency, per units)]
        self.prices = {}
        rows, dc = read_table(folder, "prices.csv")
        for r in rows:
            per = int(r.get("per") or 1)
            self.prices.setdefault(r["sku"], {}).setdefault(r.get("region", ""), []).append(
                (parse_fixed(r["min_qty"], 3, dc), parse_fixed(r["price"], 4, dc), per))
        for p in self.prices.values():
            for reg in p:
                p[reg].sort()

        self.cities = {}
        self.city_names = {}
        rows, dc = read_table(folder, "cities.csv")
        for r in rows:
            days = {WEEKDAYS.index(w.lower()) for w in r["delivery_days"].replace(",", " ").split()}
            self.cities[r["id"]] = dict(id=r["id"], name=r["name"], region=r["region"], days=days,
                                        aliases=[a for a in r.get("aliases", "").split("|") if a])

        rows, dc = read_table(folder, "vehicles.csv")
        self.vehicles = sorted(
            (dict(id=r["id"], body=r["body"], payload_kg=int(parse_fixed(r["payload_kg"], 0, dc)),
                  places=int(parse_fixed(r["pallet_places"] or "0", 0, dc)),
                  crane=r.get("crane", "no").lower() in ("yes", "true", "1", "да")) for r in rows),
            key=lambda v: v["id"])

        self.routes = {}
        rows, dc = read_table(folder, "routes.csv")
        for r in rows:
            self.routes[(r["zone"], r["city"])] = (int(parse_fixed(r["distance_km"], 0, dc)), int(r["transit_days"] or 0))

        self.tariffs = {}
        rows, dc = read_table(folder, "tariffs.csv")
        for r in rows:
            self.tariffs[(r["zone"], r.get("city", "") or None, r["vehicle"])] = dict(
                base=parse_fixed(r["base_price"], 2, dc),
                included=int(parse_fixed(r["included_km"] or "0", 0, dc)),
                per_km=parse_fixed(r["per_km"] or "0", 2, dc),
                min_charge=parse_fixed(r["min_charge"] or "0", 2, dc))

        self.holidays, self.workdays = set(), set()
        rows, dc = read_table(folder, "holidays.csv")
        for r in rows:
            d = dt.date.fromisoformat(r["date"])
            (self.holidays if r["kind"] == "holiday" else self.workdays).add(d)

    # --- rules ---------------------------------------------------------------------------------

    def vat_bp(self, date):
        rate = None
        for d, bp in self.vat:
            if d <= date:
                rate = bp
        return rate

    def tariff(self, zone, city, vehicle):
        """The city's own row, else the zone's."""
        return self.tariffs.get((zone, city, vehicle)) or self.tariffs.get((zone, None, vehicle))

    @staticmethod
    def trip_price(t, km):
        return max(t["base"] + t["per_km"] * max(0, km - t["included"]), t["min_charge"])

    def is_business_day(self, d):
        if d in self.workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays

    def add_business_days(self, d, n):
        for _ in range(n):
            d += dt.timedelta(days=1)
            for _ in range(60):
                if self.is_business_day(d):
                    break
                d += dt.timedelta(days=1)
        return d

    def order_day(self, as_of):
        local = as_of.astimezone(dt.timezone(dt.timedelta(seconds=self.utc_offset)))
        d = local.date()
        secs = local.hour * 3600 + local.minute * 60 + local.second
        if self.is_business_day(d) and secs < self.cutoff_hour * 3600:
            return d
        d += dt.timedelta(days=1)
        for _ in range(60):
            if self.is_business_day(d):
                break
            d += dt.timedelta(days=1)
        return d

    def first_delivery_day(self, d, city):
        if not city["days"]:
            return d
        for _ in range(60):
            if d.weekday() in city["days"] and d not in self.holidays:
                return d
            d += dt.timedelta(days=1)
        return d

    def price_line(self, sku, qty_milli, city):
        """(unit price, net) for the whole line quantity: the highest tier it reaches."""
        lists = self.prices.get(sku, {})
        tiers = lists.get(city["region"]) if city and lists.get(city["region"]) else lists.get("", [])
        tier = None
        for mn, units, per in tiers:
            if mn <= qty_milli:
                tier = (units, per)
        if tier is None:
            return None, None
        units, per = tier
        # quantity (thousandths) x price (ten-thousandths per `per` units) -> kopecks, rounded once
        return tier, round_half_up_div(units * qty_milli, 100_000 * per)

    def sold_quantity(self, sku, qty_milli):
        p = self.products[sku]
        q = qty_milli
        if p["unit"] != "t":
            q = ceil_div(q, 1000) * 1000
        m = p["sale_multiple"]
        if m > 0:
            q = ceil_div(q, m) * m
        return q

    @staticmethod
    def split_unit(p):
        if p["per_pallet"]:
            return p["per_pallet"]
        return max(p["sale_multiple"], 1000)

    @staticmethod
    def heaviest_grams(p):
        if p["per_pallet"]:
            return max(1, ceil_div(p["per_pallet"] * p["grams"], 1000))
        return 1


def resolve_city(cat, text):
    if text in cat.cities:
        return cat.cities[text]
    low = text.lower()
    for c in cat.cities.values():
        if low in (c["id"].lower(), c["name"].lower()) or low in (a.lower() for a in c["aliases"]):
            return c
    raise SystemExit(f"unknown city {text!r}")


# ----------------------------------------------------------------------------------------------
# One request, prepared: slots (source x body) with their trucks and dates, lines with their offers
# ----------------------------------------------------------------------------------------------

class Prepared:
    def __init__(self, cat, request):
        self.cat = cat
        self.request = request
        self.as_of = dt.datetime.fromisoformat(request["asOf"])
        self.city = resolve_city(cat, request["city"])
        self.order_day = self.cat.order_day(self.as_of)
        local_date = self.as_of.astimezone(dt.timezone(dt.timedelta(seconds=cat.utc_offset))).date()
        self.vat_bp = cat.vat_bp(local_date)
        self.slots = {}  # (source, body) -> slot dict (or None if it cannot deliver)
        self.lines = []
        for item in request["items"]:
            sku = item["product"]
            p = cat.products[sku]
            qty = parse_fixed(str(item["quantity"]), 3)
            sold = cat.sold_quantity(sku, qty)
            unit_price, net = cat.price_line(sku, sold, self.city)
            U = cat.split_unit(p)
            offers = []
            for o in cat.offers.get(sku, []):
                if o["source"] not in cat.sources or o["stock"] <= 0:
                    continue
                slot = self.slot(o["source"], p["body"])
                if slot is None:
                    continue
                offers.append(o)
            self.lines.append(dict(sku=sku, product=p, requested=qty, sold=sold, U=U, units=sold // U,
                                   rest=sold - (sold // U) * U, offers=offers, unit_price=unit_price, net=net,
                                   heaviest=cat.heaviest_grams(p)))

    def slot(self, source_id, body):
        key = (source_id, body)
        if key in self.slots:
            return self.slots[key]
        cat = self.cat
        src = cat.sources[source_id]
        ready = cat.add_business_days(self.order_day, src["lead"])
        route = cat.routes.get((src["zone"], self.city["id"]))
        result = None
        if route is not None:
            km, transit = route
            vehicles = []
            for v in cat.vehicles:
                if v["body"] != body:
                    continue
                t = cat.tariff(src["zone"], self.city["id"], v["id"])
                if t is None:
                    continue
                vehicles.append(dict(v, trip=cat.trip_price(t, km)))
            if vehicles:
                delivery = cat.first_delivery_day(ready + dt.timedelta(days=transit), self.city)
                result = dict(source=source_id, body=body, km=km, ready=ready, delivery=delivery,
                              weekend=delivery.weekday() >= 5, vehicles=vehicles)
        self.slots[key] = result
        return result

    # --- independent pricing of a plan ---------------------------------------------------------

    def mix_cost(self, slot, demand, heaviest):
        """Cheapest multiset of the slot's trucks carrying `demand` (pallets or kg), by DP."""
        if demand <= 0:
            return 0, []
        opts = []
        for v in slot["vehicles"]:
            cap = min(v["places"], v["payload_kg"] * 1000 // heaviest) if slot["body"] == "flatbed" else v["payload_kg"]
            if cap > 0:
                opts.append((cap, v["trip"], v["id"]))
        if not opts:
            return None, None
        if ceil_div(demand, max(c for c, _, _ in opts)) > 500:
            return None, None
        g = 0
        for c, _, _ in opts:
            g = math.gcd(g, c)
        D = ceil_div(demand, g)
        caps = [(c // g, p, vid) for c, p, vid in opts]
        INF = float("inf")
        f = [0] + [INF] * D
        choice = [None] * (D + 1)
        for x in range(1, D + 1):
            best, bc = INF, None
            for k, (c, p, vid) in enumerate(caps):
                v = p + f[max(0, x - c)]
                if v < best:
                    best, bc = v, k
            f[x], choice[x] = best, bc
        counts = {}
        x = D
        while x > 0:
            c, p, vid = caps[choice[x]]
            counts[vid] = counts.get(vid, 0) + 1
            x = max(0, x - c)
        return f[D], sorted(counts.items())

    def evaluate(self, allocations):
        """Check a plan against the rules and price its delivery.

        allocations: per line, a list of (source, quantity in milli); an empty list = line left out.
        Returns dict(problems=[...], delivery=net kopecks, gross=..., shipments={(src, body): ...}).
        """
        cat = self.cat
        problems = []
        drawn = {}
        loads = {}
        for i, (line, parts) in enumerate(zip(self.lines, allocations)):
            if not parts:
                continue
            p = line["product"]
            if len(parts) > 3:
                problems.append(f"line {i}: {len(parts)} sources (at most 3)")
            if len({s for s, _ in parts}) != len(parts):
                problems.append(f"line {i}: a source twice")
            total = sum(q for _, q in parts)
            if total != line["sold"]:
                problems.append(f"line {i}: parts add up to {fmt_milli(total)}, sold {fmt_milli(line['sold'])}")
            off_unit = [q for _, q in parts if q % line["U"] != 0]
            if len(off_unit) > 1 or (off_unit and off_unit[0] % line["U"] != line["rest"]):
                problems.append(f"line {i}: not a whole-unit split with one leftover ({[fmt_milli(q) for _, q in parts]})")
            for src, q in parts:
                o = next((o for o in line["offers"] if o["source"] == src), None)
                if o is None:
                    problems.append(f"line {i}: {src} is not a usable source of {line['sku']}")
                    continue
                if q <= 0 or q > o["stock"] or q < o["min_order"] or (o["multiple"] > 0 and q % o["multiple"]):
                    problems.append(f"line {i}: {src} cannot supply {fmt_milli(q)} (stock {fmt_milli(o['stock'])}, "
                                    f"min {fmt_milli(o['min_order'])}, multiple {fmt_milli(o['multiple'])})")
                drawn[(src, line["sku"])] = drawn.get((src, line["sku"]), 0) + q
                key = (src, p["body"])
                l = loads.setdefault(key, dict(pallets=0, grams=0, heaviest=1))
                l["grams"] += ceil_div(q * p["grams"], 1000)
                if p["per_pallet"]:
                    l["pallets"] += ceil_div(q, p["per_pallet"])
                    l["heaviest"] = max(l["heaviest"], line["heaviest"])
        for (src, sku), q in drawn.items():
            o = next(o for o in cat.offers[sku] if o["source"] == src)
            if q > o["stock"]:
                problems.append(f"{src} {sku}: {fmt_milli(q)} drawn, stock {fmt_milli(o['stock'])}")
        shipments = {}
        net_total = gross_total = 0
        for key in sorted(loads):
            l = loads[key]
            slot = self.slots.get(key)
            if slot is None:
                problems.append(f"{key}: cannot deliver")
                continue
            demand = l["pallets"] if key[1] == "flatbed" else ceil_div(l["grams"], 1000)
            cost, counts = self.mix_cost(slot, demand, l["heaviest"])
            if cost is None:
                problems.append(f"{key}: no trucks for {demand}")
                continue
            net = cost
            if slot["weekend"]:
                net += round_half_up_div(cost * cat.weekend_bp, 10_000)
            vat = round_half_up_div(net * self.vat_bp, 10_000)
            shipments[key] = dict(net=net, gross=net + vat, counts=counts, demand=demand, load=l)
            net_total += net
            gross_total += net + vat
        return dict(problems=problems, delivery=net_total, gross=gross_total, shipments=shipments)


# ----------------------------------------------------------------------------------------------
# The integer program
# ----------------------------------------------------------------------------------------------

class Builder:
    """Columns and rows, passed to HiGHS in one go."""

    def __init__(self):
        self.lb, self.ub, self.cost, self.integer = [], [], [], []
        self.rows = []  # (lb, ub, {col: coef})

    def var(self, lb, ub, cost=0.0, integer=True):
        self.lb.append(lb)
        self.ub.append(ub)
        self.cost.append(cost)
        self.integer.append(integer)
        return len(self.lb) - 1

    def row(self, lb, ub, coefs):
        coefs = {k: v for k, v in coefs.items() if v != 0}
        if coefs:
            self.rows.append((lb, ub, coefs))

    def solve(self, time_limit, threads=1):
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        n = len(self.lb)
        lp.num_col_ = n
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = np.array(self.cost, dtype=float)
        lp.col_lower_ = np.array(self.lb, dtype=float)
        lp.col_upper_ = np.array([inf if u is None else u for u in self.ub], dtype=float)
        lp.row_lower_ = np.array([-inf if r[0] is None else r[0] for r in self.rows], dtype=float)
        lp.row_upper_ = np.array([inf if r[1] is None else r[1] for r in self.rows], dtype=float)
        cols = [[] for _ in range(n)]
        for ri, (_, _, coefs) in enumerate(self.rows):
            for c, v in coefs.items():
                cols[c].append((ri, v))
        starts, index, value = [], [], []
        for c in range(n):
            starts.append(len(index))
            for ri, v in cols[c]:
                index.append(ri)
                value.append(v)
        starts.append(len(index))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(value, dtype=float)
        lp.integrality_ = [highspy.HighsVarType.kInteger if t else highspy.HighsVarType.kContinuous for t in self.integer]
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", threads)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-4)  # the objective is in roubles: a hundredth of a kopeck
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("random_seed", 0)
        h.passModel(lp)
        t0 = time.perf_counter()
        h.run()
        elapsed = time.perf_counter() - t0
        status = h.getModelStatus()
        info = h.getInfo()
        sol = None
        if info.primal_solution_status == 2 or status == highspy.HighsModelStatus.kOptimal:
            sol = list(h.getSolution().col_value)
        return dict(status=h.modelStatusToString(status), optimal=status == highspy.HighsModelStatus.kOptimal,
                    objective=info.objective_function_value if sol else None,
                    bound=info.mip_dual_bound, gap=info.mip_gap, nodes=info.mip_node_count, time=elapsed, x=sol)


def undominated(vehicles, caps):
    """(vehicle, capacity) pairs a cheapest mix may need: a truck carrying no more than another one
    that costs no less is never needed (swap it for the other)."""
    opts = [(v, c) for v, c in zip(vehicles, caps) if c > 0]
    keep = []
    for a, (v, c) in enumerate(opts):
        dominated = any(
            (c2 >= c and w["trip"] <= v["trip"]) and (c2 > c or w["trip"] < v["trip"] or b < a)
            for b, (w, c2) in enumerate(opts) if b != a)
        if not dominated:
            keep.append((v, c))
    return keep


def solve_mip(prep, allow_drop=False, time_limit=60.0, threads=1, line_subset=None):
    """The cheapest plan under the rules: dict(plan, delivery, status, time, dropped)."""
    b = Builder()
    lines = prep.lines
    use = range(len(lines)) if line_subset is None else line_subset
    # grain per product: gcd of split unit, rests, order multiples (and whole pieces)
    grain = {}
    for i in use:
        l = lines[i]
        g = grain.get(l["sku"], 0)
        g = math.gcd(g, l["U"])
        if l["rest"]:
            g = math.gcd(g, l["rest"])
        for o in l["offers"]:
            if o["multiple"] > 0:
                g = math.gcd(g, o["multiple"])
        grain[l["sku"]] = g
    # total possible drawn per (slot) for big-Ms
    parts = {}  # (i, j) -> dict
    pool = {}   # (source, sku) -> [(i,j)]
    slot_parts = {}
    drop = {}
    penalty = 0
    for i in use:
        l = lines[i]
        g = grain[l["sku"]]
        Ug, rg = l["U"] // g, l["rest"] // g
        d = None
        if allow_drop:
            d = b.var(0, 1, 0.0)
            drop[i] = d
        sum_c, sum_h, sum_u = {}, {}, {}
        for j, o in enumerate(l["offers"]):
            stock_g = o["stock"] // g
            cmax = min(l["units"], stock_g // Ug)
            c = b.var(0, cmax) if cmax > 0 else None
            h = b.var(0, 1) if l["rest"] and rg <= stock_g else None
            if c is None and h is None:
                continue
            u = b.var(0, 1)
            qcoef = {}
            if c is not None:
                qcoef[c] = Ug
                b.row(None, 0, {c: 1, u: -cmax})
                sum_c[c] = 1
            if h is not None:
                qcoef[h] = rg
                b.row(None, 0, {h: 1, u: -1})
                sum_h[h] = 1
            link = {u: 1}
            for k in ([c] if c is not None else []) + ([h] if h is not None else []):
                link[k] = -1
            b.row(None, 0, link)  # u <= c + h
            min_g = ceil_div(o["min_order"], g)
            if min_g > 1:
                b.row(0, None, {**qcoef, u: -min_g})
            if o["multiple"] > 0:
                mg = o["multiple"] // g
                if mg > 1 and not (Ug % mg == 0 and rg % mg == 0):
                    k = b.var(0, stock_g // mg)
                    b.row(0, 0, {**qcoef, k: -mg})
            sum_u[u] = 1
            parts[(i, j)] = dict(c=c, h=h, u=u, q=qcoef, g=g)
            pool.setdefault((o["source"], l["sku"]), []).append((i, j))
            slot_parts.setdefault((o["source"], l["product"]["body"]), []).append((i, j))
        rhs_c = l["units"]
        if d is None:
            if rhs_c and not sum_c:
                return dict(plan=None, status="Infeasible", time=0.0, optimal=False)
            if rhs_c:
                b.row(rhs_c, rhs_c, sum_c)
            if l["rest"]:
                if not sum_h:
                    return dict(plan=None, status="Infeasible", time=0.0, optimal=False)
                b.row(1, 1, sum_h)
        else:
            b.row(rhs_c, rhs_c, {**sum_c, d: rhs_c})
            if l["rest"]:
                b.row(1, 1, {**sum_h, d: 1})
        if sum_u:
            b.row(None, 3, sum_u)
    for (src, sku), ij in pool.items():
        o = next(o for o in prep.cat.offers[sku] if o["source"] == src)
        g = grain[sku]
        coefs = {}
        for key in ij:
            for var, co in parts[key]["q"].items():
                coefs[var] = coefs.get(var, 0) + co
        b.row(None, o["stock"] // g, coefs)
    trips = {}  # (slot, level, vehicle) -> var
    levels_of = {}
    total_trip_ub = 0
    for key, ij in slot_parts.items():
        slot = prep.slots[key]
        w = 1 + (prep.cat.weekend_bp / 10_000 if slot["weekend"] else 0)
        if key[1] == "flatbed":
            # Levels: the distinct usable-places vectors over the trucks, lightest pallets first (a
            # heavier pallet never gives more places); each product belongs to the level of its pallet.
            hv = sorted({lines[i]["heaviest"] for i, _ in ij})
            caps_of = lambda H: tuple(min(v["places"], v["payload_kg"] * 1000 // H) for v in slot["vehicles"])
            levels = []  # [(caps vector, heaviest weights)]
            for H in hv:
                cv = caps_of(H)
                if levels and levels[-1][0] == cv:
                    levels[-1][1].append(H)
                else:
                    levels.append((cv, [H]))
            level_of = {H: li for li, (_, hs) in enumerate(levels) for H in hs}
            max_pallets = sum((lines[i]["units"] + (1 if lines[i]["rest"] else 0)) for i, _ in ij)
            y = b.var(0, 1)  # the slot ships
            zs = {}
            if len(levels) > 1:
                for li in range(len(levels)):
                    zs[li] = b.var(0, 1)
                b.row(0, 0, {**{z: 1 for z in zs.values()}, y: -1})
            load = {}
            for (i, j) in ij:
                pr = parts[(i, j)]
                b.row(None, 0, {pr["u"]: 1, y: -1})
                for var in (pr["c"], pr["h"]):
                    if var is not None:
                        load[var] = load.get(var, 0) + 1
                if zs:
                    lvl = level_of[lines[i]["heaviest"]]
                    if lvl == 0:
                        continue  # every level carries the lightest pallets
                    M = (lines[i]["units"] + 1)
                    coefs = {var: 1 for var in (pr["c"], pr["h"]) if var is not None}
                    for li in range(lvl, len(levels)):
                        coefs[zs[li]] = coefs.get(zs[li], 0) - M
                    b.row(None, 0, coefs)
            cap_row = dict(load)
            any_trip = {y: -1}
            for li, (cv, _) in enumerate(levels):
                for v, cap in undominated(slot["vehicles"], cv):
                    ub = ceil_div(max_pallets, cap)
                    n = b.var(0, ub, v["trip"] * w / 100)
                    trips[(key, li, v["id"])] = (n, cap)
                    cap_row[n] = cap_row.get(n, 0) - cap
                    any_trip[n] = 1
                    if zs:
                        b.row(None, 0, {n: 1, zs[li]: -ub})
                    total_trip_ub += ub * v["trip"] * w / 100
            levels_of[key] = levels
            b.row(None, 0, cap_row)
            b.row(0, None, any_trip)  # a slot that ships takes at least one trip
        else:
            load = {}
            max_kg = 0
            for (i, j) in ij:
                pr = parts[(i, j)]
                p = lines[i]["product"]
                if p["grams"] % 1000 and p["unit"] != "t":
                    raise SystemExit(f"{p['sku']}: bulk goods not sold by the tonne are not modelled")
                kg_per_grain = pr["g"] * p["grams"] / 1_000_000  # kg = q_milli * grams per unit / 1e6
                for var, co in pr["q"].items():
                    load[var] = load.get(var, 0) + co * kg_per_grain
                max_kg += lines[i]["sold"] * p["grams"] / 1_000_000
            cap_row = dict(load)
            y = b.var(0, 1)
            for (i, j) in ij:
                b.row(None, 0, {parts[(i, j)]["u"]: 1, y: -1})
            any_trip = {y: -1}
            for v, cap in undominated(slot["vehicles"], [v["payload_kg"] for v in slot["vehicles"]]):
                ub = ceil_div(math.ceil(max_kg), cap)
                n = b.var(0, ub, v["trip"] * w / 100)
                trips[(key, 0, v["id"])] = (n, cap)
                cap_row[n] = cap_row.get(n, 0) - cap
                any_trip[n] = 1
                total_trip_ub += ub * v["trip"] * w / 100
            b.row(0, None, any_trip)
            levels_of[key] = [1]
            b.row(None, 0, cap_row)
    if allow_drop:
        penalty = max(1.0, total_trip_ub) * 10
        for d in drop.values():
            b.cost[d] = penalty
    res = b.solve(time_limit, threads)
    out = dict(status=res["status"], optimal=res["optimal"], time=res["time"], bound=res["bound"],
               objective=res["objective"], nodes=res["nodes"], plan=None, dropped=[])
    x = res["x"]
    if x is None:
        return out
    plan = []
    for i in range(len(lines)):
        ps = []
        if line_subset is None or i in line_subset:
            for j, o in enumerate(lines[i]["offers"]):
                pr = parts.get((i, j))
                if pr is None:
                    continue
                qg = sum(round(x[var]) * co for var, co in pr["q"].items())
                if qg > 0:
                    ps.append((o["source"], qg * pr["g"]))
        plan.append(ps)
    out["plan"] = plan
    out["dropped"] = [i for i, d in drop.items() if round(x[d]) == 1]
    pen = penalty * len(out["dropped"]) if allow_drop else 0.0
    out["mip_delivery"] = (res["objective"] - pen) * 100  # kopecks
    out["bound_delivery"] = (res["bound"] - pen) * 100
    return out


def optimum(prep, time_limit=60.0, threads=1):
    r = solve_mip(prep, allow_drop=False, time_limit=time_limit, threads=threads)
    if r["plan"] is None and r["status"] in ("Infeasible", "Primal infeasible or unbounded"):
        r2 = solve_mip(prep, allow_drop=True, time_limit=time_limit, threads=threads)
        r2["time"] += r["time"]
        r2["needed_drop"] = True
        return r2
    r["needed_drop"] = False
    return r


# ----------------------------------------------------------------------------------------------
# The engine
# ----------------------------------------------------------------------------------------------

class Engine:
    def __init__(self, binary, db, timing=True):
        self.binary = binary
        self.db = db
        self.stream = None
        if timing:
            self.stream = subprocess.Popen([binary, "--jsonl", "--catalog", db], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def run(self, request):
        body = json.dumps(request, ensure_ascii=False)
        t0 = time.perf_counter()
        p = subprocess.run([self.binary, "--json", "--catalog", self.db], input=body, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        try:
            resp = json.loads(p.stdout)
        except json.JSONDecodeError:
            raise SystemExit(f"engine gave no JSON (exit {p.returncode}): {p.stderr.strip()[:500]}")
        stream_t = None
        if self.stream is not None:
            # warm stream: the time of one request without process start-up (best of two)
            times = []
            for _ in range(2):
                t0 = time.perf_counter()
                self.stream.stdin.write(body.replace("\n", " ") + "\n")
                self.stream.stdin.flush()
                self.stream.stdout.readline()
                times.append(time.perf_counter() - t0)
            stream_t = min(times)
        return resp, p.returncode, wall, stream_t

    def close(self):
        if self.stream is not None:
            self.stream.stdin.close()
            self.stream.wait()


def engine_plan(prep, resp):
    """Per line: allocations [(source, milli)], and which lines were left out / partial."""
    goods = [l for l in resp.get("lines", []) if l.get("kind", "goods") == "goods"]
    plan, left_out, partial, goods_net = [], [], [], {}
    j = 0
    for i, line in enumerate(prep.lines):
        r = goods[j] if j < len(goods) else None
        if r is not None and r["sku"] == line["sku"] and parse_fixed(r["requestedQuantity"], 3) == line["requested"]:
            j += 1
            q = parse_fixed(r["quantity"], 3)
            if q < line["sold"] or parse_fixed(r.get("shortQuantity", "0") or "0", 3) > 0:
                partial.append(i)
            plan.append([(a["source"], parse_fixed(a["quantity"], 3)) for a in r["allocations"]])
            goods_net[i] = parse_fixed(r["net"], 2)
        else:
            plan.append([])
            left_out.append(i)
    delivery = sum(parse_fixed(s["cost"], 2) for s in resp.get("shipments", []))
    warnings = {w["code"] for w in resp.get("warnings", [])}
    return dict(plan=plan, left_out=left_out, partial=partial, goods_net=goods_net, delivery=delivery,
                shipments=resp.get("shipments", []), search_limited="search_limited" in warnings)


# ----------------------------------------------------------------------------------------------
# Requests
# ----------------------------------------------------------------------------------------------

def deliverable_skus(cat, prep_probe):
    """SKUs with at least one stocked offer that can reach the probe's city."""
    out = []
    for sku, p in cat.products.items():
        if sku not in cat.prices:
            continue
        for o in cat.offers.get(sku, []):
            if o["stock"] > 0 and o["source"] in cat.sources and prep_probe.slot(o["source"], p["body"]) is not None:
                out.append(sku)
                break
    return out


def draw_quantity(rng, cat, p, avail):
    """A plausible quantity (milli, in the product's unit) of at most `avail`, or None."""
    if p["per_pallet"]:
        pp = p["per_pallet"]
        max_pal = avail // pp
        if max_pal < 1:
            return None
        r = rng.random()
        hi = 6 if r < 0.55 else (16 if r < 0.88 else 36)
        k = rng.randint(1, max(1, min(hi, int(max_pal * 0.7) or 1)))
        if p["sale_multiple"] < pp and rng.random() < 0.5:
            k = max(0, k - 1)
            extra = rng.randint(1, pp // 1000 - 1) * 1000 if pp >= 2000 else 0
            q = k * pp + extra
            q = max(q, p["sale_multiple"])
        elif p["sale_multiple"] >= pp and rng.random() < 0.5 and pp >= 2000:
            q = k * pp - rng.randint(0, pp // 1000 - 1) * 1000  # a need in pieces, rounded up by the engine
        else:
            q = k * pp
        return q
    max_t = avail // 1000
    if max_t < 1:
        return None
    r = rng.random()
    hi = 15 if r < 0.5 else (40 if r < 0.85 else 80)
    t = rng.randint(1, max(1, min(hi, int(max_t * 0.7) or 1)))
    return t * 1000


def make_request(cat, n_lines, rng, as_of, cities, repeat=0.0):
    for _attempt in range(50):
        city = rng.choice(cities)
        base = dict(items=[], city=city, asOf=as_of, strategy="cheapest")
        probe = Prepared(cat, base)
        skus = deliverable_skus(cat, probe)
        if len(skus) < 3:
            continue
        items = []
        used = {}
        tries = 0
        while len(items) < n_lines and tries < n_lines * 30:
            tries += 1
            if items and rng.random() < repeat:
                sku = rng.choice(items)["product"]  # another line of a product already asked for
            else:
                sku = rng.choice(skus)
            p = cat.products[sku]
            offers = [o for o in cat.offers[sku] if o["stock"] > 0 and probe.slot(o["source"], p["body"])]
            avail = sum(o["stock"] for o in offers) - used.get(sku, 0)
            q = draw_quantity(rng, cat, p, avail)
            if q is None:
                continue
            sold = cat.sold_quantity(sku, q)
            if sold > avail:
                continue
            item = dict(product=sku, quantity=fmt_milli(q), unit=p["unit"])
            one = Prepared(cat, dict(base, items=[item]))
            if solve_mip(one, time_limit=10)["plan"] is None:
                continue  # not suppliable on its own (minimum orders, multiples)
            items.append(item)
            used[sku] = used.get(sku, 0) + sold
        if len(items) < n_lines:
            continue
        req = dict(base, items=items)
        return req
    raise SystemExit("could not draw a request")


# ----------------------------------------------------------------------------------------------
# Running
# ----------------------------------------------------------------------------------------------

def compile_catalog(quote, folder, work, as_of):
    out = os.path.join(work, os.path.basename(os.path.normpath(folder)) + ".sqlite")
    p = subprocess.run([quote, "catalog", "build", folder, "--out", out, "--as-of", as_of], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"`quote catalog build {folder}` failed (exit {p.returncode}):\n{p.stderr.strip()}\n"
                         f"(pass --engine-catalog with a compiled database to use another one)")
    return out


def check_request(cat, engine, req, time_limit, threads):
    prep = Prepared(cat, req)
    opt = optimum(prep, time_limit=time_limit, threads=threads)
    resp, code, wall, stream_t = engine.run(req)
    r = dict(request=req, lines=len(req["items"]), mip_status=opt["status"], mip_optimal=opt["optimal"],
             mip_time=opt["time"], engine_wall=wall, engine_stream=stream_t, engine_exit=code, notes=[])
    goods_const = sum(l["net"] for l in prep.lines)
    if opt["plan"] is None:
        r["notes"].append(f"MIP: no plan ({opt['status']})")
        r["kind"] = "mip-failed"
        return r
    opt_eval = prep.evaluate(opt["plan"])
    if opt_eval["problems"]:
        r["notes"].append("MIP plan breaks the rules (model bug): " + "; ".join(opt_eval["problems"]))
    mip_dropped = opt["dropped"]
    r["mip_dropped"] = len(mip_dropped)
    r["opt_delivery"] = opt_eval["delivery"]
    r["opt_gross"] = opt_eval["gross"]
    r["opt_bound"] = opt.get("bound_delivery")
    if abs(opt_eval["delivery"] - opt["mip_delivery"]) > len(opt_eval["shipments"]) + 0.01:
        r["notes"].append(f"MIP objective {opt['mip_delivery']:.2f} != re-priced {opt_eval['delivery']} (model bug)")
    r["opt_goods"] = sum(prep.lines[i]["net"] for i in range(len(prep.lines)) if i not in mip_dropped)
    r["opt_plan"] = opt["plan"]
    if code != 0 or "error" in resp:
        r["kind"] = "engine-error"
        r["notes"].append(f"engine exit {code}: {json.dumps(resp.get('error'), ensure_ascii=False)}")
        r["engine_dropped"] = len(prep.lines)
        return r
    ep = engine_plan(prep, resp)
    r["search_limited"] = ep["search_limited"]
    r["engine_delivery"] = ep["delivery"]
    r["engine_plan"] = ep["plan"]
    ev = prep.evaluate(ep["plan"])
    r["engine_valid"] = not ev["problems"]
    if ev["problems"]:
        r["notes"].append("engine plan breaks the rules: " + "; ".join(ev["problems"]))
    # shipment costs as the engine states them vs re-priced
    eng_ship = sorted(parse_fixed(s["cost"], 2) for s in ep["shipments"])
    my_ship = sorted(s["net"] for s in ev["shipments"].values())
    if eng_ship != my_ship:
        r["notes"].append(f"shipment costs differ: engine {[fmt_kop(k) for k in eng_ship]} vs re-priced {[fmt_kop(k) for k in my_ship]}")
    for i, net in ep["goods_net"].items():
        if i not in ep["partial"] and net != prep.lines[i]["net"]:
            r["notes"].append(f"line {i} {prep.lines[i]['sku']}: engine goods {fmt_kop(net)} vs rules {fmt_kop(prep.lines[i]['net'])}")
    dropped = [i for i in ep["left_out"] + ep["partial"] if i not in mip_dropped]
    r["engine_dropped"] = len(dropped)
    r["engine_left_out"] = ep["left_out"]
    r["engine_partial"] = ep["partial"]
    r["engine_goods"] = sum(ep["goods_net"].values())
    tol = len(ev["shipments"]) + len(opt_eval["shipments"])  # kopecks: VAT/weekend rounding
    if dropped:
        r["kind"] = "dropped"
    else:
        gap = ep["delivery"] - opt_eval["delivery"]
        r["gap"] = gap if gap > tol else (gap if gap < -tol else 0)
        if gap < -tol:
            r["notes"].append(f"engine {fmt_kop(ep['delivery'])} below the proven optimum {fmt_kop(opt_eval['delivery'])} (model misreads a rule)")
        r["kind"] = "optimal" if r["gap"] == 0 else ("below" if r["gap"] < 0 else "gap")
        r["opt_total"] = opt_eval["delivery"] + goods_const
    return r


def summarize(results, n):
    rs = [r for r in results if r["lines"] == n]
    comparable = [r for r in rs if "gap" in r]
    gaps = [r["gap"] for r in comparable]
    pct = [100.0 * r["gap"] / r["opt_delivery"] if r["opt_delivery"] else 0.0 for r in comparable]
    pct_total = [100.0 * r["gap"] / r["opt_total"] for r in comparable if r.get("opt_total")]
    worst = max(comparable, key=lambda r: r["gap"], default=None)
    return dict(
        n=n, requests=len(rs),
        optimal=sum(1 for r in rs if r.get("kind") == "optimal"),
        mean_pct=statistics.mean(pct) if pct else 0.0, worst_pct=max(pct) if pct else 0.0,
        mean_pct_total=statistics.mean(pct_total) if pct_total else 0.0,
        mean_rub=statistics.mean(gaps) / 100 if gaps else 0.0, worst_rub=(worst["gap"] / 100 if worst else 0.0),
        dropped_requests=sum(1 for r in rs if r.get("engine_dropped")),
        dropped_lines=sum(r.get("engine_dropped", 0) for r in rs),
        limited=sum(1 for r in rs if r.get("search_limited")),
        exact_bad=sum(1 for r in rs if not r.get("search_limited") and (r.get("gap") or r.get("engine_dropped"))),
        invalid=sum(1 for r in rs if r.get("engine_valid") is False),
        mip_unproven=sum(1 for r in rs if not r.get("mip_optimal")),
        mip_dropped=sum(1 for r in rs if r.get("mip_dropped")),
        mip_mean=statistics.mean(r["mip_time"] for r in rs) if rs else 0.0,
        mip_max=max((r["mip_time"] for r in rs), default=0.0),
        eng_wall=statistics.median(r["engine_wall"] for r in rs) if rs else 0.0,
        eng_stream=statistics.median(r["engine_stream"] for r in rs if r.get("engine_stream") is not None)
        if any(r.get("engine_stream") is not None for r in rs) else None,
    )


def print_table(rows, out=sys.stdout):
    head = ["lines", "requests", "optimal", "mean gap", "worst gap", "worst gap ₽", "mean gap/total",
            "dropped (req/lines)", "search_limited", "wrong when not limited", "invalid plans", "MIP mean/max s", "engine p50 (json / warm)"]
    table = []
    for s in rows:
        share = f"{s['optimal']}/{s['requests']} ({100 * s['optimal'] / s['requests']:.0f} %)" if s["requests"] else "-"
        table.append([
            str(s["n"]), str(s["requests"]), share, f"{s['mean_pct']:.2f} %", f"{s['worst_pct']:.2f} %",
            f"{s['worst_rub']:,.2f}", f"{s['mean_pct_total']:.2f} %", f"{s['dropped_requests']}/{s['dropped_lines']}",
            f"{s['limited']}/{s['requests']}", str(s["exact_bad"]), str(s["invalid"]),
            f"{s['mip_mean']:.3f} / {s['mip_max']:.3f}" + (f" ({s['mip_unproven']} unproven)" if s["mip_unproven"] else ""),
            f"{s['eng_wall'] * 1000:.1f} ms / " + (f"{s['eng_stream'] * 1000:.2f} ms" if s["eng_stream"] is not None else "-"),
        ])
    widths = [max(len(h), *(len(r[k]) for r in table)) for k, h in enumerate(head)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |", file=out)
    print("| " + " | ".join("-" * w for w in widths) + " |", file=out)
    for r in table:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |", file=out)


def describe(cat, r):
    def plan_text(plan):
        return "; ".join(
            f"[{k}] " + " + ".join(f"{s} {fmt_milli(q)}" for s, q in parts) if parts else f"[{k}] -"
            for k, parts in enumerate(plan))
    lines = [json.dumps(r["request"], ensure_ascii=False)]
    if "engine_delivery" in r:
        lines.append(f"  engine delivery {fmt_kop(r['engine_delivery'])}: {plan_text(r['engine_plan'])}")
    if "opt_delivery" in r:
        lines.append(f"  optimum  delivery {fmt_kop(r['opt_delivery'])}: {plan_text(r['opt_plan'])}")
    for n in r["notes"]:
        lines.append("  ! " + n)
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------
# Self-test: cases whose optimum is derived by hand (demo catalog)
# ----------------------------------------------------------------------------------------------

SELFTEST = [
    # README: 5,000 NF bricks to Tver: 12 pallets from the Tver plant on one 20 t truck at its flat
    # city fare, 8,000.00 (Khimki would be 12,000 + 75 x 110 km = 20,250.00).
    (dict(items=[dict(product="BR-NF-M150-SOL", quantity="5000", unit="pcs")], city="tver"), 800000),
    # issue 13: 360 + 248 bags of gypsum plaster to Kaluga. 608 bags = 15 pallets + 8 bags; SUP-CEMENT
    # (Kolomna, 220 km) has 2,000, Khimki 160. Pallet 40 x 30 kg = 1,200 kg: an FB-10 carries
    # min(14, 8) = 8 pallets, a SEMI-20 min(33, 16) = 16. Best: SUP 360 + SUP 240 + Khimki 8 bags:
    # SUP 15 pallets on one SEMI-20 (12,000 + 75 x 180 = 25,500) + Khimki 1 part pallet on a
    # Gazelle (3,500 + 30 x 150 = 8,000): 33,500.00. (All 15 pallets + 8 bags from SUP = 16 pallets,
    # also one SEMI-20: 25,500.00 -- the min order 40 and multiple 40 forbid the 8 bags from SUP.)
    (dict(items=[dict(product="MIX-GYP-30", quantity="360", unit="bag"),
                 dict(product="MIX-GYP-30", quantity="248", unit="bag")], city="kaluga"), 3350000),
    # Heaviest pallet: 480 blocks 600x100x250 (4 pallets of 120 x 8.2 = 984 kg) + 10 bags of gypsum
    # (a part pallet; a full one is 1,200 kg) to Khimki, both only from the Khimki warehouse (PL-AERO's
    # minimum is 600, SUP-CEMENT's 40). One shipment of 5 pallets; with the 1,200 kg pallet aboard an
    # FB-5 carries min(8, floor(5000/1200)) = 4, a Gazelle 1, an FB-10 min(14, 8) = 8: one FB-10 at
    # 8,000.00 (FB-5 + Gazelle 9,500). The real weight, 4,236 kg, would fit an FB-5 (6,000.00).
    (dict(items=[dict(product="BL-D500-600x100x250", quantity="480", unit="pcs"),
                 dict(product="MIX-GYP-30", quantity="10", unit="bag")], city="khimki"), 800000),
    # Weekend: 2,816 facing bricks (8 pallets of 352 x 2.8 = 985.6 kg), only at PL-KALUGA (lead 3
    # business days: ready Fri 2026-12-04, 1 transit day: Sat 12-05, a Tver delivery day), 350 km.
    # FB-10 min(14, floor(10000/985.6) = 10): 7,200 + 50 x 310 = 22,700; SEMI-20 31,880; 2 x FB-5
    # (5 places each) 36,220. Plus the 25 % weekend surcharge: 28,375.00.
    (dict(items=[dict(product="BR-14NF-FAC-BRN", quantity="2816", unit="pcs")], city="tver"), 2837500),
    # Tippers and a city's own tariff rows: 30 t of quarry sand to Dmitrov from the Dmitrov quarry
    # (the only source), whose flat city fares are TIP-10 5,000 and TIP-25 8,000 (the zone's rows
    # would give 7,000 / 11,000): 25 t + 10 t for 13,000.00 (2 x TIP-25 16,000, 3 x TIP-10 15,000).
    (dict(items=[dict(product="SAND-QRY", quantity="30", unit="t")], city="dmitrov"), 1300000),
]


def selftest(cat, engine):
    """The model's optimum against the hand-derived one; the engine's answer alongside, for information."""
    ok = True
    for req, expect in SELFTEST:
        req = dict(req, asOf=ASOF_DEFAULT, strategy="cheapest")
        prep = Prepared(cat, req)
        opt = optimum(prep)
        ev = prep.evaluate(opt["plan"])
        status = "ok" if ev["delivery"] == expect and not ev["problems"] else "FAIL"
        ok &= status == "ok"
        plan = "; ".join(" + ".join(f"{s} {fmt_milli(q)}" for s, q in parts) for parts in opt["plan"])
        extra = ""
        if engine is not None:
            resp, code, _, _ = engine.run(req)
            if "error" in resp:
                extra = f"; engine: {resp['error']['code']}"
            else:
                ep = engine_plan(prep, resp)
                extra = f"; engine {fmt_kop(ep['delivery'])}" + (f", left out lines {ep['left_out']}" if ep["left_out"] else "")
        print(f"{status}: optimum {fmt_kop(ev['delivery'])} (by hand {fmt_kop(expect)}): {plan}{extra}\n    {json.dumps(req, ensure_ascii=False)}")
    return ok


# ----------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See the module docstring for the integer program.")
    ap.add_argument("--quote", default=os.environ.get("QUOTE", ".build/debug/quote"), help="the quote binary (default: $QUOTE or .build/debug/quote)")
    ap.add_argument("--catalog", default=None, help="catalog CSV folder (default: catalogs/demo next to this script's repo)")
    ap.add_argument("--engine-catalog", default=None, help="compiled .sqlite (or folder) for the engine; default: build --catalog into --work-dir")
    ap.add_argument("--work-dir", default=None, help="where to build the engine's database (default: a temporary folder)")
    ap.add_argument("--sizes", default="5,10,20,40", help="lines per request, comma-separated (default 5,10,20,40)")
    ap.add_argument("--requests", type=int, default=30, help="requests per size (default 30)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--as-of", default=ASOF_DEFAULT)
    ap.add_argument("--time-limit", type=float, default=120.0, help="seconds per MIP (default 120)")
    ap.add_argument("--threads", type=int, default=1, help="HiGHS threads (default 1)")
    ap.add_argument("--repeat", type=float, default=0.0,
                    help="probability that a line repeats a product already in the request (default 0: products drawn independently)")
    ap.add_argument("--no-timing", action="store_true", help="skip the warm --jsonl timing of the engine")
    ap.add_argument("--fail-on-gap", action="store_true", help="exit 1 if a request of <= --fail-up-to lines has a gap, a dropped line or an invalid plan")
    ap.add_argument("--fail-up-to", type=int, default=10, help="the largest request --fail-on-gap holds to the optimum (default 10)")
    ap.add_argument("--fail-gap-above", type=float, default=None, metavar="PCT",
                    help="with --fail-on-gap, larger requests fail too when their gap exceeds PCT %% of the optimal delivery cost "
                         "(the engine solves requests past 20 lines to within 0.1 %%), or on a dropped line or an invalid plan")
    ap.add_argument("--show", type=int, default=3, help="print the N smallest disagreeing requests per size (default 3)")
    ap.add_argument("--json-out", default=None, help="write every request's details here")
    ap.add_argument("--request", default=None, help="check one request (JSON text, or @FILE) instead of drawing them")
    ap.add_argument("--selftest", action="store_true", help="check the model on hand-derived cases (demo catalog) and exit")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)

    here = os.path.dirname(os.path.abspath(__file__))
    folder = args.catalog or os.path.join(os.path.dirname(here), "catalogs", "demo")
    if not os.path.isdir(folder):
        ap.error(f"no catalog folder {folder}")
    cat = Catalog(folder)
    if args.selftest and not os.path.exists(args.quote):
        return 0 if selftest(cat, None) else 1
    if not os.path.exists(args.quote):
        ap.error(f"no quote binary at {args.quote} (--quote or $QUOTE)")
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes: comma-separated numbers")
    work = args.work_dir or tempfile.mkdtemp(prefix="sourcing-check-")
    os.makedirs(work, exist_ok=True)
    db = args.engine_catalog or compile_catalog(args.quote, folder, work, args.as_of)
    engine = Engine(args.quote, db, timing=not args.no_timing and not args.selftest)
    if args.selftest:
        ok = selftest(cat, engine)
        engine.close()
        return 0 if ok else 1
    if args.request:
        text = open(args.request[1:]).read() if args.request.startswith("@") else args.request
        req = json.loads(text)
        req.setdefault("asOf", args.as_of)
        req.setdefault("strategy", "cheapest")
        r = check_request(cat, engine, req, args.time_limit, args.threads)
        engine.close()
        print(f"{r.get('kind')}" + (f", gap {fmt_kop(r['gap'])}" if r.get("gap") else "")
              + (", search_limited" if r.get("search_limited") else "") + f"; MIP {r['mip_status']} in {r['mip_time']:.3f} s")
        print(describe(cat, r))
        return 0
    cities = sorted(cat.cities)
    results = []
    redraws = 0
    try:
        for n in sizes:
            for k in range(args.requests):
                rng = random.Random(args.seed * 1_000_003 + n * 10_007 + k)
                for redraw in range(20):
                    req = make_request(cat, n, rng, args.as_of, cities, args.repeat)
                    r = check_request(cat, engine, req, args.time_limit, args.threads)
                    if not r.get("mip_dropped"):
                        break
                    redraws += 1  # the lines cannot all be supplied together: draw another request
                r["id"] = f"s{args.seed}-n{n}-{k}"
                results.append(r)
                if args.verbose:
                    print(f"{r['id']}: {r.get('kind')} gap={r.get('gap')} mip={r['mip_time']:.3f}s {r['notes']}", file=sys.stderr)
    finally:
        engine.close()

    print(f"catalog {folder}, seed {args.seed}, {args.requests} requests per size, asOf {args.as_of}, engine {args.quote}"
          + (f"; {redraws} request(s) redrawn because their lines could not all be supplied together" if redraws else ""))
    rows = [summarize(results, n) for n in sizes]
    print_table(rows)
    print("optimal: the engine's delivery cost equals the proven optimum (within a kopeck a shipment); gaps are over")
    print("the requests with every line supplied, in % of the optimal delivery cost (and of the whole net total);")
    print("dropped: requests / lines the engine left out or quoted partially although the sources can supply them.")
    for n in sizes:
        bad = [r for r in results if r["lines"] == n and (r.get("kind") in ("gap", "dropped", "below", "engine-error", "mip-failed") or r["notes"])]
        bad.sort(key=lambda r: (r.get("kind") != "dropped", len(json.dumps(r["request"])), -(r.get("gap") or 0)))
        for r in bad[: args.show]:
            print(f"\n[{r['id']}] {r.get('kind')}" + (f", gap {fmt_kop(r['gap'])}" if r.get("gap") else ""))
            print(describe(cat, r))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(results, f, ensure_ascii=False, indent=1, default=str)
    if args.fail_on_gap:
        def broken(r):
            return r.get("engine_dropped") or r.get("engine_valid") is False

        def too_far(r):
            gap, opt = r.get("gap") or 0, r.get("opt_delivery") or 0
            return gap > 0 and (opt <= 0 or 100.0 * gap / opt > args.fail_gap_above)

        failing = [r for r in results if r["lines"] <= args.fail_up_to and (r.get("gap") or broken(r))]
        if args.fail_gap_above is not None:
            failing += [r for r in results if r["lines"] > args.fail_up_to and (too_far(r) or broken(r))]
        if failing:
            above = f", or larger ones more than {args.fail_gap_above} % above it" if args.fail_gap_above is not None else ""
            print(f"\n--fail-on-gap: {len(failing)} request(s) of at most {args.fail_up_to} lines with a gap{above}, a dropped line or an invalid plan",
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Independent reader: checks a workbook with openpyxl against the facts excelize read from
it (facts.json: sheets → merged ranges and every non-empty cell's type and value or formula).
Usage: openpyxl_check.py WORKBOOK FACTS.json. Prints each disagreement; exits 1 on any."""
import datetime
import json
import sys

from openpyxl import load_workbook

EPOCH = datetime.datetime(1899, 12, 30)


def main():
    path, facts_path = sys.argv[1], sys.argv[2]
    with open(facts_path, encoding="utf-8") as fh:
        facts = json.load(fh)
    wb = load_workbook(path)  # formulas as written, no cached values needed
    problems = []
    if wb.sheetnames != [s["name"] for s in facts["sheets"]]:
        problems.append(f"sheets {wb.sheetnames} != {[s['name'] for s in facts['sheets']]}")
    calc = wb.calculation
    if facts.get("full_calc_on_load") and not calc.fullCalcOnLoad:
        problems.append("fullCalcOnLoad is not set")
    for sheet in facts["sheets"]:
        if sheet["name"] not in wb.sheetnames:
            continue
        ws = wb[sheet["name"]]
        merged = sorted(str(r) for r in ws.merged_cells.ranges)
        if merged != sorted(sheet["merged"]):
            problems.append(f"{ws.title}: merged {merged} != {sorted(sheet['merged'])}")
        covered = set()
        for r in ws.merged_cells.ranges:
            for row in range(r.min_row, r.max_row + 1):
                for col in range(r.min_col, r.max_col + 1):
                    if (row, col) != (r.min_row, r.min_col):
                        covered.add((row, col))
        seen = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or c.value == "" or (c.row, c.column) in covered:
                    continue
                seen[c.coordinate] = c
        want = sheet["cells"]
        for ref in sorted(set(seen) - set(want)):
            problems.append(f"{ws.title}!{ref}: openpyxl reads {seen[ref].value!r}, excelize nothing")
        for ref, fact in want.items():
            c = seen.get(ref)
            if c is None:
                problems.append(f"{ws.title}!{ref}: excelize reads {fact}, openpyxl nothing")
                continue
            v = c.value
            kind, expected = fact["t"], fact["v"]
            if kind == "f":
                if not (isinstance(v, str) and v == "=" + expected):
                    problems.append(f"{ws.title}!{ref}: formula {v!r} != ={expected}")
            elif kind == "n":
                if isinstance(v, datetime.datetime):
                    v = (v - EPOCH).days + (v - EPOCH).seconds / 86400
                if isinstance(v, bool) or not isinstance(v, (int, float)) or abs(v - float(expected)) > 1e-9:
                    problems.append(f"{ws.title}!{ref}: number {v!r} != {expected}")
            else:
                if not isinstance(v, str) or v != expected:
                    problems.append(f"{ws.title}!{ref}: text {v!r} != {expected!r}")
            if "fmt" in fact and c.number_format != fact["fmt"]:
                problems.append(f"{ws.title}!{ref}: number format {c.number_format!r} != {fact['fmt']!r}")
    # Readers that trust the declared used range (read-only mode, as pandas uses) must see
    # every row too.
    ro = load_workbook(path, read_only=True)
    for sheet in facts["sheets"]:
        rows = [int("".join(ch for ch in ref if ch.isdigit())) for ref in sheet["cells"]]
        if rows and sheet["name"] in ro.sheetnames and (ro[sheet["name"]].max_row or 0) < max(rows):
            problems.append(f"{sheet['name']}: read-only max_row {ro[sheet['name']].max_row} < last row {max(rows)}")
    ro.close()
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


main()

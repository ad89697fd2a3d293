"""What Python's csv module (the writer of Locust's files) reads from folders of Locust CSVs.

Usage: python3 python_csv_reference.py <folder>... Prints one JSON object, by folder as given: the
figures the TypeScript reader must find, or {"refused": "<format>"} for the formats before Locust
1.0. All folders in one process, because starting Python costs more than reading a folder.
Independent of our reader on purpose: plain csv.reader, the standard library's float(), no shared
code.
"""

import csv
import json
import os
import sys


def rows(path):
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        return [row for row in csv.reader(handle) if row]


def number(cell):
    return None if cell in ("", "N/A", "nan") else float(cell)


def table(path):
    header, *body = rows(path)
    names = [name.strip() for name in header]
    return names, [dict(zip(names, row)) for row in body]


def stats_file(folder):
    for suffix in ("_stats.csv", "_requests.csv"):
        found = [name for name in os.listdir(folder) if name.endswith(suffix)]
        if found:
            return found[0], found[0][: -len(suffix)]
    raise SystemExit(f"no stats file in {folder}")


def reading(folder):
    name, prefix = stats_file(folder)
    names, body = table(os.path.join(folder, name))
    if "# requests" in names:
        return {"refused": "0.14" if "Requests Failed/s" in names else "0.13"}
    method_column = "Type" if "Type" in names else "Method"
    endpoints, aggregate = [], None
    for row in body:
        entry = {
            "method": "" if row["Name"] == "Aggregated" and row[method_column] in ("", "None") else row[method_column],
            "name": row["Name"],
            "requests": number(row["Request Count"]),
            "failures": number(row["Failure Count"]),
            "rps": number(row["Requests/s"]),
            "p95": number(row["95%"]) if "95%" in row else None,
        }
        if entry["method"] == "" and entry["name"] == "Aggregated":
            aggregate = entry
        else:
            endpoints.append(entry)

    history = {"rowsRead": 0, "peakUsers": None, "finalUsers": None, "lastTotals": None}
    history_path = os.path.join(folder, f"{prefix}_stats_history.csv")
    if os.path.exists(history_path):
        names, body = table(history_path)
        type_column = "Type" if "Type" in names else None
        for row in body:
            required = ["Timestamp", "User Count", "Requests/s", "Failures/s", "Total Request Count", "Total Failure Count"]
            cut_short = any(column not in row for column in required)
            if row["Name"] != "Aggregated" or (type_column and row[type_column] != "") or cut_short:
                continue
            users = number(row["User Count"])
            history["rowsRead"] += 1
            history["peakUsers"] = max(history["peakUsers"] or 0, users)
            # Users when the load stopped: Locust writes its last rows after stopping them, with 0.
            if users or history["finalUsers"] is None:
                history["finalUsers"] = users
            history["lastTotals"] = [number(row["Total Request Count"]), number(row["Total Failure Count"])]

    failures = 0
    failures_path = os.path.join(folder, f"{prefix}_failures.csv")
    if os.path.exists(failures_path):
        failures = sum(number(row["Occurrences"]) for row in table(failures_path)[1])

    return {"aggregate": aggregate, "endpoints": endpoints, "history": history, "failureOccurrences": failures}


print(json.dumps({folder: reading(folder) for folder in sys.argv[1:]}))

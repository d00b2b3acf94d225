#!/usr/bin/env python3
"""prometheus-check.py API SUMMARY_CSV [DASHBOARD_JSON]

Asks a Prometheus that scraped a run, through its HTTP query API, for the run's hold-phase
command totals and compares them with summary.csv's counts (command rows, per outcome; the
measured window is the hold phase). Then evaluates every expression of the Grafana dashboard,
its variables filled in, so a typo in PromQL or a family the endpoint does not serve fails CI.
"""
import csv
import json
import os
import sys
import urllib.parse
import urllib.request


def query(api, expr):
    url = f"{api}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:
        body = json.load(error)
    if body.get("status") != "success":
        sys.exit(f"[prometheus] query failed: {expr}\n  {body.get('error', body)}")
    return body["data"]["result"]


def summary_counts(path):
    counts = {}
    with open(path, newline="") as file:
        for row in csv.DictReader(file):
            label = row["command"]
            if row["outcome"] == "all" or ":" in label or label.endswith((".service", ".send_lag")):
                continue
            counts[(label, row["outcome"])] = int(row["count"])
    return counts


def scraped_counts(api, run_id):
    expr = f'sum by (command, outcome) (last_over_time(imapbench_commands_total{{phase="hold",run_id="{run_id}"}}[5m]))'
    return {(r["metric"]["command"], r["metric"]["outcome"]): int(float(r["value"][1])) for r in query(api, expr)}


def dashboard_expressions(path):
    with open(path) as file:
        dashboard = json.load(file)
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            yield panel["title"], target["expr"]


def fill_variables(expr, run_id):
    for name, value in {"$__rate_interval": "5s", "$__interval": "1s", "$__range": "5m",
                        "$run_id": run_id, "$shard": ".*", "$phase": ".*"}.items():
        expr = expr.replace(name, value)
    return expr


def main():
    api, summary_path = sys.argv[1], sys.argv[2]
    run_id = os.path.basename(os.path.dirname(os.path.abspath(summary_path)))
    expected, scraped = summary_counts(summary_path), scraped_counts(api, run_id)
    if not expected:
        sys.exit("[prometheus] summary.csv has no command rows")
    if scraped != expected:
        for key in sorted(set(expected) | set(scraped)):
            print(f"  {key[0]} {key[1]}: summary.csv {expected.get(key)} scraped {scraped.get(key)}", file=sys.stderr)
        sys.exit("[prometheus] the scraped hold-phase totals differ from summary.csv")
    total = sum(expected.values())
    print(f"[prometheus] scraped totals equal summary.csv: {len(expected)} command/outcome rows, {total} commands",
          file=sys.stderr)
    if len(sys.argv) > 3 and os.path.exists(sys.argv[3]):
        count = 0
        for title, expr in dashboard_expressions(sys.argv[3]):
            query(api, fill_variables(expr, run_id))
            count += 1
        print(f"[prometheus] all {count} dashboard expressions evaluate", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates docs/benchmarks.md's result tables from `ferry-bench all --json` files (never hand-copied numbers).

usage: python3 bench/tables.py bench/results/all-100k.json bench/results/all-1m.json [--doc docs/benchmarks.md]

Replaces the text between <!-- bench:tables:begin --> and <!-- bench:tables:end --> in the doc (or prints the
tables when the doc has no markers). One table per benchmark with every size given; then the cross-size checks
(transform peak heap at the largest size ÷ the smallest, Ferry ÷ the guide's algorithm per size).
"""
import json
import sys

BEGIN, END = "<!-- bench:tables:begin -->", "<!-- bench:tables:end -->"

# (benchmark, measurement key) -> the target ratio to its limit (issues 3, 5, 7, 8 and 19)
TARGETS = {
    ("store", "insert"): 0.70,
    ("store", "scan"): 0.70,
    ("transform", "transform"): 0.50,
    ("hashing", "transform_hashing"): 0.90,
    ("validate", "validate"): 0.40,
    ("validate", "doctor_find"): 0.30,
    ("backup", "backup"): 0.80,
    ("backup", "restore"): 0.70,
    ("backup", "backup_gzip"): 0.80,
    ("backup", "restore_gzip"): 0.90,
}

TITLES = {
    "store": "Embedded store: bulk insert and full scan against raw SQLite",
    "transform": "Transform demo → production (no hashing) against the store's scan + insert limit",
    "hashing": "Password hashing (bcrypt cost 10) against cores × the one-thread rate",
    "validate": "Validation and doctor integrity (find) against the store's raw scan",
    "backup": "Backup and restore against the store's raw scan / raw insert",
}


def size_label(n):
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def pct(x):
    return f"{x * 100:.0f} %"


def number(x):
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.2f}"


def tables(results):
    out = []
    for bench in TITLES:
        runs = [(r, r["benchmarks"][bench]) for r in results if bench in r["benchmarks"]]
        if not runs:
            continue
        out.append(f"### {TITLES[bench]}\n")
        out.append("| size | measurement | runs | rate (median) | rate spread (min–max) | ratio to the limit (median) | ratio spread | target | peak working set MB | 1-min load average per run |")
        out.append("|---|---|---:|---:|---:|---:|---:|---|---:|---|")
        for r, b in runs:
            for key, m in b["measurements"].items():
                unit = m["unit"] + "/s" if m["unit"] in ("documents", "users") else m["unit"]
                target = TARGETS.get((bench, key))
                ratio = m.get("ratio_median")
                verdict = ""
                if target is not None and ratio is not None:
                    verdict = f"≥ {pct(target)}: **{'met' if ratio >= target else 'missed'}**"
                out.append("| {size} | {name} | {runs} | {rate} {unit} | {lo}–{hi} | {ratio} | {spread} | {verdict} | {peak} | {loads} |".format(
                    size=size_label(r["size"]), name=m["name"], runs=m["runs"], rate=number(m["rate_median"]), unit=unit,
                    lo=number(m["rate_min"]), hi=number(m["rate_max"]),
                    ratio="**" + pct(ratio) + "**" if ratio is not None else "(the limit)" if key.startswith(("raw", "limit", "all_cores", "single")) else "",
                    spread=f"{pct(m['ratio_min'])}–{pct(m['ratio_max'])}" if ratio is not None else "",
                    verdict=verdict, peak=number(m["peak_working_set_mb"]), loads=", ".join(l.split(" ")[0] for l in m["load_averages"])))
        out.append("")
        out.append("Run{}: {}.\n".format("s" if len(runs) > 1 else "", "; ".join(
            f"{size_label(r['size'])} at {r['generated_at'][:10]} {b['started_at']} UTC, {b['seconds']:.0f} s, {r['runs']} timed rounds" for r, b in runs)))

    transform = [(r["size"], r["benchmarks"]["transform"]["measurements"]) for r in results if "transform" in r["benchmarks"]]
    if transform:
        out.append("### Across sizes\n")
        out.append("| size | ferry transform ÷ the guide's algorithm | transform peak managed heap MB (median) |")
        out.append("|---|---:|---:|")
        for size, m in sorted(transform):
            guide = m.get("transform_vs_guide")
            heap = m.get("transform_peak_heap_mb")
            out.append(f"| {size_label(size)} | {guide['rate_median']:.1f}× ({guide['runs']} run{'s' if guide['runs'] > 1 else ''}) | {heap['rate_median']:.0f} |" if guide and heap else f"| {size_label(size)} | | |")
        if len(transform) > 1:
            (small, ms), (large, ml) = sorted(transform)[0], sorted(transform)[-1]
            ratio = ml["transform_peak_heap_mb"]["rate_median"] / ms["transform_peak_heap_mb"]["rate_median"]
            out.append("")
            out.append(f"Transform peak managed heap at {size_label(large)} ÷ at {size_label(small)}: **{ratio:.2f}** (target ≤ 1.15: **{'met' if ratio <= 1.15 else 'missed'}**).")
        out.append("")
    return "\n".join(out)


def main(argv):
    doc = "docs/benchmarks.md"
    files = []
    i = 0
    while i < len(argv):
        if argv[i] == "--doc":
            doc = argv[i + 1]
            i += 2
        else:
            files.append(argv[i])
            i += 1
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    results = sorted((json.load(open(f, encoding="utf-8")) for f in files), key=lambda r: r["size"])
    text = tables(results)
    content = open(doc, encoding="utf-8").read()
    if BEGIN not in content or END not in content:
        print(text)
        return 0
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    generated = f"{BEGIN}\n<!-- generated by: python3 bench/tables.py {' '.join(files)} — do not edit by hand -->\n\n{text}\n{END}"
    open(doc, "w", encoding="utf-8").write(head + generated + tail)
    print(f"updated {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Quality and speed of the first-page reader on the Appendix I evaluation set.

    python bench/bench_ocr.py                 # the whole set (216 pages)
    python bench/bench_ocr.py --limit 40      # a subset while developing
    python bench/bench_ocr.py --failures      # and every value read wrong

Runs ``tools/ocr_layout.read_page`` of idesk_registry on each scan of
``bench/ocr_eval`` (drawn first if missing) and prints, per field and per
layout, the share of pages read exactly (the summary: similarity after folding
≥ 0.9, and exactly), then the time of a first page (decoding included).
No database, no Odoo server.
"""

import argparse
import json
import os
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "ocr_eval"))
sys.path.insert(0, str(ROOT / "addons" / "idesk_registry"))

import generate  # noqa: E402
from PIL import Image  # noqa: E402
from tools.ocr_layout import read_page  # noqa: E402
from tools.text import fold  # noqa: E402
from vocabulary import OUTSIDE_BODIES, PLACES  # noqa: E402

FIELDS = ("number_symbol", "document_date", "type", "issuing_body", "summary")
EXTRA = ("signer_name",)
TARGET = 0.95
# What the database of the town knows: its outside bodies and places (the
# reader puts back the accents of a body's name from them).
KNOWN_NAMES = [name for name, _code in OUTSIDE_BODIES] + PLACES
SIMILAR = 0.9


def _norm(value):
    return " ".join(str(value or "").split())


def similarity(expected, read):
    return SequenceMatcher(None, fold(expected), fold(read or "")).ratio()


def judge(field, expected, read):
    """``(exact, similar)`` of one value read."""
    if field == "document_date":
        read = read.isoformat() if read else ""
    if field == "issuing_body":
        exact = _norm(expected).upper() == _norm(read).upper()
    else:
        exact = _norm(expected) == _norm(read)
    if field == "summary":
        return exact, similarity(expected, read) >= SIMILAR
    return exact, exact


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="read only the first N pages")
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    pages = json.loads(generate.EXPECTED.read_text(encoding="utf-8"))
    if args.limit:
        pages = pages[: args.limit]
    generate.write_images(pages)
    rows, times, cpus, failures = [], [], [], []
    for page in pages:
        path = generate.image_path(page)
        start, cpu = time.monotonic(), _cpu()
        with Image.open(path) as image:
            image.load()
            read = read_page(image, names=KNOWN_NAMES)
            if args.debug:
                print(page["id"], read, file=sys.stderr)
        times.append(time.monotonic() - start)
        cpus.append(_cpu() - cpu)
        row = {"id": page["id"], "layout": page["spec"]["layout"]}
        for field in FIELDS + EXTRA:
            expected = page["expected"][field]
            exact, ok = judge(field, expected, read[field])
            row[field] = ok
            row[field + "_exact"] = exact
            if not ok:
                failures.append((page["id"], field, expected, read[field]))
        rows.append(row)
        print(
            f"\r{len(rows)}/{len(pages)} pages read",
            end="",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)
    report(rows, times, cpus)
    if args.failures:
        print("\nWrong values (id, field, expected, read):")
        for failure in failures:
            page_id, field, expected, read = failure
            print(f"  {page_id} {field:<14} {expected!r}\n  {'':4} {'':<14} {read!r}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    worst = min(sum(r[f] for r in rows) / len(rows) for f in FIELDS)
    return 0 if worst >= TARGET else 1


def _cpu():
    """CPU seconds of this process and of the Tesseract it waited for: what
    a page costs on an idle machine, whatever the others run meanwhile."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _pct(rows, field):
    return 100 * sum(r[field] for r in rows) / len(rows) if rows else 0


def report(rows, times, cpus):
    layouts = sorted({r["layout"] for r in rows})
    columns = FIELDS + EXTRA
    print(f"\nFirst pages read: {len(rows)} (target ≥ {TARGET:.0%} per field)")
    header = f"{'field':<16}{'all':>7}" + "".join(
        f"{name[:10]:>12}" for name in layouts
    )
    print(header)
    print("-" * len(header))
    for field in columns:
        label = field + (" ≥0.9" if field == "summary" else "")
        line = f"{label:<16}{_pct(rows, field):>6.1f}%"
        for layout in layouts:
            subset = [r for r in rows if r["layout"] == layout]
            line += f"{_pct(subset, field):>11.1f}%"
        print(line)
        if field == "summary":
            line = f"{'summary exact':<16}{_pct(rows, 'summary_exact'):>6.1f}%"
            for layout in layouts:
                subset = [r for r in rows if r["layout"] == layout]
                line += f"{_pct(subset, 'summary_exact'):>11.1f}%"
            print(line)
    pages = f"{'pages':<16}{len(rows):>7}" + "".join(
        f"{sum(r['layout'] == layout for r in rows):>12}" for layout in layouts
    )
    print(pages)
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(
        f"\nFirst page read (decode + Tesseract + layout): median {statistics.median(times):.2f} s, "
        f"p95 {p95:.2f} s, max {ordered[-1]:.2f} s"
    )
    ordered = sorted(cpus)
    print(
        f"CPU time of a first page (this process + Tesseract): median "
        f"{statistics.median(cpus):.2f} s, p95 "
        f"{ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]:.2f} s "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    sys.exit(main())

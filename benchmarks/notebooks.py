"""Execute every lesson (learner copy and solution) and print time and peak memory.

Budget per lesson notebook: <= 60 s (Lesson 05, which trains a network for 40 s: <= 3 min) and <= 1.5 GB peak (Binder gives 2 GB).
With --write, the medians go to docs/facilitator/run_times.json, from which
`make lessons` writes the run-time table of the facilitator guide.
Run: .venv/bin/python benchmarks/notebooks.py [--repeat N] [--write]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
from pathlib import Path

from realorfake.course.build import lesson_path, solution_notebooks
from realorfake.course.notebooks import execute

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="save the medians in docs/facilitator/run_times.json")
    args = parser.parse_args()
    lessons = {}
    for solution in solution_notebooks(ROOT):
        measured = {}
        for kind, path in (("solution", solution), ("lesson", lesson_path(ROOT, solution))):
            runs = [execute(path, allow_errors=True, env={"REALORFAKE_PROGRESS": "/tmp/realorfake-bench"}) for _ in range(args.repeat)]
            seconds, peak = statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs)
            measured[kind] = (seconds, peak)
            print(f"{path.relative_to(ROOT)}: median {seconds:.1f} s, peak {peak:.0f} MB, errors {sorted({e[1] for r in runs for e in r.errors})}")
        lessons[solution.parent.name] = {
            "solution_s": round(measured["solution"][0], 1),
            "lesson_s": round(measured["lesson"][0], 1),
            "peak_mb": round(max(measured["solution"][1], measured["lesson"][1])),
        }
    if args.write:
        record = {"machine": f"a {os.cpu_count()}-core machine, no GPU", "date": datetime.date.today().isoformat(), "repeat": args.repeat, "lessons": lessons}
        path = ROOT / "docs" / "facilitator" / "run_times.json"
        path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}; run `make lessons` to update the guide's table")


if __name__ == "__main__":
    main()

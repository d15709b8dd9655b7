"""Execute every lesson (learner copy and solution) and print time and peak memory.

Budget per lesson notebook: <= 60 s and <= 1.5 GB peak (Binder gives 2 GB).
Run: .venv/bin/python benchmarks/notebooks.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from realorfake.course.build import lesson_path, solution_notebooks
from realorfake.course.notebooks import execute

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for solution in solution_notebooks(ROOT):
        for path in (solution, lesson_path(ROOT, solution)):
            runs = [execute(path, allow_errors=True, env={"REALORFAKE_PROGRESS": "/tmp/realorfake-bench"}) for _ in range(args.repeat)]
            print(
                f"{path.relative_to(ROOT)}: median {statistics.median(r.seconds for r in runs):.1f} s, "
                f"peak {max(r.peak_mb for r in runs):.0f} MB, errors {sorted({e[1] for r in runs for e in r.errors})}"
            )


if __name__ == "__main__":
    main()

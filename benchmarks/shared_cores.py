"""Two learners training Lesson 05's detector at once on shared cores: steps each makes, alone and side by side.

PyTorch's OpenMP threads spin while they wait; ``import realorfake`` sets
``OMP_WAIT_POLICY=PASSIVE`` (unless it is set already) so that waiting threads
sleep. This runs the lesson's training for ``--seconds`` in fresh processes:
one alone, then two at once, once with the course's setting and once with
``OMP_WAIT_POLICY=ACTIVE`` (spinning). Run: .venv/bin/python benchmarks/shared_cores.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

CODE = """
import realorfake
from realorfake.detector.data import training_faces
from realorfake.detector.training import train
faces = training_faces()
print(train(faces, seconds={seconds}, seed=0, progress=False).steps)
"""


def steps(seconds: float, policy: str, together: int) -> list[int]:
    """Steps made by ``together`` trainings of ``seconds`` started at once with OMP_WAIT_POLICY ``policy``."""
    env = {**os.environ, "OMP_WAIT_POLICY": policy}
    runs = [subprocess.Popen([sys.executable, "-c", CODE.format(seconds=seconds)], stdout=subprocess.PIPE, text=True, env=env) for _ in range(together)]
    return [int(run.communicate(timeout=seconds + 600)[0].split()[-1]) for run in runs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; each training {args.seconds:.0f} s")
    for policy, name in (("PASSIVE", "the course's setting (threads sleep)"), ("ACTIVE", "threads spin")):
        alone = steps(args.seconds, policy, 1)[0]
        two = steps(args.seconds, policy, 2)
        print(f"{name}: alone {alone} steps; two at once {two[0]} and {two[1]} steps ({sum(two) / alone:.2f} x the work of one alone)")


if __name__ == "__main__":
    main()

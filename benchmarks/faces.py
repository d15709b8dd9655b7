"""Time face detection + 68 landmarks on the 512-pixel portraits (budget: <= 40 ms median).

Run: .venv/bin/python benchmarks/faces.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import cv2

from realorfake import data, faces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    for name in data.PORTRAITS:
        image = data.portrait(name)
        scale = 512 / max(image.shape[:2])
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        faces.detect_faces(image)  # load the models once
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            found = faces.detect_faces(image)
            times.append(time.perf_counter() - start)
        ms = sorted(t * 1000 for t in times)
        print(f"detect_faces+landmarks {name:8s} {image.shape[1]}x{image.shape[0]}: median {statistics.median(ms):.1f} ms (min {ms[0]:.1f}, max {ms[-1]:.1f}; {len(found)} face)")


if __name__ == "__main__":
    main()

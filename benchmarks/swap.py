"""Face swap speed: the whole swap, the fast warp against the textbook warp, and video swapping.

Targets (issue 3): face_swap <= 80 ms median on one core with detection included;
fast warp >= 3x faster than the per-triangle warp (same run); swap_video >= 15 fps.
Run: .venv/bin/python benchmarks/swap.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import cv2

from realorfake import data, faces, fakes
from realorfake.fakes import swap


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    cv2.setNumThreads(1)  # one core, as the target says
    portraits = {}
    for name in data.PORTRAITS:
        image = data.portrait(name)
        scale = 512 / max(image.shape[:2])
        portraits[name] = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    swap.face_swap(portraits["hopper"], portraits["collins"])  # load the models once

    for source, target in (("hopper", "collins"), ("collins", "hopper")):
        for blend in swap.BLEND_MODES:
            ms = median_ms(lambda: swap.face_swap(portraits[source], portraits[target], blend=blend), args.repeat)
            print(f"face_swap {source}->{target} blend={blend:13s} (detection included): median {ms:6.1f} ms")

    src, dst = portraits["hopper"], portraits["collins"]
    sf, tf = faces.largest_face(src), faces.largest_face(dst)
    triangles = swap.triangulate(tf.landmarks)
    warps = {}
    for name, warp in (("textbook", swap.warp_textbook), ("fast", swap.warp_fast)):
        warps[name] = median_ms(lambda: warp(src, sf.landmarks, tf.landmarks, triangles, dst.shape), args.repeat * 5)
    print(f"warp textbook (per triangle): median {warps['textbook']:.2f} ms")
    print(f"warp fast (one remap):        median {warps['fast']:.2f} ms   speed-up {warps['textbook'] / warps['fast']:.1f}x")

    clip = fakes.make_it_talk(portraits["collins"], seconds=3, fps=15)
    seconds = []
    for _ in range(3):
        start = time.perf_counter()
        fakes.swap_video(clip, portraits["hopper"])
        seconds.append(time.perf_counter() - start)
    print(f"swap_video, 3 s clip ({len(clip)} frames): {len(clip) / statistics.median(seconds):.1f} frames per second")
    talk = median_ms(lambda: fakes.make_it_talk(portraits["hopper"], seconds=3, fps=15), 3)
    print(f"make_it_talk, 3 s clip (45 frames): {45 / talk * 1000:.1f} frames per second")


if __name__ == "__main__":
    main()

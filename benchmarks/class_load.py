"""Class mode under load: N simulated players join, keep their event stream open, and all vote within the same second.

Run ``python benchmarks/class_load.py --players 35`` (the requirement: every vote recorded, each
acknowledged within 1 s, the server under 1.5 GB). It starts the class server on localhost in a
temporary folder, joins N players, opens N event streams (as N phones would), starts the game, lets
every player vote at once (a barrier), reveals, and lets every player read their result. It ends with

    recorded R/S votes; p95 X ms; peak M MB

R: votes the server recorded, S: votes sent, X: the 95th percentile of the time from sending a vote to
its acknowledgement (on disk), M: the server's peak resident memory (VmHWM). Everything runs on this
machine, so the players' threads share its cores with the server: the numbers are an upper bound.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from realorfake.game.class_server import spawn

ROOT = Path(__file__).resolve().parents[1]


def request(port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        data = None if body is None else json.dumps(body).encode()
        connection.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        text = response.read()
        return response.status, json.loads(text) if text else {}
    finally:
        connection.close()


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--players", type=int, default=35)
    args = parser.parse_args(argv)
    players = max(1, min(args.players, 1000))
    with tempfile.TemporaryDirectory(prefix="realorfake-class-load-") as folder:
        env = {"PYTHONPATH": str(ROOT / "src"), "REALORFAKE_PROGRESS": folder}
        running = spawn(folder, "--max-players", str(players), "--seconds", "120", "--count", "4", env=env, timeout=120)
        server, port, code, host_key = running.process, int(running.url.rsplit(":", 1)[1]), running.code, running.key
        try:
            host = {"X-Host-Key": host_key}
            tokens = []
            for k in range(players):
                status, body = request(port, "POST", "/api/join", {"code": code, "name": f"Player {k + 1}"})
                if status != 200:
                    raise SystemExit(f"player {k + 1} could not join: {body}")
                tokens.append(body["token"])
            streams = []
            for _ in range(players):  # every phone keeps its event stream open
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/api/events")
                streams.append((connection, connection.getresponse()))
            status, answer = request(port, "POST", "/api/host/start", headers=host)
            if status != 200:
                raise SystemExit(f"the game did not start: {answer}")
            barrier, latencies, recorded_ok = threading.Barrier(players), [], []
            lock = threading.Lock()

            def play(token: str) -> None:
                barrier.wait()
                start = time.perf_counter()
                status, _ = request(port, "POST", "/api/vote", {"answer": "fake", "confidence": 80}, {"X-Seat": token})
                with lock:
                    latencies.append(1000 * (time.perf_counter() - start))
                    recorded_ok.append(status == 200)

            threads = [threading.Thread(target=play, args=(token,)) for token in tokens]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            status, state = request(port, "GET", "/api/host", headers=host)
            if "votes_in" not in state:
                raise SystemExit(f"the host screen could not be read: {status} {state}")
            recorded = state["votes_in"]
            request(port, "POST", "/api/host/reveal", headers=host)
            for token in tokens:  # every player reads the reveal, as their page does
                request(port, "GET", "/api/me", headers={"X-Seat": token})
            peak = peak_mb(server.pid)
            for connection, _ in streams:
                connection.close()
        finally:
            running.stop()
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
    print(f"players {players}: acknowledged {sum(recorded_ok)}, slowest {max(latencies):.0f} ms")
    print(f"recorded {recorded}/{players} votes; p95 {p95:.0f} ms; peak {peak:.0f} MB")
    return 0 if recorded == players else 1


if __name__ == "__main__":
    raise SystemExit(main())

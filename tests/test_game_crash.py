"""A game file survives a process killed with SIGKILL between votes and in the middle of writing one.

A child process votes as fast as it can (every vote is a transaction synced to
disk, so most of its time is spent inside a commit) and prints an
acknowledgement after each vote returns. The test kills it at a random moment,
several times over the same file, resuming the game each time. Every
acknowledged vote must be in the file, and the file must open.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from game_helpers import make_pack
from realorfake.game import Game, load_pack

CHILD = """
import sys
from realorfake.game import Game
game = Game.open(sys.argv[1])
while not game.finished:
    for name in game.waiting_for():
        receipt = game.vote(name, "fake", 80)
        print("ack", receipt.position, name, flush=True)
    game.next()
print("done", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_every_acknowledged_vote_survives_a_killed_process(tmp_path):
    pack = load_pack(make_pack(tmp_path / "pack"))
    path = tmp_path / "class.rofgame"
    Game.new(pack, [f"P{k:02d}" for k in range(60)], path=path, shuffle=False).close()  # 240 votes to cast
    rng = random.Random(7)
    acknowledged: set[tuple[int, str]] = set()
    kills = 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(12):  # bounded: at most 12 runs of the child
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env)
        target = rng.randint(3, 25)  # acknowledgements to wait for in this run
        seen, finished = 0, False
        for line in child.stdout:
            if line.startswith("done"):
                finished = True
                break
            _, position, name = line.split()
            acknowledged.add((int(position), name))
            seen += 1
            if seen >= target and kills < 8:
                time.sleep(rng.random() * 0.004)  # land anywhere: between two votes or inside a commit
                child.send_signal(signal.SIGKILL)
                kills += 1
                break
        child.wait(timeout=60)
        game = Game.open(path)  # the file opens (header, application id, SQLite's quick_check)
        stored = {(position, player) for position, player, *_ in game.vote_rows()}
        game.close()
        assert acknowledged <= stored, f"lost acknowledged votes: {sorted(acknowledged - stored)[:5]}"
        if finished:
            break
    assert kills == 8 and finished
    game = Game.open(path)
    assert game.finished and len(game.vote_rows()) == 240
    assert game.results().players[0].votes == 4


KILLED_INSIDE = """
import os, signal, sys
from realorfake.game import Game
from realorfake.game import store
game = Game.open(sys.argv[1])
game.vote("Ana", "real", 90)
print("ack", flush=True)
real_write = store.GameFile.write

def dying_write(self):
    # the transaction has begun and the vote is written, but not committed: the process dies here
    context = real_write(self)
    connection = context.__enter__()
    connection.execute("INSERT INTO votes (position, player, answer, confidence, machine_shown) VALUES (0, 'Ben', 'fake', 70, 0)")
    os.kill(os.getpid(), signal.SIGKILL)

store.GameFile.write = dying_write
game.vote("Ben", "fake", 70)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_process_killed_inside_a_transaction_leaves_the_last_committed_state(tmp_path):
    pack = load_pack(make_pack(tmp_path / "pack"))
    path = tmp_path / "couple.rofgame"
    Game.new(pack, [("Ana", "Ben")], mode="couple", path=path, shuffle=False).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.run([sys.executable, "-c", KILLED_INSIDE, str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert child.returncode == -signal.SIGKILL and child.stdout == "ack\n"
    game = Game.open(path)
    assert [row[1] for row in game.vote_rows()] == ["Ana"]  # Ana's committed vote is there; Ben's half-written one is not
    game.vote("Ben", "fake", 70)  # and the game goes on
    assert game.votes_in() == 2

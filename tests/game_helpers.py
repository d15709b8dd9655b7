"""Small packs for the game's tests: tiny real PNG pictures and a pack.json, made in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np

#: (id, answer, method) of the default test pack, in pack order.
ITEMS = [
    ("real-1", "real", "original"),
    ("swap-1", "fake", "face_swap"),
    ("edit-1", "real", "benign_edit"),
    ("morph-1", "fake", "morph"),
]


def item(item_id: str, answer: str, method: str, file: str | None = None, **extra) -> dict:
    entry = {
        "id": item_id,
        "file": file or f"images/{item_id}.png",
        "kind": "image",
        "answer": answer,
        "method": method,
        "difficulty": "medium",
        "explanation": {"en": f"Why {item_id} is {answer}.", "es": f"Por qué {item_id} es {'real' if answer == 'real' else 'falso'}."},
    }
    entry.update(extra)
    return entry


def make_pack(folder: Path, items=ITEMS, *, write_json: bool = True, **top) -> Path:
    """A pack folder with one small PNG per item and pack.json (unless ``write_json`` is False); returns the folder."""
    (folder / "images").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    entries = []
    for entry in items:
        entry = item(*entry) if not isinstance(entry, dict) else entry
        target = folder / entry["file"]
        if not target.exists() and ".." not in entry["file"] and not entry["file"].startswith("/"):
            target.parent.mkdir(parents=True, exist_ok=True)
            picture = rng.integers(0, 255, (48, 40, 3), dtype=np.uint8)
            target.write_bytes(cv2.imencode(".png", picture)[1].tobytes())  # PNG bytes, whatever the file's ending
        entries.append(entry)
    data = {"format": "realorfake-pack", "version": 1, "name": "Test pack", "items": entries, **top}
    if write_json:
        (folder / "pack.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return folder


def clip_pack(folder: Path) -> Path:
    """A pack of the built-in pack's clips only (a real one and two fakes), copied into ``folder``; returns the folder."""
    import shutil

    from realorfake.game.builtin import builtin_pack

    builtin = builtin_pack()
    entries = [entry for entry in builtin.data["items"] if entry["kind"] == "video"]
    (folder / "media").mkdir(parents=True, exist_ok=True)
    for entry in entries:
        shutil.copyfile(builtin.folder / entry["file"], folder / entry["file"])
    data = {key: value for key, value in builtin.data.items() if key != "items"} | {"name": "Clips", "items": entries}
    (folder / "pack.json").write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return folder


def start_class_server(folder: Path, *arguments: str):
    """Start the class server (:func:`realorfake.game.class_server.spawn`) with its files in ``folder``.

    Returns (process, base URL, join code, host key) once it answers; the caller stops the process.
    """
    from realorfake.game.class_server import spawn

    root = Path(__file__).resolve().parents[1]
    running = spawn(folder, *arguments, env={"PYTHONPATH": str(root / "src"), "REALORFAKE_PROGRESS": str(folder / "progress")})
    return running.process, running.url, running.code, running.key

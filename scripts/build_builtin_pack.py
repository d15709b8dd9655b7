"""Remake the game's built-in pack (src/realorfake/game/packs/builtin) from the course's own pipeline.

The same course version always makes the same pack: tests/test_game_builtin.py
builds it again and compares it with the shipped copy. Run after changing
realorfake/game/builtin.py or a fake maker it uses:

    .venv/bin/python scripts/build_builtin_pack.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from realorfake.game import builtin


def main() -> None:
    target = builtin.BUILTIN_FOLDER
    with tempfile.TemporaryDirectory() as folder:
        pack = builtin.build(Path(folder) / "builtin")
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(pack.folder, target)
    fakes = sum(item.answer == "fake" for item in pack.items)
    print(f"built {len(pack.items)} items ({fakes} fake, {len(pack.items) - fakes} real) in {target}")


if __name__ == "__main__":
    main()

"""Open the course in JupyterLab on Lesson 01 (``make lab``): the address printed is the lesson's own.

Run ``python -m realorfake.course.lab [NOTEBOOK]``. It picks a free port from
8888, makes a token, prints the full address of the lesson (JupyterLab's own
banner points at its Launcher), turns off JupyterLab's news pop-up for this
environment, and starts JupyterLab: ``--allow-root`` only when running as root,
``--no-browser`` when there is no screen.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import sys
from pathlib import Path

#: The lesson ``make lab`` opens.
FIRST_LESSON = "lessons/01_what_is_deepfake/01_what_is_deepfake.ipynb"
#: JupyterLab settings that keep the course's first screen clear (no news or update pop-up).
QUIET_SETTINGS = {"@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"}}


def free_port(start: int = 8888, tries: int = 50) -> int:
    """The first port from ``start`` on which nothing listens on localhost; ``OSError`` when none of ``tries`` is free."""
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise OSError(f"No free port from {start} to {start + tries - 1}; stop another Jupyter server and try again.")


def quiet_news(prefix: str | os.PathLike = sys.prefix) -> Path:
    """Write ``QUIET_SETTINGS`` into JupyterLab's ``overrides.json`` of this environment (keeping other overrides)."""
    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        settings = {}
    for plugin, values in QUIET_SETTINGS.items():
        settings.setdefault(plugin, {}).update(values)
    path.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return path


#: Largest message the server takes from the browser (bytes): a 12-20 MB phone photo must reach the kernel.
MAX_MESSAGE_BYTES = 100 * 1024 * 1024


def lab_command(notebook: str | None, port: int, token: str, *, root: bool, screen: bool, root_dir: str | os.PathLike | None = None) -> list[str]:
    """The ``jupyter lab`` command line that opens ``notebook`` (a path under the course folder ``root_dir``, default here; None: none).

    The server takes browser messages up to ``MAX_MESSAGE_BYTES`` (Tornado's
    default, 10 MB, silently drops larger ones; the course's photo picker sends
    at most about 8 MB, so this is a margin for other widgets).
    """
    command = [sys.executable, "-m", "jupyterlab", *([notebook] if notebook else []), f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    command.append(f"--ServerApp.root_dir={Path(root_dir) if root_dir is not None else Path.cwd()}")
    command.append(f'--ServerApp.tornado_settings={{"websocket_max_message_size": {MAX_MESSAGE_BYTES}}}')
    if not screen:
        command.append("--no-browser")
    if root:
        command.append("--allow-root")
    return command


def main(argv: list[str] | None = None) -> int:
    """Print the lesson's address and start JupyterLab (replaces this process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", default=FIRST_LESSON)
    parser.add_argument("--dry-run", action="store_true", help="print the address and the command, start nothing")
    args = parser.parse_args(argv)
    port, token = free_port(), secrets.token_hex(16)
    screen = sys.platform == "darwin" or os.name == "nt" or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    command = lab_command(args.notebook, port, token, root=hasattr(os, "geteuid") and os.geteuid() == 0, screen=screen)
    address = f"http://localhost:{port}/lab/tree/{args.notebook}?token={token}"
    print("\n  Real or Fake? is starting. Open Lesson 01 at this address (Ctrl-C here stops the course):\n")
    print(f"    {address}\n", flush=True)
    if args.dry_run:
        print(" ".join(command))
        return 0
    quiet_news()
    os.execv(command[0], command)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())

"""Run a notebook top to bottom in a fresh kernel and measure it (used by tests and benchmarks)."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

_PEAK_CELL = "import resource as _r; print(f'PEAK_RSS_KB {_r.getrusage(_r.RUSAGE_SELF).ru_maxrss}', flush=True)"


@dataclass
class Run:
    """What one execution gave: seconds, the kernel's peak memory, and the errors raised by cells."""

    path: Path
    seconds: float
    peak_mb: float
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (cell index, name, value)
    notebook: nbformat.NotebookNode | None = None


def execute(path: str | os.PathLike, *, env: dict[str, str] | None = None, allow_errors: bool = False, timeout: int = 300, source: str | None = None) -> Run:
    """Execute a notebook in its own folder in a fresh ``python3`` kernel with the given environment.

    ``source``: the notebook's JSON to run instead of the file's (the committed
    version, say, while a teacher's edited copy sits on disk), in the file's folder.
    """
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.reads(source, as_version=4) if source is not None else nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(_PEAK_CELL))
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute(env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - start
    # The kernel may deliver one printed line in several stream messages (seen once in CI): read them as one text.
    printed = "".join(output.get("text", "") for output in notebook.cells[-1].get("outputs", []) if output.get("output_type") == "stream")
    found = re.search(r"PEAK_RSS_KB\s+(\d+)", printed)
    peak_kb = float(found.group(1)) if found else float("nan")  # no measure: a budget check then fails, never passes by default
    errors = [(index, output.get("ename", ""), output.get("evalue", "")) for index, cell in enumerate(notebook.cells) for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    return Run(path, seconds, peak_kb / 1024.0, errors, notebook)

"""Lesson 06's game: real-or-fake rounds in the format of *Falso amor*, alone, as a couple or in teams.

* :mod:`.pack`: item packs (a folder with ``pack.json``, checked against ``pack.schema.json``),
  and the facilitators' command line ``python -m realorfake.game.pack build|check``;
* :mod:`.folder_pack`: packs from folders of real and fake files, or fakes made from a class's photos;
* :mod:`.notes`: the notes file (``notes.csv``) of a folder pack: its explanations, as spreadsheets save it;
* :mod:`.schema_messages`: jsonschema's validation errors in plain words;
* :mod:`.builtin`: the built-in pack, made by the course's own pipeline;
* :mod:`.engine`: the rules (:class:`~.engine.Game`: ``new``, ``open``, ``current_item``, ``vote``, ``next``, ``results``);
* :mod:`.store`: the game's SQLite file (WAL, one transaction per vote, checked on open);
* :mod:`.scoring`: the pot's shares, money, Brier score, calibration and ranking;
* :mod:`.results`: per player, side, item and method, and the CSV export;
* :mod:`.i18n`: English and Spanish, from the gettext catalogue ``locale/es.po``.

Layer rules: ``game`` is pure Python over the core, ``fakes``, ``forensics``
and ``detector.self_blend`` (to make packs); it never imports ``show``,
``widgets``, ``course`` or a widget library, so that notebooks, the class
server's many sessions and the tests all drive the same engine. It never loads
the detector's network: a machine-informed round is given the detector's
opinions by its caller.
"""

from __future__ import annotations

__all__ = ["Game", "Item", "Pack", "Receipt", "Reveal", "Round", "load_pack"]


def __getattr__(name: str):
    """The public names, imported on first use (so ``python -m realorfake.game.pack`` runs the module only once)."""
    if name in {"Game", "Receipt", "Reveal", "Round"}:
        from . import engine

        return getattr(engine, name)
    if name in {"Item", "Pack", "load_pack"}:
        from . import pack

        return getattr(pack, name)
    raise AttributeError(f"module 'realorfake.game' has no attribute {name!r}")

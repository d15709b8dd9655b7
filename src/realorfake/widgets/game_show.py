"""Lesson 06's game in the notebook: set-up, the Chair of Truth, the couple hand-over, the reveal and the finale.

:class:`GameShow` is an ipywidgets interface over :class:`realorfake.game.Game`;
every vote goes through the engine (one SQLite transaction), so a restarted
kernel resumes with :meth:`GameShow.resume`. Every string comes from the game's
English/Spanish catalogue. The buttons carry text and an icon (never colour
alone), the picture carries alt text, verdicts are announced in a live region,
and ``projector=True`` makes everything larger for a room.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import time
import weakref
from pathlib import Path

from ..errors import CourseError
from ..game.engine import Game, SavedGame, default_path, players_from_text, saved_games
from ..game.i18n import LANGUAGES, N_, error_text, money, number, percent, translator
from ..game.pack import Pack
from ..show.game_pictures import METHOD_NAMES, item_frames, on_screen
from ..show.plots import png_bytes
from .accessible import Announcer, FocusableHTML, FramePlayer, Slider, choices
from .common import GOOD, NOTE, PROBLEM, message_box, picture_widget, widgets

ROOM_CSS = """<style>
.rof-room { background: #fff; border: 1px solid #ddd; border-radius: 10px; padding: 14px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
.rof-room .rof-chair { border-top: 6px solid #111; padding-top: 8px; }
.rof-room.rof-projector { font-size: 150%; }
.rof-room.rof-projector .widget-button { font-size: 26px !important; width: auto !important; min-width: fit-content;
  height: auto !important; min-height: 56px; padding: 6px 18px; white-space: normal; }
.rof-room.rof-projector .rof-controls { width: 440px !important; max-width: 100%; }
.rof-room.rof-projector textarea, .rof-room.rof-projector select, .rof-room.rof-projector label { font-size: 22px !important; }
.rof-room.rof-projector h2, .rof-room.rof-projector h3 { font-size: 150%; }
.rof-room.rof-projector .widget-html-content, .rof-room.rof-projector .rof-focusable { font-size: 20px; }
.rof-room.rof-projector table { font-size: 22px !important; }
.rof-room .rof-seat { gap: 16px; }
.rof-room .rof-seat .rof-picture { width: auto; max-width: 100%; max-height: 56vh; }
.rof-room .rof-controls { gap: 6px; }
.rof-room .rof-saved { color: #555; font-size: 90%; }
</style>"""


class GameShow:
    """The game as a notebook widget: pick a mode and names, then play to the finale.

    ``pack``: a checked :class:`Pack` (default: the built-in pack); ``folder``:
    where game files go (default: the learner's progress folder);
    ``machine``: the detector's probability of fake per item id, shown before the
    vote (a machine-informed round); ``mode`` and ``reveal``: the set-up's
    first choices; ``count``: play only that many items, real and fake evenly
    (the whole pack by default); ``countdown``: seconds per step of the
    reveal's 3-2-1 (0 for none); ``projector``: larger text and buttons.

    Parts, for tests and curious learners: ``mode``, ``reveal_mode``,
    ``language`` (Choices), ``names`` (Textarea), ``start_button``,
    ``saved`` (a Dropdown of unfinished games) and ``resume_button``; ``picture``,
    ``player`` (a FramePlayer for clips), ``real_button``, ``fake_button``,
    ``confidence`` (Slider), ``handover_button``, ``next_button``,
    ``export_button``; ``message``, ``status``, ``saved_note`` (HTML), ``scoreboard`` (FocusableHTML);
    ``announcer``; ``controls`` (what sits beside the picture) and ``buttons``;
    ``figures`` (the finale's plots); ``game`` (the engine, None before the start) and ``widget``.
    """

    #: Every GameShow of this kernel (weakly): a game one of them plays is not offered to another.
    _shows: weakref.WeakSet = weakref.WeakSet()

    def __init__(
        self,
        pack: Pack | None = None,
        *,
        mode: str = "solo",
        reveal: str = "learning",
        count: int | None = None,
        folder: str | os.PathLike | None = None,
        machine: dict[str, float] | None = None,
        countdown: float = 0.4,
        projector: bool = False,
        seed: int = 0,
    ):
        w = widgets()
        if pack is None:
            from ..game.builtin import builtin_pack

            pack = builtin_pack()
        self.pack, self.folder, self.machine, self.countdown, self.seed, self.count = pack, folder, dict(machine or {}), countdown, seed, count
        self.game: Game | None = None
        self._saved_languages: dict[str, str] = {}
        self._listing = False
        self._settings = (mode, reveal, count, seed, tuple(sorted((machine or {}).items())), str(folder))
        GameShow._shows.add(self)
        self.t = translator("en")
        self._frames: list = []
        self._turn: str | None = None

        self.language = choices([(name, code) for code, name in LANGUAGES.items()], "en", "language / idioma")
        self.mode = choices([("solo", "solo"), ("couple", "couple"), ("teams", "teams")], mode, "mode")
        self.reveal_mode = choices([("after each item", "learning"), ("at the finale, as in the show", "finale")], reveal, "answers")
        self.names = w.Textarea(value="", placeholder="One name per line. Couples: two names on a line, like: Ana, Ben", description="players", layout=w.Layout(width="420px", height="90px"))
        self.start_button = w.Button(description="Start the game", icon="play", button_style="primary", layout=w.Layout(width="200px", height="44px"))
        self.saved = w.Dropdown(options=[], layout=w.Layout(width="420px"))
        self.resume_button = w.Button(description="Go on with this game", icon="rotate-right", layout=w.Layout(width="240px", height="44px"))
        self.saved_box = w.VBox([w.HTML(), self.saved, self.resume_button], layout=w.Layout(display="none", margin="10px 0 0 0"))
        self.setup = w.VBox([w.HTML("<h3 style='margin:0'>Real or Fake? The Chair of Truth</h3>"), self.language, self.mode, self.reveal_mode, self.names, self.start_button, self.saved_box])

        self.status = w.HTML()
        self.picture = picture_widget(440)
        self.player = FramePlayer(max=0, interval=83, layout=w.Layout(width="100%", max_width="440px", display="none"))
        big = {"layout": w.Layout(width="180px", height="72px"), "style": {"font_size": "22px", "font_weight": "bold"}}
        self.real_button = w.Button(description="Real", icon="camera", button_style="success", tooltip="I think it is real", **big)
        self.fake_button = w.Button(description="Fake", icon="magic", button_style="danger", tooltip="I think it is fake", **big)
        self.confidence = Slider(value=70, min=50, max=100, step=5, description="how sure", unit=" %", continuous_update=False, layout=w.Layout(width="370px"))
        self.machine_note = w.HTML()
        self.handover_button = w.Button(description="", icon="chair", layout=w.Layout(width="370px", height="56px", display="none"), style={"font_size": "18px"})
        self.next_button = w.Button(description="Next", icon="arrow-right", layout=w.Layout(width="200px", height="48px", display="none"), style={"font_size": "18px"})
        # Side by side, so that on a 1366 x 768 laptop the picture, the question, the slider, the buttons, the
        # hand-over and the countdown are all on screen at once (stacked, they once pushed each other out of view).
        # The slider comes before the buttons: a player says how sure they are, then votes.
        left = w.VBox([self.picture, self.player], layout=w.Layout(max_width="440px"))
        self.buttons = w.HBox([self.real_button, self.fake_button])
        self.controls = w.VBox([self.status, self.machine_note, self.confidence, self.buttons, self.handover_button, self.next_button], layout=w.Layout(width="380px"))
        self.controls.add_class("rof-controls")
        self.saved_note = w.HTML()
        self.saved_note.add_class("rof-saved")
        seat = w.HBox([left, self.controls], layout=w.Layout(flex_flow="row wrap"))
        seat.add_class("rof-seat")
        self.chair = w.VBox([seat])
        self.chair.add_class("rof-chair")
        self.chair.layout.display = "none"

        self.scoreboard = FocusableHTML()  # the finale takes the keyboard focus, so a screen reader reads the winner first
        self.plots = w.Output()
        self.export_button = w.Button(description="Export results (CSV)", icon="download", layout=w.Layout(width="240px", display="none"))
        self.message = w.HTML()
        self.announcer = Announcer()
        # Where the game is saved comes last: on a 1366 x 768 screen it once stood between the picture and the explanation.
        self.widget = w.VBox([w.HTML(ROOM_CSS), self.setup, self.chair, self.scoreboard, self.plots, self.export_button, self.message, self.saved_note, self.announcer])
        self.widget.add_class("rof-room")
        if projector:
            self.widget.add_class("rof-projector")

        self.language.observe(lambda _c: self._relabel(), names="value")
        self.saved.observe(self._speak_as_chosen, names="value")
        self.start_button.on_click(lambda _b: self.start())
        self.resume_button.on_click(lambda _b: self._resume_chosen())
        self.real_button.on_click(lambda _b: self.vote("real"))
        self.fake_button.on_click(lambda _b: self.vote("fake"))
        self.handover_button.on_click(lambda _b: self._seat())
        self.next_button.on_click(lambda _b: self.next())
        self.export_button.on_click(lambda _b: self.export())
        self.player.observe(self._frame, names="value")
        self._relabel()
        self._list_saved()

    # ---------------------------------------------------------------- set-up
    def _relabel(self) -> None:
        """Every label in the chosen language."""
        t = self.t = translator(self.language.value)
        self.real_button.description, self.fake_button.description = t("Real"), t("Fake")
        self.real_button.tooltip, self.fake_button.tooltip = t("I think it is real"), t("I think it is fake")
        self.confidence.description = t("how sure")
        self.next_button.description = t("Next")
        self.start_button.description = t("Start the game")
        self.export_button.description = t("Export results (CSV)")
        self.mode.description, self.reveal_mode.description = t("mode"), t("answers")
        self.mode.options = [[t("solo"), "solo"], [t("couple"), "couple"], [t("teams"), "teams"]]
        self.reveal_mode.options = [[t("after each item"), "learning"], [t("at the finale, as in the show"), "finale"]]
        self.names.description = t("players")
        self.names.placeholder = t("One name per line. Couples: two names on a line, like: Ana, Ben")
        self.resume_button.description = t("Go on with this game")
        self.setup.children[0].value = f"<h3 style='margin:0'>{html.escape(t('Real or Fake? The Chair of Truth'))}</h3>"
        self.saved_box.children[0].value = f"<b>{html.escape(t('Or go on with a game you have not finished:'))}</b>"
        self.player.description, self.player.play_label, self.player.pause_label = t("frame"), "▶ " + t("Play"), "❚❚ " + t("Pause")
        self.player.position_label = t("frame {n} of {count}")
        if self.game is None:
            self._list_saved()

    def _list_saved(self) -> None:
        """The unfinished games of this pack in the game folder, for the set-up's "go on" choice (hidden when none).

        Only the notebook's own games (``make play``'s are named ``play-...``), never one another widget
        of this kernel is playing, the last played first.
        """
        # a game another widget is playing is not offered; a widget made with the same settings is this cell run again
        busy = {str(show.game.path) for show in GameShow._shows if show is not self and show.game is not None and not show.game.closed and show._settings != self._settings}
        try:
            found = [saved for saved in saved_games(self.folder, self.pack, pattern="[0-9]*") if str(saved.path) not in busy]
        except OSError:
            found = []
        self._saved_languages = {str(saved.path): saved.language for saved in found}
        chosen = self.saved.value
        self._listing = True  # not the learner's choice: the set-up keeps its language
        self.saved.options = [(self._describe(saved), str(saved.path)) for saved in found[:20]]
        self.saved.value = chosen if chosen in self._saved_languages else (str(found[0].path) if found else None)  # else the last played
        self._listing = False
        self.saved_box.layout.display = None if found else "none"

    def _speak_as_chosen(self, change) -> None:
        """Choosing a saved game to go on with switches the set-up to that game's language."""
        language = self._saved_languages.get(change["new"] or "")
        if not self._listing and language in LANGUAGES and language != self.language.value and self.game is None:
            self.language.value = language

    def _describe(self, saved: SavedGame) -> str:
        t = self.t
        try:
            started = _dt.datetime.fromisoformat(saved.played).astimezone().strftime("%d/%m %H:%M")
        except ValueError:
            started = saved.path.stem
        item = t("Item {n} of {count}", n=saved.position + 1, count=saved.count)
        return f"{started} · {t(saved.mode)} · {', '.join(saved.players)} · {item}"

    def _resume_chosen(self) -> None:
        if not self.saved.value:
            return
        try:
            game = Game.open(self.saved.value)
        except CourseError as error:
            self.message.value = message_box(html.escape(error_text(error, self.language.value)), PROBLEM)
            self._list_saved()
            return
        self._take(game)

    def players(self) -> list:
        """The names typed, as the engine wants them for the chosen mode (``engine.players_from_text``)."""
        return players_from_text(self.names.value, self.mode.value)

    def start(self) -> None:
        """Start a game with the set-up's choices; a mistake (a missing name...) becomes a message."""
        try:
            path = default_path(self.mode.value, self.folder)
            self.game = Game.new(
                self.pack, self.players(), mode=self.mode.value, reveal=self.reveal_mode.value, seed=self.seed, path=path, machine=self.machine, count=self.count, language=self.language.value
            )
        except CourseError as error:
            self.message.value = message_box(html.escape(error_text(error, self.language.value)), PROBLEM)
            return
        self.message.value = ""
        self._begin()

    @classmethod
    def resume(cls, path: str | os.PathLike, **options) -> GameShow:
        """A GameShow that goes on with the game in ``path`` (after a kernel restart): same item, same votes."""
        game = Game.open(path)
        show = cls(game.pack, **options)
        show._take(game)
        return show

    def _take(self, game: Game) -> None:
        """Go on with ``game``: its language, its item, whose turn it is."""
        self.game = game
        self.language.value = game.language if game.language in LANGUAGES else "en"
        self._relabel()
        self._begin()

    def _begin(self) -> None:
        self.message.value = ""
        again = self.t("Go on with this game")
        self.saved_note.value = html.escape(self.t("Every vote is saved in {file}. After a restart, run this cell again and press “{button}”.", file=str(self.game.path), button=again))
        self.setup.layout.display = "none"
        self.chair.layout.display = None
        self._show_item()

    # ---------------------------------------------------------------- the chair
    def _show_item(self) -> None:
        game = self.game
        current = game.current_item
        if current is None:
            self._finale()
            return
        try:
            self._frames = item_frames(current.item)
        except CourseError as error:
            self._frames = []
            self.message.value = message_box(html.escape(self.t("This item's file cannot be shown ({error}). Skip it with Next.", error=str(error))), PROBLEM)
        waiting = game.waiting_for()
        self._turn = waiting[0] if waiting else None
        self._note_machine(current)
        if current.revealed:  # resumed at an answer: the answer, and no vote to give (the buttons once stayed, dead)
            self._set_voting(False)
            self._reveal_now()
            return
        if not waiting:  # finale mode, everyone has voted on this item (a game resumed here)
            self._set_voting(False)
            self._draw(revealed=False)
            self.status.value = f"<h3>{html.escape(self.t('Votes recorded. The answers come at the finale.'))}</h3>"
            self._show_next()
            return
        self._draw(revealed=False)
        if game.mode != "solo" or len(game.voters) > 1:
            self._handover(self._turn)
        else:
            self._seat()

    def _note_machine(self, current) -> None:
        """A machine-informed round: the detector's opinion on the item, or that it has none (no face it can use)."""
        self.machine_note.value = ""
        if current.machine is not None:
            likely = percent(100 * current.machine, self.language.value)
            note = self.t("The detector of Lesson 05 says: {p} likely fake. It was trained on self-blended faces, so fakes made other ways can fool it.", p=likely)
            self.machine_note.value = message_box(html.escape(note), NOTE)
        elif self.game.machine_informed:
            self.machine_note.value = message_box(html.escape(self.t("The detector of Lesson 05 has no opinion on this one: it finds no face it can judge.")), NOTE)

    def _draw(self, revealed: bool) -> None:
        current = self.game.current_item or self.game.revealed(self.game.count - 1)
        item = current.item
        position = current.position
        if not self._frames:
            self.picture.value = b""
            return
        self._shown = [png_bytes(on_screen(frame, item, revealed=revealed, language=self.language.value)) for frame in self._frames] if len(self._frames) > 1 else None
        self.picture.value = self._shown[0] if self._shown else png_bytes(on_screen(self._frames[0], item, revealed=revealed, language=self.language.value))
        self.player.max = len(self._frames) - 1
        self.player.value = 0
        self.player.layout.display = None if len(self._frames) > 1 else "none"
        what = self.t("a clip") if item.kind == "video" else self.t("a picture")
        if revealed:
            answer = self.t("fake, labelled SYNTHETIC") if item.answer == "fake" else self.t("real")
            self.picture.alt = self.t("Item {n} of {count}, {what}, revealed: {answer}.", n=position + 1, count=self.game.count, what=what, answer=answer)
        else:
            self.picture.alt = self.t("Item {n} of {count}, {what}: real or fake? Its bottom strip is covered until the reveal.", n=position + 1, count=self.game.count, what=what)

    def _frame(self, change) -> None:
        if getattr(self, "_shown", None):
            self.picture.value = self._shown[min(change["new"], len(self._shown) - 1)]

    def _handover(self, name: str) -> None:
        """The hand-over screen: the picture and the buttons hide until the next player says they are in the chair."""
        self.player.playing = False  # the next player starts the clip themselves, from its first frame
        self.player.value = 0
        self.picture.layout.visibility = "hidden"
        self.player.layout.visibility = "hidden"  # the clip's controls hide with the picture
        self._set_voting(False)
        self.handover_button.description = self.t("I am {name}: my turn", name=name)
        self.handover_button.layout.display = None
        self.status.value = f"<h3>{html.escape(self.t('Pass the device to {name}. Nobody else looks!', name=name))}</h3>"
        self.announcer.text = self.t("Pass the device to {name}. Nobody else looks!", name=name)
        self.handover_button.focus()

    def _seat(self) -> None:
        """The current player sits in the Chair of Truth: the picture and the two buttons."""
        game, name = self.game, self._turn
        current = game.current_item
        self.handover_button.layout.display = "none"
        self.picture.layout.visibility = "visible"
        self.player.layout.visibility = "visible"
        self.confidence.value = 70  # each player sets their own: never the last player's
        self._set_voting(True)
        side = game.voters[name]
        counter = game.money()  # in finale mode the banked sum would give answers away: it stays secret, as in the show
        banked = html.escape(self.t("Banked: secret until the finale")) if counter.banked is None else f"{html.escape(self.t('banked'))}: <b>{money(counter.banked[side], self.language.value)}</b>"
        who = html.escape(name if side == name else f"{name} ({side})")
        self.status.value = (
            f"<h3 style='margin:2px 0'>{html.escape(self.t('The Chair of Truth'))}: {who}</h3>"
            f"<b>{html.escape(self.t('Item {n} of {count}', n=current.position + 1, count=game.count))}</b> · "
            f"{banked} · {html.escape(self.t('pot'))}: {money(counter.pot, self.language.value)}"
        )
        self.announcer.text = self.t("{name}, real or fake? Item {n} of {count}.", name=name, n=current.position + 1, count=game.count)
        self.real_button.focus()

    def _set_voting(self, on: bool) -> None:
        self.real_button.disabled = self.fake_button.disabled = not on
        self.real_button.layout.display = self.fake_button.layout.display = None if on else "none"
        self.confidence.layout.display = None if on else "none"
        self.next_button.layout.display = "none"

    def vote(self, answer: str) -> None:
        """The player in the chair votes ``answer`` ("real" or "fake") with the slider's confidence."""
        if self.game is None or self._turn is None:
            return
        try:
            receipt = self.game.vote(self._turn, answer, int(self.confidence.value))
        except CourseError as error:
            self.message.value = message_box(html.escape(error_text(error, self.language.value)), PROBLEM)
            return
        self._set_voting(False)
        self.message.value = message_box(html.escape(self.t("{name}'s vote is in.", name=self._turn)), GOOD)
        waiting = self.game.waiting_for()
        if waiting:
            self._turn = waiting[0]
            self._handover(self._turn)
        elif receipt.revealed:
            self._reveal_now()
        else:  # finale mode: no answer yet, as in the show
            self.status.value = f"<h3>{html.escape(self.t('Votes recorded. The answers come at the finale.'))}</h3>"
            self.picture.layout.visibility = "visible"
            self._show_next()

    def _reveal_now(self) -> None:
        """The reveal for everyone: a short countdown, the answer strip, each verdict, the explanation, the money."""
        game = self.game
        shown = game.revealed()
        for k in (3, 2, 1):
            if self.countdown <= 0:
                break
            self.status.value = f"<h1 style='text-align:center;margin:4px'>{k}</h1>"
            time.sleep(self.countdown)
        self.picture.layout.visibility = "visible"
        self._draw(revealed=True)
        item = shown.item
        verdicts = []
        for name in game.voters:
            if name in shown.right:
                answer, confidence = shown.votes[name]
                mark = "✓ " + self.t("right") if shown.right[name] else "✗ " + self.t("wrong")
                verdicts.append(f"{html.escape(name)}: {html.escape(self.t(answer.capitalize()))} ({percent(confidence, self.language.value)}) · <b>{html.escape(mark)}</b>")
            else:
                verdicts.append(f"{html.escape(name)}: {html.escape(self.t('no vote'))}")
        gains = " · ".join(f"{html.escape(side)} +{money(euros, self.language.value)}" for side, euros in shown.banked.items())
        truth = self.t("FAKE") if item.answer == "fake" else self.t("REAL")
        explanation = item.explain(self.language.value)
        self.status.value = f"<h3 style='margin:2px 0'>{html.escape(self.t('It was'))} {html.escape(truth)}</h3>{'<br>'.join(verdicts)}<br>{gains}"
        self.message.value = message_box(html.escape(explanation), GOOD if all(shown.right.values()) and shown.right else NOTE)
        self.announcer.text = f"{self.t('It was')} {truth}. {explanation}"
        self._show_next()

    def _show_next(self) -> None:
        last = self.game.current_item is not None and self.game.current_item.position + 1 >= self.game.count
        self.next_button.description = self.t("To the finale") if last else self.t("Next")
        self.next_button.layout.display = None
        self.next_button.focus()

    def next(self) -> None:
        """The next item (or the finale after the last)."""
        try:
            self.game.next(force=True)
        except CourseError as error:
            self.message.value = message_box(html.escape(error_text(error, self.language.value)), PROBLEM)
            return
        self.message.value = ""
        self._show_item()

    # ---------------------------------------------------------------- finale
    def _finale(self) -> None:
        game = self.game
        self.chair.layout.display = "none"
        self.results = results = game.results()
        t, language = self.t, self.language.value
        rows = "".join(
            f"<tr><td>{side.rank}</td><td>{html.escape(side.name)}</td><td>{side.mistakes}</td>"
            f"<td>{'' if side.brier != side.brier else number(side.brier, language, 3)}</td><td>{money(side.money, language)}</td></tr>"
            for side in results.sides
        )
        head = f"<tr><th>#</th><th>{t('who')}</th><th>{t('mistakes')}</th><th>{t('Brier score')}</th><th>{t('banked')}</th></tr>"
        winner = results.winner
        fooled = ", ".join(
            html.escape(f"{t('Item {n} of {count}', n=r.position + 1, count=results.items_played)} ({t(METHOD_NAMES.get(r.method, r.method))}, {percent(r.accuracy, language)})")
            for r in results.most_fooling(3)
        )
        answers = []
        for position in range(game.count):  # the finale: every answer at last, as in the show
            shown = game.revealed(position)
            truth = t("FAKE") if shown.item.answer == "fake" else t("REAL")
            explanation = shown.item.explain(self.language.value)
            if explanation.casefold().startswith(truth.casefold() + ":"):  # "FAKE: Fake: a face swap..." says it twice
                explanation = explanation[len(truth) + 1 :].lstrip()
            marks = ", ".join(f"{html.escape(name)} {'✓' if shown.right.get(name) else '✗'}" for name in game.voters)
            answers.append(
                f"<li><div style='display:flex;align-items:center;gap:10px;margin:4px 0'><b style='min-width:1.6em'>{position + 1}.</b>"
                f"<span style='width:150px;flex:none;text-align:center'>{self._thumbnail(shown.item, position)}</span>"
                f"<div><b>{html.escape(truth)}</b>: {html.escape(explanation)} ({marks})</div></div></li>"
            )
        self.scoreboard.value = (
            f"<h2>{html.escape(t('The finale'))}</h2>"
            f"<h3>{html.escape(t('Winner: {name}, with the fewest mistakes', name=winner.name))}</h3>"
            f"<table style='border-collapse:collapse;font-size:15px' border='1' cellpadding='6'>{head}{rows}</table>"
            f"<p>{html.escape(t('Brier score: 0 is perfect, 0.25 is always saying 50%. It breaks ties: being sure and right beats guessing.'))}</p>"
            f"<p><b>{html.escape(t('What fooled us most'))}:</b> {fooled or '-'}</p>"
            f"<h3>{html.escape(t('The answers'))}</h3><ol style='list-style:none;padding-left:0'>{''.join(answers)}</ol>"
        )
        helped = results.machine_helped()
        if helped is not None:
            key = N_("With the detector's opinion you were right more often.") if helped else N_("The detector's opinion did not help this time.")
            self.scoreboard.value += f"<p>{html.escape(t(key))}</p>"
        self.export_button.layout.display = None
        self.announcer.text = t("Winner: {name}, with the fewest mistakes", name=winner.name)
        self.scoreboard.focus()  # the button that led here is gone: the keyboard goes on from the finale, not the page's top
        from IPython.display import display

        from ..show.game_pictures import calibration_plot, fooled_plot

        self.plots.clear_output()
        with self.plots:
            import matplotlib.pyplot as plt

            self.figures = [calibration_plot(results, language=language), fooled_plot(results, language=language)]
            for figure in self.figures:
                display(figure)
                plt.close(figure)

    def _thumbnail(self, item, position: int) -> str:
        """A small picture of the item with its answer strip, so that each answer of the finale can be told apart."""
        import base64

        from ..game.pictures import jpeg

        try:
            frame = item_frames(item, side=140, max_frames=1, enlarge=True)[0]
        except CourseError:
            return ""
        data = base64.b64encode(jpeg(on_screen(frame, item, revealed=True, language=self.language.value), quality=80)).decode()
        answer = self.t("fake, labelled SYNTHETIC") if item.answer == "fake" else self.t("real")
        alt = self.t("Item {n} of {count}, {what}, revealed: {answer}.", n=position + 1, count=self.game.count, what=self.t("a clip") if item.kind == "video" else self.t("a picture"), answer=answer)
        return f"<img src='data:image/jpeg;base64,{data}' alt='{html.escape(alt, quote=True)}' style='height:90px;flex:none'>"

    def export(self, path: str | os.PathLike | None = None) -> Path | None:
        """Write the results as CSV next to the game file (or to ``path``); the message says where."""
        try:
            target = Path(path) if path is not None else self.game.path.with_suffix(".csv")
            written = self.results.to_csv(target)
        except CourseError as error:
            self.message.value = message_box(html.escape(error_text(error, self.language.value)), PROBLEM)
            return None
        self.message.value = message_box(html.escape(self.t("Saved the results as {file}.", file=str(written))), GOOD)
        return written

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

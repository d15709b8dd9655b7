"""``make play``: Lesson 06's game as a small web app on this computer (Starlette + uvicorn, one process).

Why this stack: see docs/decisions/app-framework.md (measured against Panel:
69 KB per phone instead of 3 MB, a few milliseconds per vote, and nothing sent
to a browser that the server did not choose to send). The page is plain HTML
with a little JavaScript; every rule lives in :class:`realorfake.game.Game`.

Run ``python -m realorfake.game.app [--port N] [--pack FOLDER] [--lan]``. It
listens on localhost unless ``--lan`` is given, and prints the address.

A game has its own address, ``/game/<id>?lang=es``: a reload, or a phone that
dropped the tab, comes back to the same screen (in a couple game, the hand-over
to whoever votes next, never the partner's vote). The start page lists the
unfinished games of this computer to resume (not with ``--lan``: other people's
phones do not see them).

What reaches the browser: before an item is revealed, its picture (a clip's
frames) with the neutral strip and nothing about its answer (no explanation, no
method, no other player's vote, and in finale mode no money banked); the
answer, the explanation and the verdicts only once the engine says the item is
revealed; the finale's plots only once the game is finished. A picture of an
item not yet reached is refused. Names are shown with ``textContent``, never as HTML.

Errors: a move or request a person can get wrong raises :class:`CourseError`
(the engine's, or :class:`Refused` here); one exception handler turns it into
``{"error": message}`` with its HTTP status, which the page shows. Anything
else is logged by the server and answered with a plain JSON message, never a traceback.

Game layer: imports the core, the engine, :mod:`.pictures`, :mod:`.plots` and Starlette (never ``show`` or a widget library).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import threading
from pathlib import Path

from ..errors import CourseError
from ..files import progress_folder
from .engine import Game, players_from_text, saved_games
from .i18n import LANGUAGES, error_text, translate
from .pack import Pack, load_pack
from .pictures import METHOD_NAMES
from .plots import PLOTS

#: Game ids in URLs: letters, digits, '-' and '_' only.
GAME_ID = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
#: The words of the page, in the catalogue (Spanish in locale/es.po).
UI_STRINGS = (
    "{name}'s vote is in.",
    "The detector of Lesson 05 says: {p} likely fake. It was trained on self-blended faces, so fakes made other ways can fool it.",
    "Real",
    "Fake",
    "how sure",
    "Next",
    "To the finale",
    "Start the game",
    "The Chair of Truth",
    "The finale",
    "It was",
    "FAKE",
    "REAL",
    "banked",
    "mistakes",
    "Brier score",
    "who",
    "right",
    "wrong",
    "no vote",
    "players",
    "mode",
    "answers",
    "solo",
    "couple",
    "teams",
    "after each item",
    "at the finale, as in the show",
    "Votes recorded. The answers come at the finale.",
    "Export results (CSV)",
    "What fooled us most",
    "Winner: {name}, with the fewest mistakes",
    "large text, for a projector",
    "The answers",
    "One name per line. Couples: two names on a line, like: Ana, Ben",
    "Pot",
    "{left} of {count} items to go",
    "Banked: secret until the finale",
    "Next in the Chair of Truth: {name}",
    "Pass the device to {name}. Nobody else looks!",
    "{partner}, look away now: {name} votes without seeing your vote.",
    "I am {name}, show me the picture",
    "Play the clip",
    "Unfinished games",
    "Resume",
    "Item {n} of {count}",
    "New game",
    "Something went wrong. Reload the page to try again.",
)
#: How many unfinished games the start page lists (the most recently played first).
LISTED_GAMES = 12
#: Content-Security-Policy of the page: nothing from elsewhere; pictures from the app, or a clip's frames held as blobs.
POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'"


class Refused(CourseError):
    """A request the app refuses, with the HTTP ``status`` it answers (400 unless said): a clear message, never a traceback."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class Games:
    """The open games of this server, by id; every game file lives in ``folder`` as ``play-<id>.rofgame``."""

    def __init__(self, folder: Path, pack: Pack):
        self.folder, self.pack = folder, pack
        self._open: dict[str, Game] = {}
        self._frames: dict[tuple[str, str], tuple[list, int]] = {}
        self._lock = threading.Lock()

    def path(self, game_id: str) -> Path:
        """The file of the game ``game_id`` (a checked id: never a path outside the folder)."""
        return self.folder / f"play-{game_id}.rofgame"

    def new(self, players, mode: str, reveal: str, count: int | None, language: str = "en") -> str:
        """Start a game (``Game.new`` rules and errors) in a new file of the folder; returns its random id."""
        game_id = secrets.token_urlsafe(9)
        self.folder.mkdir(parents=True, exist_ok=True)
        game = Game.new(self.pack, players, mode=mode, reveal=reveal, count=count, path=self.path(game_id), seed=secrets.randbelow(10**6), language=language)
        with self._lock:
            self._open[game_id] = game
        return game_id

    def get(self, game_id: str) -> Game:
        """The game with this id, opened once; ``Refused`` (404) for a malformed or unknown id."""
        if not GAME_ID.match(game_id or ""):
            raise Refused("There is no such game.", 404)
        with self._lock:
            if game_id not in self._open:
                path = self.path(game_id)
                if not path.exists():
                    raise Refused("There is no such game. Start a new one, or resume one from the start page.", 404)
                self._open[game_id] = Game.open(path)
            return self._open[game_id]

    def unfinished(self, limit: int = LISTED_GAMES) -> list[dict]:
        """The unfinished games of the folder, the most recently played first: id, mode, reveal, sides, item, count, when, language."""
        listed = []
        for saved in saved_games(self.folder, pattern="play-*", limit=4 * limit):
            game_id = saved.path.stem[5:]
            if GAME_ID.match(game_id) and len(listed) < limit:
                listed.append(
                    {
                        "game": game_id,
                        "mode": saved.mode,
                        "reveal_mode": saved.reveal_mode,
                        "sides": list(saved.sides),
                        "position": saved.position,
                        "count": saved.count,
                        "played": saved.played,
                        "language": saved.language,
                    }
                )
        return listed

    def frames(self, game: Game, position: int) -> tuple[list, int]:
        """The frames of item ``position`` (one for a picture, ``CLIP_FRAMES`` for a clip) and each frame's milliseconds; kept for a few items."""
        from .pictures import clip_frames

        item = game.item(position)
        key = (str(item.path), item.kind)
        with self._lock:
            found = self._frames.get(key)
        if found is None:
            found = clip_frames(item)
            with self._lock:
                self._frames[key] = found
                while len(self._frames) > 6:
                    self._frames.pop(next(iter(self._frames)))
        return found


def view(game: Game, game_id: str, language: str) -> dict:
    """What the page may show now: no answer, explanation, other vote or banked money before the engine reveals them."""
    from .plots import calibration_alt, fooled_alt

    t = lambda text, **values: translate(text, language, **values)  # noqa: E731
    money = game.money()
    state = {"game": game_id, "mode": game.mode, "reveal_mode": game.reveal_mode, "count": game.count, "finished": game.finished}
    state["money"] = {"pot": money.pot, "banked": money.banked, "left": money.items_left}
    if game.finished:
        results = game.results()
        state["screen"] = "finale"
        state["sides"] = [{"rank": s.rank, "name": s.name, "mistakes": s.mistakes, "brier": None if s.brier != s.brier else round(s.brier, 3), "money": s.money} for s in results.sides]
        state["winner"] = results.winner.name if results.winner else None
        state["fooled"] = [{"position": r.position + 1, "method": t(METHOD_NAMES.get(r.method, r.method)), "accuracy": round(r.accuracy)} for r in results.most_fooling(3)]
        state["plots"] = [
            {"name": name, "src": f"/api/games/{game_id}/plot/{name}.svg?lang={language}", "alt": alt(results, language)} for name, alt in (("calibration", calibration_alt), ("fooled", fooled_alt))
        ]
        state["answers"] = []
        labelled = t("fake, labelled SYNTHETIC")
        for position in range(game.count):  # the finale: every answer at last, as in the show
            shown = game.revealed(position)
            verdicts = ", ".join(f"{name} {'✓' if shown.right.get(name) else '✗'}" for name in game.voters)
            what = t("a clip") if shown.item.kind == "video" else t("a picture")
            state["answers"].append(
                {
                    "truth": t("FAKE") if shown.item.answer == "fake" else t("REAL"),
                    "explanation": shown.item.explain(language),
                    "verdicts": verdicts,
                    "picture": f"/api/games/{game_id}/picture/{position}.jpg?revealed=1",
                    "alt": t("Item {n} of {count}, {what}, revealed: {answer}.", n=position + 1, count=game.count, what=what, answer=labelled if shown.item.answer == "fake" else t("real")),
                }
            )
        return state
    current = game.current_item
    state.update(position=current.position, kind=current.item.kind, machine=current.machine)
    what = t("a clip") if current.item.kind == "video" else t("a picture")
    if current.revealed:
        shown = game.revealed()
        state["screen"] = "reveal"
        state["truth"] = t("FAKE") if shown.item.answer == "fake" else t("REAL")
        state["explanation"] = shown.item.explain(language)
        state["verdicts"] = [
            {"name": name, "answer": shown.votes.get(name, (None, None))[0], "confidence": shown.votes.get(name, (None, None))[1], "right": shown.right.get(name)} for name in game.voters
        ]
        state["banked"] = shown.banked
        answer = t("fake, labelled SYNTHETIC") if shown.item.answer == "fake" else t("real")
        state["alt"] = t("Item {n} of {count}, {what}, revealed: {answer}.", n=current.position + 1, count=game.count, what=what, answer=answer)
    else:
        waiting = game.waiting_for()
        state["screen"] = "chair" if waiting else "recorded"
        state["turn"] = waiting[0] if waiting else None
        state["side"] = game.voters.get(waiting[0]) if waiting else None
        state["partner"] = game.partner_of(waiting[0]) if waiting else None  # a name only: never their vote
        state["voters"] = len(game.voters)
        state["alt"] = t("Item {n} of {count}, {what}: real or fake? Its bottom strip is covered until the reveal.", n=current.position + 1, count=game.count, what=what)
    state["picture"] = f"/api/games/{game_id}/picture/{current.position}.jpg?revealed={int(current.revealed)}"
    if current.item.kind == "video":
        from .pictures import CLIP_FRAMES

        state["frames"] = CLIP_FRAMES  # always as many, whatever the clip: the count gives nothing away
    return state


def create_app(folder: str | os.PathLike | None = None, pack: Pack | None = None, *, list_games: bool = True):
    """The Starlette app: the page at ``/`` and ``/game/<id>``, and a small JSON API under ``/api/games``.

    ``list_games=False`` (``--lan``) keeps the list of unfinished games off the start page.
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.gzip import GZipMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    if pack is None:
        from .builtin import builtin_pack

        pack = builtin_pack()
    games = Games(Path(folder) if folder is not None else progress_folder() / "games", pack)

    def language_of(request: Request) -> str:
        language = request.query_params.get("lang", "en")
        return language if language in LANGUAGES else "en"

    async def json_body(request: Request) -> dict:
        """The request's JSON object; ``Refused`` for anything else."""
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise Refused("Send the request as a JSON object.")
        return body

    async def page(request: Request) -> HTMLResponse:
        html = PAGE.replace('<html lang="en">', f'<html lang="{language_of(request)}">', 1)
        missing = "game" in request.path_params and not GAME_ID.match(request.path_params["game"])
        return HTMLResponse(html, status_code=404 if missing else 200, headers={"Content-Security-Policy": POLICY})

    async def strings(request: Request) -> JSONResponse:
        language = language_of(request)
        return JSONResponse({text: translate(text, language) for text in UI_STRINGS})

    async def list_unfinished(request: Request) -> JSONResponse:
        return JSONResponse({"games": games.unfinished() if list_games else []})

    async def new_game(request: Request) -> JSONResponse:
        body = await json_body(request)
        mode = str(body.get("mode", "solo"))
        count = body.get("count")
        players = players_from_text(str(body.get("names", ""))[:4000], mode)
        count = min(count, len(pack.items)) if isinstance(count, int) and not isinstance(count, bool) and count > 0 else None  # a small class pack: all of it
        return JSONResponse({"game": games.new(players, mode, str(body.get("reveal", "learning")), count, language=language_of(request))})

    def state(request: Request) -> JSONResponse:  # sync: a clip's speed is read from its file, in a thread
        game_id = request.path_params["game"]
        game = games.get(game_id)
        shown = view(game, game_id, language_of(request))
        if "frames" in shown:
            shown["frame_ms"] = games.frames(game, shown["position"])[1]
        return JSONResponse(shown)

    async def vote(request: Request) -> JSONResponse:
        game = games.get(request.path_params["game"])
        body = await json_body(request)
        receipt = game.vote(str(body.get("player", "")), str(body.get("answer", "")), body.get("confidence"))  # the engine checks it
        return JSONResponse({"votes_in": receipt.votes_in, "voters": receipt.voters, "revealed": receipt.revealed})

    async def next_item(request: Request) -> JSONResponse:
        games.get(request.path_params["game"]).next(force=True)
        return JSONResponse({"ok": True})

    def picture(request: Request) -> Response:  # sync: Starlette runs it in a thread (decoding a clip takes a moment)
        from .pictures import jpeg, on_page

        game = games.get(request.path_params["game"])
        try:
            position, frame = int(request.path_params["position"]), int(request.query_params.get("frame", "0"))
        except ValueError:
            raise Refused("There is no such picture.", 404) from None
        current = game.current_item
        reached = game.count if current is None else current.position
        if not 0 <= position <= min(reached, game.count - 1):
            raise Refused("That item has not been reached yet.", 403)
        item = game.item(position)
        revealed = request.query_params.get("revealed") == "1"
        if revealed:
            try:
                game.revealed(position)
            except CourseError:
                revealed = False  # asked for the answer too early: the neutral picture only
        frames, _ = games.frames(game, position)
        if not 0 <= frame < len(frames):
            raise Refused("There is no such picture.", 404)
        quality = 80 if len(frames) > 1 else 88  # a clip's frames come in a batch: a little lighter each
        return Response(jpeg(on_page(frames[frame], item, revealed=revealed, language=game.language), quality), media_type="image/jpeg", headers={"Cache-Control": "no-store"})

    def plot(request: Request) -> Response:  # sync: matplotlib draws in a thread
        from .plots import finale_svg

        game = games.get(request.path_params["game"])
        name = request.path_params["name"]
        if name not in PLOTS:
            raise Refused("There is no such plot.", 404)
        if not game.finished:
            raise Refused("The plots come at the end of the game.", 403)
        return Response(finale_svg(game.results(), name, language_of(request)), media_type="image/svg+xml", headers={"Cache-Control": "no-store"})

    async def results_csv(request: Request) -> Response:
        game = games.get(request.path_params["game"])
        if not game.finished:
            raise Refused("The results come at the end of the game.")
        return Response(game.results().csv_text(), media_type="text/csv", headers={"Content-Disposition": 'attachment; filename="real-or-fake-results.csv"'})

    async def refused(request: Request, error: CourseError) -> JSONResponse:
        """Every error a person can cause, from the engine or the app: its message, as JSON, with its status."""
        return JSONResponse({"error": error_text(error, language_of(request))}, status_code=getattr(error, "status", 400))

    async def broken(request: Request, error: Exception) -> JSONResponse:
        """A fault of the app itself: the server logs the traceback; the page gets a plain message."""
        return JSONResponse({"error": "Something went wrong in the game's server. Reload the page to try again."}, status_code=500)

    routes = [
        Route("/", page),
        Route("/game/{game}", page),
        Route("/api/strings", strings),
        Route("/api/games", list_unfinished, methods=["GET"]),
        Route("/api/games", new_game, methods=["POST"]),
        Route("/api/games/{game}", state),
        Route("/api/games/{game}/vote", vote, methods=["POST"]),
        Route("/api/games/{game}/next", next_item, methods=["POST"]),
        Route("/api/games/{game}/picture/{position}.jpg", picture),
        Route("/api/games/{game}/plot/{name}.svg", plot),
        Route("/api/games/{game}/results.csv", results_csv),
    ]
    squeezed = [Middleware(GZipMiddleware, minimum_size=1000)]  # the page and the plots travel gzipped (never the JPEGs: they are compressed already)
    return Starlette(routes=routes, middleware=squeezed, exception_handlers={CourseError: refused, Exception: broken})


#: The page: plain HTML and a little JavaScript (shipped beside this module).
PAGE = Path(__file__).with_name("play.html").read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Start the game on this computer and print its address (Ctrl-C stops it)."""
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m realorfake.game.app", description="Play Lesson 06's game in a browser on this computer.")
    parser.add_argument("--port", type=int, default=8890)
    parser.add_argument("--pack", type=Path, help="a pack folder (default: the built-in pack)")
    parser.add_argument("--folder", type=Path, help="where game files go (default: your progress folder's games/)")
    parser.add_argument("--lan", action="store_true", help="listen on the local network too (default: this computer only); the start page then lists no unfinished games")
    args = parser.parse_args(argv)
    try:
        pack = load_pack(args.pack) if args.pack else None
    except CourseError as error:
        print(f"play: {error}")
        return 1
    host = "0.0.0.0" if args.lan else "127.0.0.1"
    print(f"\n  Real or Fake? The game is at: http://127.0.0.1:{args.port}/   (Ctrl-C stops it)\n", flush=True)
    uvicorn.run(create_app(args.folder, pack, list_games=not args.lan), host=host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

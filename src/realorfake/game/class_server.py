"""``make class``: the whole class plays one game, each learner on their own device, one scoreboard on the projector.

One server process (Starlette + uvicorn, as ``make play``; see
docs/decisions/app-framework.md) holds one :class:`~.classroom.Classroom`.
Run ``python -m realorfake.game.class_server [--pack FOLDER] [--mode solo|teams|couple]
[--teams "Reds, Blues"] [--reveal learning|finale] [--count N] [--seconds S]
[--language en|es] [--lan] [--port N] [--resume [FILE]]``. It prints the
players' address, the join code and the host's address; the host's page shows
the address, the code and a QR code on the projector.

* **Players** open ``/`` (no install, no account), type the code and a name,
  and get a private token kept in the browser (``localStorage``): a reload or
  a lost Wi-Fi comes back to the same seat. Every player request carries it in
  the ``X-Seat`` header; a vote is acknowledged once it is on disk.
* **The host** opens ``/host#key=SECRET``: the secret is in that address only
  (after the ``#``, so it is never in a server log or a ``Referer``); host
  actions send it in the ``X-Host-Key`` header.
* **Updates** come by Server-Sent Events (``/api/events``) that carry only
  numbers (a state version and a votes version); each page then asks for its
  own view, built for it on the server (:meth:`Classroom.player_view`,
  :meth:`Classroom.host_view`). Nothing about an answer reaches a player's
  browser before the reveal, and no page ever holds the split of the votes
  before it.
* **Refused politely** (a JSON ``{"error": ...}`` in the player's language, shown
  on the page): a wrong code, a name taken, a full room, a flood of joins or of
  votes (``429``), a second vote, a vote after the time is up.
* It listens on this computer only unless ``--lan`` is given.

Game layer: the room, the engine, the pictures and Starlette (never ``show`` or a widget library).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import socket
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError
from .classroom import CLASS_MODES, Classroom, newest_room
from .i18n import LANGUAGES, N_, GameMessage, error_text, translate
from .pack import load_pack
from .pictures import clip_frames, jpeg, on_page
from .plots import PLOTS, calibration_alt, finale_svg, fooled_alt

#: The words of the two pages, in the catalogue (Spanish in locale/es.po).
CLASS_STRINGS = (
    N_("Real"),
    N_("Fake"),
    N_("how sure"),
    N_("Join the game"),
    N_("join code"),
    N_("your name"),
    N_("team"),
    N_("partner"),
    N_("any (teams are kept even)"),
    N_("your partner's name (if you have one)"),
    N_("Join"),
    N_("You are in. Wait for the host to start."),
    N_("Your vote is in."),
    N_("Right!"),
    N_("Not this time."),
    N_("It was"),
    N_("REAL"),
    N_("FAKE"),
    N_("seconds left"),
    N_("Time is up."),
    N_("Paused"),
    N_("Item {n} of {count}"),
    N_("votes in"),
    N_("players"),
    N_("Start"),
    N_("Pause"),
    N_("Go on"),
    N_("Reveal"),
    N_("Next"),
    N_("End the game"),
    N_("The finale"),
    N_("Winner: {name}, with the fewest mistakes"),
    N_("Your mistakes"),
    N_("Your place"),
    N_("Scoreboard"),
    N_("Teams"),
    N_("mistakes"),
    N_("mean mistakes"),
    N_("Brier score"),
    N_("banked"),
    N_("Export results (CSV)"),
    N_("Join on your phone or laptop"),
    N_("The answers come at the finale."),
    N_("Votes are in. The answers come at the finale."),
    N_("got it right"),
    N_("Connection lost. Trying again…"),
    N_("Real or Fake? The Chair of Truth"),
    N_("Real or Fake? Class game"),
    N_("The answers"),
    N_("Your team"),
    N_("Remove"),
    N_("End the game now? The finale scores the items played so far."),
    N_("The answer comes when the host reveals it."),
    N_("Your vote did not arrive. Vote again."),
    N_("You did not vote on this one: it counts as a mistake."),
    N_("This game has started: new players can join the next one. Ask the host."),
    N_("Something went wrong on the game's computer. Try again in a moment."),
    N_("Item {n} of {count}: real or fake?"),
    N_("Item {n} of {count}, revealed."),
)
#: Wrong join codes one address may send per minute before it must wait (a 5-letter code from 31 letters and
#: digits cannot be guessed at that pace), and joins of all addresses together per minute. Successful joins and
#: other mistakes (a name taken) are not limited per address: behind a school's NAT or a JupyterHub proxy a
#: whole class arrives from one address.
JOINS_FAILED_PER_ADDRESS, JOINS_PER_MINUTE = 60, 1200
#: Joins with the right code one address may make per minute: a class behind one NAT joins over a minute or two;
#: a script cannot fill the room in a second (the host then takes the names out with ✕).
JOINS_PER_ADDRESS = 60
#: Pictures' longest side on the pages (px): enough for a projector, about 50 KB for a phone.
PICTURE_SIDE = 640
#: The largest request body read (bytes): a join or a vote is a few dozen.
MAX_BODY = 4096
#: Vote requests one seat may send per 10 seconds (a vote, and a few retries on a weak network).
VOTES_PER_SEAT = 8
#: Event streams open at once, beyond the room's players (host screens, reloads not yet noticed as closed).
SPARE_STREAMS = 40
#: How often an event stream looks for a change (s), sends a keep-alive when nothing changed (s), and ends (s: the
#: browser's EventSource opens a new one by itself, so a stream a closed tab left behind does not last).
POLL_SECONDS, KEEPALIVE_SECONDS, STREAM_SECONDS = 0.2, 15.0, 300.0


class Flood:
    """A sliding-window limit: at most ``most`` events per ``seconds`` for each key."""

    def __init__(self, most: int, seconds: float):
        self.most, self.seconds = most, seconds
        self._events: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None, *, count: bool = True) -> bool:
        """Count one event for ``key`` (``count=False``: only look); False when it is over the limit (the event is not counted)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.seconds:
                events.popleft()
            if len(events) >= self.most:
                return False
            if count:
                events.append(now)
            if len(self._events) > 10_000:  # forget quiet keys
                for old in [k for k, v in self._events.items() if not v][:5000]:
                    del self._events[old]
            return True


class Versions:
    """Two counters the event streams watch: ``state`` (everyone's screen changes) and ``votes`` (the host's count)."""

    def __init__(self):
        self.state = 0
        self.votes = 0


def lan_address() -> str | None:
    """This computer's address on the local network (no packet is sent), or None when it has none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # picks the interface a LAN packet would leave by
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def join_url(base: str, code: str) -> str:
    """The players' address with the join code filled in (what the QR code holds)."""
    return f"{base.rstrip('/')}/?code={code}"


@functools.lru_cache(maxsize=8)
def qr_svg(text: str) -> str:
    """A QR code of ``text`` as inline SVG (segno; error correction M, black on white with a quiet zone)."""
    import segno

    return segno.make(text, error="m").svg_inline(scale=8, border=4, dark="#000", light="#fff")


def create_app(room: Classroom, *, base_url: str = "http://127.0.0.1:8765", prefix: str = ""):
    """The Starlette app over ``room``: the player page ``/``, the host page ``/host`` and a JSON API under ``/api``.

    ``base_url``: the players' address as they type it (shown with the QR code); ``prefix``: a path the
    whole app sits under (a JupyterHub service's ``/services/<name>``; the pages use relative addresses).
    """
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    versions = Versions()
    joins_failed, joins_all = Flood(JOINS_FAILED_PER_ADDRESS, 60), Flood(JOINS_PER_MINUTE, 60)
    joins_by_address = Flood(JOINS_PER_ADDRESS, 60)
    votes_by_seat = Flood(VOTES_PER_SEAT, 10)
    streams = {"open": 0}
    pictures: dict[tuple, bytes] = {}
    clips: dict[int, tuple[list, int]] = {}
    plots: dict[str, bytes] = {}
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    page_headers = {**headers, "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'"}

    def language_of(request: Request) -> str:
        language = request.query_params.get("lang", room.language)
        return language if language in LANGUAGES else room.language

    def problem(request: Request, error: BaseException | str, status: int = 400) -> JSONResponse:
        text = error if isinstance(error, str) else error_text(error, language_of(request))
        return JSONResponse({"error": text}, status_code=status, headers=headers)

    def refused(request: Request, status: int = 429) -> JSONResponse:
        return problem(request, translate(N_("Too many tries. Wait a moment and try again."), language_of(request)), status)

    def host_only(request: Request) -> bool:
        return room.is_host(request.headers.get("x-host-key"))

    async def body_of(request: Request) -> dict:
        """The request's JSON object, read up to ``MAX_BODY`` bytes (a bigger body is refused before it is all read)."""
        unreadable = GameMessage(N_("Send the form again: what arrived could not be read."))
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY:
            raise unreadable
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_BODY:
                raise unreadable
        try:
            body = json.loads(data)
        except (ValueError, RecursionError):  # not JSON, or brackets nested thousands deep
            raise unreadable from None
        if not isinstance(body, dict):
            raise unreadable
        return body

    async def player_page(request: Request) -> HTMLResponse:
        return HTMLResponse(PLAYER_PAGE, headers=page_headers)

    async def host_page(request: Request) -> HTMLResponse:
        return HTMLResponse(HOST_PAGE, headers=page_headers)

    async def common_script(request: Request) -> Response:
        return Response(COMMON_SCRIPT, media_type="text/javascript", headers=headers)

    async def about(request: Request) -> JSONResponse:
        """What the join form needs, for anyone: the mode, the team names, the phase, the language. No code, no secret."""
        return JSONResponse({"mode": room.mode, "teams": list(room.teams), "phase": room.phase, "language": room.language, "reveal_mode": room.reveal_mode}, headers=headers)

    async def strings(request: Request) -> JSONResponse:
        language = language_of(request)
        return JSONResponse({text: translate(text, language) for text in CLASS_STRINGS}, headers=headers)

    async def join(request: Request) -> JSONResponse:
        address = request.client.host if request.client else "?"
        try:
            body = await body_of(request)
            if room.code_matches(body.get("code")):  # the right code always gets in, whatever a neighbour behind the same address tried
                if not joins_by_address.allow(address) or not joins_all.allow("all"):
                    return refused(request)
            elif not joins_failed.allow(address):  # a guess at the code counts against its address (a typo in a name does not)
                return refused(request)
            token = await run_in_threadpool(room.join, body.get("code"), body.get("name"), team=body.get("team") or "", partner=body.get("partner") or "")
        except CourseError as error:
            return problem(request, error)
        versions.state += 1
        return JSONResponse({"token": token}, headers=headers)

    async def me(request: Request) -> JSONResponse:
        try:
            view = await run_in_threadpool(room.player_view, request.headers.get("x-seat"), language_of(request))
        except CourseError as error:
            return problem(request, error, 403)
        return JSONResponse(view, headers=headers)

    async def vote(request: Request) -> JSONResponse:
        token = request.headers.get("x-seat") or ""
        if not votes_by_seat.allow(token[:64]):
            return refused(request)
        try:
            body = await body_of(request)
            receipt = await run_in_threadpool(room.vote, token, body.get("answer"), body.get("confidence"))
        except CourseError as error:
            return problem(request, error)
        versions.votes += 1
        return JSONResponse({"ok": True, "position": receipt.position}, headers=headers)

    async def host_state(request: Request) -> JSONResponse:
        if not host_only(request):
            return problem(request, translate(N_("Only the host's screen can do this (its address has the host's key)."), language_of(request)), 403)
        view = await run_in_threadpool(room.host_view)
        view["join_url"] = join_url(base_url, room.join_code)
        view["qr"] = qr_svg(view["join_url"])
        if view["phase"] == "over":
            results = await run_in_threadpool(room.game.results)
            view["plots"] = [{"src": f"api/plot/{name}.svg", "alt": alt(results, room.language)} for name, alt in (("calibration", calibration_alt), ("fooled", fooled_alt))]
        return JSONResponse(view, headers=headers)

    async def plot(request: Request) -> Response:
        """A finale plot as SVG, once the game is over."""
        name = request.path_params["name"]
        if name not in PLOTS:
            return problem(request, "There is no such plot.", 404)
        if room.phase != "over":
            return problem(request, "The plots come at the end of the game.", 403)
        if name not in plots:  # drawn once: the game is over, the plot cannot change
            results = await run_in_threadpool(room.game.results)
            plots[name] = await run_in_threadpool(finale_svg, results, name, room.language, width=6.0)
        return Response(plots[name], media_type="image/svg+xml", headers=headers)

    async def host_action(request: Request) -> JSONResponse:
        if not host_only(request):
            return problem(request, translate(N_("Only the host's screen can do this (its address has the host's key)."), language_of(request)), 403)
        action = request.path_params["action"]
        if action not in HOST_ACTIONS:
            return problem(request, "There is no such host action.", 404)
        try:
            if action == "assign":
                body = await body_of(request)
                await run_in_threadpool(room.assign, str(body.get("name", "")), team=body.get("team"), partner=body.get("partner"))
            elif action == "remove":
                body = await body_of(request)
                await run_in_threadpool(room.remove, str(body.get("name", "")))
            else:
                await run_in_threadpool(getattr(room, action))
        except CourseError as error:
            return problem(request, error)
        versions.state += 1
        return JSONResponse({"ok": True}, headers=headers)

    async def picture(request: Request) -> Response:
        """The current item's picture: the neutral strip before the reveal, the answer strip after; no other item before the finale."""
        game = room.game
        try:
            position, frame_index = int(request.path_params["position"]), int(request.query_params.get("frame", "0"))
        except ValueError:
            return problem(request, "There is no such picture.", 404)
        if game is None:
            return problem(request, "The game has not started.", 404)
        current = game.current_item
        if current is None:  # the finale: every answer may be shown
            revealed, allowed = True, 0 <= position < game.count
        else:
            revealed, allowed = current.revealed, position == current.position
        if not allowed:
            return problem(request, "That picture is not on screen now.", 403)
        key = (position, revealed, frame_index, language_of(request))
        if key not in pictures:
            item = game.item(position)
            try:
                frames, _ = await frames_of(position)
            except CourseError as error:
                return problem(request, error, 404)
            frame = frames[min(max(frame_index, 0), len(frames) - 1)]
            pictures[key] = await run_in_threadpool(lambda: jpeg(on_page(frame, item, revealed=revealed, language=key[3])))
            if len(pictures) > 400:
                pictures.pop(next(iter(pictures)))
        return Response(pictures[key], media_type="image/jpeg", headers=headers)

    async def frames_of(position: int) -> tuple[list, int]:
        """The item's frames as the pages show them (``pictures.clip_frames``: one for a picture, always 8 for a clip), read once."""
        if position not in clips:
            clips[position] = await run_in_threadpool(clip_frames, room.game.item(position), side=PICTURE_SIDE)
            if len(clips) > 4:
                clips.pop(next(iter(clips)))
        return clips[position]

    async def frames(request: Request) -> JSONResponse:
        """How many frames the current item has (1 for a picture) and how long each is shown (ms), so a page can play a clip."""
        game = room.game
        current = None if game is None else game.current_item
        if current is None:
            return JSONResponse({"frames": 1, "ms": 0}, headers=headers)
        try:
            shown, ms = await frames_of(current.position)
        except CourseError:
            shown, ms = [None], 0
        return JSONResponse({"frames": len(shown), "ms": ms, "position": current.position}, headers=headers)

    async def results_csv(request: Request) -> Response:
        if not host_only(request):
            return problem(request, translate(N_("Only the host's screen can do this (its address has the host's key)."), language_of(request)), 403)
        game = room.game
        if game is None or not game.finished:
            return problem(request, "The results come at the end of the game.")
        text = await run_in_threadpool(room.results_csv)
        return Response(text, media_type="text/csv", headers={**headers, "Content-Disposition": 'attachment; filename="real-or-fake-class-results.csv"'})

    async def events(request: Request) -> Response:
        """Server-Sent Events: ``state`` and ``votes`` version numbers, nothing else."""
        if streams["open"] >= 4 * room.max_players + SPARE_STREAMS:  # the pages poll instead when refused
            return refused(request, 503)
        host = request.query_params.get("role") == "host"

        async def stream():
            streams["open"] += 1
            try:
                sent, last = (-1, -1), time.monotonic()
                ends = last + STREAM_SECONDS
                while time.monotonic() < ends and not await request.is_disconnected():
                    now = (versions.state, versions.votes if host else 0)
                    if now != sent:
                        sent, last = now, time.monotonic()
                        yield f"data: {now[0]} {now[1]}\n\n"
                    elif time.monotonic() - last > KEEPALIVE_SECONDS:
                        last = time.monotonic()
                        yield ": still here\n\n"
                    await asyncio.sleep(POLL_SECONDS)
            finally:
                streams["open"] -= 1

        return StreamingResponse(stream(), media_type="text/event-stream", headers={**headers, "X-Accel-Buffering": "no"})

    routes = [
        Route("/", player_page),
        Route("/host", host_page),
        Route("/common.js", common_script),
        Route("/api/strings", strings),
        Route("/api/room", about),
        Route("/api/join", join, methods=["POST"]),
        Route("/api/me", me),
        Route("/api/vote", vote, methods=["POST"]),
        Route("/api/host", host_state),
        Route("/api/host/{action:str}", host_action, methods=["POST"]),
        Route("/api/picture/{position:int}.jpg", picture),
        Route("/api/frames", frames),
        Route("/api/results.csv", results_csv),
        Route("/api/plot/{name:str}.svg", plot),
        Route("/api/events", events),
    ]
    if prefix.strip("/"):
        from starlette.routing import Mount

        routes = [Mount("/" + prefix.strip("/"), routes=routes)]
    from starlette.middleware import Middleware
    from starlette.middleware.gzip import GZipMiddleware

    squeezed = [Middleware(GZipMiddleware, minimum_size=1000)]  # pages and plots travel gzipped (the JPEGs are compressed already)

    async def broken(request: Request, error: Exception) -> JSONResponse:
        """A fault of the server itself: logged with its traceback; the page gets a plain message."""
        import logging

        logging.getLogger("realorfake.class").exception("class server fault on %s", request.url.path)
        return problem(request, translate(N_("Something went wrong on the game's computer. Try again in a moment."), language_of(request)), 500)

    app = Starlette(routes=routes, middleware=squeezed, exception_handlers={Exception: broken})
    app.state.room, app.state.versions = room, versions
    return app


#: Host actions (``POST /api/host/<action>``): the room's methods a host may call.
HOST_ACTIONS = ("start", "pause", "resume", "reveal", "next", "end", "assign", "remove")
#: The two pages: plain HTML with a little JavaScript (shipped beside this module).
PLAYER_PAGE = Path(__file__).with_name("class_player.html").read_text(encoding="utf-8")
HOST_PAGE = Path(__file__).with_name("class_host.html").read_text(encoding="utf-8")
COMMON_SCRIPT = Path(__file__).with_name("class_common.js").read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Start a class game (or go on with one) and print the addresses; Ctrl-C stops it, the game stays on disk."""
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m realorfake.game.class_server", description="The whole class plays one real-or-fake game, each on their own device.")
    parser.add_argument("--pack", type=Path, help="a pack folder (default: the built-in pack)")
    parser.add_argument("--mode", choices=CLASS_MODES, default="solo", help="solo (default), teams or couple")
    parser.add_argument("--teams", default="Reds, Blues", help='team names for --mode teams, with commas (default: "Reds, Blues")')
    parser.add_argument("--reveal", choices=("learning", "finale"), default="learning", help="the answer after each item (default), or only at the finale, as in the show")
    parser.add_argument("--count", type=int, help="how many items (default: 10, or the whole pack when smaller)")
    parser.add_argument("--seconds", type=int, default=30, help="seconds to vote on each item (default: 30)")
    parser.add_argument("--language", choices=tuple(LANGUAGES), default="en", help="the pages' language (each player can switch)")
    parser.add_argument("--max-players", type=int, default=100, help="how many players may join (default: 100)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--lan", action="store_true", help="listen on the local network, so phones can join (default: this computer only)")
    parser.add_argument("--resume", nargs="?", const="newest", help="go on with a class game stopped earlier (its .rofclass file; alone: the newest)")
    parser.add_argument("--folder", type=Path, help="where the class's files go (default: your progress folder's class/)")
    parser.add_argument("--public-url", help="the address players type, when it is not this computer's (a JupyterHub service, a hotspot's name)")
    parser.add_argument("--prefix", default=os.environ.get("JUPYTERHUB_SERVICE_PREFIX", ""), help="a path the app sits under (default: a JupyterHub service's prefix, else none)")
    args = parser.parse_args(argv)
    try:
        if args.resume:
            path = newest_room(args.folder) if args.resume == "newest" else Path(args.resume)
            if path is None:
                print("class: there is no unfinished class game to go on with; start a new one without --resume.")
                return 1
            room = Classroom.open(path)
        else:
            if args.pack:
                pack = load_pack(args.pack)
            else:
                from .builtin import builtin_pack

                pack = builtin_pack()
            count = args.count if args.count is not None else min(10, len(pack.items))
            teams = [team.strip() for team in args.teams.split(",") if team.strip()]
            room = Classroom.new(pack, mode=args.mode, reveal=args.reveal, count=count, seconds=args.seconds, teams=teams, language=args.language, max_players=args.max_players, folder=args.folder)
    except CourseError as error:
        print(f"class: {error}")
        return 1
    address = lan_address() if args.lan else None
    if args.lan and address is None:
        print("class: this computer has no local network address; players on this computer only.")
    base = (args.public_url or f"http://{address or '127.0.0.1'}:{args.port}/{args.prefix.strip('/')}").rstrip("/")
    print(f"\n  Real or Fake? Class game ({room.mode}, answers {'after each item' if room.reveal_mode == 'learning' else 'at the finale'})")
    print(f"  players join at: {join_url(base, room.join_code)}")
    print(f"  join code: {room.join_code}")
    print(f"  host screen (keep it to yourself): {base}/host#key={room.host_secret}")
    print(f"  the game is saved in {room.path}; go on after a stop with --resume\n", flush=True)
    # Ctrl-C stops it within seconds although every phone keeps an event stream open (uvicorn would wait for them).
    uvicorn.run(create_app(room, base_url=base, prefix=args.prefix), host="0.0.0.0" if args.lan else "127.0.0.1", port=args.port, log_level="warning", timeout_graceful_shutdown=2)
    return 0


@dataclass
class Spawned:
    """A class server started by :func:`spawn`: its process, its address, the join code and the host's key."""

    process: subprocess.Popen
    url: str
    code: str
    key: str

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 20 s); the game stays on disk."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def spawn(folder: str | os.PathLike, *arguments: str, env: dict[str, str] | None = None, timeout: float = 60) -> Spawned:
    """Start ``python -m realorfake.game.class_server`` in its own process on a free localhost port, its files in ``folder``.

    For tests and benchmarks: returns once the server answers, with the join code
    and host key it printed; its output is read on so that a chatty server never
    blocks on a full pipe. ``arguments`` are the command's options (not
    ``--port``, ``--folder``). Raises ``RuntimeError`` when it stops or does not
    answer within ``timeout`` seconds. The caller stops it with ``Spawned.stop``.
    """
    import sys
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "realorfake.game.class_server", "--port", str(port), "--folder", str(folder), *arguments]
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    code = key = None
    deadline = time.time() + timeout
    while key is None or code is None:
        line = process.stdout.readline()
        if (not line and process.poll() is not None) or time.time() > deadline:
            process.kill()
            raise RuntimeError(f"the class server did not start (exit {process.poll()}): {line.strip()}")
        if "join code:" in line:
            code = line.split("join code:")[1].strip()
        if "#key=" in line:
            key = line.split("#key=")[1].strip()
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep its pipe drained
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(url + "/api/room", timeout=2)
            return Spawned(process, url, code, key)
        except OSError:
            if process.poll() is not None or time.time() > deadline:
                process.kill()
                raise RuntimeError(f"the class server does not answer at {url}") from None
            time.sleep(0.2)


if __name__ == "__main__":
    raise SystemExit(main())

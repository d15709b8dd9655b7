"""Class mode's server: joining, voting, host actions, what each page receives, refusals (floods, secrets, codes)."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from game_helpers import make_pack
from realorfake.errors import GameError
from realorfake.game import class_server, load_pack
from realorfake.game.classroom import Classroom


@pytest.fixture
def room(tmp_path):
    return Classroom.new(load_pack(make_pack(tmp_path / "pack")), folder=tmp_path / "class", seconds=60)


@pytest.fixture
def client(room):
    return TestClient(class_server.create_app(room), client=("10.0.0.7", 5000))


def _join(client, room, name, **extra) -> dict:
    response = client.post("/api/join", json={"code": room.join_code, "name": name, **extra})
    assert response.status_code == 200, response.json()
    return {"X-Seat": response.json()["token"]}


def _host(room) -> dict:
    return {"X-Host-Key": room.host_secret}


def test_a_round_from_joining_to_the_finale(client, room):
    ana, ben = _join(client, room, "Ana"), _join(client, room, "Ben")
    assert client.get("/api/me", headers=ana).json()["phase"] == "lobby"
    lobby = client.get("/api/host", headers=_host(room)).json()
    assert [p["name"] for p in lobby["players"]] == ["Ana", "Ben"] and lobby["join_url"].endswith(f"/?code={room.join_code}") and lobby["qr"].startswith("<svg")
    assert client.post("/api/host/start", headers=_host(room)).status_code == 200
    for _ in range(room.game.count):
        truth = room.game.current_item.item.answer
        assert client.post("/api/vote", headers=ana, json={"answer": truth, "confidence": 90}).json()["ok"]
        client.post("/api/vote", headers=ben, json={"answer": "real", "confidence": 60})
        assert client.get("/api/host", headers=_host(room)).json()["votes_in"] == 2
        client.post("/api/host/reveal", headers=_host(room))
        assert client.get("/api/me", headers=ana).json()["reveal"]["you_were_right"] is True
        client.post("/api/host/next", headers=_host(room))
    finale = client.get("/api/me", headers=ana).json()["finale"]
    assert finale["rank"] == 1 and finale["mistakes"] == 0 and finale["winners"] == ["Ana"]
    host = client.get("/api/host", headers=_host(room)).json()
    assert host["phase"] == "over" and [p["src"] for p in host["plots"]] == ["api/plot/calibration.svg", "api/plot/fooled.svg"]  # relative: the app also works under a prefix
    assert client.get("/api/plot/fooled.svg").headers["content-type"].startswith("image/svg")
    exported = client.get("/api/results.csv", headers=_host(room))
    assert exported.status_code == 200 and exported.text.count("\n") == 1 + 2 * room.game.count


def test_nothing_about_the_answer_reaches_a_player_before_the_reveal(client, room):
    ana, ben = _join(client, room, "Ana"), _join(client, room, "Ben")
    client.post("/api/host/start", headers=_host(room))
    item = room.game.current_item.item
    client.post("/api/vote", headers=ana, json={"answer": "fake", "confidence": 80})
    before = client.get(f"/api/picture/{room.game.current_item.position}.jpg").content
    for headers in (ana, ben):
        for lang in ("en", "es"):
            sent = client.get(f"/api/me?lang={lang}", headers=headers).text
            assert item.explain(lang) not in sent and '"truth"' not in sent and item.method not in sent
    assert json.loads(client.get("/api/me", headers=ben).text)["my_vote"] is None  # not Ana's
    host = client.get("/api/host", headers=_host(room)).text
    assert item.explain("en") not in host and '"truth"' not in host and "fake" not in host.replace(item.id, "")  # how many voted, never how
    assert client.get(f"/api/picture/{room.game.current_item.position + 1}.jpg").status_code == 403  # the next item is not on screen
    client.post("/api/host/reveal", headers=_host(room))
    assert client.get(f"/api/picture/{room.game.current_item.position}.jpg").content != before  # now the answer strip
    assert client.get("/api/me", headers=ben).json()["reveal"]["explanation"] == item.explain("en")


def test_host_actions_need_the_hosts_secret(client, room):
    _join(client, room, "Ana")
    for action in ("start", "next", "reveal", "end", "pause"):
        for headers in ({}, {"X-Host-Key": "guess"}, {"X-Host-Key": room.host_secret[:-1]}):
            assert client.post(f"/api/host/{action}", headers=headers).status_code == 403
    assert client.get("/api/host").status_code == 403 and client.get("/api/results.csv").status_code == 403
    assert client.post("/api/host/close_the_file", headers=_host(room)).status_code == 404  # only the host's actions, by name
    assert room.phase == "lobby"
    player = client.get("/").text + client.get("/api/room").text + client.get("/api/strings").text
    assert room.host_secret not in player and room.join_code not in client.get("/api/room").text


def test_joining_is_refused_politely_for_a_wrong_code_a_taken_name_and_a_flood(client, room, monkeypatch):
    wrong = client.post("/api/join?lang=es", json={"code": "ZZZZZ", "name": "Ana"})
    assert wrong.status_code == 400 and "Ese código no es el de esta partida" in wrong.json()["error"]
    _join(client, room, "Ana")
    assert "already joined as ana" in client.post("/api/join", json={"code": room.join_code, "name": "ana"}).json()["error"]
    assert client.post("/api/join", content=b"not json", headers={"content-type": "application/json"}).json()["error"].startswith("Send the form again")
    assert client.get("/api/me", headers={"X-Seat": "forged-token-123"}).status_code == 403
    for k in range(40):  # a whole class behind one school address joins without a hitch
        _join(client, room, f"Pupil {k}")
    tries = [client.post("/api/join", json={"code": "WRONG", "name": f"P{k}"}).status_code for k in range(class_server.JOINS_FAILED_PER_ADDRESS + 5)]
    assert tries[0] == 400 and tries[-5:] == [429] * 5  # guessing codes: wait a minute
    assert client.post("/api/join", json={"code": room.join_code, "name": "Late"}).status_code == 200  # the right code still gets in
    other = TestClient(client.app, client=("10.0.0.8", 5000))
    assert other.post("/api/join", json={"code": room.join_code, "name": "Next door"}).status_code == 200


def test_a_script_cannot_fill_the_room_in_a_second(room):
    """A reviewer's script joined 97 fake players in 0.6 s; the real classmate then found the room full."""
    client = TestClient(class_server.create_app(room), client=("10.0.0.9", 5000))
    statuses = [client.post("/api/join", json={"code": room.join_code, "name": f"Bot {k}"}).status_code for k in range(class_server.JOINS_PER_ADDRESS + 3)]
    assert statuses.count(200) == class_server.JOINS_PER_ADDRESS and statuses[-1] == 429
    classmate = TestClient(client.app, client=("10.0.0.10", 5000))
    assert classmate.post("/api/join", json={"code": room.join_code, "name": "Real pupil"}).status_code == 200


def test_a_flood_of_votes_from_one_seat_is_refused(client, room):
    ana = _join(client, room, "Ana")
    client.post("/api/host/start", headers=_host(room))
    statuses = [client.post("/api/vote", headers=ana, json={"answer": "real", "confidence": 70}).status_code for _ in range(class_server.VOTES_PER_SEAT + 4)]
    assert statuses[0] == 200 and set(statuses[1 : class_server.VOTES_PER_SEAT]) == {400} and statuses[-1] == 429  # one vote; then "already voted"; then too many
    assert room.game.votes_in() == 1


def test_the_event_stream_carries_only_version_numbers(client, room, monkeypatch):
    monkeypatch.setattr(class_server, "STREAM_SECONDS", 0.6)
    ana = _join(client, room, "Ana")
    client.post("/api/host/start", headers=_host(room))
    client.post("/api/vote", headers=ana, json={"answer": "fake", "confidence": 70})
    text = client.get("/api/events").text  # the stream ends by itself after STREAM_SECONDS
    assert text.startswith("data: ") and all(line == "" or line.startswith("data: ") and line[6:].replace(" ", "").isdigit() for line in text.splitlines())


def test_names_are_kept_as_text_and_pages_never_insert_them_as_html(client, room):
    evil = '<img src=x onerror="alert(1)">'
    headers = _join(client, room, evil)
    assert client.get("/api/me", headers=headers).json()["name"] == evil  # JSON, shown with textContent
    for page in (class_server.PLAYER_PAGE, class_server.HOST_PAGE):
        assert page.count("innerHTML") <= 1  # the one: the server's QR code SVG on the host page
    assert client.get("/").headers["content-security-policy"].startswith("default-src 'self'")


def test_a_server_started_again_on_the_rooms_file_knows_everyone(room, tmp_path):
    client = TestClient(class_server.create_app(room))
    ana = _join(client, room, "Ana")
    client.post("/api/host/start", headers=_host(room))
    client.post("/api/vote", headers=ana, json={"answer": "real", "confidence": 70})
    room.close()
    again = Classroom.open(room.path)
    second = TestClient(class_server.create_app(again))
    assert second.get("/api/me", headers=ana).json()["my_vote"] == {"answer": "real", "confidence": 70}
    assert second.get("/api/host", headers={"X-Host-Key": room.host_secret}).status_code == 200


def _call(url: str, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> tuple[int, dict]:
    import urllib.error
    import urllib.request

    data = None if body is None else json.dumps(body).encode()
    call = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(call, timeout=20) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_a_server_killed_mid_round_is_started_again_and_loses_no_acknowledged_vote(tmp_path):
    """SIGKILL between votes: every acknowledged vote, every seat and the host's secret come back with --resume."""
    import signal

    from game_helpers import start_class_server

    process, url, code, key = start_class_server(tmp_path, "--seconds", "120", "--count", "3")
    try:
        seats = {name: {"X-Seat": _call(url, "POST", "/api/join", {"code": code, "name": name})[1]["token"]} for name in ("Ana", "Ben", "Carla")}
        assert _call(url, "POST", "/api/host/start", headers={"X-Host-Key": key})[0] == 200
        for name in ("Ana", "Ben"):
            assert _call(url, "POST", "/api/vote", {"answer": "fake", "confidence": 80}, seats[name]) == (200, {"ok": True, "position": 0})
    finally:
        process.send_signal(signal.SIGKILL)  # the power cut: no clean shutdown
        process.wait()
    process, url, code_again, key_again = start_class_server(tmp_path, "--resume")
    try:
        assert (code_again, key_again) == (code, key)  # the same code on the projector, the host's address still works
        host = _call(url, "GET", "/api/host", headers={"X-Host-Key": key})[1]
        assert host["phase"] == "paused" and host["votes_in"] == 2 and host["position"] == 0  # the host presses "Go on" when ready
        assert _call(url, "POST", "/api/host/resume", headers={"X-Host-Key": key})[0] == 200
        assert _call(url, "GET", "/api/me", headers=seats["Ana"])[1]["my_vote"] == {"answer": "fake", "confidence": 80}  # the same seat after the restart
        assert _call(url, "POST", "/api/vote", {"answer": "real", "confidence": 60}, seats["Carla"])[0] == 200
        assert _call(url, "POST", "/api/vote", {"answer": "real", "confidence": 60}, seats["Ana"])[0] == 400  # still once per item
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_app_works_under_a_jupyterhub_service_prefix(room):
    client = TestClient(class_server.create_app(room, base_url="https://hub.example/services/class", prefix="/services/class/"))
    assert client.get("/services/class/").status_code == 200 and client.get("/").status_code == 404
    token = client.post("/services/class/api/join", json={"code": room.join_code, "name": "Ana"}).json()["token"]
    assert client.get("/services/class/api/me", headers={"X-Seat": token}).json()["name"] == "Ana"
    host = client.get("/services/class/api/host", headers={"X-Host-Key": room.host_secret}).json()
    assert host["join_url"] == f"https://hub.example/services/class/?code={room.join_code}"
    for page in (class_server.PLAYER_PAGE, class_server.HOST_PAGE):
        assert '"/api' not in page and "'/api" not in page  # every address relative to the page


def test_the_host_pairs_couples_and_moves_players_between_teams_before_the_start(tmp_path):
    pack = load_pack(make_pack(tmp_path / "pack"))
    couples = Classroom.new(pack, mode="couple", folder=tmp_path / "c1")
    client = TestClient(class_server.create_app(couples))
    for name in ("Ana", "Ben", "Carla"):
        _join(client, couples, name)
    lobby = client.get("/api/host", headers=_host(couples)).json()
    assert lobby["pairs"] == [] and "Carla has no partner" in lobby["pairs_problem"]
    _join(client, couples, "Dani")
    assert client.post("/api/host/assign", headers=_host(couples), json={"name": "Ana", "partner": "Dani"}).status_code == 200
    assert client.get("/api/host", headers=_host(couples)).json()["pairs"] == [["Ana", "Dani"], ["Ben", "Carla"]]
    teams = Classroom.new(pack, mode="teams", teams=["Reds", "Blues"], folder=tmp_path / "c2")
    client = TestClient(class_server.create_app(teams))
    _join(client, teams, "Eva")
    client.post("/api/host/assign", headers=_host(teams), json={"name": "Eva", "team": "Blues"})
    assert client.get("/api/host", headers=_host(teams)).json()["players"][0]["team"] == "Blues"
    assert client.post("/api/host/assign", json={"name": "Eva", "team": "Reds"}).status_code == 403  # only the host


def test_it_listens_on_the_local_network_only_when_asked(monkeypatch, tmp_path, capsys):
    import uvicorn

    bound = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: bound.append(options["host"]))
    monkeypatch.setattr(class_server, "lan_address", lambda: "192.168.1.23")
    assert class_server.main(["--folder", str(tmp_path / "a"), "--port", "8765"]) == 0
    assert class_server.main(["--folder", str(tmp_path / "b"), "--port", "8765", "--lan"]) == 0
    assert bound == ["127.0.0.1", "0.0.0.0"]
    printed = capsys.readouterr().out
    assert "players join at: http://127.0.0.1:8765/?code=" in printed and "players join at: http://192.168.1.23:8765/?code=" in printed


def test_the_hundred_and_first_player_is_refused_by_default(room):
    for k in range(100):
        _join(TestClient(class_server.create_app(room), client=(f"10.0.{k}.1", 5000)), room, f"Player {k}")
    client = TestClient(class_server.create_app(room))
    refused = client.post("/api/join", json={"code": room.join_code, "name": "One more"})
    assert refused.status_code == 400 and "The room is full (100 players)" in refused.json()["error"]


def test_odd_bodies_are_refused_with_a_message_never_a_traceback(client, room):
    for body in (b"[" * 100_000, b'{"code": "' + b"A" * 10_000 + b'"}', b"\xff\xfe", b"42", b'"text"'):
        response = client.post("/api/join?lang=es", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400 and response.json()["error"].startswith("Envía el formulario otra vez")
    ana = _join(client, room, "Ana")
    client.post("/api/host/start", headers=_host(room))
    for vote in ({"answer": "FAKE", "confidence": 70}, {"answer": "fake", "confidence": "lots"}, {"answer": ["fake"]}):
        refused = client.post("/api/vote?lang=es", headers=ana, json=vote)
        assert refused.status_code == 400 and "Error" not in refused.text and ("Pulsa Real o Falso" in refused.text or "porcentaje entero" in refused.text)
    client.post("/api/vote", headers=ana, json={"answer": "fake", "confidence": 70})
    again = client.post("/api/vote?lang=es", headers=ana, json={"answer": "real", "confidence": 70})
    assert "Ana ya ha votado en este elemento" in again.json()["error"]  # the engine's refusals speak Spanish too


def test_a_fault_of_the_server_reaches_the_page_as_a_plain_message(room, monkeypatch):
    app = class_server.create_app(room)
    monkeypatch.setattr(room, "player_view", lambda *a, **k: 1 / 0)
    client = TestClient(app, raise_server_exceptions=False)
    token = client.post("/api/join", json={"code": room.join_code, "name": "Ana"}).json()["token"]
    broken = client.get("/api/me", headers={"X-Seat": token})
    assert broken.status_code == 500 and broken.json() == {"error": "Something went wrong on the game's computer. Try again in a moment."}


def test_pictures_are_all_one_size_so_the_size_gives_nothing_away(tmp_path):
    """Every 320-px picture of the built-in pack was a fake: a reviewer could tell by the size alone."""
    import cv2
    import numpy as np

    from game_helpers import ITEMS, item

    entries = [item(*entry) for entry in ITEMS]
    folder = make_pack(tmp_path / "mixed", entries)
    small = np.full((100, 80, 3), 128, np.uint8)
    cv2.imwrite(str(folder / entries[1]["file"]), small)  # one small fake among 48 x 40 pictures
    room = Classroom.new(load_pack(folder), folder=tmp_path / "class", count=4)
    client = TestClient(class_server.create_app(room))
    token = {"X-Seat": client.post("/api/join", json={"code": room.join_code, "name": "Ana"}).json()["token"]}
    client.post("/api/host/start", headers=_host(room))
    sizes = set()
    for _ in range(4):
        picture = client.get(f"/api/picture/{room.game.current_item.position}.jpg").content
        sizes.add(cv2.imdecode(np.frombuffer(picture, np.uint8), cv2.IMREAD_COLOR).shape[:2])
        client.post("/api/vote", headers=token, json={"answer": "real", "confidence": 70})
        client.post("/api/host/next", headers=_host(room))
    assert sizes == {(class_server.PICTURE_SIDE, class_server.PICTURE_SIDE)}  # one size and one shape: a square


def test_the_pages_may_show_the_clip_frames_they_fetch(client):
    """Clips are cycled through blob: addresses (each frame fetched once); a policy without blob: blocked every clip."""
    for page in ("/", "/host"):
        assert "img-src 'self' data: blob:" in client.get(page).headers["content-security-policy"]
    assert "createObjectURL" in client.get("/common.js").text


def test_re_pairing_undoes_every_old_link(tmp_path):
    room = Classroom.new(load_pack(make_pack(tmp_path / "pack")), mode="couple", folder=tmp_path / "c")
    for name in ("Ana", "Ben", "Dee", "Fay"):
        room.join(room.join_code, name)
    room.assign("Dee", partner="Fay")
    room.assign("Ana", partner="Fay")  # Fay leaves Dee for Ana: Dee is free again
    assert {name: seat.partner for name, seat in room.seats().items()} == {"Ana": "Fay", "Ben": "", "Dee": "", "Fay": "Ana"}
    assert room.pairs() == [("Ana", "Fay"), ("Ben", "Dee")]
    zed = room.join(room.join_code, "Zed", partner="Nobody")
    assert room.player_view(zed)["partner"] == ""  # a partner who never joined is not shown as one
    teams = Classroom.new(load_pack(make_pack(tmp_path / "pack2")), mode="teams", teams=["Reds", "Blues"], folder=tmp_path / "t")
    teams.join(teams.join_code, "Ana")
    teams.join(teams.join_code, "Ben")
    with pytest.raises(GameError, match="couple mode"):
        teams.assign("Ana", partner="Ben")

"""The reading room on loopback: a real waitress server in a thread (port 0), over a copy of the sample library."""

from __future__ import annotations

import pytest
import requests

from app.web.limits import Limits
from app.web.server import ReadingRoom

# no rate limit unless a test asks for one: a test makes many requests from one address
OPEN = Limits(requests_per_minute=0)


class Client:
    """A ``requests`` session against one running reading room."""

    def __init__(self, room: ReadingRoom) -> None:
        self.room = room
        self.base = f"http://127.0.0.1:{room.port}"
        self.session = requests.Session()

    def get(self, path: str, **kw) -> requests.Response:
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", 20)
        return self.session.get(self.base + path, **kw)

    def post(self, path: str, **kw) -> requests.Response:
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", 20)
        return self.session.post(self.base + path, **kw)


@pytest.fixture
def serve():
    """Start reading rooms over a library: ``serve(library, access_code=..., limits=...)``; stopped afterwards."""
    rooms: list[ReadingRoom] = []

    def start(library, **options) -> Client:
        options.setdefault("limits", OPEN)
        room = ReadingRoom(library, host="127.0.0.1", port=0, **options).start()
        rooms.append(room)
        return Client(room)

    yield start
    for room in rooms:
        room.stop()


@pytest.fixture
def web(sample_library, serve) -> Client:
    return serve(sample_library)

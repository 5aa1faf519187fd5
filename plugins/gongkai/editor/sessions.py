"""Sessions of the editor, each with its own token against cross-site requests.

A session is a random id in an HttpOnly, SameSite=Strict cookie, kept in memory only: a
restart logs everyone out, which is the safe way round. Each session has a CSRF token that
every form carries and every state-changing request must send back. Sessions end after
``IDLE`` seconds without a request, and after ``LONGEST`` seconds in any case.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

COOKIE = "gongkai_editor"
IDLE = 2 * 60 * 60
LONGEST = 12 * 60 * 60


@dataclass
class Session:
    id: str
    csrf: str
    login: str | None = None  # the account (serve mode); None in local mode
    flash: list[tuple[str, str, str]] = field(default_factory=list)  # (text, link, link text) for the next page
    started: float = 0.0
    seen: float = 0.0

    def token_ok(self, token: str) -> bool:
        return hmac.compare_digest(self.csrf.encode(), (token or "").encode())


class Sessions:
    def __init__(self, idle: float = IDLE, longest: float = LONGEST, clock=time.monotonic):
        self.idle, self.longest = idle, longest
        self.clock = clock  # seconds, only ever compared
        self.by_id: dict[str, Session] = {}
        self.lock = threading.Lock()

    def start(self, login: str | None = None) -> Session:
        now = self.clock()
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), login, started=now, seen=now)
        with self.lock:
            self.by_id[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        now = self.clock()
        with self.lock:
            session = self.by_id.get(session_id or "")
            if session is None:
                return None
            if now - session.seen > self.idle or now - session.started > self.longest:
                del self.by_id[session.id]
                return None
            session.seen = now
            return session

    def end(self, session_id: str) -> None:
        with self.lock:
            self.by_id.pop(session_id, None)

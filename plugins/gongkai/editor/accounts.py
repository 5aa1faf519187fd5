"""Clerks' accounts for ``edit --serve``: who may change which org's records, and who reviews.

Kept in ``users.json`` in the editor's state folder (readable by the server's user only),
managed with ``publish.py users``. Passwords are hashed with Argon2id (argon2-cffi), never
stored or logged; a login name or address that keeps failing is refused for a while.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .store import write_whole

MIN_PASSWORD = 8


@dataclass
class User:
    login: str
    name: str
    email: str
    org: str  # the org whose records this clerk may change
    reviewer: bool  # may approve changes of the orgs below its own
    hash: str


class Accounts:
    def __init__(self, file: Path):
        self.file = Path(file)
        self.hasher = PasswordHasher()

    def _read(self) -> dict[str, User]:
        if not self.file.is_file():
            return {}
        return {login: User(**fields) for login, fields in json.loads(self.file.read_text("utf-8")).items()}

    def _write(self, users: dict[str, User]) -> None:
        write_whole(self.file, json.dumps({u.login: asdict(u) for u in users.values()}, ensure_ascii=False, indent=1))

    def all(self) -> list[User]:
        return sorted(self._read().values(), key=lambda u: (u.org, u.login))

    def get(self, login: str) -> User | None:
        return self._read().get(login)

    def add(self, login: str, name: str, email: str, org: str, reviewer: bool, password: str) -> User:
        users = self._read()
        user = User(login, name, email, org, reviewer, self.hasher.hash(password))
        users[login] = user
        self._write(users)
        return user

    def set_password(self, login: str, password: str) -> None:
        users = self._read()
        users[login].hash = self.hasher.hash(password)
        self._write(users)

    def remove(self, login: str) -> bool:
        users = self._read()
        if users.pop(login, None) is None:
            return False
        self._write(users)
        return True

    def verify(self, login: str, password: str) -> User | None:
        user = self.get(login)
        if user is None:
            self.hasher.hash(password)  # as slow as a real check: timing does not tell who exists
            return None
        try:
            self.hasher.verify(user.hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return user


class Throttle:
    """At most ``limit`` failed logins per key (a login name, an address) in ``window`` seconds."""

    def __init__(self, limit: int = 5, window: float = 15 * 60):
        self.limit, self.window = limit, window
        self.failures: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        recent = [t for t in self.failures.get(key, []) if now - t < self.window]
        self.failures[key] = recent
        return recent

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self.lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self.lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)

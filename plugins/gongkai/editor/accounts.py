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
    """Failed logins are counted per login name and per address over ``window`` seconds; past
    the limit, that name (or address) is refused until old failures age out. An address gets
    more tries than a name: a whole village office may sit behind one address."""

    LIMITS = {"login": 5, "address": 30}

    def __init__(self, window: float = 15 * 60):
        self.window = window
        self.failures: dict[tuple[str, str], list[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> list[float]:
        recent = [t for t in self.failures.get(key, []) if now - t < self.window]
        self.failures[key] = recent
        return recent

    def blocked(self, login: str, address: str) -> bool:
        now = time.monotonic()
        with self.lock:
            return any(len(self._recent(key, now)) >= self.LIMITS[key[0]] for key in _keys(login, address))

    def failed(self, login: str, address: str) -> None:
        now = time.monotonic()
        with self.lock:
            for key in _keys(login, address):
                self._recent(key, now).append(now)

    def succeeded(self, login: str, address: str) -> None:
        with self.lock:
            self.failures.pop(("login", login), None)


def _keys(login: str, address: str) -> list[tuple[str, str]]:
    return [("login", login), ("address", address)]

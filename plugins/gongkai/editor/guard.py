"""What every request passes before the editor sees it, and what every response carries.

* ``Host`` must be the editor's own: a web page whose name was made to resolve to 127.0.0.1
  (DNS rebinding) is not the editor and gets nothing.
* A request that changes anything (any method but GET and HEAD) must come from the editor's
  own pages: its ``Origin`` is one of the editor's origins (the per-session token is checked
  where the form is read, in ``app.py``).
* Every response forbids framing, sniffing, scripts from elsewhere and inline scripts.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_METHODS = ("GET", "HEAD")
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),  # a clerk's half-typed records stay out of caches
]


def host_of(origin: str) -> str:
    return urlsplit(origin).netloc.lower()


class Guard:
    """ASGI middleware: refuse foreign hosts and cross-origin writes; add the security headers."""

    def __init__(self, app, origins: set[str]):
        self.app = app
        self.origins = {o.rstrip("/").lower() for o in origins}
        self.hosts = {host_of(o) for o in self.origins}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "").lower() not in self.hosts:
            return await _refuse(send, 421, "这个地址不是编辑器的地址：请用启动时显示的地址打开")
        if scope["method"] not in SAFE_METHODS and headers.get("origin", "").rstrip("/").lower() not in self.origins:
            return await _refuse(send, 403, "拒绝：这个请求不是从编辑器自己的页面发出的（跨站请求），什么也没有改")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + SECURITY_HEADERS}
            await send(message)

        return await self.app(scope, receive, with_headers)


async def _refuse(send, status: int, message: str) -> None:
    body = (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>拒绝</title>'
            f"<p>{message}</p></html>").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})

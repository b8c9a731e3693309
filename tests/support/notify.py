"""A local GOV.UK Notify: a real HTTP server speaking the parts of Notify's API Putright uses.

Notify itself cannot be reached from tests, so this server implements, on 127.0.0.1:

* ``POST /v2/notifications/email``, ``/sms`` and ``/letter`` (precompiled PDF letters),
* ``GET /v2/notifications?reference=…`` and ``GET /v2/notifications/{id}``,

checking the JSON Web Token each request carries exactly as Notify does (HS256, signed with
the key's secret, ``iss`` the service ID, ``iat`` within 30 seconds), and answering with
Notify's documented JSON, including its error bodies for 400, 403, 429 and 500. Tests can
queue error responses and can hold a request after the notification is created (to kill the
worker while Notify has the message but the worker has not heard back).
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

SERVICE_ID = "8b3aa916-ec82-434e-b0c5-d5d9b371d6a3"
SECRET = "dcdc9d6e-4a3b-4d63-9f52-5bd3e4a1b7c2"
API_KEY = f"putright_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
SMS_TEMPLATE_ID = "289baf3d-6e72-4ae5-a0e0-5df0e5ee1e9b"


@dataclass
class NotifyServer:
    base_url: str = ""
    notifications: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    templates: dict[str, str] = field(
        default_factory=lambda: {EMAIL_TEMPLATE_ID: "email", SMS_TEMPLATE_ID: "sms"}
    )
    queued_errors: list[tuple[int, str, str]] = field(default_factory=list)
    # Set by a test to hold the next POST after its notification is created.
    holding: bool = False
    created: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, status: int, error: str, message: str) -> None:
        """Answer the next POST with Notify's error body instead of sending."""
        self.queued_errors.append((status, error, message))

    def sent(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [n for n in self.notifications if kind is None or n["type"] == kind]


def _error_body(status: int, error: str, message: str) -> dict[str, Any]:
    return {"status_code": status, "errors": [{"error": error, "message": message}]}


def _handler_for(server: NotifyServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _authorised(self) -> bool:
            header = self.headers.get("Authorization", "")
            if not header.startswith("Bearer "):
                self._reply(
                    401,
                    _error_body(
                        401, "AuthError", "Unauthorized: authentication token must be provided"
                    ),
                )
                return False
            token = header.removeprefix("Bearer ")
            try:
                if get_token_issuer(token) != SERVICE_ID:
                    raise TokenError("Invalid token: service not found")
                decode_jwt_token(token, SECRET)
            except TokenError as error:
                self._reply(403, _error_body(403, "AuthError", error.message))
                return False
            return True

        def do_GET(self) -> None:
            server.requests.append(("GET", self.path))
            if not self._authorised():
                return
            url = urlparse(self.path)
            if url.path == "/v2/notifications":
                reference = parse_qs(url.query).get("reference", [None])[0]
                found = [
                    _public(n)
                    for n in reversed(server.notifications)
                    if reference is None or n["reference"] == reference
                ]
                self._reply(
                    200,
                    {"notifications": found, "links": {"current": f"{server.base_url}{self.path}"}},
                )
                return
            if url.path.startswith("/v2/notifications/"):
                wanted = url.path.rsplit("/", 1)[1]
                for notification in server.notifications:
                    if notification["id"] == wanted:
                        self._reply(200, _public(notification))
                        return
                self._reply(404, _error_body(404, "NoResultFound", "No result found"))
                return
            self._reply(404, _error_body(404, "NoResultFound", "No result found"))

        def do_POST(self) -> None:
            server.requests.append(("POST", self.path))
            length = int(self.headers.get("Content-Length", "0"))
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._reply(400, _error_body(400, "BadRequestError", "Invalid JSON supplied"))
                return
            if not self._authorised():
                return
            if server.queued_errors:
                status, error, message = server.queued_errors.pop(0)
                self._reply(status, _error_body(status, error, message))
                return
            kind = self.path.rsplit("/", 1)[-1]
            problem = _validate(server, kind, body)
            if problem:
                self._reply(400, _error_body(400, "ValidationError", problem))
                return
            notification = _create(server, kind, body)
            if server.holding:
                # The notification exists: a worker killed now never hears back.
                server.created.set()
                server.release.wait(timeout=30)
            self._reply(201, _public(notification))

    return Handler


def _validate(server: NotifyServer, kind: str, body: dict[str, Any]) -> str | None:
    if kind == "email":
        required = ("email_address", "template_id")
    elif kind == "sms":
        required = ("phone_number", "template_id")
    elif kind == "letter":
        required = ("reference", "content") if "content" in body else ("template_id",)
    else:
        return f"{kind} is not a notification type"
    for name in required:
        if not body.get(name):
            return f"{name} is a required property"
    if "template_id" in body and server.templates.get(body["template_id"]) != kind:
        return "Template not found"
    if kind == "letter" and "content" in body:
        try:
            pdf = base64.b64decode(body["content"], validate=True)
        except ValueError:
            return "Cannot decode letter content"
        if not pdf.startswith(b"%PDF"):
            return "Letter content is not a valid PDF"
    return None


def _create(server: NotifyServer, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    notification = {
        "id": str(uuid.uuid4()),
        "type": kind,
        "reference": body.get("reference"),
        "email_address": body.get("email_address"),
        "phone_number": body.get("phone_number"),
        "template_id": body.get("template_id"),
        "personalisation": body.get("personalisation") or {},
        "email_reply_to_id": body.get("email_reply_to_id"),
        "pdf": base64.b64decode(body["content"]) if "content" in body else None,
        "status": "created",
    }
    with server.lock:
        server.notifications.append(notification)
    return notification


def _public(notification: dict[str, Any]) -> dict[str, Any]:
    personalisation = notification["personalisation"]
    return {
        "id": notification["id"],
        "reference": notification["reference"],
        "type": notification["type"],
        "status": notification["status"],
        "email_address": notification["email_address"],
        "phone_number": notification["phone_number"],
        "subject": personalisation.get("subject"),
        "body": personalisation.get("body", ""),
        "postage": "second" if notification["type"] == "letter" else None,
        "template": {"id": notification["template_id"], "version": 1},
    }


@pytest.fixture
def notify_server(settings) -> Iterator[NotifyServer]:
    """A local Notify on a free port, and Putright's Notify settings pointed at it."""
    server = NotifyServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(server))
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    server.base_url = f"http://{host}:{port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = server.base_url
    try:
        yield server
    finally:
        server.release.set()
        httpd.shutdown()
        httpd.server_close()

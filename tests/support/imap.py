"""A real IMAP4rev1 server for tests: TCP on 127.0.0.1, speaking what Python's imaplib sends.

It implements the commands a mail client needs to read a mailbox and mark messages read:
CAPABILITY, LOGIN, SELECT, UID SEARCH (ALL, UNSEEN, SEEN), UID FETCH (BODY.PEEK[], BODY[],
RFC822, FLAGS), UID STORE (+FLAGS, -FLAGS, FLAGS), EXPUNGE, CLOSE, NOOP and LOGOUT. As RFC 3501
says, fetching BODY[] or RFC822 sets \\Seen and BODY.PEEK[] does not.

``fail_on`` makes the server drop the connection when it receives that command (say "STORE"),
the way a crash or a network failure would, to test what a client leaves behind.
"""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

_TOKEN = re.compile(rb'"((?:[^"\\]|\\.)*)"|(\((?:[^()]|\([^()]*\))*\))|(\S+)')


@dataclass
class StoredMessage:
    uid: int
    content: bytes
    flags: set[str] = field(default_factory=set)


@dataclass
class Mailbox:
    user: str = "complaints@riverside.example"
    password: str = 'a "quoted" pass\\word'
    folders: dict[str, list[StoredMessage]] = field(default_factory=lambda: {"INBOX": []})
    fail_on: str | None = None
    next_uid: int = 1
    commands: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def deliver(self, content: bytes, *, folder: str = "INBOX", seen: bool = False) -> int:
        with self.lock:
            uid = self.next_uid
            self.next_uid += 1
            self.folders.setdefault(folder, []).append(
                StoredMessage(uid=uid, content=content, flags={"\\Seen"} if seen else set())
            )
            return uid

    def flags(self, uid: int, folder: str = "INBOX") -> set[str]:
        return next(m.flags for m in self.folders[folder] if m.uid == uid)


def _tokens(arguments: bytes) -> list[bytes]:
    tokens = []
    for quoted, listed, atom in _TOKEN.findall(arguments):
        if quoted:
            tokens.append(re.sub(rb"\\(.)", rb"\1", quoted))
        else:
            tokens.append(listed or atom)
    return tokens


def _uid_set(spec: bytes, messages: list[StoredMessage]) -> list[StoredMessage]:
    chosen: list[StoredMessage] = []
    highest = max((m.uid for m in messages), default=0)
    for part in spec.decode().split(","):
        low, _, high = part.partition(":")
        start = highest if low == "*" else int(low)
        end = start if not high else (highest if high == "*" else int(high))
        start, end = min(start, end), max(start, end)
        chosen.extend(m for m in messages if start <= m.uid <= end and m not in chosen)
    return chosen


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def send(self, line: str | bytes) -> None:
        data = line.encode() if isinstance(line, str) else line
        self.wfile.write(data + b"\r\n")

    def handle(self) -> None:
        mailbox = self.server.mailbox
        self.authenticated = False
        self.folder: str | None = None
        self.send("* OK Putright test IMAP4rev1 server ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.rstrip(b"\r\n").partition(b" ")
            command, _, arguments = rest.partition(b" ")
            name = command.decode(errors="replace").upper()
            if name == "UID":
                sub, _, arguments = arguments.partition(b" ")
                name = f"UID {sub.decode(errors='replace').upper()}"
            mailbox.commands.append(name)
            if mailbox.fail_on and name.endswith(mailbox.fail_on):
                return  # the connection drops, as in a crash
            with mailbox.lock:
                keep_going = self.dispatch(tag.decode(), name, _tokens(arguments))
            if not keep_going:
                return

    def dispatch(self, tag: str, name: str, args: list[bytes]) -> bool:
        mailbox = self.server.mailbox
        if name == "CAPABILITY":
            self.send("* CAPABILITY IMAP4rev1")
            self.send(f"{tag} OK CAPABILITY completed")
        elif name == "NOOP":
            self.send(f"{tag} OK NOOP completed")
        elif name == "LOGOUT":
            self.send("* BYE Logging out")
            self.send(f"{tag} OK LOGOUT completed")
            return False
        elif name == "LOGIN":
            if len(args) == 2 and [a.decode() for a in args] == [mailbox.user, mailbox.password]:
                self.authenticated = True
                self.send(f"{tag} OK LOGIN completed")
            else:
                self.send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials")
        elif not self.authenticated:
            self.send(f"{tag} NO Log in first")
        elif name == "SELECT":
            folder = args[0].decode() if args else ""
            if folder not in mailbox.folders:
                self.send(f"{tag} NO [NONEXISTENT] No such folder")
                return True
            self.folder = folder
            self.send("* FLAGS (\\Seen \\Deleted)")
            self.send(f"* {len(mailbox.folders[folder])} EXISTS")
            self.send("* OK [UIDVALIDITY 1] UIDs valid")
            self.send(f"{tag} OK [READ-WRITE] SELECT completed")
        elif self.folder is None:
            self.send(f"{tag} NO Select a folder first")
        else:
            return self.in_folder(tag, name, args, mailbox.folders[self.folder])
        return True

    def in_folder(
        self, tag: str, name: str, args: list[bytes], messages: list[StoredMessage]
    ) -> bool:
        if name == "UID SEARCH":
            criterion = (args[0] if args else b"ALL").upper()
            found = [
                m.uid
                for m in messages
                if criterion == b"ALL"
                or (criterion == b"UNSEEN" and "\\Seen" not in m.flags)
                or (criterion == b"SEEN" and "\\Seen" in m.flags)
            ]
            self.send("* SEARCH" + "".join(f" {uid}" for uid in found))
            self.send(f"{tag} OK SEARCH completed")
        elif name == "UID FETCH" and len(args) == 2:
            items = args[1].strip(b"()").upper()
            for message in _uid_set(args[0], messages):
                number = messages.index(message) + 1
                if items in (b"BODY.PEEK[]", b"BODY[]", b"RFC822"):
                    label = "RFC822" if items == b"RFC822" else "BODY[]"
                    if items != b"BODY.PEEK[]":
                        message.flags.add("\\Seen")
                    head = f"* {number} FETCH (UID {message.uid} {label} {{{len(message.content)}}}"
                    self.send(head.encode() + b"\r\n" + message.content + b")")
                elif items == b"FLAGS":
                    flags = " ".join(sorted(message.flags))
                    self.send(f"* {number} FETCH (UID {message.uid} FLAGS ({flags}))")
            self.send(f"{tag} OK FETCH completed")
        elif name == "UID STORE" and len(args) == 3:
            flags = set(args[2].strip(b"()").decode().split())
            mode = args[1].upper()
            for message in _uid_set(args[0], messages):
                if mode.startswith(b"+FLAGS"):
                    message.flags |= flags
                elif mode.startswith(b"-FLAGS"):
                    message.flags -= flags
                else:
                    message.flags = flags
                number = messages.index(message) + 1
                shown = " ".join(sorted(message.flags))
                self.send(f"* {number} FETCH (UID {message.uid} FLAGS ({shown}))")
            self.send(f"{tag} OK STORE completed")
        elif name in ("EXPUNGE", "CLOSE"):
            for message in [m for m in messages if "\\Deleted" in m.flags]:
                if name == "EXPUNGE":
                    self.send(f"* {messages.index(message) + 1} EXPUNGE")
                messages.remove(message)
            if name == "CLOSE":
                self.folder = None
            self.send(f"{tag} OK {name} completed")
        else:
            self.send(f"{tag} BAD Unknown or malformed command")
        return True


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mailbox: Mailbox) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.mailbox = mailbox


@dataclass
class ImapServer:
    host: str
    port: int
    mailbox: Mailbox


@pytest.fixture
def imap_server(settings) -> Iterator[ImapServer]:
    """A real IMAP server on this machine, and Putright's mailbox settings pointed at it."""
    mailbox = Mailbox()
    server = _Server(mailbox)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    settings.INBOUND_IMAP = {
        "HOST": host,
        "PORT": port,
        "USER": mailbox.user,
        "PASSWORD": mailbox.password,
        "FOLDER": "INBOX",
        "SSL": False,
    }
    try:
        yield ImapServer(host=str(host), port=int(port), mailbox=mailbox)
    finally:
        server.shutdown()
        server.server_close()

"""A throw-away Dovecot IMAP server on a loopback port, with a Maildir the test fills."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """
base_dir = {root}/run
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain
disable_plaintext_auth = yes
first_valid_uid = 0
mail_location = maildir:{root}/Maildir
default_login_user = dovenull
default_internal_user = dovecot
service imap-login {{
  inet_listener imap {{
    port = {plain_port}
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, *, up: bool, deadline: float = 15.0) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} did not come {'up' if up else 'down'}")


class Dovecot:
    def __init__(self, root: Path, password: str):
        self.root = root
        self.password = password
        self.port = free_port()
        # Dovecot never serves mail as root: under root, the mail belongs to its own user.
        if os.getuid() == 0:
            account = pwd.getpwnam("dovecot")
            self.uid, self.gid = account.pw_uid, account.pw_gid
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
        self.plain_port = free_port()
        (root / "run").mkdir(parents=True)
        (root / "home").mkdir()
        for sub in ("cur", "new", "tmp"):
            (root / "Maildir" / sub).mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem"),
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
            check=True, capture_output=True)
        (root / "dovecot.conf").write_text(CONFIG.format(
            root=root, port=self.port, plain_port=self.plain_port, password=password,
            uid=self.uid, gid=self.gid))
        self.cafile = str(root / "cert.pem")
        root.chmod(0o755)
        for path in (root / "home", root / "Maildir", *(root / "Maildir").iterdir()):
            os.chown(path, self.uid, self.gid)

    def add_message(self, name: str, raw: bytes) -> None:
        path = self.root / "Maildir" / "new" / name
        path.write_bytes(raw)
        os.chown(path, self.uid, self.gid)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, up=True)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)
        wait_for_port(self.port, up=False)

    def restart(self) -> None:
        self.stop()
        self.start()

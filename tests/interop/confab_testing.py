"""Shared pieces of the Python tests that talk to a real confabd.

Environment:
  CONFABD            path of the confabd binary to start
  CONFAB_PYTHON_OUT  directory holding the Python code generated from proto/
  CONFAB_DATABASE    when set, every confabd keeps its data there (a
                     PostgreSQL connection string) instead of SQLite
  CONFAB_CLUSTER     "1": the suites talk to a cluster (two confabd on
                     PostgreSQL and Redis) through the nginx edge, with TLS,
                     instead of one confabd (see deployment())

Importing this module puts CONFAB_PYTHON_OUT on sys.path, so the generated
`confab.v1` modules can be imported after it.
"""

import itertools
import os
import re
import secrets
import signal
import socket
import ssl
import string
import subprocess
import sys
import tempfile
import time
import unittest

import grpc

sys.path.insert(0, os.environ["CONFAB_PYTHON_OUT"])

from confab.v1 import account_pb2_grpc  # noqa: E402
from confab.v1 import auth_pb2, auth_pb2_grpc  # noqa: E402
from confab.v1 import chat_pb2_grpc  # noqa: E402

CALL_TIMEOUT = 20.0
STARTUP_TIMEOUT = 30.0
SHUTDOWN_TIMEOUT = 10.0

PASSWORD = "correct horse battery"

HEALTH_CHECK = "/grpc.health.v1.Health/Check"
HEALTH_SERVING = b"\x08\x01"


def rss_mib(pid):
    """The resident memory of a process, in MiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0


class Server:
    """A confabd process listening on a free loopback port.

    The data directory outlives the process: `start` after `stop` or `kill`
    runs a new process on the same data (on a new port, with a new channel).
    `stop` closes the channel first (an open connection would hold up the
    graceful shutdown); after `kill` it stays open until `close`, so calls
    still in flight on it fail with UNAVAILABLE rather than CANCELLED.
    """

    def __init__(self, binary=None, data_dir=None, extra_args=(), start=True, port=0):
        self.binary = binary or os.environ["CONFABD"]
        self._tmp = tempfile.TemporaryDirectory(prefix="confab-test-")
        self.data_dir = data_dir or os.path.join(self._tmp.name, "data")
        self._port_file = os.path.join(self._tmp.name, "port")
        self._extra_args = list(extra_args)
        # 0: a free port each start; else always this one (behind a proxy).
        self._listen_port = port
        self._log = open(os.path.join(self._tmp.name, "stderr.log"), "a+b")
        self._old_channels = []
        self.process = None
        self.port = None
        self.channel = None
        self.starts = 0
        if start:
            try:
                self.start()
            except BaseException:
                self.close()
                raise

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    @property
    def db_path(self):
        return os.path.join(self.data_dir, "confab.db")

    def start(self):
        """Starts confabd and waits until it reports SERVING."""
        if self.running:
            raise RuntimeError("confabd is already running")
        self._retire_channel()
        try:
            os.remove(self._port_file)
        except FileNotFoundError:
            pass
        self.starts += 1
        self._log.write(f"--- start {self.starts} ---\n".encode())
        self._log.flush()
        self.process = subprocess.Popen(
            [
                self.binary,
                "--listen", f"127.0.0.1:{self._listen_port}",
                "--port-file", self._port_file,
                "--data-dir", self.data_dir,
                *(("--database", os.environ["CONFAB_DATABASE"])
                  if os.environ.get("CONFAB_DATABASE") else ()),
                *self._extra_args,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        try:
            self.port = self._wait_for_port()
            self.channel = grpc.insecure_channel(f"127.0.0.1:{self.port}")
            self._wait_until_serving()
        except BaseException:
            self.kill()
            raise
        return self

    def stop(self):
        """Stops the server with SIGTERM and returns its exit code."""
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        if self.process is None:
            return None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            self._fail(f"confabd did not exit within {SHUTDOWN_TIMEOUT} s of SIGTERM")

    def stop_cleanly(self):
        """Stops the server with SIGTERM; raises unless it exits with code 0."""
        code = self.stop()
        if code != 0:
            self._fail(f"confabd exited with code {code}", error=AssertionError)

    def kill(self):
        """Kills the server with SIGKILL (no chance to clean up)."""
        self._retire_channel()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def restart(self):
        self.stop_cleanly()
        return self.start()

    def close(self):
        """Kills the process if it still runs and removes every temporary file."""
        try:
            self.kill()
        finally:
            for channel in self._old_channels:
                channel.close()
            self._old_channels.clear()
            self._log.close()
            self._tmp.cleanup()

    def stderr(self):
        if self._log.closed:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def _retire_channel(self):
        if self.channel is not None:
            self._old_channels.append(self.channel)
            self.channel = None

    def _fail(self, message, error=RuntimeError):
        raise error(f"{message}\n--- confabd stderr ---\n{self.stderr()}")

    def _wait_for_port(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"confabd exited with code {self.process.returncode} at start-up")
            try:
                with open(self._port_file) as f:
                    text = f.read().strip()
                if text:
                    return int(text)
            except (FileNotFoundError, ValueError):
                pass
            time.sleep(0.02)
        self._fail(f"confabd wrote no port file within {STARTUP_TIMEOUT} s")

    def _wait_until_serving(self):
        check = self.channel.unary_unary(HEALTH_CHECK)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"confabd exited with code {self.process.returncode} at start-up")
            try:
                if check(b"", timeout=2.0) == HEALTH_SERVING:
                    return
            except grpc.RpcError:
                pass
            time.sleep(0.05)
        self._fail(f"confabd was not SERVING within {STARTUP_TIMEOUT} s")


REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EDGE_TEMPLATE = os.path.join(REPO, "packaging", "nginx", "confab.conf.template")
NGINX = "/usr/sbin/nginx"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate_certificate(directory, name="localhost"):
    """A self-signed certificate from `confabd gen-cert`: (cert, key) paths."""
    subprocess.run([os.environ["CONFABD"], "gen-cert", "--out", directory, "--name", name],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(directory, "confabd.pem"), os.path.join(directory, "confabd.key")


class Edge:
    """nginx from Debian's package, configured by packaging/nginx's template
    exactly as an operator would (envsubst's ${CONFAB_*} names), in front of
    `backends` ("host:port" of plain-text confabd). Everything it writes is
    in its own temp dir; it listens with TLS on a free loopback port, its
    certificate made by `confabd gen-cert` for "localhost". `channel` is a
    grpc channel through it, trusting that certificate.
    """

    def __init__(self, backends, main_extra="", overrides=None):
        self._tmp = tempfile.TemporaryDirectory(prefix="cfe-")
        root = self._tmp.name
        os.chmod(root, 0o755)
        self.cert, self.key = generate_certificate(root)
        self.port = free_port()
        values = {
            "CONFAB_LISTEN": f"127.0.0.1:{self.port}",
            "CONFAB_SERVER_NAME": "localhost",
            "CONFAB_CERT": self.cert,
            "CONFAB_KEY": self.key,
            "CONFAB_BACKENDS": " ".join(f"server {b} max_fails=1 fail_timeout=1s;"
                                        for b in backends),
            "CONFAB_BACKEND_SCHEME": "grpc",
            "CONFAB_BACKEND_NAME": "localhost",
            "CONFAB_BACKEND_CA": self.cert,
        }
        with open(EDGE_TEMPLATE) as f:
            site = string.Template(f.read()).safe_substitute(values)
        # A test may change a directive's value ("grpc_read_timeout": "3s").
        for directive, value in (overrides or {}).items():
            site, count = re.subn(rf"(?m)^(\s*{directive}\s+)[^;]*;", rf"\g<1>{value};", site)
            if count == 0:
                raise ValueError(f"no {directive} in {EDGE_TEMPLATE}")
        with open(os.path.join(root, "confab.conf"), "w") as f:
            f.write(site)
        with open(os.path.join(root, "nginx.conf"), "w") as f:
            f.write(f"""daemon off;
master_process on;
worker_processes 1;
worker_shutdown_timeout 5s;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
{main_extra}
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/confab.conf;
}}
""")
        self.process = subprocess.Popen([NGINX, "-p", root, "-c", f"{root}/nginx.conf"],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.STDOUT)
        try:
            self._wait_for_port()
        except BaseException:
            self.close()
            raise
        with open(self.cert, "rb") as f:
            credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
        self.channel = grpc.secure_channel(f"localhost:{self.port}", credentials)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def workers(self):
        """Pids of the worker processes."""
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    if int(fields[1]) == self.process.pid and fields[0] != "Z":
                        pids.append(int(entry))
                except (OSError, IndexError, ValueError):
                    pass
        return pids

    def rss_mib(self):
        """Resident memory of the master and its workers, in MiB."""
        return rss_mib(self.process.pid) + sum(rss_mib(pid) for pid in self.workers())

    def error_log(self):
        try:
            with open(os.path.join(self._tmp.name, "error.log")) as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def close(self):
        if getattr(self, "channel", None) is not None:
            self.channel.close()
            self.channel = None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=SHUTDOWN_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._tmp.cleanup()

    def _wait_for_port(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with code {self.process.returncode}:\n"
                                   f"{self.error_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"nginx did not listen within {STARTUP_TIMEOUT} s")


def h2_socket(port, cafile=None):
    """A socket for a raw HTTP/2 client: plain to 127.0.0.1:port, or TLS
    (ALPN h2, "localhost" checked against `cafile`) when a CA is given."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if cafile:
        context = ssl.create_default_context(cafile=cafile)
        context.set_alpn_protocols(["h2"])
        sock = context.wrap_socket(sock, server_hostname="localhost")
    return sock


def deployment(extra_args=()):
    """What a suite talks to: one confabd (a Server), or with CONFAB_CLUSTER=1
    a cluster behind the edge (tests/cluster/cluster.py). Either has
    `channel`, `stop_cleanly()` and `close()`."""
    if os.environ.get("CONFAB_CLUSTER") == "1":
        sys.path.insert(0, os.path.join(REPO, "tests", "cluster"))
        from cluster import Cluster
        return Cluster(instances=2, edge=True, extra_args=extra_args)
    return Server(extra_args=extra_args)


class Stubs:
    """The Confab service stubs over one channel."""

    def __init__(self, channel):
        self.auth = auth_pb2_grpc.AuthStub(channel)
        self.accounts = account_pb2_grpc.AccountsStub(channel)
        self.chat = chat_pb2_grpc.ChatStub(channel)


_names = itertools.count(1)
_run = secrets.token_hex(3)


def unique_username(prefix="user"):
    return f"{prefix}{_run}.{next(_names)}"


def bearer(session_or_token):
    token = getattr(session_or_token, "access_token", session_or_token)
    return (("authorization", f"Bearer {token}"),)


def register(auth, username=None, display_name="", device_name="interop", password=PASSWORD):
    return auth.Register(
        auth_pb2.RegisterRequest(
            username=username or unique_username(),
            password=password,
            display_name=display_name,
            device_name=device_name,
        ),
        timeout=CALL_TIMEOUT,
    )


def login(auth, username, password=PASSWORD, device_name="interop"):
    return auth.Login(
        auth_pb2.LoginRequest(username=username, password=password, device_name=device_name),
        timeout=CALL_TIMEOUT,
    )


class ConfabTestCase(unittest.TestCase):
    def assertRpcError(self, code, call, *args, **kwargs):
        """Asserts that the call fails with `code` and returns its details."""
        kwargs.setdefault("timeout", CALL_TIMEOUT)
        with self.assertRaises(grpc.RpcError) as caught:
            call(*args, **kwargs)
        error = caught.exception
        self.assertEqual(error.code(), code, error.details())
        return error.details() or ""

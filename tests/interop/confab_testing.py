"""Shared pieces of the Python tests that talk to a real confabd.

Environment:
  CONFABD            path of the confabd binary to start
  CONFAB_PYTHON_OUT  directory holding the Python code generated from proto/

Importing this module puts CONFAB_PYTHON_OUT on sys.path, so the generated
`confab.v1` modules can be imported after it.
"""

import itertools
import os
import secrets
import signal
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

    def __init__(self, binary=None, data_dir=None, extra_args=(), start=True):
        self.binary = binary or os.environ["CONFABD"]
        self._tmp = tempfile.TemporaryDirectory(prefix="confab-test-")
        self.data_dir = data_dir or os.path.join(self._tmp.name, "data")
        self._port_file = os.path.join(self._tmp.name, "port")
        self._extra_args = list(extra_args)
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
                "--listen", "127.0.0.1:0",
                "--port-file", self._port_file,
                "--data-dir", self.data_dir,
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

"""PostgreSQL and Redis servers of their own for a test, from Debian's
packages, in a temp dir, listening on unix sockets only (no TCP port, no
system service). Each can be stopped, killed and started again on the same
data, for the tests of what a deployment does when one goes away.
"""

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time

PG_BIN = "/usr/lib/postgresql/15/bin"
REDIS_SERVER = "/usr/bin/redis-server"
STARTUP_TIMEOUT = 30.0


def _short_tempdir(prefix):
    # Unix socket paths are limited to 107 bytes: stay short, in /tmp.
    return tempfile.mkdtemp(prefix=prefix, dir="/tmp")


class Postgres:
    """A PostgreSQL 15 cluster in a temp dir, on a unix socket there.

    `conninfo` is a libpq key=value string for its `postgres` database as
    the superuser `postgres` (trust authentication: only this machine's
    processes that can open the socket reach it). `durable=False` turns off
    fsync, for tests that do not test durability.
    """

    def __init__(self, durable=False, start=True):
        self.dir = _short_tempdir("cfpg-")
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "postgres.log")
        self.durable = durable
        self._as_postgres = []
        if os.geteuid() == 0:
            # initdb refuses to run as root: the cluster belongs to postgres.
            entry = pwd.getpwnam("postgres")
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
            self.user = "postgres"
        else:
            self.user = pwd.getpwuid(os.geteuid()).pw_name
        os.chmod(self.dir, 0o755)
        self._run(os.path.join(PG_BIN, "initdb"), "-D", self.data, "--auth=trust",
                  "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8",
                  "--no-sync")
        if start:
            self.start()

    @property
    def conninfo(self):
        return f"host={self.dir} user=postgres dbname=postgres"

    def conninfo_for(self, database):
        return f"host={self.dir} user=postgres dbname={database}"

    def _run(self, *args):
        subprocess.run([*self._as_postgres, *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def start(self):
        options = (f"-c listen_addresses='' -k {self.dir} -c max_connections=200 "
                   f"-c fsync={'on' if self.durable else 'off'} "
                   f"-c synchronous_commit={'on' if self.durable else 'off'} "
                   f"-c full_page_writes={'on' if self.durable else 'off'}")
        self._run(os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-l", self.log, "-o", options,
                  "-w", "-t", str(int(STARTUP_TIMEOUT)), "start")

    def stop(self):
        """A fast shutdown: clients are disconnected, nothing is lost."""
        self._run(os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop")

    def pid(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                return int(f.readline())
        except (FileNotFoundError, ValueError):
            return None

    def psql(self, sql, database="postgres"):
        """Runs `sql` with psql; returns its output (unaligned, no headers)."""
        result = subprocess.run(
            ["/usr/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             self.conninfo_for(database), "-c", sql],
            check=True, capture_output=True, text=True)
        return result.stdout.strip()

    def close(self):
        if self.pid() is not None:
            try:
                self._run(os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", "immediate",
                          "-w", "stop")
            except subprocess.CalledProcessError:
                pid = self.pid()
                if pid:
                    os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class Redis:
    """A Redis server in a temp dir on a unix socket there, no persistence:
    a restart starts it empty, as a Redis that lost its memory would."""

    def __init__(self, start=True):
        self.dir = _short_tempdir("cfrd-")
        self.socket = os.path.join(self.dir, "redis.sock")
        self.process = None
        if start:
            self.start()

    @property
    def url(self):
        return f"unix://{self.socket}"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", "0", "--unixsocket", self.socket, "--unixsocketperm", "700",
             "--save", "", "--appendonly", "no", "--dir", self.dir, "--daemonize", "no",
             "--logfile", os.path.join(self.dir, "redis.log")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with code {self.process.returncode}")
            if os.path.exists(self.socket) and self.ping():
                return
            time.sleep(0.01)
        raise RuntimeError("redis-server did not start")

    def ping(self):
        try:
            return self.cli("PING") == "PONG"
        except subprocess.CalledProcessError:
            return False

    def cli(self, *args):
        result = subprocess.run(["/usr/bin/redis-cli", "-s", self.socket, *args], check=True,
                                capture_output=True, text=True)
        return result.stdout.strip()

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        try:
            os.remove(self.socket)
        except FileNotFoundError:
            pass

    def close(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

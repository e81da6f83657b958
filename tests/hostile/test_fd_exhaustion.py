"""A stranger runs confabd out of file descriptors with idle connections.

With gRPC 1.51 a failed accept4 (EMFILE) ends the accept loop for good
(CVE-2023-4785): the process stays alive, serves the connections it has, and
takes no new one, so no supervisor notices. confabd must either take new
connections again once the idle ones are gone, or stop with a non-zero
status for its supervisor to restart it; never stay wedged.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
from confab_testing import HEALTH_CHECK, HEALTH_SERVING  # noqa: E402

import grpc  # noqa: E402

FD_LIMIT = 64
IDLE_CONNECTIONS = 100
# Detection takes three failed self-checks five seconds apart.
DEADLINE = 45.0


class FdExhaustionTest(unittest.TestCase):
    def test_a_run_out_of_descriptors_does_not_wedge_the_server(self):
        with tempfile.TemporaryDirectory(prefix="confab-hostile-") as tmp:
            port_file = os.path.join(tmp, "port")
            log = open(os.path.join(tmp, "stderr.log"), "w+b")
            process = subprocess.Popen(
                ["prlimit", f"--nofile={FD_LIMIT}:{FD_LIMIT}", os.environ["CONFABD"],
                 "--listen", "127.0.0.1:0", "--port-file", port_file,
                 "--data-dir", os.path.join(tmp, "data")],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
            try:
                deadline = time.monotonic() + 20
                while not os.path.exists(port_file):
                    self.assertIsNone(process.poll(), "confabd exited at start-up")
                    self.assertLess(time.monotonic(), deadline, "no port file")
                    time.sleep(0.02)
                with open(port_file) as f:
                    port = int(f.read())
                self.assertTrue(self.serving(port), "not serving before the attack")

                # The attack: more idle connections than descriptors, held, closed.
                sockets = []
                for _ in range(IDLE_CONNECTIONS):
                    try:
                        sockets.append(socket.create_connection(("127.0.0.1", port), timeout=1))
                    except OSError:
                        pass
                time.sleep(2)
                for s in sockets:
                    s.close()

                # Served again, or stopped with a status a supervisor acts on.
                deadline = time.monotonic() + DEADLINE
                outcome = None
                while time.monotonic() < deadline:
                    code = process.poll()
                    if code is not None:
                        outcome = f"exited with {code}"
                        self.assertNotEqual(code, 0, "a wedged server must not exit with 0")
                        break
                    if self.serving(port):
                        outcome = "serving"
                        break
                    time.sleep(0.5)
                log.seek(0)
                self.assertIsNotNone(
                    outcome, "wedged: alive and taking no connection\n" + log.read().decode())
                print(f"after the attack: {outcome}")
            finally:
                if process.poll() is None:
                    process.kill()
                process.wait()
                log.close()

    @staticmethod
    def serving(port):
        with grpc.insecure_channel(f"127.0.0.1:{port}",
                                   options=[("grpc.use_local_subchannel_pool", 1)]) as channel:
            try:
                return channel.unary_unary(HEALTH_CHECK)(b"", timeout=2.0) == HEALTH_SERVING
            except grpc.RpcError:
                return False


if __name__ == "__main__":
    unittest.main()

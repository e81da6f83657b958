"""Requests that do not parse, from a stranger, to every unary method.

Each is answered INVALID_ARGUMENT with a "request: …" message (not gRPC
1.51's bare UNIMPLEMENTED), and a flood of them does not flood the log.
"""
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
import confab_testing  # noqa: E402,F401  (puts the generated modules on the path)

from confab.v1 import account_pb2, auth_pb2, chat_pb2  # noqa: E402
import grpc  # noqa: E402

NOT_A_MESSAGE = b"\xff\xff\xff\xff\xff"
# Field 1, length 2, not UTF-8 (for the methods whose field 1 is a string).
NOT_UTF8 = b"\x0a\x02\xff\xfe"
FLOOD = 1000


def unary_methods():
    for module in (auth_pb2, account_pb2, chat_pb2):
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                if not method.server_streaming and not method.client_streaming:
                    yield f"/{service.full_name}/{method.name}", method


class BadRequestsTest(unittest.TestCase):
    def test_unparseable_requests_are_invalid_arguments_and_logged_sparingly(self):
        with tempfile.TemporaryDirectory(prefix="confab-hostile-") as tmp:
            port_file = os.path.join(tmp, "port")
            out = open(os.path.join(tmp, "out.log"), "w+b")
            process = subprocess.Popen(
                [os.environ["CONFABD"], "--listen", "127.0.0.1:0", "--port-file", port_file,
                 "--data-dir", os.path.join(tmp, "data")],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
            try:
                deadline = time.monotonic() + 20
                while not os.path.exists(port_file):
                    self.assertIsNone(process.poll())
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.02)
                with open(port_file) as f:
                    port = int(f.read())
                channel = grpc.insecure_channel(f"127.0.0.1:{port}")
                grpc.channel_ready_future(channel).result(timeout=10)
                methods = list(unary_methods())
                self.assertGreater(len(methods), 20)
                for path, method in methods:
                    payloads = [NOT_A_MESSAGE]
                    first = method.input_type.fields_by_number.get(1)
                    if first is not None and first.type == first.TYPE_STRING:
                        payloads.append(NOT_UTF8)
                    for payload in payloads:
                        with self.assertRaises(grpc.RpcError, msg=path) as caught:
                            channel.unary_unary(path)(payload, timeout=5)
                        self.assertEqual(caught.exception.code(),
                                         grpc.StatusCode.INVALID_ARGUMENT, path)
                        self.assertTrue(caught.exception.details().startswith("request: "),
                                        f"{path}: {caught.exception.details()!r}")

                out.flush()
                before = os.path.getsize(out.name)
                register = channel.unary_unary("/confab.v1.Auth/Register")
                for _ in range(FLOOD):
                    try:
                        register(NOT_UTF8, timeout=5)
                    except grpc.RpcError as e:
                        self.assertEqual(e.code(), grpc.StatusCode.INVALID_ARGUMENT)
                time.sleep(0.3)
                grown = os.path.getsize(out.name) - before
                print(f"{len(methods)} methods; {FLOOD} bad requests grew the log by {grown} bytes")
                self.assertLess(grown, 4096)
                channel.close()
            finally:
                process.terminate()
                process.wait(timeout=15)
                out.close()


if __name__ == "__main__":
    unittest.main()

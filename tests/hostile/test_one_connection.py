"""What one HTTP/2 connection can make confabd hold.

A client opens hundreds of GetHistory calls on one connection and never
opens its flow-control window, so every answer stays in the server's
memory. The server must bound what it holds (calls per connection, bytes per
answer, a memory quota) and keep serving everyone else promptly; so must the
nginx edge of packaging/nginx in front of it (the second test).
"""
import os
import struct
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
from confab_testing import Edge, Server, Stubs, h2_socket, rss_mib, unique_username  # noqa: E402

from confab.v1 import auth_pb2, account_pb2, chat_pb2  # noqa: E402
import h2.config  # noqa: E402
import h2.connection  # noqa: E402
import h2.settings  # noqa: E402

CALLS = 300
MESSAGES = 200
TEXT = "x" * 3900
# What the server (and the edge) may grow by while the stalled calls are open.
GROWTH_LIMIT_MIB = 128
SERVER_ARGS = ("--rate-messages", "0", "--registrations-per-address", "0", "--log-level", "warn")


def grpc_frame(message):
    body = message.SerializeToString()
    return b"\x00" + struct.pack(">I", len(body)) + body


class OneConnectionTest(unittest.TestCase):
    def test_stalled_answers_on_one_connection_are_bounded(self):
        with Server(extra_args=SERVER_ARGS) as server:
            self.stall(server, server.port, server.channel)

    def test_stalled_answers_through_the_edge_are_bounded(self):
        with Server(extra_args=SERVER_ARGS) as server, \
                Edge([f"127.0.0.1:{server.port}"]) as edge:
            self.stall(server, edge.port, edge.channel, edge)

    def stall(self, server, port, channel, edge=None):
        stubs = Stubs(channel)
        name = unique_username("hoarder")
        session = stubs.auth.Register(auth_pb2.RegisterRequest(
            username=name, password="correct horse"), timeout=10)
        metadata = [("authorization", f"Bearer {session.access_token}")]
        room = stubs.chat.CreateRoom(chat_pb2.CreateRoomRequest(name="Archive"),
                                     metadata=metadata, timeout=10)
        for i in range(MESSAGES):
            stubs.chat.SendMessage(chat_pb2.SendMessageRequest(
                room_id=room.id, text=f"{i} {TEXT}"), metadata=metadata, timeout=10)
        full = stubs.chat.GetHistory(chat_pb2.GetHistoryRequest(
            room_id=room.id, limit=200), metadata=metadata, timeout=10)
        # A page is bounded in bytes too: the newest events, and "more".
        self.assertLessEqual(full.ByteSize(), 256 * 1024)
        self.assertGreater(len(full.events), 10)
        self.assertTrue(full.has_more)
        self.assertEqual(full.events[-1].message_posted.text, f"{MESSAGES - 1} {TEXT}")
        before = rss_mib(server.process.pid)
        edge_before = edge.rss_mib() if edge else 0

        # One connection, a window of zero for every stream, CALLS calls.
        sock = h2_socket(port, edge.cert if edge else None)
        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
        conn.initiate_connection()
        conn.update_settings({h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: 0})
        sock.sendall(conn.data_to_send())
        request = grpc_frame(chat_pb2.GetHistoryRequest(room_id=room.id, limit=200))
        opened = 0
        for _ in range(CALLS):
            stream = conn.get_next_available_stream_id()
            try:
                conn.send_headers(stream, [
                    (":method", "POST"), (":scheme", "https" if edge else "http"),
                    (":path", "/confab.v1.Chat/GetHistory"),
                    (":authority", f"localhost:{port}"),
                    ("content-type", "application/grpc"), ("te", "trailers"),
                    ("authorization", f"Bearer {session.access_token}"),
                ])
                conn.send_data(stream, request, end_stream=True)
                opened += 1
            except Exception:  # the server's stream limit, seen by h2
                break
            sock.sendall(conn.data_to_send())
        time.sleep(3)
        during = rss_mib(server.process.pid)
        edge_during = edge.rss_mib() if edge else 0

        # Everyone else is served, and quickly.
        started = time.monotonic()
        stubs.accounts.GetMe(account_pb2.GetMeRequest(), metadata=metadata, timeout=5)
        get_me = time.monotonic() - started
        sock.close()
        # And what it held goes back to the system once it is gone.
        deadline = time.monotonic() + 40
        after = rss_mib(server.process.pid)
        while after - before > 32 and time.monotonic() < deadline:
            time.sleep(1)
            after = rss_mib(server.process.pid)
        print(f"RSS {after:.0f} MiB once the connection closed")
        self.assertLess(after - before, 32)
        print(f"one answer {full.ByteSize() / 1024:.0f} KiB, {opened} calls sent, "
              f"RSS {before:.0f} -> {during:.0f} MiB, edge {edge_before:.0f} -> "
              f"{edge_during:.0f} MiB, GetMe {get_me * 1000:.0f} ms")
        self.assertLess(during - before, GROWTH_LIMIT_MIB)
        self.assertLess(edge_during - edge_before, GROWTH_LIMIT_MIB)
        self.assertLess(get_me, 1.0)


if __name__ == "__main__":
    unittest.main()

"""The nginx edge of packaging/nginx in front of confabd, as deployed.

Long-lived Subscribe streams through nginx: nginx ends a stream that hears
nothing for grpc_read_timeout (the client would see INTERNAL), so confabd
pings quiet connections (--keepalive). Here the edge's read timeout is cut
to 3 s and confabd pings every second: an idle stream stays open well past
the timeout and still gets what is sent to it.

Per-address limits behind the edge: confabd counts the address in
`x-real-ip` only for connections from a --trusted-proxy; nginx replaces
what a client puts there.
"""
import os
import queue
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
from confab_testing import Edge, Server, Stubs, bearer, register, unique_username  # noqa: E402

from confab.v1 import auth_pb2, chat_pb2  # noqa: E402
import grpc  # noqa: E402

READ_TIMEOUT_S = 3
IDLE_S = 8
# The server's ping interval; CONFAB_KEEPALIVE=60 shows the stream dying.
KEEPALIVE_S = os.environ.get("CONFAB_KEEPALIVE", "1")


class EdgeTest(unittest.TestCase):
    def test_an_idle_stream_through_the_edge_stays_open(self):
        with Server(extra_args=("--keepalive", KEEPALIVE_S, "--log-level", "warn")) as server, \
                Edge([f"127.0.0.1:{server.port}"],
                     overrides={"grpc_read_timeout": f"{READ_TIMEOUT_S}s"}) as edge:
            stubs = Stubs(edge.channel)
            anna = register(stubs.auth, unique_username("anna"))
            room = stubs.chat.CreateRoom(chat_pb2.CreateRoomRequest(name="Quiet"),
                                         metadata=bearer(anna), timeout=10)
            events = queue.Queue()
            call = stubs.chat.Subscribe(chat_pb2.SubscribeRequest(), metadata=bearer(anna))

            def read():
                try:
                    for event in call:
                        events.put(event)
                    events.put("ended")
                except grpc.RpcError as error:
                    events.put(error)

            threading.Thread(target=read, daemon=True).start()
            self.addCleanup(call.cancel)
            while True:
                event = events.get(timeout=10)
                self.assertIsInstance(event, chat_pb2.Event, event)
                if event.WhichOneof("kind") == "synced":
                    break

            # Nothing but the stream's end counts (its own presence may come).
            started = time.monotonic()
            ended = None
            while ended is None and time.monotonic() - started < IDLE_S:
                try:
                    item = events.get(timeout=max(0.01, IDLE_S - (time.monotonic() - started)))
                except queue.Empty:
                    break
                if not isinstance(item, chat_pb2.Event):
                    ended = item
            self.assertIsNone(ended, f"the idle stream ended after "
                                     f"{time.monotonic() - started:.1f} s: {ended}")

            sent = stubs.chat.SendMessage(chat_pb2.SendMessageRequest(room_id=room.id,
                                                                      text="still there?"),
                                          metadata=bearer(anna), timeout=10)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                event = events.get(timeout=10)
                self.assertIsInstance(event, chat_pb2.Event, event)
                if (event.WhichOneof("kind") == "room_event"
                        and event.room_event.WhichOneof("kind") == "message_posted"):
                    self.assertEqual(event.room_event.seq, sent.seq)
                    break
            else:
                self.fail("the message did not arrive on the stream")


    def registrations(self, stubs, count, forged=None):
        """How many of `count` registrations go through, each claiming to
        come from another address when `forged` is given."""
        made = 0
        for i in range(count):
            metadata = (("x-real-ip", f"{forged}.{i + 1}"),) if forged else ()
            try:
                stubs.auth.Register(auth_pb2.RegisterRequest(
                    username=unique_username("crowd"), password="correct horse battery"),
                    metadata=metadata, timeout=10)
                made += 1
            except grpc.RpcError as error:
                self.assertEqual(error.code(), grpc.StatusCode.RESOURCE_EXHAUSTED,
                                 error.details())
        return made

    def test_client_addresses_behind_the_edge(self):
        # Five registrations per address at once (the burst), then refused.
        args = ("--registrations-per-address", "1", "--registrations", "0", "--log-level", "warn")
        # Without --trusted-proxy, what a client claims is ignored.
        with Server(extra_args=args) as server:
            self.assertEqual(self.registrations(Stubs(server.channel), 8, forged="203.0.113"), 5)
        # With it, a trusted proxy names each client...
        with Server(extra_args=args + ("--trusted-proxy", "127.0.0.1/32")) as server:
            self.assertEqual(self.registrations(Stubs(server.channel), 8, forged="203.0.113"), 8)
            # ...and the edge replaces what clients claim by their address.
            with Edge([f"127.0.0.1:{server.port}"]) as edge:
                self.assertEqual(self.registrations(Stubs(edge.channel), 8,
                                                    forged="198.51.100"), 5)


if __name__ == "__main__":
    unittest.main()

"""The nginx edge of packaging/nginx in front of confabd, as deployed.

Long-lived Subscribe streams through nginx: nginx ends a stream that hears
nothing for grpc_read_timeout (the client would see INTERNAL), so confabd
pings quiet connections (--keepalive). Here the edge's read timeout is cut
to 3 s and confabd pings every second: an idle stream stays open well past
the timeout and still gets what is sent to it.
"""
import os
import queue
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
from confab_testing import Edge, Server, Stubs, bearer, register, unique_username  # noqa: E402

from confab.v1 import chat_pb2  # noqa: E402
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

            started = time.monotonic()
            try:
                ended = events.get(timeout=IDLE_S)
            except queue.Empty:
                ended = None
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


if __name__ == "__main__":
    unittest.main()

"""PostgreSQL goes away for a few seconds under a send load, and comes back,
under a cluster of two instances behind the edge.

While it is away: health says NOT_SERVING, calls fail with UNAVAILABLE
(never INTERNAL or UNKNOWN: clients retry UNAVAILABLE), and senders that
retry with their client_message_id lose nothing. When it is back: SERVING
again, sends go through, and the room's log holds every acknowledged
message exactly once, in a gap-free order.
"""
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
from confab_testing import (HEALTH_CHECK, HEALTH_SERVING, Stubs, bearer,  # noqa: E402
                            register, unique_username)

sys.path.insert(0, os.path.dirname(__file__))
from cluster import Cluster  # noqa: E402

from confab.v1 import account_pb2, chat_pb2  # noqa: E402
import grpc  # noqa: E402

HEALTH_NOT_SERVING = b"\x08\x02"
OUTAGE_S = 3


class DatabaseOutageTest(unittest.TestCase):
    def test_sends_fail_unavailable_while_the_database_is_down_and_nothing_is_lost(self):
        with Cluster(instances=2, edge=True, extra_args=("--log-level", "error")) as cluster:
            database = cluster.database
            stubs = Stubs(cluster.channel)
            checks = [s.channel.unary_unary(HEALTH_CHECK) for s in cluster.servers]

            def health(request, timeout):
                """The instances' health, when they agree."""
                answers = {check(request, timeout=timeout) for check in checks}
                return answers.pop() if len(answers) == 1 else None
            anna = register(stubs.auth, unique_username("anna"))
            room = stubs.chat.CreateRoom(chat_pb2.CreateRoomRequest(name="Outage"),
                                         metadata=bearer(anna), timeout=10)

            acknowledged = {}
            failures = []
            stop = threading.Event()

            def sender(worker):
                n = 0
                while not stop.is_set():
                    client_id = f"w{worker}-{n}"
                    try:
                        message = stubs.chat.SendMessage(
                            chat_pb2.SendMessageRequest(room_id=room.id, text=client_id,
                                                        client_message_id=client_id),
                            metadata=bearer(anna), timeout=10)
                        acknowledged[client_id] = message.seq
                        n += 1
                    except grpc.RpcError as error:
                        # The same message again, as a client's outbox does.
                        failures.append(error.code())
                        time.sleep(0.05)

            workers = [threading.Thread(target=sender, args=(w,)) for w in range(4)]
            for worker in workers:
                worker.start()
            try:
                time.sleep(1)
                before = len(acknowledged)
                self.assertGreater(before, 0)
                database.stop()
                down_at = time.monotonic()
                # Health follows the database.
                status = None
                while time.monotonic() - down_at < 10:
                    status = health(b"", timeout=5)
                    if status == HEALTH_NOT_SERVING:
                        break
                    time.sleep(0.1)
                noticed = time.monotonic() - down_at
                self.assertEqual(status, HEALTH_NOT_SERVING)
                with self.assertRaises(grpc.RpcError) as caught:
                    stubs.accounts.GetMe(account_pb2.GetMeRequest(), metadata=bearer(anna),
                                         timeout=10)
                self.assertEqual(caught.exception.code(), grpc.StatusCode.UNAVAILABLE,
                                 caught.exception.details())
                time.sleep(max(0.0, OUTAGE_S - (time.monotonic() - down_at)))
                during = len(acknowledged)
                database.start()
                up_at = time.monotonic()
                while time.monotonic() - up_at < 10 and health(b"", timeout=5) != HEALTH_SERVING:
                    time.sleep(0.1)
                back = time.monotonic() - up_at
                self.assertEqual(health(b"", timeout=5), HEALTH_SERVING)
                deadline = time.monotonic() + 10
                while len(acknowledged) < during + 20 and time.monotonic() < deadline:
                    time.sleep(0.1)
            finally:
                stop.set()
                for worker in workers:
                    worker.join(timeout=30)

            codes = {code for code in failures}
            print(f"{len(acknowledged)} acknowledged ({before} before the outage), "
                  f"{len(failures)} failed with {sorted(c.name for c in codes)}; NOT_SERVING "
                  f"after {noticed:.1f} s, SERVING {back:.1f} s after the restart")
            self.assertTrue(failures, "no send failed while the database was down")
            self.assertEqual(codes, {grpc.StatusCode.UNAVAILABLE})
            self.assertGreater(len(acknowledged), during + 10, "sends did not resume")

            # Every acknowledged message is in the log once, in a gap-free log.
            events = []
            before_seq = 0
            while True:
                page = stubs.chat.GetHistory(
                    chat_pb2.GetHistoryRequest(room_id=room.id, before_seq=before_seq, limit=200),
                    metadata=bearer(anna), timeout=10)
                events = list(page.events) + events
                if not page.has_more:
                    break
                before_seq = page.events[0].seq
            seqs = [e.seq for e in events]
            self.assertEqual(seqs, list(range(1, len(seqs) + 1)))
            texts = [e.message_posted.text for e in events if e.HasField("message_posted")]
            self.assertEqual(len(texts), len(set(texts)), "a message was stored twice")
            for client_id, seq in acknowledged.items():
                self.assertIn(client_id, texts)
                self.assertEqual(events[seq - 1].message_posted.text, client_id)


if __name__ == "__main__":
    unittest.main()

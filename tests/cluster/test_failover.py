"""Instances die under load, behind the nginx edge, and nothing is lost.

Two confabd on PostgreSQL and Redis behind nginx. Four senders post to one
room through the edge, each retrying a failed send with the same
client_message_id (as the app's outbox does); two readers follow the room
through the edge and, when their stream breaks, subscribe again from their
cursor (as the app does). Five times an instance is killed with SIGKILL
and started again; then Redis is restarted empty mid-load.

At the end every reader has seen the room's log exactly: every seq once,
in order, no gap; every acknowledged message is in the log once.
"""
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from cluster import Client, Cluster  # noqa: E402

from confab.v1 import chat_pb2  # noqa: E402
import grpc  # noqa: E402

KILLS = 5
SENDERS = 4
READERS = 2


class Reader:
    """Follows one room through the edge, resubscribing from its cursor."""

    def __init__(self, client, room_id):
        self.client = client
        self.room_id = room_id
        self.seqs = []
        self.texts = []
        self.resubscribes = 0
        self.errors = set()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            cursor = self.seqs[-1] if self.seqs else 0
            call = self.client.stubs.chat.Subscribe(
                chat_pb2.SubscribeRequest(cursors=[chat_pb2.RoomCursor(room_id=self.room_id,
                                                                       last_seq=cursor)]),
                metadata=self.client.metadata)
            self.call = call
            try:
                for event in call:
                    if event.WhichOneof("kind") != "room_event":
                        continue
                    if event.room_event.room_id != self.room_id:
                        continue
                    self.seqs.append(event.room_event.seq)
                    if event.room_event.WhichOneof("kind") == "message_posted":
                        self.texts.append(event.room_event.message_posted.text)
                    if self.stop.is_set():
                        break
            except grpc.RpcError as error:
                self.errors.add(error.code().name)
            if not self.stop.is_set():
                self.resubscribes += 1
                time.sleep(0.1)

    def close(self):
        self.stop.set()
        try:
            self.call.cancel()
        except AttributeError:
            pass
        self.thread.join(timeout=10)


class FailoverTest(unittest.TestCase):
    def test_instances_and_redis_die_under_load_and_nothing_is_lost(self):
        with Cluster(instances=2, edge=True) as cluster:
            edge = cluster.channel
            owner = Client(edge, "owner")
            senders = [Client(edge, f"sender{i}") for i in range(SENDERS)]
            readers_clients = [Client(edge, f"reader{i}") for i in range(READERS)]
            room = owner.call("CreateRoom", chat_pb2.CreateRoomRequest(
                name="Failover",
                member_usernames=[c.username for c in senders + readers_clients]))

            acknowledged = {}
            send_errors = set()
            stop = threading.Event()

            def send(index, client):
                n = 0
                while not stop.is_set():
                    client_id = f"s{index}-{n}"
                    try:
                        message = client.call("SendMessage", chat_pb2.SendMessageRequest(
                            room_id=room.id, text=client_id, client_message_id=client_id))
                        acknowledged[client_id] = message.seq
                        n += 1
                    except grpc.RpcError as error:
                        send_errors.add(error.code().name)
                        time.sleep(0.05)

            readers = [Reader(c, room.id) for c in readers_clients]
            threads = [threading.Thread(target=send, args=(i, c), daemon=True)
                       for i, c in enumerate(senders)]
            for thread in threads:
                thread.start()
            try:
                for kill in range(KILLS):
                    time.sleep(0.8)
                    victim = cluster.servers[kill % 2]
                    victim.kill()
                    time.sleep(0.3)
                    victim.start()
                time.sleep(0.8)
                cluster.redis.kill()
                time.sleep(0.5)
                cluster.redis.start()
                time.sleep(1.5)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=30)

            last = max(acknowledged.values())
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and any(
                    (r.seqs[-1] if r.seqs else 0) < last for r in readers):
                time.sleep(0.1)
            for reader in readers:
                reader.close()

            def page_before(before):
                # The edge may still be leaving out an instance it saw die.
                for attempt in range(50):
                    try:
                        return owner.call("GetHistory", chat_pb2.GetHistoryRequest(
                            room_id=room.id, before_seq=before, limit=200))
                    except grpc.RpcError as error:
                        if error.code() != grpc.StatusCode.UNAVAILABLE or attempt == 49:
                            raise
                        time.sleep(0.1)

            history = []
            before = 0
            while True:
                page = page_before(before)
                history = list(page.events) + history
                if not page.has_more:
                    break
                before = page.events[0].seq
            log_seqs = [e.seq for e in history]
            log_texts = [e.message_posted.text for e in history
                         if e.WhichOneof("kind") == "message_posted"]
            print(f"{len(acknowledged)} messages acknowledged, log ends at seq {log_seqs[-1]}; "
                  f"send errors {sorted(send_errors)}; readers resubscribed "
                  f"{[r.resubscribes for r in readers]} times after {sorted(set().union(*[r.errors for r in readers]))}")
            self.assertEqual(log_seqs, list(range(1, len(log_seqs) + 1)))
            self.assertEqual(len(log_texts), len(set(log_texts)), "a message is in the log twice")
            self.assertTrue(set(acknowledged) <= set(log_texts), "an acknowledged message is lost")
            for client_id, seq in acknowledged.items():
                self.assertEqual(history[seq - 1].message_posted.text, client_id)
            for reader in readers:
                self.assertEqual(reader.seqs, list(range(1, len(reader.seqs) + 1)),
                                 "a reader saw an event twice or missed one")
                self.assertGreaterEqual(reader.seqs[-1], last)
                self.assertEqual(reader.texts, log_texts[:len(reader.texts)])
            self.assertGreater(len(acknowledged), 100)
            self.assertTrue(any(r.resubscribes for r in readers),
                            "no stream broke: the kills did not reach the readers")


if __name__ == "__main__":
    unittest.main()

"""Two confabd on one PostgreSQL and one Redis: what one user does on one
instance reaches the others on the other instance, once, in order, with no
gap (messages, edits, deletions, membership, typing), and a session revoked
on one instance loses its stream on the other within a second.
"""
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from cluster import Client, Cluster  # noqa: E402

from confab.v1 import account_pb2, auth_pb2, chat_pb2  # noqa: E402
import grpc  # noqa: E402

cluster = None


def setUpModule():
    global cluster
    cluster = Cluster(instances=2, edge=False)


def tearDownModule():
    cluster.close()


class ClusterTest(unittest.TestCase):
    def pair(self):
        """anna on instance 0, bob on instance 1, in a room of their own."""
        anna = Client(cluster.on(0), "anna")
        bob = Client(cluster.on(1), "bob")
        room = anna.call("CreateRoom", chat_pb2.CreateRoomRequest(
            name="Across", member_usernames=[bob.username]))
        return anna, bob, room

    def test_messages_cross_instances_once_in_order(self):
        anna, bob, room = self.pair()
        anna_stream = anna.subscribe()
        bob_stream = bob.subscribe()
        self.addCleanup(anna_stream.cancel)
        self.addCleanup(bob_stream.cancel)
        start = anna_stream.wait_synced()
        bob_stream.wait_synced()
        base = max(e.seq for e in start if e.room_id == room.id)

        count = 50

        def send(client, name):
            for i in range(count):
                client.call("SendMessage", chat_pb2.SendMessageRequest(
                    room_id=room.id, text=f"{name} {i}"))

        senders = [threading.Thread(target=send, args=(anna, "anna")),
                   threading.Thread(target=send, args=(bob, "bob"))]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
        for stream in (anna_stream, bob_stream):
            events = stream.room_events(2 * count)
            self.assertEqual([e.seq for e in events],
                             list(range(base + 1, base + 2 * count + 1)))
            texts = [e.message_posted.text for e in events]
            for name in ("anna", "bob"):
                mine = [t for t in texts if t.startswith(name)]
                self.assertEqual(mine, [f"{name} {i}" for i in range(count)])

        # An edit and a deletion on instance 1 reach instance 0.
        history = bob.call("GetHistory", chat_pb2.GetHistoryRequest(room_id=room.id, limit=200))
        last = history.events[-1].message_posted
        mine = [e.message_posted for e in history.events
                if e.message_posted.author_id == bob.id][-1]
        bob.call("EditMessage", chat_pb2.EditMessageRequest(message_id=mine.id, text="edited"))
        bob.call("DeleteMessage", chat_pb2.DeleteMessageRequest(message_id=mine.id))
        edited, deleted = anna_stream.room_events(2)
        self.assertEqual(edited.seq, base + 2 * count + 1)
        self.assertEqual(edited.message_edited.text, "edited")
        self.assertEqual(deleted.message_deleted.message_id, mine.id)
        self.assertTrue(last.id)

    def test_membership_and_typing_cross_instances(self):
        anna = Client(cluster.on(0), "anna")
        carl = Client(cluster.on(1), "carl")
        carl_stream = carl.subscribe()
        self.addCleanup(carl_stream.cancel)
        carl_stream.wait_synced()
        # A room made on instance 0 with carl in it reaches his stream on 1.
        room = anna.call("CreateRoom", chat_pb2.CreateRoomRequest(
            name="Later", member_usernames=[carl.username]))
        event = carl_stream.wait_for(
            lambda e: e.WhichOneof("kind") == "room_event" and e.room_event.room_id == room.id)
        self.assertEqual(event.room_event.seq, 1)
        sent = anna.call("SendMessage", chat_pb2.SendMessageRequest(room_id=room.id, text="hi"))
        posted = carl_stream.wait_for(
            lambda e: e.WhichOneof("kind") == "room_event"
            and e.room_event.WhichOneof("kind") == "message_posted")
        self.assertEqual(posted.room_event.seq, sent.seq)

        anna.call("SetTyping", chat_pb2.SetTypingRequest(room_id=room.id, typing=True))
        typing = carl_stream.wait_for(lambda e: e.WhichOneof("kind") == "typing")
        self.assertEqual(typing.typing.user_id, anna.id)
        self.assertTrue(typing.typing.typing)

        # A reaction and an invitation made on instance 0 reach instance 1.
        anna.call("React", chat_pb2.ReactRequest(message_id=sent.id, emoji="🎉"))
        reacted = carl_stream.wait_for(
            lambda e: e.WhichOneof("kind") == "room_event"
            and e.room_event.WhichOneof("kind") == "reaction_added")
        self.assertEqual(reacted.room_event.reaction_added.emoji, "🎉")
        other = anna.call("CreateRoom", chat_pb2.CreateRoomRequest(name="Invite only"))
        anna.call("InviteMember", chat_pb2.InviteMemberRequest(room_id=other.id,
                                                               username=carl.username))
        invited = carl_stream.wait_for(lambda e: e.WhichOneof("kind") == "invited")
        self.assertEqual(invited.invited.room.id, other.id)
        self.assertEqual(invited.invited.inviter.id, anna.id)

    def test_a_session_revoked_on_one_instance_loses_its_stream_on_the_other(self):
        dora = Client(cluster.on(1), "dora")
        stream = dora.subscribe()
        self.addCleanup(stream.cancel)
        stream.wait_synced()
        other = Client(cluster.on(0), session=Client(cluster.on(0)).stubs.auth.Login(
            auth_pb2.LoginRequest(username=dora.username, password="correct horse battery",
                                  device_name="laptop"), timeout=10))
        started = time.monotonic()
        other.call("RevokeSession",
                   account_pb2.RevokeSessionRequest(session_id=dora.session.session_id),
                   stub="accounts")
        error = stream.ended(timeout=5)
        took = time.monotonic() - started
        self.assertIsNotNone(error)
        self.assertEqual(error.code(), grpc.StatusCode.UNAUTHENTICATED)
        self.assertLess(took, 1.0)


if __name__ == "__main__":
    unittest.main()

"""Presence across instances: a user online on any instance is online
everywhere; their last stream closing anywhere takes them offline
everywhere; the users of an instance that dies go offline once it is
found silent (--instance-timeout, 2 s here).
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from cluster import Client, Cluster  # noqa: E402

from confab.v1 import account_pb2, chat_pb2, common_pb2  # noqa: E402

ONLINE = common_pb2.PRESENCE_ONLINE
OFFLINE = common_pb2.PRESENCE_OFFLINE


def presence_of(user_id):
    return lambda e: (e.WhichOneof("kind") == "presence" and e.presence.user_id == user_id)


class PresenceTest(unittest.TestCase):
    def test_presence_spans_instances(self):
        with Cluster(instances=3, edge=False, extra_args=("--instance-timeout", "2")) as cluster:
            erin = Client(cluster.on(0), "erin")
            gina = Client(cluster.on(1), "gina")
            erin.call("CreateRoom", chat_pb2.CreateRoomRequest(
                name="Seen", member_usernames=[gina.username]))

            def shown(instance):
                return Client(cluster.on(instance), session=gina.session).call(
                    "GetUser", account_pb2.GetUserRequest(user_id=erin.id),
                    stub="accounts").presence

            watcher = gina.subscribe()
            self.addCleanup(watcher.cancel)
            watcher.wait_synced()

            # Online on instance 0: seen on 1 and 2.
            first = erin.subscribe()
            self.assertEqual(watcher.wait_for(presence_of(erin.id)).presence.presence, ONLINE)
            self.assertEqual(shown(1), ONLINE)
            self.assertEqual(shown(2), ONLINE)

            # A second device on instance 2; the first one goes away: still
            # online, and no offline reaches anyone.
            second = erin.on(cluster.on(2)).subscribe()
            second.wait_synced()
            first.cancel()
            time.sleep(1)
            for instance in range(3):
                self.assertEqual(shown(instance), ONLINE, f"instance {instance}")
            while True:
                try:
                    event = watcher.wait_for(presence_of(erin.id), timeout=0.5)
                except AssertionError:
                    break
                self.assertEqual(event.presence.presence, ONLINE)

            # The last one closes: offline everywhere.
            second.cancel()
            self.assertEqual(watcher.wait_for(presence_of(erin.id)).presence.presence, OFFLINE)
            for instance in range(3):
                self.assertEqual(shown(instance), OFFLINE, f"instance {instance}")

            # Online on instance 0, which dies: offline once it is found
            # silent, on the instances that are left.
            erin.subscribe()
            self.assertEqual(watcher.wait_for(presence_of(erin.id)).presence.presence, ONLINE)
            cluster.servers[0].kill()
            killed = time.monotonic()
            event = watcher.wait_for(presence_of(erin.id), timeout=15)
            took = time.monotonic() - killed
            self.assertEqual(event.presence.presence, OFFLINE)
            self.assertEqual(shown(2), OFFLINE)
            self.assertLess(took, 8)
            print(f"offline {took:.1f} s after the instance died")


if __name__ == "__main__":
    unittest.main()

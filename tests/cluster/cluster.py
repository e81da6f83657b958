"""A deployment of several confabd for a test, as operators run one:
PostgreSQL and Redis of their own (throwaway.py), N confabd on them with
fixed loopback ports, and the nginx edge of packaging/nginx in front.
Clients talk to one instance directly (`on(i)`) or through the edge
(`channel`).
"""
import os
import queue
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
from confab_testing import (Edge, Server, Stubs, bearer, free_port, register,  # noqa: E402
                            unique_username)
from throwaway import Postgres, Redis  # noqa: E402

from confab.v1 import chat_pb2  # noqa: E402
import grpc  # noqa: E402

STREAM_TIMEOUT = 10.0


class Cluster:
    def __init__(self, instances=2, edge=True, extra_args=(), durable=False):
        self.database = None
        self.redis = None
        self.servers = []
        self.edge = None
        try:
            self.database = Postgres(durable=durable)
            self.redis = Redis()
            # The limits have tests of their own; a suite's own flags win.
            defaults = {"--rate-messages": "0", "--registrations-per-address": "0",
                        "--registrations": "0", "--log-level": "warn"}
            args = [*extra_args]
            for flag, value in defaults.items():
                if flag not in args:
                    args += [flag, value]
            for _ in range(instances):
                self.servers.append(Server(
                    port=free_port(),
                    extra_args=("--database", self.database.conninfo, "--bus", self.redis.url,
                                *args)))
            if edge:
                self.edge = Edge([f"127.0.0.1:{s.port}" for s in self.servers])
        except BaseException:
            self.close()
            raise

    def on(self, instance):
        """A channel straight to one instance."""
        return self.servers[instance].channel

    @property
    def channel(self):
        """Through the edge (or to the first instance without one)."""
        return self.edge.channel if self.edge else self.servers[0].channel

    def stop_cleanly(self):
        for server in self.servers:
            server.stop_cleanly()

    def close(self):
        if self.edge:
            self.edge.close()
        for server in self.servers:
            server.close()
        if self.redis:
            self.redis.close()
        if self.database:
            self.database.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class Client:
    """A user signed in over one channel (one instance, or the edge)."""

    def __init__(self, channel, prefix="user", session=None):
        self.stubs = Stubs(channel)
        self.session = session or register(self.stubs.auth, unique_username(prefix))
        self.id = self.session.user.id
        self.username = self.session.user.username
        self.metadata = bearer(self.session)

    def on(self, channel):
        """The same session over another channel."""
        return Client(channel, session=self.session)

    def call(self, method, request, stub="chat"):
        return getattr(getattr(self.stubs, stub), method)(request, metadata=self.metadata,
                                                          timeout=10)

    def subscribe(self, cursors=None):
        return EventStream(self, cursors or {})


class EventStream:
    """A Subscribe call read by a thread of its own into a queue."""

    _END = object()

    def __init__(self, client, cursors):
        request = chat_pb2.SubscribeRequest(cursors=[
            chat_pb2.RoomCursor(room_id=room_id, last_seq=seq) for room_id, seq in cursors.items()])
        self._call = client.stubs.chat.Subscribe(request, metadata=client.metadata)
        self._events = queue.Queue()
        self.error = None
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        try:
            for event in self._call:
                self._events.put(event)
        except grpc.RpcError as error:
            self.error = error
            self._events.put(error)
        self._events.put(self._END)

    def next(self, timeout=STREAM_TIMEOUT):
        try:
            item = self._events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event on the stream within {timeout} s") from None
        if item is self._END:
            raise AssertionError("the stream ended")
        if isinstance(item, grpc.RpcError):
            raise AssertionError(f"the stream failed: {item.code()} {item.details()}")
        return item

    def wait_synced(self):
        """Room events up to the Synced marker."""
        events = []
        while True:
            event = self.next()
            if event.WhichOneof("kind") == "synced":
                return events
            if event.WhichOneof("kind") == "room_event":
                events.append(event.room_event)

    def room_events(self, count, timeout=STREAM_TIMEOUT):
        """The next `count` room events (other kinds skipped)."""
        events = []
        deadline = time.monotonic() + timeout
        while len(events) < count:
            event = self.next(max(0.01, deadline - time.monotonic()))
            if event.WhichOneof("kind") == "room_event":
                events.append(event.room_event)
        return events

    def wait_for(self, predicate, timeout=STREAM_TIMEOUT):
        """The first event that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            event = self.next(max(0.01, deadline - time.monotonic()))
            if predicate(event):
                return event

    def ended(self, timeout=STREAM_TIMEOUT):
        """The status the stream ended with (None if it ended cleanly)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                item = self._events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the stream did not end within {timeout} s") from None
            if isinstance(item, grpc.RpcError):
                return item
            if item is self._END:
                return None

    def cancel(self):
        self._call.cancel()
        self._thread.join(timeout=STREAM_TIMEOUT)

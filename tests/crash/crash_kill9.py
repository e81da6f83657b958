"""Crash test: confabd is killed with SIGKILL again and again while clients send.

Several sender threads post messages, each with its own client_message_id,
and retry every message with the same client_message_id until the server
acknowledges it. Meanwhile the server is killed with SIGKILL at random
moments and restarted on the same data directory (on a new port). At the
end every acknowledged message must be stored exactly once, with the seq it
was acknowledged with, and every room log must run 1..last_seq without gaps;
this is checked through the API and directly in the SQLite database.

With CONFAB_CLUSTER=1 the same runs against a cluster: two confabd on
PostgreSQL and Redis behind the nginx edge (TLS); the clients stay on the
edge while the instances are killed in turn, and the last check reads
PostgreSQL.

Environment:
  CONFABD               path of the confabd binary to start
  CONFAB_PYTHON_OUT     directory holding the Python code generated from proto/
  CONFAB_TESTING_DIR    directory of confab_testing.py (tests/interop)
  CONFAB_CRASH_KILLS    how many times to kill the server (default 12)
  CONFAB_CRASH_SEED     seed of the random kill moments (default: random)
  CONFAB_CRASH_KEEP     on failure, copy the data directory and server log here
  CONFAB_CLUSTER        "1": against a cluster behind the edge
"""

import collections
import dataclasses
import os
import random
import shutil
import signal
import sqlite3
import sys
import threading
import time
import uuid

import grpc

sys.path.insert(0, os.environ["CONFAB_TESTING_DIR"])

import confab_testing  # noqa: E402
from confab_testing import CALL_TIMEOUT, Server, Stubs, bearer, unique_username  # noqa: E402
from confab.v1 import chat_pb2, chat_pb2_grpc  # noqa: E402

KILLS = int(os.environ.get("CONFAB_CRASH_KILLS", "12"))
SENDERS = 4
USERS = 3
ROOMS = 2
PAUSE_BEFORE_KILL = (0.2, 1.5)
SEND_TIMEOUT = 5.0
RETRY_PAUSE = 0.05
GIVE_UP_AFTER = 60.0
HISTORY_PAGE = 200

RETRYABLE = {
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED,
    grpc.StatusCode.RESOURCE_EXHAUSTED,
}


class CrashTestFailure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise CrashTestFailure(message)


@dataclasses.dataclass(frozen=True)
class Ack:
    """A message the server acknowledged."""

    sender: int
    room_id: str
    client_message_id: str
    text: str
    message_id: str
    seq: int
    attempts: int
    stored_before_last_attempt: bool


class Endpoint:
    """The chat stub of the server running now, shared by the sender threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._stub = None

    def publish(self, channel):
        with self._lock:
            self._stub = chat_pb2_grpc.ChatStub(channel)

    def stub(self):
        with self._lock:
            return self._stub


class Sender(threading.Thread):
    """Posts messages one after the other; each is retried until acknowledged."""

    def __init__(self, number, session, rooms, endpoint, stopping, run_id):
        super().__init__(name=f"sender-{number}", daemon=True)
        self.number = number
        self.metadata = bearer(session)
        self.author_id = session.user.id
        self.rooms = rooms
        self.endpoint = endpoint
        self.stopping = stopping
        self.run_id = run_id
        self.acks = []
        self.retries = collections.Counter()
        self.error = None

    def run(self):
        try:
            index = 0
            while not self.stopping.is_set():
                room_id = self.rooms[(index + self.number) % len(self.rooms)]
                client_message_id = f"{self.run_id}-s{self.number}-{index}"
                text = f"sender {self.number} message {index}"
                self.acks.append(self.send(room_id, client_message_id, text))
                index += 1
        except BaseException as error:
            self.error = error

    def send(self, room_id, client_message_id, text):
        request = chat_pb2.SendMessageRequest(
            room_id=room_id, client_message_id=client_message_id, text=text
        )
        give_up = time.monotonic() + GIVE_UP_AFTER
        attempts = 0
        while True:
            attempts += 1
            attempt_started = time.time()
            try:
                message = self.endpoint.stub().SendMessage(
                    request, metadata=self.metadata, timeout=SEND_TIMEOUT
                )
            except grpc.RpcError as error:
                if error.code() not in RETRYABLE:
                    raise CrashTestFailure(
                        f"SendMessage {client_message_id} failed with {error.code().name}: "
                        f"{error.details()}"
                    ) from None
                self.retries[error.code().name] += 1
                check(
                    time.monotonic() < give_up,
                    f"SendMessage {client_message_id} not acknowledged within {GIVE_UP_AFTER} s",
                )
                time.sleep(RETRY_PAUSE)
                continue
            check(
                (message.room_id, message.client_message_id, message.text, message.author_id)
                == (room_id, client_message_id, text, self.author_id),
                f"SendMessage {client_message_id} acknowledged a different message: {message}",
            )
            check(message.id and message.seq > 0, f"no id or seq in the ack: {message}")
            sent_at = message.sent_at.seconds + message.sent_at.nanos / 1e9
            return Ack(
                sender=self.number,
                room_id=room_id,
                client_message_id=client_message_id,
                text=text,
                message_id=message.id,
                seq=message.seq,
                attempts=attempts,
                stored_before_last_attempt=attempts > 1 and sent_at < attempt_started,
            )


class ClusterTarget:
    """A cluster in a Server's place: kill() and start() take one instance
    down and up in turn; stopping and starting affect them all; the channel
    is the edge's and stays."""

    def __init__(self, extra_args):
        sys.path.insert(0, os.path.join(confab_testing.REPO, "tests", "cluster"))
        from cluster import Cluster
        self.cluster = Cluster(instances=2, edge=True, extra_args=extra_args)
        self.down = []
        self.victim = 0
        self.starts = 2

    @property
    def channel(self):
        return self.cluster.channel

    def start(self):
        for server in self.down:
            server.start()
            self.starts += 1
        self.down = []

    def kill(self):
        server = self.cluster.servers[self.victim]
        self.victim = (self.victim + 1) % len(self.cluster.servers)
        server.kill()
        self.down.append(server)

    def stop_cleanly(self):
        for server in self.cluster.servers:
            if server not in self.down:
                server.stop_cleanly()
                self.down.append(server)

    def stderr(self):
        return "\n".join(s.stderr() for s in self.cluster.servers)

    def close(self):
        self.cluster.close()


class CrashTest:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self.run_id = uuid.uuid4().hex[:8]
        # Senders write as fast as they can: the send rate limit is tested apart.
        args = ["--log-level", "warn", "--rate-messages", "0"]
        self.clustered = os.environ.get("CONFAB_CLUSTER") == "1"
        self.server = ClusterTarget(args) if self.clustered else Server(extra_args=args,
                                                                          start=False)
        self.endpoint = Endpoint()
        self.stopping = threading.Event()
        self.senders = []
        self.rooms = []
        self.kills = 0
        self.acks_at_kill = []

    def run(self):
        started = time.monotonic()
        self.server.start()
        self.endpoint.publish(self.server.channel)
        sessions = self.set_up()

        self.senders = [
            Sender(n, sessions[n % len(sessions)], self.rooms, self.endpoint, self.stopping,
                   self.run_id)
            for n in range(SENDERS)
        ]
        for sender in self.senders:
            sender.start()
        try:
            self.kill_repeatedly()
        finally:
            self.stopping.set()
            for sender in self.senders:
                sender.join(timeout=GIVE_UP_AFTER + SEND_TIMEOUT)
        for sender in self.senders:
            check(not sender.is_alive(), f"{sender.name} did not finish")
            if sender.error is not None:
                raise sender.error
        sending_time = time.monotonic() - started

        acks = [ack for sender in self.senders for ack in sender.acks]
        self.check_acks(acks)

        verify_started = time.monotonic()
        self.server.stop_cleanly()
        self.server.start()
        self.verify_through_api(sessions[0], acks)
        self.server.stop_cleanly()
        self.verify_database(acks)
        verify_time = time.monotonic() - verify_started

        retries = sum((s.retries for s in self.senders), collections.Counter())
        print("crash.kill9 summary")
        print(f"  seed                      {self.seed}")
        print(f"  SIGKILLs                  {self.kills}")
        print(f"  server starts             {self.server.starts}")
        print(f"  senders                   {SENDERS} ({len(sessions)} users, {ROOMS} rooms)")
        print(f"  messages acknowledged     {len(acks)}")
        print(f"  acknowledged per interval {self.acks_per_interval(len(acks))}")
        print(f"  retries                   {sum(retries.values())} {dict(retries)}")
        print(f"  messages needing retries  {sum(1 for a in acks if a.attempts > 1)}")
        print(
            "  stored before a crash     "
            f"{sum(1 for a in acks if a.stored_before_last_attempt)} "
            "(acknowledged on retry with the original)"
        )
        print(f"  sending phase             {sending_time:.1f} s")
        print(f"  verification              {verify_time:.1f} s")

    def set_up(self):
        stubs = Stubs(self.server.channel)
        sessions = [
            confab_testing.register(stubs.auth, unique_username("crash"), device_name="crash")
            for _ in range(USERS)
        ]
        owner, *others = sessions
        for number in range(ROOMS):
            room = stubs.chat.CreateRoom(
                chat_pb2.CreateRoomRequest(
                    name=f"crash room {number}",
                    visibility=chat_pb2.VISIBILITY_PRIVATE,
                    member_usernames=[s.user.username for s in others],
                ),
                metadata=bearer(owner),
                timeout=CALL_TIMEOUT,
            )
            check(room.member_count == USERS, f"room has {room.member_count} members")
            self.rooms.append(room.id)
        return sessions

    def kill_repeatedly(self):
        while self.kills < KILLS:
            time.sleep(self.rng.uniform(*PAUSE_BEFORE_KILL))
            for sender in self.senders:
                if sender.error is not None:
                    return
            self.acks_at_kill.append(sum(len(s.acks) for s in self.senders))
            self.server.kill()
            self.kills += 1
            self.server.start()
            self.endpoint.publish(self.server.channel)
        time.sleep(self.rng.uniform(*PAUSE_BEFORE_KILL))

    def acks_per_interval(self, total):
        marks = [0, *self.acks_at_kill, total]
        return [after - before for before, after in zip(marks, marks[1:])]

    def check_acks(self, acks):
        check(acks, "no message was acknowledged")
        by_id = collections.Counter(a.message_id for a in acks)
        check(max(by_id.values()) == 1, "two acknowledged messages share an id")
        by_seq = collections.Counter((a.room_id, a.seq) for a in acks)
        duplicated = [key for key, count in by_seq.items() if count > 1]
        check(not duplicated, f"two acknowledged messages share a (room, seq): {duplicated[:5]}")
        check(
            sum(1 for a in acks if a.attempts > 1) > 0,
            "no send was interrupted by a kill: the test exercised nothing",
        )

    def full_history(self, chat, metadata, room_id):
        events = []
        before_seq = 0
        while True:
            page = chat.GetHistory(
                chat_pb2.GetHistoryRequest(room_id=room_id, before_seq=before_seq,
                                           limit=HISTORY_PAGE),
                metadata=metadata,
                timeout=CALL_TIMEOUT,
            )
            check(page.events, f"room {room_id}: empty history page before seq {before_seq}")
            events[:0] = page.events
            if not page.has_more:
                return events
            before_seq = page.events[0].seq

    def verify_through_api(self, session, acks):
        chat = chat_pb2_grpc.ChatStub(self.server.channel)
        metadata = bearer(session)
        listed = {
            r.id: r
            for r in chat.ListRooms(
                chat_pb2.ListRoomsRequest(), metadata=metadata, timeout=CALL_TIMEOUT
            ).rooms
        }
        for room_id in self.rooms:
            events = self.full_history(chat, metadata, room_id)
            last_seq = listed[room_id].last_seq
            seqs = [e.seq for e in events]
            check(
                seqs == list(range(1, last_seq + 1)),
                f"API: room {room_id} history is not 1..{last_seq}: {describe_gaps(seqs)}",
            )
            by_client_id = collections.defaultdict(list)
            for event in events:
                if not event.HasField("message_posted"):
                    continue
                message = event.message_posted
                check(
                    message.seq == event.seq,
                    f"API: message {message.id} has seq {message.seq} in event {event.seq}",
                )
                if message.client_message_id.startswith(self.run_id):
                    by_client_id[message.client_message_id].append(message)
            duplicated = [cid for cid, found in by_client_id.items() if len(found) > 1]
            check(not duplicated, f"API: room {room_id} stores duplicates of {duplicated[:5]}")

            room_acks = [a for a in acks if a.room_id == room_id]
            for ack in room_acks:
                found = by_client_id.get(ack.client_message_id)
                check(found, f"API: acknowledged message lost: {ack}")
                message = found[0]
                check(
                    (message.id, message.seq, message.text) == (ack.message_id, ack.seq, ack.text),
                    f"API: acknowledged {ack} but history has id={message.id} "
                    f"seq={message.seq} text={message.text!r}",
                )
            unacknowledged = set(by_client_id) - {a.client_message_id for a in room_acks}
            check(
                not unacknowledged,
                f"API: room {room_id} stores messages never acknowledged: "
                f"{sorted(unacknowledged)[:5]}",
            )

    def verify_database(self, acks):
        if self.clustered:
            self.verify_postgres(acks)
            return
        db = sqlite3.connect(f"file:{self.server.db_path}?mode=ro", uri=True)
        try:
            integrity = db.execute("PRAGMA integrity_check").fetchall()
            check(integrity == [("ok",)], f"sqlite: integrity_check says {integrity}")
            foreign = db.execute("PRAGMA foreign_key_check").fetchall()
            check(not foreign, f"sqlite: foreign_key_check says {foreign[:5]}")

            for room_id, last_seq in db.execute("SELECT id, last_seq FROM rooms").fetchall():
                seqs = [
                    seq
                    for (seq,) in db.execute(
                        "SELECT seq FROM events WHERE room_id = ? ORDER BY seq", (room_id,)
                    )
                ]
                check(
                    seqs == list(range(1, last_seq + 1)),
                    f"sqlite: room {room_id} events are not 1..{last_seq}: {describe_gaps(seqs)}",
                )

            duplicated = db.execute(
                "SELECT room_id, client_message_id, count(*) FROM messages "
                "WHERE client_message_id IS NOT NULL "
                "GROUP BY room_id, client_message_id HAVING count(*) > 1"
            ).fetchall()
            check(not duplicated, f"sqlite: duplicated client_message_id: {duplicated[:5]}")

            for ack in acks:
                rows = db.execute(
                    "SELECT id, room_id, seq, text FROM messages "
                    "WHERE room_id = ? AND client_message_id = ?",
                    (ack.room_id, ack.client_message_id),
                ).fetchall()
                check(
                    rows == [(ack.message_id, ack.room_id, ack.seq, ack.text)],
                    f"sqlite: acknowledged {ack} but messages has {rows}",
                )
                event = db.execute(
                    "SELECT message_id FROM events WHERE room_id = ? AND seq = ?",
                    (ack.room_id, ack.seq),
                ).fetchall()
                check(
                    event == [(ack.message_id,)],
                    f"sqlite: acknowledged {ack} but events has {event} at its seq",
                )

            stored = db.execute(
                "SELECT count(*) FROM messages WHERE client_message_id LIKE ?",
                (f"{self.run_id}-%",),
            ).fetchone()[0]
            by_id = db.execute(
                "SELECT count(DISTINCT id) FROM messages WHERE client_message_id LIKE ?",
                (f"{self.run_id}-%",),
            ).fetchone()[0]
            check(by_id == stored, f"sqlite: {stored} messages but {by_id} distinct ids")
            check(
                stored == len(acks),
                f"sqlite: {stored} messages stored, {len(acks)} acknowledged",
            )
        finally:
            db.close()

    def verify_postgres(self, acks):
        database = self.server.cluster.database

        def rows(sql):
            out = database.psql(sql)
            return [line.split("|") for line in out.splitlines()] if out else []

        for room_id, last_seq in rows("SELECT id, last_seq FROM rooms"):
            seqs = [int(seq) for (seq,) in rows(
                f"SELECT seq FROM events WHERE room_id = '{room_id}' ORDER BY seq")]
            check(seqs == list(range(1, int(last_seq) + 1)),
                  f"postgres: room {room_id} events are not 1..{last_seq}: {describe_gaps(seqs)}")
        duplicated = rows("SELECT room_id, client_message_id, count(*) FROM messages "
                          "WHERE client_message_id IS NOT NULL "
                          "GROUP BY room_id, client_message_id HAVING count(*) > 1")
        check(not duplicated, f"postgres: duplicated client_message_id: {duplicated[:5]}")
        stored = {(room, cid): (mid, int(seq), text) for mid, room, seq, cid, text in rows(
            f"SELECT id, room_id, seq, client_message_id, text FROM messages "
            f"WHERE client_message_id LIKE '{self.run_id}-%'")}
        events = {(room, int(seq)): mid for room, seq, mid in rows(
            "SELECT room_id, seq, message_id FROM events WHERE message_id IS NOT NULL")}
        for ack in acks:
            found = stored.get((ack.room_id, ack.client_message_id))
            check(found == (ack.message_id, ack.seq, ack.text),
                  f"postgres: acknowledged {ack} but messages has {found}")
            check(events.get((ack.room_id, ack.seq)) == ack.message_id,
                  f"postgres: acknowledged {ack} but events has "
                  f"{events.get((ack.room_id, ack.seq))} at its seq")
        check(len(stored) == len(acks),
              f"postgres: {len(stored)} messages stored, {len(acks)} acknowledged")

    def keep_evidence(self):
        target = os.environ.get("CONFAB_CRASH_KEEP")
        if not target or self.clustered:
            return
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.server.data_dir, os.path.join(target, "data"), dirs_exist_ok=True)
        with open(os.path.join(target, "confabd.log"), "w") as log:
            log.write(self.server.stderr())
        print(f"data directory and server log kept in {target}", file=sys.stderr)

    def close(self):
        self.stopping.set()
        self.server.close()


def describe_gaps(seqs):
    if not seqs:
        return "no events"
    missing = sorted(set(range(1, seqs[-1] + 1)) - set(seqs))
    repeated = [s for s, n in collections.Counter(seqs).items() if n > 1]
    return f"{len(seqs)} events, first {seqs[0]}, last {seqs[-1]}, " \
           f"missing {missing[:10]}, repeated {repeated[:10]}"


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(f"terminated by signal {signal.SIGTERM}"))
    seed = int(os.environ.get("CONFAB_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    test = CrashTest(seed)
    started = time.monotonic()
    try:
        test.run()
    except BaseException as error:
        print(f"crash.kill9 FAILED (seed {seed}, after {test.kills} kills): {error}",
              file=sys.stderr)
        test.server.kill()
        test.keep_evidence()
        tail = test.server.stderr()[-4000:]
        print(f"--- confabd stderr (tail) ---\n{tail}", file=sys.stderr)
        raise
    finally:
        test.close()
    print(f"  total run time            {time.monotonic() - started:.1f} s")
    print("crash.kill9 passed")


if __name__ == "__main__":
    main()

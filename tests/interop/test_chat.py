"""Interop tests of the Confab Chat service from a Python client.

Environment:
  CONFABD            path of the confabd binary to start
  CONFAB_PYTHON_OUT  directory holding the Python code generated from proto/
"""

import hashlib
import queue
import secrets
import threading
import unittest

import grpc

import confab_testing
from confab_testing import CALL_TIMEOUT, ConfabTestCase, Server, Stubs, bearer, unique_username
from confab.v1 import chat_pb2  # on the path once confab_testing is imported

PUBLIC = chat_pb2.VISIBILITY_PUBLIC
PRIVATE = chat_pb2.VISIBILITY_PRIVATE
STREAM_TIMEOUT = 10.0

server = None
auth = None
chat = None


def setUpModule():
    global server, auth, chat
    # Some tests write long histories as one user, and every test makes its
    # own accounts from this one address: the limits have tests of their own.
    server = confab_testing.deployment(
        extra_args=("--rate-messages", "0", "--registrations-per-address", "0", "--registrations", "0")
    )
    stubs = Stubs(server.channel)
    auth = stubs.auth
    chat = stubs.chat


def tearDownModule():
    try:
        server.stop_cleanly()
    finally:
        server.close()


def tiny_png(width, height, rgb=(200, 80, 40)):
    """A real PNG of one colour."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def upload_requests(room_id, name, mime_type, data, size=None, thumbnail=b"", width=0, height=0,
                    chunk=64 * 1024):
    yield chat_pb2.UploadAttachmentRequest(header=chat_pb2.AttachmentHeader(
        room_id=room_id, file_name=name, mime_type=mime_type,
        size=len(data) if size is None else size, thumbnail=thumbnail, width=width,
        height=height))
    for at in range(0, len(data), chunk):
        yield chat_pb2.UploadAttachmentRequest(chunk=data[at:at + chunk])


class User:
    """A registered user making Chat calls with their own token."""

    def __init__(self, prefix="chat"):
        self.session = confab_testing.register(auth, unique_username(prefix))
        self.id = self.session.user.id
        self.username = self.session.user.username
        self.metadata = bearer(self.session)

    def call(self, method, request):
        return getattr(chat, method)(request, metadata=self.metadata, timeout=CALL_TIMEOUT)

    def create_room(self, name, visibility=PRIVATE, members=(), topic=""):
        return self.call(
            "CreateRoom",
            chat_pb2.CreateRoomRequest(
                name=name,
                topic=topic,
                visibility=visibility,
                member_usernames=[m.username for m in members],
            ),
        )

    def rooms(self):
        """ListRooms as a dict by room id."""
        return {r.id: r for r in self.call("ListRooms", chat_pb2.ListRoomsRequest()).rooms}

    def send(self, room, text, client_message_id=""):
        return self.call(
            "SendMessage",
            chat_pb2.SendMessageRequest(
                room_id=room.id, text=text, client_message_id=client_message_id
            ),
        )

    def history(self, room, before_seq=0, limit=0):
        return self.call(
            "GetHistory",
            chat_pb2.GetHistoryRequest(room_id=room.id, before_seq=before_seq, limit=limit),
        )

    def last_seq(self, room):
        return self.rooms()[room.id].last_seq

    def subscribe(self, cursors=None):
        return EventStream(self, cursors or {})


class EventStream:
    """A Subscribe call read by a background thread into a queue."""

    _END = object()

    def __init__(self, user, cursors):
        request = chat_pb2.SubscribeRequest(
            cursors=[
                chat_pb2.RoomCursor(room_id=room_id, last_seq=seq)
                for room_id, seq in cursors.items()
            ]
        )
        self._call = chat.Subscribe(request, metadata=user.metadata)
        self._events = queue.Queue()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        try:
            for event in self._call:
                self._events.put(event)
        except grpc.RpcError as error:
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

    def backfill(self):
        """Room events up to the Synced marker (ephemeral events skipped)."""
        events = []
        while True:
            event = self.next()
            kind = event.WhichOneof("kind")
            if kind == "synced":
                return events
            if kind == "room_event":
                events.append(event.room_event)

    def next_room_event(self):
        """The next live room event; a second Synced marker is an error."""
        while True:
            event = self.next()
            kind = event.WhichOneof("kind")
            if kind == "synced":
                raise AssertionError("a second Synced marker on the stream")
            if kind == "room_event":
                return event.room_event

    def cancel(self):
        self._call.cancel()
        self._thread.join(timeout=STREAM_TIMEOUT)


def unique_name(prefix):
    return f"{prefix} {secrets.token_hex(4)}"


def seqs_by_room(events):
    by_room = {}
    for event in events:
        by_room.setdefault(event.room_id, []).append(event.seq)
    return by_room


def posted_texts(events):
    return [e.message_posted.text for e in events if e.WhichOneof("kind") == "message_posted"]


class ChatTestCase(ConfabTestCase):
    def assertChatError(self, code, user, method, request):
        return self.assertRpcError(code, getattr(chat, method), request, metadata=user.metadata)


class RoomsTest(ChatTestCase):
    def test_create_room_and_list_rooms(self):
        owner, bob, carol, outsider = User(), User(), User(), User()
        room = owner.create_room("Plans", topic="Q3 roadmap", members=(bob, carol))
        self.assertTrue(room.id)
        self.assertEqual(room.name, "Plans")
        self.assertEqual(room.topic, "Q3 roadmap")
        self.assertEqual(room.visibility, PRIVATE)
        self.assertFalse(room.direct)
        self.assertEqual(room.member_count, 3)
        self.assertGreater(room.last_seq, 0)
        created_seq = room.last_seq

        self.assertEqual(
            self.member_roles(owner, room),
            {
                owner.id: chat_pb2.ROLE_OWNER,
                bob.id: chat_pb2.ROLE_MEMBER,
                carol.id: chat_pb2.ROLE_MEMBER,
            },
        )

        listed = bob.rooms()[room.id]
        self.assertEqual(listed.name, "Plans")
        self.assertEqual(listed.member_count, 3)
        self.assertEqual(listed.last_seq, created_seq)
        self.assertEqual(listed.unread_count, 0)
        self.assertFalse(listed.HasField("last_message"))
        self.assertNotIn(room.id, outsider.rooms())

        first = owner.send(room, "Kick-off on Monday")
        second = owner.send(room, "Agenda to follow")
        third = carol.send(room, "Sounds good")
        self.assertEqual(
            [first.seq, second.seq, third.seq],
            [created_seq + 1, created_seq + 2, created_seq + 3],
        )

        for_bob = bob.rooms()[room.id]
        self.assertEqual(for_bob.last_seq, created_seq + 3)
        self.assertEqual(for_bob.unread_count, 3)
        self.assertEqual(for_bob.last_message.id, third.id)
        self.assertEqual(for_bob.last_message.text, "Sounds good")
        self.assertEqual(for_bob.last_message.author_id, carol.id)
        self.assertEqual(for_bob.last_message.seq, created_seq + 3)

        self.assertEqual(owner.rooms()[room.id].unread_count, 1)
        self.assertEqual(carol.rooms()[room.id].unread_count, 2)

        bob.call("MarkRead", chat_pb2.MarkReadRequest(room_id=room.id, seq=second.seq))
        for_bob = bob.rooms()[room.id]
        self.assertEqual(for_bob.read_seq, second.seq)
        self.assertEqual(for_bob.unread_count, 1)

    def member_roles(self, user, room):
        response = user.call("ListMembers", chat_pb2.ListMembersRequest(room_id=room.id))
        return {m.user.id: m.role for m in response.members}

    def test_public_directory_join_and_invite(self):
        owner, visitor = User(), User()
        prefix = unique_name("Dir")
        alpha = owner.create_room(f"{prefix} alpha", visibility=PUBLIC)
        beta = owner.create_room(f"{prefix} beta", visibility=PUBLIC)
        hidden = owner.create_room(f"{prefix} hidden", visibility=PRIVATE)
        self.assertEqual(alpha.visibility, PUBLIC)
        self.assertEqual(hidden.visibility, PRIVATE)

        def directory(query):
            return visitor.call(
                "ListPublicRooms", chat_pb2.ListPublicRoomsRequest(query=query, limit=50)
            ).rooms

        listed = directory(prefix)
        self.assertEqual(sorted(r.id for r in listed), sorted([alpha.id, beta.id]))
        self.assertEqual(sorted(r.name for r in listed), [f"{prefix} alpha", f"{prefix} beta"])
        self.assertTrue(all(r.visibility == PUBLIC for r in listed))
        self.assertTrue(all(r.member_count == 1 for r in listed))
        self.assertEqual([r.id for r in directory(f"{prefix} al")], [alpha.id])
        self.assertEqual(list(directory(f"{prefix} hid")), [])
        self.assertEqual(list(directory(f"zz{prefix}")), [])

        joined = visitor.call("JoinRoom", chat_pb2.JoinRoomRequest(room_id=alpha.id))
        self.assertEqual(joined.id, alpha.id)
        self.assertEqual(joined.member_count, 2)
        self.assertIn(alpha.id, visitor.rooms())
        self.assertEqual(directory(f"{prefix} al")[0].member_count, 2)
        joins = [
            e.member_joined.user.id
            for e in visitor.history(alpha).events
            if e.WhichOneof("kind") == "member_joined"
        ]
        self.assertEqual(joins, [owner.id, visitor.id])

        self.assertChatError(
            grpc.StatusCode.PERMISSION_DENIED,
            visitor,
            "JoinRoom",
            chat_pb2.JoinRoomRequest(room_id=hidden.id),
        )
        self.assertNotIn(hidden.id, visitor.rooms())

        owner.call(
            "InviteMember",
            chat_pb2.InviteMemberRequest(room_id=hidden.id, username=visitor.username),
        )
        joined = visitor.call("JoinRoom", chat_pb2.JoinRoomRequest(room_id=hidden.id))
        self.assertEqual(joined.id, hidden.id)
        self.assertEqual(joined.member_count, 2)
        self.assertIn(hidden.id, visitor.rooms())
        self.assertEqual(visitor.send(hidden, "Thanks for the invite").room_id, hidden.id)

    def test_invitations_are_listed_declined_and_accepted(self):
        owner, guest = User(), User()
        first = owner.create_room(unique_name("Invited"))
        second = owner.create_room(unique_name("Declined"))
        for room in (first, second):
            owner.call("InviteMember", chat_pb2.InviteMemberRequest(room_id=room.id,
                                                                    username=guest.username))
        invites = guest.call("ListInvites", chat_pb2.ListInvitesRequest()).invites
        self.assertEqual([i.room.id for i in invites], [second.id, first.id])
        self.assertEqual({i.inviter.username for i in invites}, {owner.username})
        guest.call("DeclineInvite", chat_pb2.DeclineInviteRequest(room_id=second.id))
        guest.call("JoinRoom", chat_pb2.JoinRoomRequest(room_id=first.id))
        self.assertEqual(list(guest.call("ListInvites", chat_pb2.ListInvitesRequest()).invites),
                         [])
        self.assertChatError(grpc.StatusCode.NOT_FOUND, guest, "DeclineInvite",
                             chat_pb2.DeclineInviteRequest(room_id=second.id))
        self.assertIn(first.id, guest.rooms())
        self.assertNotIn(second.id, guest.rooms())

    def test_open_direct_room_is_the_same_from_both_sides(self):
        ann, ben = User(), User()
        from_ann = ann.call("OpenDirectRoom", chat_pb2.OpenDirectRoomRequest(username=ben.username))
        from_ben = ben.call("OpenDirectRoom", chat_pb2.OpenDirectRoomRequest(username=ann.username))
        again = ann.call("OpenDirectRoom", chat_pb2.OpenDirectRoomRequest(username=ben.username))
        self.assertEqual(from_ben.id, from_ann.id)
        self.assertEqual(again.id, from_ann.id)
        self.assertTrue(from_ann.direct)
        self.assertEqual(from_ann.member_count, 2)
        self.assertIn(from_ann.id, ann.rooms())
        self.assertIn(from_ann.id, ben.rooms())

        message = ann.send(from_ann, "Hi Ben")
        self.assertEqual(ben.rooms()[from_ann.id].last_message.id, message.id)
        self.assertEqual(ben.rooms()[from_ann.id].unread_count, 1)


class MessagesTest(ChatTestCase):
    def test_retry_with_the_same_client_message_id_stores_nothing_new(self):
        author, reader = User(), User()
        room = author.create_room(unique_name("Outbox"), members=(reader,))
        client_id = f"outbox-{secrets.token_hex(8)}"

        original = author.send(room, "Exactly once", client_message_id=client_id)
        self.assertEqual(original.text, "Exactly once")
        self.assertEqual(original.client_message_id, client_id)
        self.assertEqual(original.author_id, author.id)
        self.assertEqual(original.room_id, room.id)
        last_seq = author.last_seq(room)
        self.assertEqual(last_seq, original.seq)

        for _ in range(2):
            retry = author.send(room, "Exactly once", client_message_id=client_id)
            self.assertEqual(retry.id, original.id)
            self.assertEqual(retry.seq, original.seq)
            self.assertEqual(retry.client_message_id, client_id)
        self.assertEqual(author.last_seq(room), last_seq)
        self.assertEqual(reader.rooms()[room.id].unread_count, 1)
        self.assertEqual(posted_texts(author.history(room).events), ["Exactly once"])

        other = author.send(room, "Exactly once", client_message_id=f"{client_id}-2")
        self.assertNotEqual(other.id, original.id)
        self.assertEqual(other.seq, last_seq + 1)
        self.assertEqual(author.last_seq(room), last_seq + 1)

    def test_edit_and_delete_are_new_room_events(self):
        author, other = User(), User()
        room = author.create_room(unique_name("Edits"), members=(other,))
        original = author.send(room, "Frist post")
        kept = other.send(room, "Not yours to touch")

        edited = author.call(
            "EditMessage", chat_pb2.EditMessageRequest(message_id=original.id, text="First post")
        )
        self.assertEqual(edited.id, original.id)
        self.assertEqual(edited.seq, original.seq)
        self.assertEqual(edited.text, "First post")
        self.assertTrue(edited.HasField("edited_at"))
        self.assertEqual(author.last_seq(room), kept.seq + 1)

        self.assertChatError(
            grpc.StatusCode.PERMISSION_DENIED,
            other,
            "EditMessage",
            chat_pb2.EditMessageRequest(message_id=original.id, text="Hijacked"),
        )
        self.assertChatError(
            grpc.StatusCode.PERMISSION_DENIED,
            author,
            "EditMessage",
            chat_pb2.EditMessageRequest(message_id=kept.id, text="Hijacked"),
        )

        author.call("DeleteMessage", chat_pb2.DeleteMessageRequest(message_id=original.id))
        self.assertEqual(author.last_seq(room), kept.seq + 2)

        events = author.history(room).events
        self.assertEqual([e.seq for e in events], list(range(1, kept.seq + 3)))
        edit_event, delete_event = events[-2], events[-1]
        self.assertEqual(edit_event.seq, kept.seq + 1)
        self.assertEqual(edit_event.room_id, room.id)
        self.assertEqual(edit_event.WhichOneof("kind"), "message_edited")
        self.assertEqual(edit_event.message_edited.id, original.id)
        self.assertEqual(edit_event.message_edited.seq, original.seq)
        self.assertEqual(delete_event.seq, kept.seq + 2)
        self.assertEqual(delete_event.room_id, room.id)
        self.assertEqual(delete_event.WhichOneof("kind"), "message_deleted")
        self.assertEqual(delete_event.message_deleted.message_id, original.id)
        self.assertEqual(delete_event.message_deleted.room_id, room.id)

        posted = {e.seq: e.message_posted for e in events if e.HasField("message_posted")}
        self.assertEqual(sorted(posted), [original.seq, kept.seq])
        self.assertEqual(posted[kept.seq].text, "Not yours to touch")
        self.assertEqual(other.rooms()[room.id].last_message.id, kept.id)

    def test_reactions_are_room_events_summed_up_on_the_message(self):
        author, other, stranger = User(), User(), User()
        room = author.create_room(unique_name("Reactions"), members=(other,))
        message = author.send(room, "Cake on Friday?")
        other.call("React", chat_pb2.ReactRequest(message_id=message.id, emoji="🎂"))
        other.call("React", chat_pb2.ReactRequest(message_id=message.id, emoji="🎂"))
        author.call("React", chat_pb2.ReactRequest(message_id=message.id, emoji="👍🏽"))
        author.call("React", chat_pb2.ReactRequest(message_id=message.id, emoji="🎂"))

        events = author.history(room).events
        added = [e.reaction_added for e in events if e.HasField("reaction_added")]
        self.assertEqual([(r.user_id, r.emoji) for r in added],
                         [(other.id, "🎂"), (author.id, "👍🏽"), (author.id, "🎂")])
        posted = next(e.message_posted for e in events
                      if e.HasField("message_posted") and e.message_posted.id == message.id)
        self.assertEqual([(s.emoji, s.count, list(s.user_ids)) for s in posted.reactions],
                         [("🎂", 2, [other.id, author.id]), ("👍🏽", 1, [author.id])])

        other.call("React", chat_pb2.ReactRequest(message_id=message.id, emoji="🎂", remove=True))
        events = author.history(room).events
        self.assertEqual(events[-1].reaction_removed.user_id, other.id)
        for emoji, reason in (("🙂🙃", "emoji: must be one emoji, not several characters"),
                              ("x", "emoji: must be an emoji")):
            details = self.assertChatError(grpc.StatusCode.INVALID_ARGUMENT, other, "React",
                                           chat_pb2.ReactRequest(message_id=message.id,
                                                                 emoji=emoji))
            self.assertEqual(details, reason)
        self.assertChatError(grpc.StatusCode.PERMISSION_DENIED, stranger, "React",
                             chat_pb2.ReactRequest(message_id=message.id, emoji="👍"))


    def test_a_picture_uploaded_sent_and_downloaded_elsewhere_is_byte_identical(self):
        author, reader, outsider = User(), User(), User()
        room = author.create_room(unique_name("Pictures"), members=(reader,))
        # Larger than any other call's body: through the edge, uploads have
        # a limit of their own.
        picture = tiny_png(640, 480) + secrets.token_bytes(3 * 1024 * 1024)
        thumbnail = tiny_png(64, 48)
        attachment = author.call("UploadAttachment", upload_requests(
            room.id, "sunset.png", "image/png", picture, thumbnail=thumbnail, width=640,
            height=480, chunk=40000))
        self.assertEqual(attachment.mime_type, "image/png")
        self.assertEqual(attachment.size, len(picture))
        self.assertEqual(attachment.sha256, hashlib.sha256(picture).hexdigest())
        self.assertEqual((attachment.width, attachment.height), (640, 480))
        message = author.call("SendMessage", chat_pb2.SendMessageRequest(
            room_id=room.id, attachment_ids=[attachment.id]))
        self.assertEqual([a.id for a in message.attachments], [attachment.id])
        self.assertEqual(message.attachments[0].thumbnail, thumbnail)

        posted = [e.message_posted for e in reader.history(room).events
                  if e.HasField("message_posted")]
        self.assertEqual(posted[-1].attachments[0].file_name, "sunset.png")
        chunks = list(reader.call("DownloadAttachment", chat_pb2.DownloadAttachmentRequest(
            attachment_id=attachment.id)))
        self.assertEqual(b"".join(c.data for c in chunks), picture)
        offsets = [c.offset for c in chunks]
        self.assertEqual(offsets, [sum(len(c.data) for c in chunks[:i]) for i in range(len(chunks))])
        resumed = reader.call("DownloadAttachment", chat_pb2.DownloadAttachmentRequest(
            attachment_id=attachment.id, offset=123457))
        self.assertEqual(b"".join(c.data for c in resumed), picture[123457:])

        with self.assertRaises(grpc.RpcError) as refused:
            list(outsider.call("DownloadAttachment", chat_pb2.DownloadAttachmentRequest(
                attachment_id=attachment.id)))
        self.assertEqual(refused.exception.code(), grpc.StatusCode.PERMISSION_DENIED)
        for requests, code, reason in (
                (upload_requests(room.id, "a.bin", "", b"x" * 10, size=20),
                 grpc.StatusCode.INVALID_ARGUMENT, "size: 20 bytes were announced and 10 arrived"),
                (upload_requests(room.id, "a.bin", "", b"x", thumbnail=b"GIF89a" + b"x" * 20),
                 grpc.StatusCode.INVALID_ARGUMENT,
                 "thumbnail: must be a PNG, JPEG or WebP image of at most 64 KiB"),
                (upload_requests(room.id, "a.bin", "", b"", size=26 * 1024 * 1024),
                 grpc.StatusCode.INVALID_ARGUMENT, "size: a file may have at most 25 MiB")):
            with self.assertRaises(grpc.RpcError) as failed:
                author.call("UploadAttachment", requests)
            self.assertEqual(failed.exception.code(), code)
            self.assertEqual(failed.exception.details(), reason)
        with self.assertRaises(grpc.RpcError) as stranger:
            outsider.call("UploadAttachment", upload_requests(room.id, "a.bin", "", b"x"))
        self.assertEqual(stranger.exception.code(), grpc.StatusCode.PERMISSION_DENIED)

    def test_search_finds_words_in_the_callers_rooms(self):
        author, reader, outsider = User(), User(), User()
        word = f"zebra{secrets.token_hex(3)}"
        room = author.create_room(unique_name("Search"), members=(reader,))
        elsewhere = outsider.create_room(unique_name("Elsewhere"))
        first = author.send(room, f"The {word} crossed the road")
        second = reader.send(room, f"Another {word.upper()} crossed, too")
        outsider.send(elsewhere, f"{word} crossed here as well")
        found = reader.call("SearchMessages", chat_pb2.SearchMessagesRequest(
            query=f"crossed {word}", limit=1))
        self.assertEqual([h.message.id for h in found.hits], [second.id])
        self.assertIn("\x02", found.hits[0].snippet)
        self.assertTrue(found.next_page_token)
        rest = reader.call("SearchMessages", chat_pb2.SearchMessagesRequest(
            query=f"crossed {word}", limit=1, page_token=found.next_page_token))
        self.assertEqual([h.message.id for h in rest.hits], [first.id])
        self.assertFalse(rest.next_page_token)
        details = self.assertChatError(grpc.StatusCode.INVALID_ARGUMENT, reader,
                                       "SearchMessages",
                                       chat_pb2.SearchMessagesRequest(query="..."))
        self.assertEqual(details, "query: must have a word to look for")

    def test_access_and_validation_errors(self):
        owner, outsider = User(), User()
        private = owner.create_room(unique_name("Private"))
        owner.send(private, "Members only")

        self.assertChatError(
            grpc.StatusCode.PERMISSION_DENIED,
            outsider,
            "GetHistory",
            chat_pb2.GetHistoryRequest(room_id=private.id),
        )
        self.assertChatError(
            grpc.StatusCode.PERMISSION_DENIED,
            outsider,
            "SendMessage",
            chat_pb2.SendMessageRequest(room_id=private.id, text="Let me in"),
        )
        self.assertChatError(
            grpc.StatusCode.NOT_FOUND,
            owner,
            "GetHistory",
            chat_pb2.GetHistoryRequest(room_id=secrets.token_hex(16)),
        )

        details = self.assertChatError(
            grpc.StatusCode.INVALID_ARGUMENT,
            owner,
            "SendMessage",
            chat_pb2.SendMessageRequest(room_id=private.id, text="x" * 4001),
        )
        self.assertTrue(details.startswith("text: "), details)
        self.assertEqual(len(owner.send(private, "y" * 4000).text), 4000)

        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            chat.GetHistory,
            chat_pb2.GetHistoryRequest(room_id=private.id),
        )


class HistoryTest(ChatTestCase):
    def test_paging_backwards(self):
        author = User()
        room = author.create_room(unique_name("Archive"))
        base = room.last_seq
        texts = [f"message {i:03d}" for i in range(1, 121)]
        for i, text in enumerate(texts, start=1):
            self.assertEqual(author.send(room, text).seq, base + i)
        last_seq = base + 120
        self.assertEqual(author.last_seq(room), last_seq)

        pages = []
        before_seq = 0
        while True:
            page = author.history(room, before_seq=before_seq, limit=50)
            seqs = [e.seq for e in page.events]
            self.assertTrue(seqs, f"empty page before {before_seq}")
            self.assertEqual(seqs, sorted(seqs), "a page is in ascending seq")
            self.assertEqual(seqs, list(range(seqs[0], seqs[-1] + 1)))
            if before_seq:
                self.assertEqual(seqs[-1], before_seq - 1, "before_seq is exclusive")
            else:
                self.assertEqual(seqs[-1], last_seq)
            self.assertEqual(page.has_more, seqs[0] > 1)
            pages.append(page)
            if not page.has_more:
                break
            before_seq = seqs[0]

        self.assertEqual(
            [(p.events[0].seq, p.events[-1].seq, p.has_more) for p in pages],
            [
                (last_seq - 49, last_seq, True),
                (last_seq - 99, last_seq - 50, True),
                (1, last_seq - 100, False),
            ],
        )
        events = [e for page in reversed(pages) for e in page.events]
        self.assertEqual([e.seq for e in events], list(range(1, last_seq + 1)))
        self.assertEqual(posted_texts(events), texts)

        for i in range(100):
            author.send(room, f"more {i}")
        capped = author.history(room, limit=1000)
        self.assertEqual(len(capped.events), 200)
        self.assertEqual(capped.events[-1].seq, last_seq + 100)
        self.assertEqual(capped.events[0].seq, last_seq + 100 - 199)
        self.assertTrue(capped.has_more)


class SubscribeTest(ChatTestCase):
    def setUp(self):
        self.me, self.peer = User(), User()
        self.first = self.me.create_room(unique_name("First"), members=(self.peer,))
        self.first_texts = [self.peer.send(self.first, f"first {i}").text for i in range(3)]
        self.second = self.peer.create_room(unique_name("Second"), members=(self.me,))
        self.second_texts = [self.me.send(self.second, f"second {i}").text for i in range(2)]

    def subscribe(self, cursors=None):
        stream = self.me.subscribe(cursors)
        self.addCleanup(stream.cancel)
        return stream

    def assertBackfill(self, events, expected_ranges):
        """Per room, the backfill is exactly the expected seq range, in order."""
        self.assertEqual(
            seqs_by_room(events),
            {room_id: list(seqs) for room_id, seqs in expected_ranges.items()},
        )

    def test_backfill_synced_then_live(self):
        stream = self.subscribe()
        backfill = stream.backfill()
        first_seq = self.me.last_seq(self.first)
        second_seq = self.me.last_seq(self.second)
        self.assertBackfill(
            backfill,
            {self.first.id: range(1, first_seq + 1), self.second.id: range(1, second_seq + 1)},
        )
        in_first = [e for e in backfill if e.room_id == self.first.id]
        self.assertEqual(posted_texts(in_first), self.first_texts)
        in_second = [e for e in backfill if e.room_id == self.second.id]
        self.assertEqual(posted_texts(in_second), self.second_texts)

        sent = self.peer.send(self.first, "live hello")
        live = stream.next_room_event()
        self.assertEqual(live.room_id, self.first.id)
        self.assertEqual(live.seq, first_seq + 1)
        self.assertEqual(live.WhichOneof("kind"), "message_posted")
        self.assertEqual(live.message_posted.id, sent.id)
        self.assertEqual(live.message_posted.text, "live hello")
        self.assertEqual(live.message_posted.author_id, self.peer.id)

        mine = self.me.send(self.second, "live reply")
        live = stream.next_room_event()
        self.assertEqual((live.room_id, live.seq), (self.second.id, second_seq + 1))
        self.assertEqual(live.message_posted.id, mine.id)
        self.assertEqual(live.message_posted.text, "live reply")

    def test_resume_from_cursors(self):
        stream = self.subscribe()
        backfill = stream.backfill()
        cursors = {room_id: seqs[-1] for room_id, seqs in seqs_by_room(backfill).items()}
        self.assertEqual(
            cursors,
            {
                self.first.id: self.me.last_seq(self.first),
                self.second.id: self.me.last_seq(self.second),
            },
        )
        stream.cancel()

        missed_first = [self.peer.send(self.first, f"missed {i}") for i in range(3)]
        missed_second = [self.me.send(self.second, "sent from another device")]
        third = self.peer.create_room(unique_name("Third"), members=(self.me,))
        missed_third = [self.peer.send(third, "welcome")]
        third_seq = self.me.last_seq(third)

        resumed = self.subscribe(cursors)
        backfill = resumed.backfill()
        self.assertBackfill(
            backfill,
            {
                self.first.id: range(cursors[self.first.id] + 1, cursors[self.first.id] + 4),
                self.second.id: range(cursors[self.second.id] + 1, cursors[self.second.id] + 2),
                third.id: range(1, third_seq + 1),
            },
        )
        by_room = {}
        for event in backfill:
            by_room.setdefault(event.room_id, []).append(event)
        self.assertEqual(
            [e.message_posted.id for e in by_room[self.first.id]], [m.id for m in missed_first]
        )
        self.assertEqual(
            [e.message_posted.id for e in by_room[self.second.id]], [m.id for m in missed_second]
        )
        self.assertEqual(posted_texts(by_room[third.id]), [m.text for m in missed_third])

        sent = self.peer.send(self.first, "after the resume")
        live = resumed.next_room_event()
        self.assertEqual((live.room_id, live.seq), (self.first.id, cursors[self.first.id] + 4))
        self.assertEqual(live.message_posted.id, sent.id)



class ShutdownTest(ChatTestCase):
    def test_sigterm_ends_open_streams_at_once(self):
        """An open Subscribe does not hold a graceful stop for its whole grace:
        it ends UNAVAILABLE (resubscribe) and confabd exits at once."""
        import signal
        import time

        from confab.v1 import auth_pb2

        own = Server(extra_args=("--registrations-per-address", "0"))
        try:
            stubs = Stubs(own.channel)
            session = stubs.auth.Register(auth_pb2.RegisterRequest(
                username=unique_username(), password="correct horse"), timeout=CALL_TIMEOUT)
            stream = stubs.chat.Subscribe(chat_pb2.SubscribeRequest(),
                                          metadata=bearer(session.access_token))
            ended = queue.Queue()

            def read():
                try:
                    for _ in stream:
                        pass
                    ended.put((None, time.monotonic()))
                except grpc.RpcError as e:
                    ended.put((e.code(), time.monotonic()))

            threading.Thread(target=read, daemon=True).start()
            time.sleep(0.5)
            started = time.monotonic()
            own.process.send_signal(signal.SIGTERM)
            code, at = ended.get(timeout=10)
            own.process.wait(timeout=20)
            took = time.monotonic() - started
            self.assertEqual(own.process.returncode, 0)
            # The stream ends at once, not when the 5 s grace runs out; the
            # process then only has its own stop to do.
            self.assertEqual(code, grpc.StatusCode.UNAVAILABLE)
            self.assertLess(at - started, 1.0, f"the stream ended after {at - started:.2f} s")
            self.assertLess(took, 4.5, f"stopping took {took:.2f} s")
            own.process = None
        finally:
            own.close()


if __name__ == "__main__":
    unittest.main()

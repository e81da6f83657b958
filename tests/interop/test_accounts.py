"""Interop tests of the Confab Auth and Accounts services from a Python client.

Environment:
  CONFABD            path of the confabd binary to start
  CONFAB_PYTHON_OUT  directory holding the Python code generated from proto/
"""

import datetime
import hashlib
import os
import re
import secrets
import struct
import time
import unittest
import zlib

import grpc

import confab_testing
from confab_testing import (
    CALL_TIMEOUT,
    HEALTH_CHECK,
    HEALTH_SERVING,
    PASSWORD,
    ConfabTestCase,
    Server,
    Stubs,
    bearer,
    unique_username,
)
from confab.v1 import account_pb2, auth_pb2  # on the path once confab_testing is imported

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")

REFLECTION_INFO = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"
REFLECTION_LIST_SERVICES = b"\x3a\x00"

server = None
auth = None
accounts = None


def setUpModule():
    global server, auth, accounts
    # Every test makes its own accounts from this one address: the
    # registration limits have tests of their own.
    server = confab_testing.deployment(
        extra_args=("--registrations-per-address", "0", "--registrations", "0"))
    stubs = Stubs(server.channel)
    auth = stubs.auth
    accounts = stubs.accounts


def tearDownModule():
    try:
        server.stop_cleanly()
    finally:
        server.close()


def register(username=None, display_name="", device_name="interop", password=PASSWORD):
    return confab_testing.register(auth, username, display_name, device_name, password)


def login(username, password=PASSWORD, device_name="interop"):
    return confab_testing.login(auth, username, password, device_name)


def get_me(session_or_token):
    return accounts.GetMe(
        account_pb2.GetMeRequest(), metadata=bearer(session_or_token), timeout=CALL_TIMEOUT
    )


def update_profile(session, **fields):
    return accounts.UpdateProfile(
        account_pb2.UpdateProfileRequest(**fields), metadata=bearer(session), timeout=CALL_TIMEOUT
    )


def get_user(session, **key):
    return accounts.GetUser(
        account_pb2.GetUserRequest(**key), metadata=bearer(session), timeout=CALL_TIMEOUT
    )


def list_sessions(session):
    return accounts.ListSessions(
        account_pb2.ListSessionsRequest(), metadata=bearer(session), timeout=CALL_TIMEOUT
    ).sessions


def tiny_png(rgb=(0x33, 0x99, 0xff)):
    """A valid 1x1 RGB PNG."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + bytes(rgb))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


class AccountsTestCase(ConfabTestCase):
    def assertUnauthenticated(self, session_or_token):
        # In a cluster, a revocation reaches the other instances over the
        # bus: until it does (milliseconds), a call that nginx sends there
        # may still pass. It must stop passing well within a second.
        deadline = time.monotonic() + (1.0 if os.environ.get("CONFAB_CLUSTER") == "1" else 0)
        while True:
            try:
                accounts.GetMe(account_pb2.GetMeRequest(), metadata=bearer(session_or_token),
                               timeout=CALL_TIMEOUT)
            except grpc.RpcError as error:
                self.assertEqual(error.code(), grpc.StatusCode.UNAUTHENTICATED, error.details())
                return
            if time.monotonic() >= deadline:
                self.fail("the revoked token still works")
            time.sleep(0.01)

    def assertValidSession(self, session):
        self.assertRegex(session.access_token, TOKEN_PATTERN)
        self.assertRegex(session.refresh_token, TOKEN_PATTERN)
        self.assertNotEqual(session.access_token, session.refresh_token)
        self.assertTrue(session.session_id)
        self.assertTrue(session.user.id)
        now = datetime.datetime.now(datetime.timezone.utc)
        expires = session.access_expires_at.ToDatetime(tzinfo=datetime.timezone.utc)
        self.assertGreater(expires, now)


class RegisterTest(AccountsTestCase):
    def test_register_returns_a_session(self):
        username = unique_username()
        session = register(username, display_name="Ada Lovelace", device_name="laptop")
        self.assertValidSession(session)
        self.assertEqual(session.user.username, username)
        self.assertEqual(session.user.display_name, "Ada Lovelace")
        self.assertFalse(session.user.deleted)

    def test_empty_display_name_defaults_to_username(self):
        username = unique_username()
        session = register(username)
        self.assertEqual(session.user.display_name, username)

    def test_taken_username_is_already_exists(self):
        username = unique_username()
        register(username)
        self.assertRpcError(
            grpc.StatusCode.ALREADY_EXISTS,
            auth.Register,
            auth_pb2.RegisterRequest(username=username, password=PASSWORD),
        )

    def test_invalid_username_is_invalid_argument(self):
        for username in ("Bad Name!", "ab", "x" * 33, "UPPER"):
            with self.subTest(username=username):
                details = self.assertRpcError(
                    grpc.StatusCode.INVALID_ARGUMENT,
                    auth.Register,
                    auth_pb2.RegisterRequest(username=username, password=PASSWORD),
                )
                self.assertTrue(details.startswith("username: "), details)


class LoginTest(AccountsTestCase):
    def test_login_returns_a_new_session(self):
        username = unique_username()
        registered = register(username, display_name="Grace")
        session = login(username, device_name="phone")
        self.assertValidSession(session)
        self.assertEqual(session.user.id, registered.user.id)
        self.assertEqual(session.user.username, username)
        self.assertEqual(session.user.display_name, "Grace")
        self.assertNotEqual(session.session_id, registered.session_id)
        self.assertNotEqual(session.access_token, registered.access_token)

    def test_wrong_password_looks_like_unknown_user(self):
        username = unique_username()
        register(username)
        wrong_password = self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Login,
            auth_pb2.LoginRequest(username=username, password="not the password"),
        )
        unknown_user = self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Login,
            auth_pb2.LoginRequest(username=unique_username("ghost"), password=PASSWORD),
        )
        self.assertTrue(wrong_password)
        self.assertEqual(wrong_password, unknown_user)


class GetMeTest(AccountsTestCase):
    def test_get_me_with_bearer_token(self):
        username = unique_username()
        session = register(username, display_name="Me Myself")
        me = get_me(session)
        self.assertEqual(me.id, session.user.id)
        self.assertEqual(me.username, username)
        self.assertEqual(me.display_name, "Me Myself")

    def test_get_me_without_token_is_unauthenticated(self):
        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED, accounts.GetMe, account_pb2.GetMeRequest()
        )

    def test_get_me_with_malformed_header_is_unauthenticated(self):
        session = register()
        for value in (session.access_token, f"Token {session.access_token}", "Bearer "):
            with self.subTest(value=value):
                self.assertRpcError(
                    grpc.StatusCode.UNAUTHENTICATED,
                    accounts.GetMe,
                    account_pb2.GetMeRequest(),
                    metadata=(("authorization", value),),
                )

    def test_get_me_with_forged_token_is_unauthenticated(self):
        self.assertUnauthenticated(secrets.token_urlsafe(32))


class UpdateProfileTest(AccountsTestCase):
    def test_profile_fields_and_avatar(self):
        username = unique_username()
        session = register(username, display_name="Before")
        observer = register()
        png = tiny_png()

        user = update_profile(
            session,
            display_name="After",
            bio="Writes interop tests.",
            status_text="in a meeting",
            avatar=png,
        )
        self.assertEqual(user.display_name, "After")
        self.assertEqual(user.bio, "Writes interop tests.")
        self.assertEqual(user.status_text, "in a meeting")
        self.assertEqual(user.avatar_sha256, hashlib.sha256(png).hexdigest())

        fetched = get_user(observer, username=username)
        self.assertEqual(fetched.id, session.user.id)
        self.assertEqual(fetched.display_name, "After")
        self.assertEqual(fetched.avatar, png)
        self.assertEqual(fetched.avatar_sha256, hashlib.sha256(png).hexdigest())

        user = update_profile(session, bio="Only the bio changes.")
        self.assertEqual(user.bio, "Only the bio changes.")
        self.assertEqual(user.display_name, "After")
        self.assertEqual(user.status_text, "in a meeting")
        self.assertEqual(user.avatar_sha256, hashlib.sha256(png).hexdigest())

        user = update_profile(session, avatar=b"")
        self.assertEqual(user.avatar_sha256, "")
        self.assertEqual(user.display_name, "After")
        fetched = get_user(observer, user_id=session.user.id)
        self.assertEqual(fetched.avatar, b"")
        self.assertEqual(fetched.avatar_sha256, "")

    def test_gif_avatar_is_invalid_argument(self):
        session = register()
        gif = (
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
            b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
        )
        details = self.assertRpcError(
            grpc.StatusCode.INVALID_ARGUMENT,
            accounts.UpdateProfile,
            account_pb2.UpdateProfileRequest(avatar=gif),
            metadata=bearer(session),
        )
        self.assertTrue(details.startswith("avatar: "), details)
        self.assertEqual(get_me(session).avatar_sha256, "")

    def test_get_user_of_unknown_username_is_not_found(self):
        session = register()
        self.assertRpcError(
            grpc.StatusCode.NOT_FOUND,
            accounts.GetUser,
            account_pb2.GetUserRequest(username=unique_username("nobody")),
            metadata=bearer(session),
        )


class SearchUsersTest(AccountsTestCase):
    def search(self, session, query):
        return accounts.SearchUsers(
            account_pb2.SearchUsersRequest(query=query, limit=50),
            metadata=bearer(session),
            timeout=CALL_TIMEOUT,
        ).users

    def test_prefix_match_on_username_and_display_name(self):
        username = unique_username("finder")
        marker = secrets.token_hex(4)
        display_name = f"Quokka{marker} Smith"
        target = register(username, display_name=display_name)
        searcher = register()

        by_username = self.search(searcher, username[:-1])
        self.assertIn(target.user.id, [u.id for u in by_username])

        by_display_name = self.search(searcher, f"Quokka{marker}")
        self.assertEqual([u.id for u in by_display_name], [target.user.id])
        self.assertEqual(by_display_name[0].username, username)
        self.assertEqual(by_display_name[0].display_name, display_name)

        self.assertEqual(list(self.search(searcher, f"Wombat{marker}")), [])


class RefreshTest(AccountsTestCase):
    def refresh(self, refresh_token):
        return auth.Refresh(
            auth_pb2.RefreshRequest(refresh_token=refresh_token), timeout=CALL_TIMEOUT
        )

    def test_refresh_rotates_and_detects_reuse(self):
        first = register()
        second = self.refresh(first.refresh_token)
        self.assertValidSession(second)
        self.assertEqual(second.session_id, first.session_id)
        self.assertEqual(second.user.id, first.user.id)
        self.assertNotEqual(second.access_token, first.access_token)
        self.assertNotEqual(second.refresh_token, first.refresh_token)
        self.assertEqual(get_me(second).id, first.user.id)

        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Refresh,
            auth_pb2.RefreshRequest(refresh_token=first.refresh_token),
        )
        self.assertUnauthenticated(second)
        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Refresh,
            auth_pb2.RefreshRequest(refresh_token=second.refresh_token),
        )

    def test_unknown_refresh_token_is_unauthenticated(self):
        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Refresh,
            auth_pb2.RefreshRequest(refresh_token=secrets.token_urlsafe(32)),
        )


class SessionsTest(AccountsTestCase):
    def test_list_and_revoke_sessions(self):
        username = unique_username()
        laptop = register(username, device_name="laptop")
        phone = login(username, device_name="phone")

        sessions = list_sessions(laptop)
        self.assertEqual(
            sorted((s.session_id, s.device_name) for s in sessions),
            sorted([(laptop.session_id, "laptop"), (phone.session_id, "phone")]),
        )
        current = [s.session_id for s in sessions if s.current]
        self.assertEqual(current, [laptop.session_id])

        accounts.RevokeSession(
            account_pb2.RevokeSessionRequest(session_id=phone.session_id),
            metadata=bearer(laptop),
            timeout=CALL_TIMEOUT,
        )
        self.assertEqual([s.session_id for s in list_sessions(laptop)], [laptop.session_id])
        self.assertUnauthenticated(phone)
        self.assertEqual(get_me(laptop).id, laptop.user.id)

    def test_revoke_unknown_session_is_not_found(self):
        session = register()
        self.assertRpcError(
            grpc.StatusCode.NOT_FOUND,
            accounts.RevokeSession,
            account_pb2.RevokeSessionRequest(session_id=secrets.token_hex(16)),
            metadata=bearer(session),
        )

    def test_revoke_session_of_another_user_is_not_found(self):
        mine = register()
        theirs = register()
        self.assertRpcError(
            grpc.StatusCode.NOT_FOUND,
            accounts.RevokeSession,
            account_pb2.RevokeSessionRequest(session_id=theirs.session_id),
            metadata=bearer(mine),
        )
        self.assertEqual(get_me(theirs).id, theirs.user.id)


class ChangePasswordTest(AccountsTestCase):
    def test_change_password(self):
        username = unique_username()
        current = register(username, device_name="laptop")
        other = login(username, device_name="phone")
        new_password = "a brand new passphrase"

        details = self.assertRpcError(
            grpc.StatusCode.PERMISSION_DENIED,
            accounts.ChangePassword,
            account_pb2.ChangePasswordRequest(
                old_password="not the password", new_password=new_password
            ),
            metadata=bearer(current),
        )
        self.assertEqual(details, "password: incorrect")
        self.assertEqual(get_me(current).id, current.user.id)
        self.assertEqual(get_me(other).id, current.user.id)

        accounts.ChangePassword(
            account_pb2.ChangePasswordRequest(old_password=PASSWORD, new_password=new_password),
            metadata=bearer(current),
            timeout=CALL_TIMEOUT,
        )
        self.assertEqual(get_me(current).id, current.user.id)
        self.assertUnauthenticated(other)
        self.assertEqual([s.session_id for s in list_sessions(current)], [current.session_id])

        self.assertEqual(login(username, password=new_password).user.id, current.user.id)
        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Login,
            auth_pb2.LoginRequest(username=username, password=PASSWORD),
        )


class LogoutTest(AccountsTestCase):
    def logout(self, session, all_devices):
        auth.Logout(
            auth_pb2.LogoutRequest(all_devices=all_devices),
            metadata=bearer(session),
            timeout=CALL_TIMEOUT,
        )

    def test_logout_revokes_only_this_session(self):
        username = unique_username()
        leaving = register(username)
        staying = login(username)
        self.logout(leaving, all_devices=False)
        self.assertUnauthenticated(leaving)
        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Refresh,
            auth_pb2.RefreshRequest(refresh_token=leaving.refresh_token),
        )
        self.assertEqual(get_me(staying).id, staying.user.id)

    def test_logout_all_devices(self):
        username = unique_username()
        first = register(username)
        second = login(username)
        self.logout(first, all_devices=True)
        self.assertUnauthenticated(first)
        self.assertUnauthenticated(second)

    def test_logout_without_token_is_unauthenticated(self):
        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED, auth.Logout, auth_pb2.LogoutRequest()
        )


class DeleteAccountTest(AccountsTestCase):
    def test_delete_account(self):
        username = unique_username()
        doomed = register(username, display_name="Soon Gone")
        update_profile(doomed, bio="Temporary.", avatar=tiny_png())
        observer = register()

        details = self.assertRpcError(
            grpc.StatusCode.PERMISSION_DENIED,
            accounts.DeleteAccount,
            account_pb2.DeleteAccountRequest(password="not the password"),
            metadata=bearer(doomed),
        )
        self.assertEqual(details, "password: incorrect")
        self.assertFalse(get_user(observer, user_id=doomed.user.id).deleted)

        accounts.DeleteAccount(
            account_pb2.DeleteAccountRequest(password=PASSWORD),
            metadata=bearer(doomed),
            timeout=CALL_TIMEOUT,
        )
        gone = get_user(observer, user_id=doomed.user.id)
        self.assertTrue(gone.deleted)
        self.assertEqual(gone.id, doomed.user.id)
        self.assertEqual(gone.display_name, "")
        self.assertEqual(gone.bio, "")
        self.assertEqual(gone.avatar, b"")
        self.assertEqual(gone.avatar_sha256, "")

        self.assertUnauthenticated(doomed)
        self.assertRpcError(
            grpc.StatusCode.UNAUTHENTICATED,
            auth.Login,
            auth_pb2.LoginRequest(username=username, password=PASSWORD),
        )
        searched = accounts.SearchUsers(
            account_pb2.SearchUsersRequest(query=username),
            metadata=bearer(observer),
            timeout=CALL_TIMEOUT,
        ).users
        self.assertNotIn(doomed.user.id, [u.id for u in searched])


class StandardServicesTest(AccountsTestCase):
    def test_health_is_serving(self):
        check = server.channel.unary_unary(HEALTH_CHECK)
        self.assertEqual(check(b"", timeout=CALL_TIMEOUT), HEALTH_SERVING)

    def test_reflection_lists_services(self):
        info = server.channel.stream_stream(REFLECTION_INFO)
        responses = b"".join(info(iter([REFLECTION_LIST_SERVICES]), timeout=CALL_TIMEOUT))
        for service in (
            b"confab.v1.Auth",
            b"confab.v1.Accounts",
            b"confab.v1.Chat",
            b"grpc.health.v1.Health",
        ):
            with self.subTest(service=service):
                self.assertIn(service, responses)


if __name__ == "__main__":
    unittest.main()

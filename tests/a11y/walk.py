#!/usr/bin/python3
"""Drives the real Confab app through AT-SPI, as a screen reader does.

Run it through run-walk, which starts the display, the buses, the keyring and
the app:

    tests/a11y/run-walk build/bin tests/a11y/walk.py          # the walk
    tests/a11y/run-walk build/bin tests/a11y/walk.py dump     # the tree, once
                                                              # the app is up

The walk (ctest runs it as a11y.screen_reader_walk): create an account on the
"Create account" tab and reach the main window; sign out with Account → Sign
out; sign in with a wrong password and check that the error was heard (a
notification showing with its text); sign in; create a room with Rooms → New
room…; send a message and wait for its row in the "Messages" list; reply to it
with the row's Reply action and check the new last row says "In reply to";
edit the reply with its Edit action and Save, and check "(edited)"; delete the
first message with its Delete action and Yes in the "Delete message" box, and
check the row reads "Message deleted"; read the last row back (READ).

Everything is found by role and name, the way a user of a screen reader finds
it (the last row is the one End reaches); never by object path or
coordinates. Each step prints PASS, FAIL (something a screen reader user
could not do or would not hear: the walk goes on where it can, and prints the
part of the tree concerned), NOTE (a finding that lies in Qt, not counted;
never given in place of a FAIL) or STOP (the walk cannot go on). The last line
counts them and says how long it took. The exit status is 0 only when nothing
failed. Every wait is bounded (a step waits CONFAB_A11Y_STEP_TIMEOUT seconds,
default 10; the server and the windows get up to 30), and an action that came
to nothing is tried again (see attempt()).

The helpers (find, wait_for, attempt, set_text, press, do_action, text_of,
Heard, dump, show_tree) are meant to be imported by other walks:
`from walk import *`.
"""

import io
import os
import re
import sys
import time
import traceback

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

import pyatspi  # noqa: E402

APP_NAME = "confab"
# How long a step waits for the app to react (the server and the windows get
# longer, see walk()). Every wait is bounded.
TIMEOUT = float(os.environ.get("CONFAB_A11Y_STEP_TIMEOUT", "10"))

# Roles a top-level window can have. Qt exposes a QMainWindow as "frame", a
# QDialog as "dialog", a QMessageBox as "alert" and a plain top-level QWidget
# as "filler".
WINDOW_ROLES = ("frame", "window", "dialog", "alert", "filler")


# --- The event loop ---------------------------------------------------------

_context = GLib.MainContext.default()


def pump(seconds=0.0):
    """Dispatches pending AT-SPI events, for at least `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        while _context.iteration(False):
            pass
        if time.monotonic() >= deadline:
            return
        time.sleep(0.05)


# --- Reading accessibles ----------------------------------------------------


def role(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return "?"


def name(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def description(acc):
    try:
        return acc.description or ""
    except Exception:
        return ""


def states(acc):
    """The state names: 'showing', 'enabled', 'focused', ..."""
    try:
        return {s.value_nick for s in acc.getState().getStates()}
    except Exception:
        return set()


def interfaces(acc):
    try:
        return set(pyatspi.listInterfaces(acc))
    except Exception:
        return set()


def actions(acc):
    if "Action" not in interfaces(acc):
        return []
    try:
        action = acc.queryAction()
        return [action.getName(i) for i in range(action.nActions)]
    except Exception:
        return []


def text_of(acc):
    """What a screen reader reads out for a label: its Text interface when it
    has one, else its name. (Description comes on top; see heard_text.)"""
    if "Text" in interfaces(acc):
        try:
            return acc.queryText().getText(0, -1)
        except Exception:
            pass
    return name(acc)


def showing(acc):
    return "showing" in states(acc)


def children(acc):
    try:
        return [c for c in acc if c is not None]
    except Exception:
        return []


def _matches(value, wanted):
    if wanted is None:
        return True
    if callable(wanted):
        return bool(wanted(value))
    if isinstance(wanted, re.Pattern):
        return bool(wanted.search(value))
    if isinstance(wanted, (tuple, list, set, frozenset)):
        return value in wanted
    return value == wanted


def find_all(root, role_=None, name_=None, *, showing_=None, pred=None, depth=40):
    """Every descendant of root (root included) with the role and name.

    role_ and name_ are a string (exact), a tuple of strings, a compiled regex
    or a function; showing_ True/False filters on the "showing" state."""
    found = []

    def visit(acc, level):
        if (
            _matches(role(acc), role_)
            and _matches(name(acc), name_)
            and (showing_ is None or showing(acc) == showing_)
            and (pred is None or pred(acc))
        ):
            found.append(acc)
        if level < depth:
            for child in children(acc):
                visit(child, level + 1)

    visit(root, 0)
    return found


def find(root, role_=None, name_=None, **kw):
    """The first descendant (depth first) with the role and name, or None."""
    hits = find_all(root, role_, name_, **kw)
    return hits[0] if hits else None


def describe(acc):
    return f"[{role(acc)}] {name(acc)!r}"


class NotFound(Exception):
    pass


def wait_until(check, timeout=TIMEOUT, what="condition", interval=0.1):
    """Polls check() (pumping events) until it returns something true."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise NotFound(f"timed out after {timeout:.0f}s waiting for {what}")
        pump(interval)


def wait_for(root, role_=None, name_=None, timeout=TIMEOUT, showing_=True, pred=None,
             depth=40):
    """Polls until a descendant of root (a function returning the root, or an
    accessible) with the role and name is there (and showing, by default)."""

    def check():
        top = root() if callable(root) else root
        return top is not None and find(
            top, role_, name_, showing_=showing_, pred=pred, depth=depth
        )

    return wait_until(check, timeout, f"[{role_}] {name_!r}")


def wait_gone(root, role_=None, name_=None, timeout=TIMEOUT):
    """Polls until nothing with the role and name is showing under root."""

    def check():
        top = root() if callable(root) else root
        return top is None or not find(top, role_, name_, showing_=True)

    return wait_until(check, timeout, f"[{role_}] {name_!r} to go")


def find_app(app_name=APP_NAME, timeout=TIMEOUT):
    """The application on the desktop (as the registry lists it)."""

    def check():
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            if name(app) == app_name:
                return app
        return None

    app = wait_until(check, timeout, f"the application {app_name!r} on the desktop")
    # Read through to the app every time: the test must see what the app says
    # now, not what libatspi remembered from the last event.
    try:
        app.set_cache_mask(Atspi.Cache.NONE)
        app.clear_cache()
    except Exception:
        pass
    return app


# --- Acting ------------------------------------------------------------------


def set_text(acc, text):
    """Replaces the text of an editable field (EditableText interface)."""
    if "EditableText" not in interfaces(acc):
        raise NotFound(f"{describe(acc)} has no EditableText interface")
    if not acc.queryEditableText().setTextContents(text):
        raise NotFound(f"{describe(acc)} refused the text")


PRESS_NAMES = ("Press", "press", "click", "activate", "Toggle", "toggle")


def press(acc, preferred=PRESS_NAMES):
    """Does the press-like action of acc (by name, else its first action)."""
    names = actions(acc)
    if not names:
        raise NotFound(f"{describe(acc)} has no actions (states: {sorted(states(acc))})")
    action = acc.queryAction()
    for wanted in preferred:
        if wanted in names:
            return action.doAction(names.index(wanted))
    return action.doAction(0)


def do_action(acc, action_name):
    names = actions(acc)
    if action_name not in names:
        raise NotFound(f"{describe(acc)} has no action {action_name!r} (has {names})")
    return acc.queryAction().doAction(names.index(action_name))


def attempt(do, done, what, tries=3, wait=4.0):
    """Calls do() (which finds its target afresh each time and acts on it),
    then waits up to `wait` seconds for done() to return something true, and
    returns that. When nothing came of it (AT-SPI lags, or the object went
    stale between finding and acting), tries again, `tries` times in all.
    done() must be what the action brings about, so that an action that
    worked is never done twice."""
    problems = []
    for _ in range(tries):
        try:
            do()
        except Exception as e:  # NotFound, or GLib.Error from a stale object
            problems.append(str(e))
        try:
            return wait_until(done, wait, what)
        except NotFound as e:
            problems.append(str(e))
    raise NotFound(f"{what}: nothing after {tries} tries ({'; '.join(problems[-2:])})")


# --- What the user heard -----------------------------------------------------

EVENTS = (
    "object:announcement",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:text-changed",
    "object:state-changed:showing",
    "object:state-changed:focused",
    "object:children-changed",
    "window:activate",
    "window:create",
)


class Heard:
    """Collects the events a screen reader gets, for asserting on them.

    Each entry: (seconds since start, type, role, name, description, data).
    Kinds a screen reader speaks without being asked: object:announcement;
    a label, alert or notification becoming showing when its role is "alert"
    or "notification", or in a live region; the name/description of whatever
    gets focus."""

    def __init__(self):
        self.events = []
        self.start = time.monotonic()
        pyatspi.Registry.registerEventListener(self._on_event, *EVENTS)

    def _on_event(self, event):
        src = event.source
        data = event.any_data
        if not isinstance(data, (str, int, float, type(None))):
            data = None
        try:
            attrs = src.getAttributes() if src is not None else []
        except Exception:
            attrs = []
        self.events.append(
            {
                "t": time.monotonic() - self.start,
                "type": event.type,
                "role": role(src) if src is not None else "",
                "name": name(src) if src is not None else "",
                "description": description(src) if src is not None else "",
                "detail1": event.detail1,
                "data": data,
                "live": any(a.startswith(("live:", "container-live:")) for a in attrs),
            }
        )

    def mark(self):
        pump(0.2)
        return len(self.events)

    def since(self, mark=0):
        return self.events[mark:]

    @staticmethod
    def _says(event, text):
        return any(
            isinstance(v, str) and text in v
            for v in (event["name"], event["description"], event["data"])
        )

    def signalled(self, text, mark=0):
        """Events that carried the text at all (name, description or data)."""
        return [e for e in self.since(mark) if self._says(e, text)]

    def announced(self, text, mark=0):
        """Events carrying the text that a screen reader would speak unasked."""
        spoken = []
        for e in self.since(mark):
            if not self._says(e, text):
                continue
            kind = e["type"]
            if kind.startswith("object:announcement"):
                spoken.append(e)
            elif kind.startswith("object:state-changed:focused") and e["detail1"]:
                spoken.append(e)
            elif kind.startswith("object:state-changed:showing") and e["detail1"] and (
                e["role"] in ("alert", "notification") or e["live"]
            ):
                spoken.append(e)
            elif e["live"] and kind.startswith(
                ("object:text-changed", "object:property-change:accessible-name")
            ):
                spoken.append(e)
        return spoken

    def wait_signalled(self, text, mark=0, timeout=5):
        try:
            return wait_until(
                lambda: self.signalled(text, mark), timeout, f"an event with {text!r}"
            )
        except NotFound:
            return []

    def format(self, mark=0, limit=40):
        lines = []
        for e in self.since(mark)[-limit:]:
            extra = f" data={e['data']!r}" if e["data"] not in (None, "", 0) else ""
            desc = f" desc={e['description']!r}" if e["description"] else ""
            lines.append(
                f"    {e['t']:6.2f}s {e['type']} d1={e['detail1']} "
                f"[{e['role']}] {e['name']!r}{desc}{extra}"
            )
        return "\n".join(lines) if lines else "    (no events)"


# --- The tree ----------------------------------------------------------------


def dump(acc, out=sys.stdout, depth=0, max_depth=40, only_showing=False):
    """Prints the accessible tree: role, name, description, states, text, actions."""
    if only_showing and depth > 0 and not showing(acc):
        return
    parts = ["  " * depth + describe(acc)]
    desc = description(acc)
    if desc:
        parts.append(f"desc={desc!r}")
    st = sorted(states(acc) - {"enabled", "sensitive", "visible"})
    if "enabled" not in states(acc):
        st.append("DISABLED")
    parts.append("{" + ",".join(st) + "}")
    if "Text" in interfaces(acc):
        parts.append(f"text={text_of(acc)!r}")
    acts = actions(acc)
    if acts:
        parts.append(f"actions={acts}")
    # Relations, one list a kind; Qt's "controller for" (every widget whose
    # signals reach the window) is left out as noise.
    relations = {}
    try:
        for rel in acc.getRelationSet():
            kind = pyatspi.relationToString(rel.getRelationType()).lower().replace("_", " ")
            if kind.startswith(("controller for", "controlled by")):
                continue
            targets = [describe(rel.getTarget(i)) for i in range(rel.getNTargets())]
            relations.setdefault(kind, []).extend(targets)
    except Exception:
        pass
    for kind, targets in relations.items():
        parts.append(f"{kind}: {', '.join(targets)}")
    print(" ".join(parts), file=out)
    if depth < max_depth:
        for child in children(acc):
            dump(child, out, depth + 1, max_depth, only_showing)


# --- Reporting ---------------------------------------------------------------

# How much of a subtree a failure prints.
DUMP_LINES = int(os.environ.get("CONFAB_A11Y_DUMP_LINES", "80"))


class Stop(Exception):
    pass


def show_tree(tree, limit=DUMP_LINES):
    """Prints the showing part of a subtree (an accessible, or a function
    returning one), indented under the step that failed."""
    try:
        top = tree() if callable(tree) else tree
    except Exception:
        top = None
    if top is None:
        print("      (no tree to show)")
        return
    out = io.StringIO()
    dump(top, out, only_showing=True)
    lines = out.getvalue().splitlines()
    print(f"      the tree under {describe(top)}:")
    for line in lines[:limit]:
        print("      | " + line)
    if len(lines) > limit:
        print(f"      | ... and {len(lines) - limit} lines more")


class Report:
    """PASS and FAIL count; NOTE is a finding that lies in Qt itself (the app
    cannot change it), printed but not counted. A NOTE is only given where
    the app's own part of the check passed: it never stands in for a FAIL."""

    def __init__(self):
        self.failed = []
        self.passed = 0
        self.notes = 0
        self.start = time.monotonic()

    def note(self, step, detail):
        self.notes += 1
        print(f"NOTE  {step}: {detail}")

    def passes(self, step, detail=""):
        self.passed += 1
        print(f"PASS  {step}" + (f": {detail}" if detail else ""))

    def fails(self, step, detail, tree=None):
        self.failed.append(step)
        print(f"FAIL  {step}: {detail}")
        if tree is not None:
            show_tree(tree)

    def check(self, ok, step, detail_ok="", detail_fail="", tree=None):
        if ok:
            self.passes(step, detail_ok)
        else:
            self.fails(step, detail_fail, tree)
        return ok

    def stop(self, step, detail, tree=None):
        self.failed.append(step)
        print(f"STOP  {step}: {detail}")
        if tree is not None:
            show_tree(tree)
        raise Stop(step)

    def summary(self):
        total = self.passed + len(self.failed)
        took = time.monotonic() - self.start
        return (
            f"--- {self.passed}/{total} checks passed, {self.notes} notes, {took:.1f}s"
            + (f"; failed: {', '.join(self.failed)}" if self.failed else "")
        )


# --- The walk ----------------------------------------------------------------

USERNAME = "alice"
DISPLAY_NAME = "Alice Example"
PASSWORD = "correct horse battery"
WRONG_PASSWORD = "wrong horse battery"
WRONG_PASSWORD_ERROR = "The username or password is not correct."
ROOM = "Plans"
MESSAGE = "Shall we meet on Saturday?"
REPLY = "Yes, at ten"
EDITED = "Yes, at eleven"
DELETED = "Message deleted"

# A message row's time of day, as the timeline writes it ("14:05", "2:05 PM").
TIME = r"\d{1,2}[:.]\d{2}(?:\s?[AP]M)?"


def message_row(text, rest=""):
    """The name of a row of the timeline for a message of ours that has gone
    out: an optional day heading ("Today. "), the author, the time, the text,
    then exactly `rest` (a regex): nothing "Sending…" or "Not sent" after it."""
    return re.compile(
        rf"^(?:[^,]+\. )?{re.escape(DISPLAY_NAME)}, {TIME}: {re.escape(text)}{rest}$"
    )


def quoting(text):
    """What a reply's row ends with: the message it answers."""
    return rf" In reply to {re.escape(DISPLAY_NAME)}: {re.escape(text)}"


def enabled(acc):
    return "enabled" in states(acc)


def walk(report):
    heard = Heard()

    try:
        app = find_app()
    except NotFound as e:
        report.stop("the app is on the accessibility bus", str(e))
    report.passes("the app is on the accessibility bus", describe(app))

    def window(title):
        return find(app, WINDOW_ROLES, title, showing_=True, depth=1)

    def main_window():
        # The window with the menu bar (its name is the user's name).
        for win in find_all(app, WINDOW_ROLES, showing_=True, depth=1):
            if find(win, "menu bar", depth=1) is not None:
                return win
        return None

    def fill(root, role_, name_, text, secret=False):
        """Sets a field's text, again if AT-SPI lagged; checks that it reads
        back (a password field reads back nothing, so it is not read)."""
        done = []

        def do():
            set_text(wait_for(root, role_, name_, timeout=2), text)
            done.append(True)

        def took():
            top = root() if callable(root) else root
            field = top is not None and find(top, role_, name_, showing_=True)
            return bool(field) and (bool(done) if secret else text_of(field) == text)

        attempt(do, took, f"{name_!r} to read {'its text' if secret else repr(text)}")

    def open_menu(menubar, title):
        """Opens a menu of the menu bar by its action; returns the open menu."""

        def do():
            do_action(wait_for(menubar, "menu item", title, showing_=None, depth=1,
                               timeout=2), "ShowMenu")

        def is_open():
            item = find(menubar, "menu item", title, depth=1)
            return item is not None and find(item, ("popup menu", "menu"), None,
                                             showing_=True, depth=1)

        return attempt(do, is_open, f"the {title!r} menu to open", wait=3)

    # 1. The sign-in window and its form.
    step = "sign-in window"
    try:
        sign_in = wait_for(app, WINDOW_ROLES, "Sign in to Confab", depth=1, timeout=20)
    except NotFound as e:
        report.stop(step, str(e), app)
    report.check(
        role(sign_in) in ("frame", "window", "dialog"), step, describe(sign_in),
        f"it is {describe(sign_in)}; screen readers expect a frame, window or dialog",
    )

    step = "server on this computer is ready (Sign in button enabled)"
    try:
        wait_for(sign_in, "push button", "Sign in", timeout=30, pred=enabled)
        report.passes(step)
    except NotFound as e:
        report.stop(step, str(e), sign_in)

    step = "server status is readable"
    status = find(sign_in, "notification", showing_=True,
                  pred=lambda a: description(a) == "Server status")
    report.check(
        status is not None and "running" in name(status), step,
        f"{describe(status)}" if status else "",
        f"no showing [notification] described 'Server status' says it is running "
        f"(found {describe(status) if status else 'none'})", sign_in,
    )

    step = "sign-in/create-account tab list is named"
    tabs = find(sign_in, "page tab list", showing_=True)
    report.check(
        tabs is not None and name(tabs) == "Sign in or create an account", step,
        describe(tabs) if tabs else "",
        f"found {describe(tabs) if tabs else 'no showing [page tab list]'}", sign_in,
    )

    # 2. Create an account.
    step = "choose 'Create account'"
    try:
        attempt(lambda: press(wait_for(sign_in, "page tab", "Create account", timeout=2)),
                lambda: find(sign_in, "password text", "Repeat password", showing_=True),
                "'Repeat password' to show")
        submit = wait_for(sign_in, "push button", "Create account", timeout=3)
        report.passes(step, "the tab pressed; 'Repeat password' and the 'Create account' "
                      "button showing")
    except NotFound as e:
        report.stop(step, str(e), sign_in)

    step = "fill in the account form"
    mark = heard.mark()
    try:
        fill(sign_in, "text", "Username", USERNAME)
        fill(sign_in, "text", "Display name", DISPLAY_NAME)
        fill(sign_in, "password text", "Password", PASSWORD, secret=True)
        fill(sign_in, "password text", "Repeat password", PASSWORD, secret=True)
        report.passes(step, "Username, Display name, Password, Repeat password set")
    except NotFound as e:
        report.stop(step, str(e), sign_in)

    step = "the password is not given out to AT-SPI clients"
    pump(0.2)
    shown = [describe(a) for a in find_all(sign_in, "password text", showing_=True)
             if PASSWORD in text_of(a) or PASSWORD in name(a) or PASSWORD in description(a)]
    leaks = [e for e in heard.signalled(PASSWORD, mark)
             if not e["type"].startswith("object:text-changed")]
    qt_leaks = [e for e in heard.signalled(PASSWORD, mark)
                if e["type"].startswith("object:text-changed")]
    if shown or leaks:
        report.fails(step, f"readable in {shown} / carried by "
                     f"{[(e['type'], e['role'], e['name']) for e in leaks]}")
    elif qt_leaks:
        e = qt_leaks[0]
        report.note(
            step,
            f"the field reads '' but {e['type']} on [{e['role']}] {e['name']!r} carries "
            "the text in clear: Qt 6.4's QLineEdit in Password mode sends what was "
            "inserted as it is",
        )
    else:
        report.passes(step)

    step = "create the account and reach the main window"
    mark = heard.mark()
    try:
        main = attempt(lambda: press(submit), main_window, "the main window (with a menu bar)",
                       tries=1, wait=30)
        report.passes(step, describe(main))
    except NotFound as e:
        print(heard.format(mark))
        report.stop(step, str(e), app)
    try:
        wait_until(lambda: not window("Sign in to Confab"), timeout=5,
                   what="the sign-in window to close")
    except NotFound as e:
        report.fails("the sign-in window closes", str(e), app)

    step = "the main window says who is signed in"
    you = find(main, "label", showing_=True, pred=lambda a: description(a) == "Your name")
    report.check(
        you is not None and text_of(you) == DISPLAY_NAME, step, describe(you) if you else "",
        f"the label described 'Your name' is {describe(you) if you else 'missing'}", main,
    )

    # 3. Sign out through the menu bar, as a keyboard user would.
    step = "choose Account → Sign out"
    try:
        menubar = wait_for(main, "menu bar", depth=1)
        menu = open_menu(menubar, "Account")
        opened = describe(menu)
        items = [name(i) for i in children(menu) if role(i) == "menu item"]
        attempt(lambda: press(wait_for(menu, "menu item", "Sign out", timeout=2)),
                lambda: window("Sign in to Confab"), "the sign-in window", tries=2, wait=10)
        wait_until(lambda: not main_window(), timeout=5, what="the main window to close")
        sign_in = window("Sign in to Confab")
        report.passes(step, f"{opened} had {items}; back at {describe(sign_in)}")
    except NotFound as e:
        report.stop(step, str(e), app)

    # 4. A wrong password: the error must be there to read, and be heard.
    step = "the form is back in 'Sign in' mode"
    try:
        wait_for(sign_in, "push button", "Sign in", pred=enabled)
        report.check(
            not find(sign_in, "password text", "Repeat password", showing_=True), step,
            detail_fail="'Repeat password' is still showing", tree=sign_in,
        )
    except NotFound as e:
        report.stop(step, str(e), sign_in)

    step = "a wrong password is refused, with the error on screen"
    mark = heard.mark()

    def error_showing():
        return find(sign_in, "notification", WRONG_PASSWORD_ERROR, showing_=True)

    try:
        fill(sign_in, "text", "Username", USERNAME)
        fill(sign_in, "password text", "Password", WRONG_PASSWORD, secret=True)
        error = attempt(
            lambda: press(wait_for(sign_in, "push button", "Sign in", pred=enabled, timeout=2)),
            error_showing, f"a [notification] {WRONG_PASSWORD_ERROR!r}", tries=2, wait=10,
        )
        report.passes(step, f"{describe(error)} desc={description(error)!r}")
    except NotFound as e:
        report.fails(step, str(e), sign_in)

    step = "the error is heard"
    try:
        announced = wait_until(lambda: heard.announced(WRONG_PASSWORD_ERROR, mark), timeout=3,
                               what="an announcement of the error")
        e = announced[0]
        report.passes(step, f"{e['type']} d1={e['detail1']} on [{e['role']}] {e['name']!r}")
    except NotFound:
        focus = find(sign_in, None, None, showing_=True, pred=lambda a: "focused" in states(a))
        report.fails(
            step,
            f"no event a screen reader speaks carries {WRONG_PASSWORD_ERROR!r} (events "
            f"carrying it: {len(heard.signalled(WRONG_PASSWORD_ERROR, mark))}; focus on "
            f"{describe(focus) if focus else 'nothing'}); events since the press:\n"
            + heard.format(mark),
        )

    # 5. Sign in properly.
    step = "sign in with the right password"
    try:
        fill(sign_in, "password text", "Password", PASSWORD, secret=True)
        main = attempt(
            lambda: press(wait_for(sign_in, "push button", "Sign in", pred=enabled, timeout=2)),
            main_window, "the main window (with a menu bar)", tries=2, wait=15,
        )
        report.passes(step, describe(main))
    except NotFound as e:
        report.stop(step, str(e), app)

    # 6. A room, through Rooms → New room….
    step = "create a room with Rooms → New room…"

    def messages():
        return find(main, "list", "Messages", showing_=True)

    def chat():
        """The open conversation: the timeline, the composer, the buttons."""
        timeline = messages()
        return timeline.parent if timeline is not None else main

    try:
        menubar = wait_for(main, "menu bar", depth=1)
        menu = open_menu(menubar, "Rooms")
        attempt(lambda: press(wait_for(menu, "menu item", "New room…", timeout=2)),
                lambda: window("New room"), "the 'New room' dialog", tries=2)
        dialog = window("New room")
        opened = describe(dialog)
        fill(dialog, "text", "Room name", ROOM)
        attempt(
            lambda: press(wait_for(dialog, "push button", "Create", pred=enabled, timeout=2)),
            lambda: not window("New room") and messages(),
            "the dialog to close and the room to open", tries=2, wait=10,
        )
        header = find(chat(), "label", showing_=True,
                      pred=lambda a: description(a) == "Room name")
        room_list = find(main, "list", "Rooms", showing_=True)
        listed = room_list and find(room_list, "list item", re.compile(
            rf"^{re.escape(ROOM)}\b"), showing_=True)
        report.check(
            header is not None and name(header) == ROOM and bool(listed), step,
            f"{opened} filled and Create pressed; the room is open "
            f"({describe(header)}) and listed as {describe(listed)}",
            f"the room's title is {describe(header) if header else 'missing'}; in the room "
            f"list: {describe(listed) if listed else 'nothing named ' + ROOM}", main,
        )
    except NotFound as e:
        report.stop(step, str(e), app)

    # 7. Messages: send, reply, edit, delete, read back.
    def composer():
        return find(chat(), "text", "Message", showing_=True,
                    pred=lambda a: "editable" in states(a))

    def row(pattern):
        timeline = messages()
        return timeline is not None and find(timeline, "list item", pattern, showing_=True,
                                             depth=1)

    def last_row():
        timeline = messages()
        rows = [c for c in children(timeline) if role(c) == "list item"] if timeline else []
        return rows[-1] if rows else None

    def last_row_is(pattern):
        last = last_row()
        return last is not None and pattern.search(name(last)) and last

    def submit(button):
        """Presses Send (or Save); done when the composer is empty again."""
        attempt(
            lambda: press(wait_for(chat, "push button", button, pred=enabled, timeout=2)),
            lambda: (c := composer()) is not None and text_of(c) == "",
            f"the composer to empty after '{button}'", tries=2, wait=5,
        )

    def on_row(pattern, action, effect, what):
        return attempt(lambda: do_action(wait_for(messages, "list item", pattern, timeout=2,
                                           depth=1), action),
                effect, what, tries=2)

    step = "send a message"
    sent = message_row(MESSAGE)
    try:
        fill(chat, "text", "Message", MESSAGE)
        submit("Send")
        item = wait_for(messages, "list item", sent, depth=1)
        report.passes(step, f"the timeline has {describe(item)}")
    except NotFound as e:
        report.stop(step, str(e), chat)

    step = "reply to it with the message's Reply action"
    replied = message_row(REPLY, quoting(MESSAGE))
    try:
        banner = describe(on_row(sent, "Reply", lambda: find(
            chat(), None, re.compile("^Replying to"), showing_=True), "'Replying to …' to show"))
        fill(chat, "text", "Message", REPLY)
        submit("Send")
        item = wait_until(lambda: last_row_is(replied), what=f"the last row to match "
                          f"{replied.pattern!r}")
        report.passes(step, f"{banner} showed; the last row is {describe(item)}")
    except NotFound as e:
        last = last_row()
        report.fails(step, f"{e}; the last row is {describe(last) if last else 'none'}", chat)

    step = "edit the reply with its Edit action"
    edited = message_row(EDITED, r" \(edited\)" + quoting(MESSAGE))
    try:
        on_row(re.compile(rf": {re.escape(REPLY)}\b"), "Edit",
               lambda: find(chat(), "push button", "Save", showing_=True),
               "the 'Save' button to show")
        box = composer()
        report.check(
            box is not None and text_of(box) == REPLY, "the composer holds the message to edit",
            detail_fail=f"the composer reads {text_of(box) if box else None!r}", tree=chat,
        )
        fill(chat, "text", "Message", EDITED)
        submit("Save")
        item = wait_for(messages, "list item", edited, depth=1)
        report.passes(step, f"Save pressed; the row is {describe(item)}")
    except NotFound as e:
        report.fails(step, str(e), chat)

    step = "delete the first message with its Delete action"
    gone = message_row(DELETED)
    try:
        on_row(sent, "Delete", lambda: window("Delete message"),
               "the 'Delete message' box to show")
        box = window("Delete message")
        asking = describe(box)
        question = [text_of(a) for a in find_all(box, "label", showing_=True) if text_of(a)]
        attempt(lambda: press(wait_for(box, "push button", "Yes", timeout=2)),
                lambda: not window("Delete message"), "the box to close", tries=2, wait=3)
        item = wait_for(messages, "list item", gone, depth=1)
        still = row(sent)
        report.check(
            not still, step,
            f"{asking} asked {question}, Yes pressed; the row is {describe(item)}",
            f"the message is still there as {describe(still) if still else ''}", chat,
        )
    except NotFound as e:
        report.fails(step, str(e), lambda: app)

    step = "read the last message back"
    last = last_row()
    said = name(last) if last is not None else ""
    print(f"READ  {said!r}")
    report.check(
        bool(message_row(EDITED, r" \(edited\)" + r"( In reply to .*)?").search(said)), step,
        f"the last row says {said!r}", f"expected the edited reply, got {said!r}", chat,
    )


def main(argv):
    if len(argv) > 1 and argv[1] == "dump":
        # dump [SECONDS]: waits for the app, lets it settle, prints the tree.
        settle = float(argv[2]) if len(argv) > 2 else 3
        app = find_app()
        pump(settle)
        dump(app)
        return 0
    report = Report()
    try:
        walk(report)
    except Stop:
        pass  # the step said why, with its tree
    except Exception:
        report.failed.append("the walk itself")
        print("STOP  the walk itself:")
        traceback.print_exc(file=sys.stdout)
        show_tree(lambda: find_app(timeout=2), limit=200)
    print(report.summary())
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

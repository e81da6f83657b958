#!/usr/bin/python3
"""Drives the real Confab app through AT-SPI, as a screen reader does.

Run it through run-walk, which starts the display, the buses, the keyring and
the app:

    tests/a11y/run-walk build/bin tests/a11y/walk.py          # the walk
    tests/a11y/run-walk build/bin tests/a11y/walk.py dump     # the tree, once
                                                              # the app is up

Everything is found by role and name, the way a user of a screen reader finds
it; never by object path or index. Each step prints PASS, FAIL (something a
screen reader user could not do or would not hear: the walk goes on where it
can), NOTE (a finding that lies in Qt, not counted) or STOP (the walk cannot
go on). The exit status is 0 only when nothing failed.

The helpers (find, wait_for, set_text, press, text_of, Heard, dump) are meant
to be imported by other walks: `from walk import *`.
"""

import os
import re
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

import pyatspi  # noqa: E402

APP_NAME = "confab"
TIMEOUT = float(os.environ.get("CONFAB_A11Y_STEP_TIMEOUT", "20"))

# Roles a top-level window can have. Qt exposes a QMainWindow as "frame" and a
# plain top-level QWidget as "filler".
WINDOW_ROLES = ("frame", "window", "dialog", "filler")


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


def wait_for(root, role_=None, name_=None, timeout=TIMEOUT, showing_=True, pred=None):
    """Polls until a descendant of root (a function returning the root, or an
    accessible) with the role and name is there (and showing, by default)."""

    def check():
        top = root() if callable(root) else root
        return top is not None and find(top, role_, name_, showing_=showing_, pred=pred)

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


class Stop(Exception):
    pass


class Report:
    """PASS and FAIL count; NOTE is a finding that lies in Qt itself (the app
    cannot change it), printed but not counted."""

    def __init__(self):
        self.failed = []
        self.passed = 0
        self.notes = 0

    def note(self, step, detail):
        self.notes += 1
        print(f"NOTE  {step}: {detail}")

    def passes(self, step, detail=""):
        self.passed += 1
        print(f"PASS  {step}" + (f": {detail}" if detail else ""))

    def fails(self, step, detail):
        self.failed.append(step)
        print(f"FAIL  {step}: {detail}")

    def check(self, ok, step, detail_ok="", detail_fail=""):
        if ok:
            self.passes(step, detail_ok)
        else:
            self.fails(step, detail_fail)
        return ok

    def stop(self, step, detail):
        self.failed.append(step)
        print(f"STOP  {step}: {detail}")
        raise Stop(step)


# --- The walk ----------------------------------------------------------------

USERNAME = "alice"
DISPLAY_NAME = "Alice Example"
PASSWORD = "correct horse battery"
WRONG_PASSWORD = "wrong horse battery"


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
            if find(win, "menu bar", depth=2) is not None:
                return win
        return None

    # 1. The sign-in window and its form.
    step = "sign-in window"
    try:
        sign_in = wait_for(app, WINDOW_ROLES, "Sign in to Confab")
    except NotFound as e:
        report.stop(step, str(e))
    report.passes(step, describe(sign_in))
    report.check(
        role(sign_in) in ("frame", "window", "dialog"),
        "sign-in window has a window role",
        detail_fail=f"it is {describe(sign_in)}: Qt gives a plain top-level QWidget the "
        "role Client ('filler'), where screen readers expect 'frame', 'window' or "
        "'dialog' (a QDialog or QMainWindow gets one)",
    )

    step = "server on this computer is ready (Sign in button enabled)"
    try:
        wait_for(sign_in, "push button", "Sign in", timeout=40,
                 pred=lambda a: "enabled" in states(a))
        report.passes(step)
    except NotFound as e:
        report.stop(step, str(e))

    status = find(sign_in, "label", "Server status")
    if status is not None:
        report.check(
            "running" in text_of(status) or "running" in description(status),
            "server status line is readable",
            detail_fail=f"{describe(status)} desc={description(status)!r}, no Text "
            f"interface: its text ('The server on this computer is running.') is not "
            "exposed; the accessible name replaces it",
        )
    else:
        found = find(sign_in, "label", re.compile("running"))
        report.check(found is not None, "server status line is readable",
                     detail_ok=describe(found) if found else "",
                     detail_fail="no label says the server is running")

    tabs = find(sign_in, "page tab list")
    if tabs is not None:
        if name(tabs) == "Sign in or create an account":
            report.passes("sign-in/create-account tab list has its accessible name")
        else:
            report.note(
                "sign-in/create-account tab list has its accessible name",
                f"exposed as {describe(tabs)} (the current tab's text: Qt's QTabBar "
                "bridge ignores setAccessibleName('Sign in or create an account'))",
            )

    # 2. Create an account.
    step = "choose 'Create account'"
    try:
        tab = wait_for(sign_in, "page tab", "Create account")
        press(tab)
        confirm = wait_for(sign_in, "password text", "Repeat password")
        submit = wait_for(sign_in, "push button", "Create account")
        report.passes(step, f"{describe(tab)} pressed; 'Repeat password' and "
                      f"'Create account' button showing")
    except NotFound as e:
        report.stop(step, str(e))

    step = "fill in the account form"
    try:
        username = wait_for(sign_in, "text", "Username")
        display = wait_for(sign_in, "text", "Display name")
        password = wait_for(sign_in, "password text", "Password")
        set_text(username, USERNAME)
        set_text(display, DISPLAY_NAME)
        set_text(password, PASSWORD)
        set_text(confirm, PASSWORD)
        pump(0.2)
        got = text_of(username)
        if got != USERNAME:
            report.fails(step, f"the username field reads {got!r}")
        else:
            report.passes(step, "Username, Display name, Password, Repeat password set")
        leaks = heard.signalled(PASSWORD)
        step = "the password is not given out to AT-SPI clients"
        if PASSWORD in text_of(password):
            report.fails(step, f"the field's text reads {text_of(password)!r}")
        elif leaks:
            report.note(
                step,
                f"{leaks[0]['type']} on [{leaks[0]['role']}] {leaks[0]['name']!r} carries it "
                f"in clear (data={leaks[0]['data']!r}) although the field's text reads "
                f"{text_of(password)!r}: Qt 6.4's QLineEdit in Password mode sends the "
                "inserted text as it is",
            )
        else:
            report.passes(step)
    except NotFound as e:
        report.stop(step, str(e))

    step = "create the account and reach the main window"
    mark = heard.mark()
    press(submit)
    try:
        main = wait_until(main_window, timeout=40, what="the main window (with a menu bar)")
        report.passes(step, describe(main))
    except NotFound as e:
        print(heard.format(mark))
        report.stop(step, str(e))
    wait_until(lambda: not window("Sign in to Confab"), timeout=10,
               what="the sign-in window to close")

    # 3. Sign out through the menu bar, as a keyboard user would.
    step = "Account menu in the menu bar"
    try:
        menubar = wait_for(main, "menu bar")
        account = wait_for(menubar, "menu item", "Account", showing_=None)
        report.passes(step, f"{describe(account)} actions={actions(account)}")
    except NotFound as e:
        report.stop(step, str(e))

    step = "open the Account menu"
    menu = None
    try:
        opener = next((a for a in ("ShowMenu", "Show Menu", "Press", "press")
                       if a in actions(account)), None)
        if opener is None:
            raise NotFound(f"{describe(account)} has no action to open it ({actions(account)})")
        do_action(account, opener)
        menu = wait_for(account, ("popup menu", "menu"), None, timeout=5)
        items = [name(i) for i in children(menu) if role(i) == "menu item"]
        report.passes(step, f"'{opener}' opened {describe(menu)} with items {items}")
    except NotFound as e:
        report.fails(step, f"{e}; looking for the item without the menu showing")

    step = "choose Account → Sign out"
    mark = heard.mark()
    try:
        if menu is not None:
            item = wait_for(menu, "menu item", "Sign out")
        else:
            item = wait_for(account, "menu item", "Sign out", showing_=None)
        item_text = f"{describe(item)} actions={actions(item)}"
        press(item)
        back = wait_for(app, WINDOW_ROLES, "Sign in to Confab", timeout=30)
        wait_until(lambda: not main_window(), timeout=10, what="the main window to close")
        report.passes(step, f"{item_text} pressed; back at {describe(back)}")
        sign_in = back
    except NotFound as e:
        print(heard.format(mark))
        report.stop(step, str(e))

    # 4. A wrong password: the error must be there to read, and be heard.
    step = "sign in with a wrong password"
    mark = heard.mark()
    try:
        wait_for(sign_in, "push button", "Sign in", pred=lambda a: "enabled" in states(a))
        username = wait_for(sign_in, "text", "Username")
        password = wait_for(sign_in, "password text", "Password")
        gone = find(sign_in, "password text", "Repeat password", showing_=True)
        if gone is not None:
            report.fails(step, "the form is still in 'Create account' mode")
        set_text(username, USERNAME)
        set_text(password, WRONG_PASSWORD)
        press(wait_for(sign_in, "push button", "Sign in"))
        # The request is done when the button is back to "Sign in" and enabled.
        pump(0.5)
        wait_for(sign_in, "push button", "Sign in", timeout=30,
                 pred=lambda a: "enabled" in states(a))
        pump(0.5)
        report.passes(step, "the sign-in request came back")
    except NotFound as e:
        report.stop(step, str(e))

    expected = "The username or password is not correct."
    labels = find_all(sign_in, "label", showing_=True)
    exposed = [a for a in find_all(sign_in, showing_=True)
               if expected in text_of(a) or expected in description(a)]
    error_label = find(sign_in, "label", "Error", showing_=True)
    detail = f"showing labels: {[name(a) for a in labels]}"
    if error_label is not None:
        detail += (f"; the error label is {describe(error_label)} desc="
                   f"{description(error_label)!r} with no Text interface, so "
                   f"{expected!r} is not exposed (setAccessibleName('Error') hides it)")
    report.check(bool(exposed), "the error text is exposed",
                 detail_ok=", ".join(describe(a) for a in exposed), detail_fail=detail)

    signalled = heard.signalled(expected, mark)
    announced = heard.announced(expected, mark)
    focus = find(sign_in, None, None, showing_=True, pred=lambda a: "focused" in states(a))
    report.check(
        bool(announced),
        "the error is heard (announcement, alert, live region or focus)",
        detail_ok=f"{announced[0]['type']} on [{announced[0]['role']}] {announced[0]['name']!r}"
        if announced else "",
        detail_fail=(
            f"events carrying the text: {len(signalled)}; focus is on "
            f"{describe(focus) if focus else 'nothing'}; events since the press:\n"
            + heard.format(mark)
        ),
    )

    # 5. Sign in properly.
    step = "sign in with the right password"
    try:
        password = wait_for(sign_in, "password text", "Password")
        set_text(password, PASSWORD)
        press(wait_for(sign_in, "push button", "Sign in",
                       pred=lambda a: "enabled" in states(a)))
        main = wait_until(main_window, timeout=30, what="the main window (with a menu bar)")
        report.passes(step, describe(main))
    except NotFound as e:
        report.stop(step, str(e))

    name_label = find(main, None, "Your name", showing_=True)
    if name_label is not None:
        report.check(
            DISPLAY_NAME in text_of(name_label) or DISPLAY_NAME in description(name_label),
            "the main window says who is signed in",
            detail_fail=f"{describe(name_label)} desc={description(name_label)!r}: "
            f"{DISPLAY_NAME!r} is not exposed",
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
        try:
            print("--- the tree when the walk stopped:")
            dump(find_app(timeout=2), only_showing=True)
        except Exception as e:
            print(f"(no tree: {e})")
    total = report.passed + len(report.failed)
    print(f"--- {report.passed}/{total} checks passed, {report.notes} notes"
          + (f"; failed: {', '.join(report.failed)}" if report.failed else ""))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

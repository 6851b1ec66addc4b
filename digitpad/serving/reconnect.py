"""A page that outlives its connection or its server process reads again: the server runs the whole page for it.

In: Streamlit's AppSession, as `python -m digitpad app` (digitpad.serving.preload) starts the server. Out: a rerun of a
fragment asked for by a session that has never run the whole page, for a fragment it does not hold, runs the whole page
instead, with the same widgets' states: the stroke that asked for it is read, and the page's fragments exist again.

Why: a browser whose process died reconnects to the one started in its place (`digitpad room` restarts a dead
process) as a new session. It asks that session for a whole run only when its own last run was a fragment's or was
cut short; a page idle since its last whole run (opened and not drawn on, or a setting just changed) asks for
nothing, and its next stroke asks for the canvas's fragment, which the new session never made. Streamlit drops that
rerun ("The fragment with id ... does not exist anymore"): the ink showed, and nothing was ever read again.

And a page on Wi-Fi that drops: strokes drawn while the connection was gone reached no server, and the browser asked
for no run on reconnecting, as above; the drawing stayed unread until the next stroke (8 of 8 first drawings drawn
during a drop). rerun_on_reconnect, on the Draw page, makes the browser ask for a whole run, with its widgets' values,
on every reconnection.
"""

from __future__ import annotations

import weakref

import streamlit as st
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession

_ran_whole: weakref.WeakSet[AppSession] = weakref.WeakSet()  # sessions that have asked for a whole run


def install() -> None:
    """Make AppSession.request_rerun run the whole page for a fragment a new session never made; once, and only where
    this Streamlit has the methods it wraps (else nothing changes)."""
    original = AppSession.request_rerun
    if getattr(original, "digitpad_reconnect", False) or not hasattr(AppSession, "has_fragment"):
        return

    def request_rerun(self: AppSession, client_state: ClientState | None) -> None:
        fragment = client_state.fragment_id if client_state is not None else ""
        if not fragment:
            _ran_whole.add(self)
        elif self not in _ran_whole and not self.has_fragment(fragment):
            whole = ClientState()
            whole.CopyFrom(client_state)
            whole.fragment_id = ""
            client_state = whole
            _ran_whole.add(self)
        original(self, client_state)

    request_rerun.digitpad_reconnect = True
    AppSession.request_rerun = request_rerun


@st.fragment(run_every=3600)  # its own runs: once an hour, doing nothing
def _runs_itself() -> None:
    """Nothing, on a timer: a page that holds a fragment rerunning itself is run whole when its browser reconnects."""


def rerun_on_reconnect() -> None:
    """Make this page's browser ask for a whole run, with its widgets' values, whenever its connection comes back:
    Streamlit's asks only when its last run was a fragment's or was cut short, or when the page holds a fragment that
    reruns itself (run_every). One such, empty, in the sidebar."""
    with st.sidebar:
        _runs_itself()

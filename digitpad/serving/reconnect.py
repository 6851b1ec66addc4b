"""A page that outlives its server process reads again: the new process runs the whole page for it.

In: Streamlit's AppSession, as `python -m digitpad app` (digitpad.serving.preload) starts the server. Out: a rerun of a
fragment asked for by a session that has never run the whole page, for a fragment it does not hold, runs the whole page
instead, with the same widgets' states: the stroke that asked for it is read, and the page's fragments exist again.

Why: a browser whose process died reconnects to the one started in its place (`digitpad room` restarts a dead
process) as a new session. It asks that session for a whole run only when its own last run was a fragment's or was
cut short; a page idle since its last whole run (opened and not drawn on, or a setting just changed) asks for
nothing, and its next stroke asks for the canvas's fragment, which the new session never made. Streamlit drops that
rerun ("The fragment with id ... does not exist anymore"): the ink showed, and nothing was ever read again.
"""

from __future__ import annotations

import weakref

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

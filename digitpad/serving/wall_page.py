"""The presenter's wall (`?wall`): the address to join, and the room's drawings live.

In: the address the wall was opened at, the one its server listens on, and the room's shared feedback database
(digitpad.learning.feedback). Out: the address as a QR code and as text (kept as opened when the server listens on
this machine alone, and saying so); every WALL_REFRESH_S, without reloading, the latest drawings whose users let the
wall show them, with what was read, the tallies confirmed right and corrected, and the room's confusion matrix. It
holds no visitor's name or address.
"""

from __future__ import annotations

import io
import os
from urllib.parse import urlsplit

import streamlit as st

from digitpad.config import (
    FEEDBACK_PATH,
    LISTEN_ENV,
    NUM_CLASSES,
)
from digitpad.serving import network

WALL_REFRESH_S = 3  # the wall reads the room's answers again this often
WALL_DRAWINGS = 8  # the latest drawings it shows


def listening() -> str:
    """The address visitors' browsers reach this page's server at: the room's nginx's, else Streamlit's own ("": every
    address)."""
    return os.environ.get(LISTEN_ENV) or str(st.get_option("server.address") or "")


def join_address() -> str:
    """The address a visitor opens: the one the wall itself was opened at, less its query, a loopback host (the
    presenter opened the wall on the serving machine, at localhost) replaced by the machine's network address."""
    return f"http://{network.reachable(st.context.headers.get('Host', 'localhost:8501'), listening())}/"


def qr_png(text: str) -> bytes:
    import segno  # only the wall needs it

    png = io.BytesIO()
    segno.make(text, error="m").save(png, kind="png", scale=12, border=2)
    return png.getvalue()


@st.fragment(run_every=WALL_REFRESH_S)
def wall_live() -> None:
    """The room's latest drawings (of those whose users let the wall show them) and every answer's tally, read afresh
    from the shared feedback database every WALL_REFRESH_S, without reloading the page."""
    from digitpad.learning.feedback import FeedbackStoreError, Wall

    try:
        wall = Wall.read(FEEDBACK_PATH, WALL_DRAWINGS)
    except FeedbackStoreError as error:
        st.error(f"The room's answers cannot be read: {error}", icon=":material/error:")
        return
    right, corrected = st.columns(2)
    right.metric("Confirmed right", wall.right)
    corrected.metric("Corrected", wall.corrected)
    if not wall.latest:
        st.info("No drawings yet: the first confirmed or corrected drawing appears here.", icon=":material/draw:")
        return
    st.markdown("**The latest drawings**")  # else the drawings under "Corrected" look like the corrected ones
    for column, (label, read, png) in zip(st.columns(len(wall.latest)), wall.latest, strict=True):
        column.image(
            png, caption=f"read {read}" + ("" if label == read else f", was {label}"), alt=f"A drawing of {label}"
        )
    import pandas as pd  # as late as the chart's

    digits = range(NUM_CLASSES)
    st.markdown("**The room's confusion matrix**")
    st.dataframe(pd.DataFrame(wall.confusion, [f"drawn {d}" for d in digits], [f"read {d}" for d in digits]))


def wall_page() -> None:
    """The presenter's screen (`?wall`): the address to join, as a QR code and as text, and the room live."""
    address = join_address()
    code, live = st.columns([1, 3], gap="large")
    code.image(qr_png(address), caption="Scan to draw with us", alt=f"A QR code of {address}")
    code.markdown(f"### {address}")
    if network.this_machine_only(listening()):
        serve = "`digitpad room` without `--address`, or `digitpad app --server.address 0.0.0.0`"
        code.warning(f"This server listens on {listening()} only: phones cannot reach it. Serve it with {serve}.")
    elif network.is_loopback(urlsplit(address).hostname or ""):  # no network: the QR code leads each phone to itself
        code.warning("This computer is on no network: phones cannot reach it. Join a Wi-Fi and reload.")
    with live:
        wall_live()


if __name__ == "__main__":  # run by Streamlit as a page of app.py's navigation
    wall_page()

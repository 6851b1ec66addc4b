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

WALL_PATH = "wall"  # the wall's page name in the address (app.py's navigation)
WALL_REFRESH_S = 3  # the wall reads the room's answers again this often
WALL_DRAWINGS = 8  # the latest drawings it shows
WALL_ROW_HEIGHT = 24  # px: the confusion matrix's rows (Streamlit's 35 took it past a 1280 x 720 projector's foot)


def listening() -> str:
    """The address visitors' browsers reach this page's server at: the room's nginx's, else Streamlit's own ("": every
    address)."""
    return os.environ.get(LISTEN_ENV) or str(st.get_option("server.address") or "")


def join_address() -> str:
    """The address a visitor opens: the one the wall itself was opened at as its browser has it (under a path such as
    /digits/, or HTTPS, where the server is so), less the wall's page name and its query, a loopback host (the
    presenter opened the wall on the serving machine, at localhost) replaced by the machine's network address."""
    opened = st.context.url or f"http://{st.context.headers.get('Host', 'localhost:8501')}/"  # None in AppTest
    return network.join_url(opened, WALL_PATH, listening())


@st.cache_data(max_entries=4)  # drawn again with the room every WALL_REFRESH_S: the same few addresses
def qr_png(text: str) -> bytes:
    import segno  # only the wall needs it

    png = io.BytesIO()
    segno.make(text, error="m").save(png, kind="png", scale=12, border=2)
    return png.getvalue()


def unreachable(address: str) -> str | None:
    """Why phones cannot reach `address`, or None when they can."""
    if network.this_machine_only(listening()):
        serve = "`digitpad room` without `--address`, or `digitpad app --server.address 0.0.0.0`"
        return f"This server listens on {listening()} only: phones cannot reach it. Serve it with {serve}."
    if network.is_loopback(urlsplit(address).hostname or ""):  # no network: the QR code leads each phone to itself
        return "This computer is on no network: phones cannot reach it. Join a Wi-Fi and reload."
    return None


@st.fragment(run_every=WALL_REFRESH_S)
def wall_live(address: str) -> None:
    """The QR code with the room's tallies under it, and its latest drawings (of those whose users let the wall show
    them) with its confusion matrix beside, read afresh from the shared feedback database every WALL_REFRESH_S,
    without reloading the page. Laid out to fit a 1280 x 720 projector."""
    from digitpad.learning.feedback import FeedbackStoreError, Wall

    code, live = st.columns([1, 3], gap="large")
    code.image(qr_png(address), caption="Scan to draw with us", alt=f"A QR code of {address}")
    tallies, why_not = code.container(), unreachable(address)  # the tallies above the presenter's warning
    if why_not:
        code.warning(why_not)
    try:
        wall = Wall.read(FEEDBACK_PATH, WALL_DRAWINGS)
    except FeedbackStoreError as error:
        live.error(f"The room's answers cannot be read: {error}", icon=":material/error:")
        return
    right, corrected = tallies.columns(2)
    right.metric("Confirmed right", wall.right)
    corrected.metric("Corrected", wall.corrected)
    if not wall.latest:
        live.info("No drawings yet: the first confirmed or corrected drawing appears here.", icon=":material/draw:")
        return
    live.markdown("**The latest drawings**")  # else the drawings under "Corrected" look like the corrected ones
    for column, (label, read, png) in zip(live.columns(WALL_DRAWINGS), wall.latest, strict=False):
        column.image(
            png, caption=f"read {read}" + ("" if label == read else f", was {label}"), alt=f"A drawing of {label}"
        )
    import pandas as pd  # as late as the chart's

    digits = range(NUM_CLASSES)
    live.markdown("**The room's confusion matrix**")
    matrix = pd.DataFrame(wall.confusion, [f"drawn {d}" for d in digits], [f"read {d}" for d in digits])
    live.dataframe(matrix, row_height=WALL_ROW_HEIGHT)


def wall_page() -> None:
    """The presenter's screen (`?wall`): the address to join, as its title and as a QR code, and the room live."""
    address = join_address()
    st.title(f"Draw a digit with us: {address}", anchor=False)  # across the screen: read from the back of the room
    wall_live(address)


if __name__ == "__main__":  # run by Streamlit as a page of app.py's navigation
    wall_page()

"""The presenter's wall (`?wall`): the address to join, and the room's drawings live.

In: the address the wall was opened at, the one its server listens on, and the room's shared feedback database
(digitpad.learning.feedback). Out: the address as a QR code and as text (kept as opened when the server listens on
this machine alone, and saying so); every WALL_REFRESH_S, without reloading, the latest drawings whose users let the
wall show them, with what was read, the tallies confirmed right and corrected, and the room's confusion matrix; for the
presenter, a button under each drawing that removes it. It holds no visitor's name or address.
"""

from __future__ import annotations

import hmac
import io
import os
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import streamlit as st

from digitpad.config import (
    FEEDBACK_PATH,
    LISTEN_ENV,
    NUM_CLASSES,
    WALL_KEY_ENV,
)
from digitpad.serving import network

if TYPE_CHECKING:
    from digitpad.learning.feedback import Drawing

WALL_PATH = "wall"  # the wall's page name in the address (app.py's navigation)
WALL_REFRESH_S = 3  # the wall reads the room's answers again this often
WALL_DRAWINGS = 8  # the latest drawings it shows
WALL_ROW_HEIGHT = 24  # px: the confusion matrix's rows (Streamlit's 35 took it past a 1280 x 720 projector's foot)
WALL_CAPTION_DIGITS = 6  # a longer number is cut short under its drawing: 28 digits took 7 lines and squeezed it
REMOVE_HELP = "Take it off the wall, out of the tallies and out of what the next model learns"
# Room on a 720 px projector for the presenter's Remove buttons, which took the matrix past its foot: the page's top
# margin 2rem, not Streamlit's 6rem, and the buttons as tall as their text, not 40 px
WALL_CSS = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:2rem}"
    "[class*='st-key-remove-'] button{min-height:0;padding:0}</style>"
)


def listening() -> str:
    """The address visitors' browsers reach this page's server at: the room's nginx's, else Streamlit's own ("": every
    address)."""
    return os.environ.get(LISTEN_ENV) or str(st.get_option("server.address") or "")


def join_address() -> str:
    """The address a visitor opens: the one the wall itself was opened at as its browser has it (under a path such as
    /digits/, or HTTPS, where the server is so), less the wall's page name and its query, a loopback host (the
    presenter opened the wall on the serving machine, at localhost) replaced by the machine's network address."""
    opened = st.context.url or f"http://{st.context.headers.get('Host', 'localhost:8501')}/"  # None in AppTest
    base = st.get_option("server.baseUrlPath") or ""
    return network.join_url(opened, (WALL_PATH, network.PHOTO_PATH), listening(), base)  # ?wall works on either page


def presenter() -> bool:
    """Whether this wall is the presenter's, which may remove a drawing: opened at ?wall=KEY where the server has a
    key (WALL_KEY_ENV: `digitpad room` makes one, and prints the wall's address with it), else opened on the serving
    machine itself. Any visitor may open ?wall."""
    key = os.environ.get(WALL_KEY_ENV)
    if key:
        return hmac.compare_digest(st.query_params.get("wall", "").encode(), key.encode())  # str: ASCII alone
    return network.on_this_machine(st.context.ip_address)


def remove(drawing: Drawing) -> None:
    """The presenter's "Remove" under a drawing: rude, or not a digit at all, it leaves the wall, the tallies and the
    next model's lessons. A database that cannot be changed is said on the wall."""
    from digitpad.learning.feedback import FeedbackStore, FeedbackStoreError, picture_name

    try:
        FeedbackStore(FEEDBACK_PATH, create=False).remove(drawing.ids, picture_name(drawing.png))
    except (FeedbackStoreError, OSError) as error:
        st.session_state.remove_problem = str(error)


def cut(digits: str) -> str:
    return digits if len(digits) <= WALL_CAPTION_DIGITS else f"{digits[: WALL_CAPTION_DIGITS - 1]}…"


def caption(drawing: Drawing) -> str:
    """ "read 7", "read 42, was 47": a number longer than WALL_CAPTION_DIGITS cut short."""
    return f"read {cut(drawing.read)}" + ("" if drawing.said == drawing.read else f", was {cut(drawing.said)}")


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
def wall_live(address: str, removable: bool) -> None:
    """The QR code with the room's tallies under it, and its latest drawings (of those whose users let the wall show
    them) with its confusion matrix beside, read afresh from the shared feedback database every WALL_REFRESH_S,
    without reloading the page; `removable`, a button under each drawing removes it. Laid out to fit a 1280 x 720
    projector."""
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
    if problem := st.session_state.pop("remove_problem", None):
        live.error(f"That drawing could not be removed: {problem}", icon=":material/error:")
    for column, drawing in zip(live.columns(WALL_DRAWINGS), wall.latest, strict=False):
        column.image(drawing.png, caption=caption(drawing), alt=f"A drawing of {drawing.said}")
        if removable:
            key, args = f"remove-{drawing.ids[0]}", (drawing,)
            column.button(
                "Remove",
                icon=":material/delete:",
                key=key,
                on_click=remove,
                args=args,
                help=REMOVE_HELP,
                type="tertiary",
            )
    import pandas as pd  # as late as the chart's

    digits = range(NUM_CLASSES)
    live.markdown("**The room's confusion matrix**")
    matrix = pd.DataFrame(wall.confusion, [f"drawn {d}" for d in digits], [f"read {d}" for d in digits])
    live.dataframe(matrix, row_height=WALL_ROW_HEIGHT)


def wall_page() -> None:
    """The presenter's screen (`?wall`): the address to join, as its title and as a QR code, and the room live."""
    address = join_address()
    st.html(WALL_CSS)
    st.title(f"Draw a digit with us: {address}", anchor=False)  # across the screen: read from the back of the room
    wall_live(address, presenter())


if __name__ == "__main__":  # run by Streamlit as a page of app.py's navigation
    wall_page()

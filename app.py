"""digitpad's page: draw a digit with a mouse, pen or finger, or show it a photo, and see what the model reads.

The entry and the navigation only; each page is its own module in digitpad/serving, run by Streamlit as a page:
Draw (draw_page.py: one digit or a number on the canvas), Photo (photo_page.py: an upload or a camera photo read as
`digitpad predict` reads a file) and, at `?wall`, the presenter's wall (wall_page.py), which visitors' navigation
does not show. What the pages share, the models and the reading with its "was it right?", is in loaders.py and
widgets.py.
Run it with `streamlit run app.py` (or `digitpad app`); the model comes from digitpad.config.MODEL_PATH
($DIGITPAD_MODEL), the number reader's drawings-only classifier and piece judge from DRAWN_MODEL_PATH
($DIGITPAD_DRAWN_MODEL) and PIECES_MODEL_PATH ($DIGITPAD_PIECES_MODEL), the Photo page's pair reader from
PAIRS_MODEL_PATH ($DIGITPAD_PAIRS_MODEL), users' answers go to FEEDBACK_PATH ($DIGITPAD_FEEDBACK).
"""

from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

import digitpad.serving
from digitpad.serving.draw_page import settings_in_address
from digitpad.serving.mends import PAGE_CSS, PICTURES_JS, SAID_JS
from digitpad.serving.network import PHOTO_PATH
from digitpad.serving.wall_page import WALL_PATH
from digitpad.serving.widgets import on_phone

PAGES = Path(digitpad.serving.__file__).parent  # the package's own, wherever pip put it: st.Page takes absolute paths

# The tab's icon, a 7 on the canvas's black, drawn here: a :material/: icon is fetched from Google's font server, which
# a room offline cannot reach and which would learn each visitor's address
ICON = (
    "<svg viewBox='0 0 32 32'><rect width='32' height='32' rx='6' fill='#000'/><path d='M9 9h14L14 25' fill='none' "
    "stroke='#fff' stroke-width='4' stroke-linecap='round' stroke-linejoin='round'/></svg>"
)

asked = "wall" in st.query_params  # ?wall, as `digitpad room` prints it
typed = urlsplit(st.context.url or "").path.rstrip("/").endswith(f"/{WALL_PATH}")  # /wall, the wall's page name
wall = asked or typed
# On a phone the sidebar starts folded away, as it does upright: turned sideways (844 px) it opened over the canvas,
# its close button shown only on a hover a finger cannot make
folded = "collapsed" if on_phone() else "auto"
st.set_page_config(
    page_title="digitpad", page_icon=ICON, layout="wide" if wall else "centered", initial_sidebar_state=folded
)
st.html(PAGE_CSS)  # the visitor's own text size, and switches a high-contrast mode shows
# A picture dropped or pasted anywhere is read on the Photo page; what the page reads is said to a screen reader
st.html(PICTURES_JS + SAID_JS, unsafe_allow_javascript=True)
draw = st.Page(f"{PAGES}/draw_page.py", title="Draw", icon=":material/draw:", default=True)
if wall:  # its title is the address to join. At /wall a page of that name: a default page (?wall) has none
    shown = st.Page(f"{PAGES}/wall_page.py", title="Wall", url_path=WALL_PATH, default=asked)
    page = st.navigation([shown] if asked else [draw, shown], position="hidden")
else:
    photo = st.Page(f"{PAGES}/photo_page.py", title="Photo", icon=":material/photo_camera:", url_path=PHOTO_PATH)
    page = st.navigation([draw, photo], position="top")
    settings_in_address()  # on either page: a reload of the Photo page keeps the wall switched off
    st.title("digitpad")
    st.set_page_config(page_title=f"{page.title} · digitpad")  # each page its own tab title: a screen reader says so
page.run()

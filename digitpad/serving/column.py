"""How wide the page's column is in the visitor's browser: Streamlit is told neither the window's width nor its zoom.

In: the width the page would like its column to be (the number canvas's, config.NUMBER_CANVAS). Out: the column's
width in CSS px once the browser has reported one narrower than that (a phone, a narrow window, a page zoomed to 200%),
else None: lay the page out as for a wide screen. A small component measures it, standing in for the room the canvas's
toolbar needs above the canvas; it speaks only when the width matters, so a wide screen's visit costs no rerun. Its
script also runs the canvas's mends (mends.py), sparing the page a second element.
"""

from __future__ import annotations

import streamlit as st

from digitpad.serving.mends import MENDS_JS

PROBE_HEIGHT = 12  # px: st.space("small"), the room above the canvas its toolbar appears in on hover
# Reports the width of its own box, which stretches across the column, as it changes: only below data.wanted, or on
# the way back above it (the page then widens again)
PROBE_JS = (
    MENDS_JS
    + """
export default function ({ parentElement, data, setStateValue }) {
    const box = parentElement.appendChild(document.createElement("div"));  // parentElement: a shadow root
    let last = null;
    const report = () => {
        const width = Math.floor(box.getBoundingClientRect().width);
        if (width <= 0 || width === last) return;
        if (width < data.wanted || (last !== null && last < data.wanted)) setStateValue("width", width);
        last = width;
    };
    const watch = new ResizeObserver(report);
    watch.observe(box);
    report();
    const unmend = mendCanvas();  // mends.py's
    return () => { watch.disconnect(); box.remove(); unmend(); };
}
"""
)
probe = st.components.v2.component("digitpad_column_width", js=PROBE_JS)


def column_width(wanted: int) -> int | None:
    """The page's column's width in CSS px, as the browser last reported it (only below `wanted`, or on the way back
    above it); None until it has. A change reruns the page."""
    reported = probe(key="column_width", data={"wanted": wanted}, height=PROBE_HEIGHT, on_width_change=lambda: None)
    width = reported.get("width") if reported is not None else None
    return int(width) if isinstance(width, int | float) and width > 0 else None

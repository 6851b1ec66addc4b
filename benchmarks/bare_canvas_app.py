"""The bare page the page-latency benchmark compares digitpad's page with: the same canvas, and nothing else.

In: strokes on a canvas set up exactly as app.py's (number mode's wide one with `?number` in the address). Out: its
ink-pixel count, echoed after every stroke. No model, no chart: what is left of a stroke's round trip is the canvas,
Streamlit and decoding the drawing.

    streamlit run benchmarks/bare_canvas_app.py
"""

from __future__ import annotations

import numpy as np
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from digitpad.config import CANVAS_SIZE, DEFAULT_STROKE_WIDTH, INK_COLOUR, NUMBER_CANVAS, PAPER_COLOUR

height, width = NUMBER_CANVAS if "number" in st.query_params else (CANVAS_SIZE, CANVAS_SIZE)
canvas = st_canvas(
    stroke_width=DEFAULT_STROKE_WIDTH,
    stroke_color=INK_COLOUR,
    background_color=PAPER_COLOUR,
    update_streamlit=True,
    height=height,
    width=width,
    drawing_mode="freedraw",
    return_image_data=True,
    key="canvas",
)
image = canvas.image_data
st.write(f"Ink pixels: {0 if image is None else int(np.count_nonzero(image[..., 0] > 127))}")

"""The photo page: an uploaded image or a camera photo, read as `digitpad predict` reads a file.

In: a PNG, JPEG, BMP, GIF, WebP, TIFF or HEIC upload, or the camera's picture. Out: the image with each digit boxed,
what was cut out of a photo of paper, and the reading (digitpad.models.reader: a drawing or a photo, as it looks or
as the visitor says; one digit or several) with the question "was it right?" (digitpad.serving.widgets).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

import cv2
import numpy as np
import streamlit as st

from digitpad.config import (
    DRAWN_MODEL_PATH,
    MODEL_PATH,
    PAIRS_MODEL_PATH,
    PIECES_MODEL_PATH,
    SHOWN_HEIGHT,
    SHOWN_SMALLEST,
    SHOWN_WIDTH,
)
from digitpad.reading.images import SUPPORTED_EXTENSIONS, ImageReadError, read_upload
from digitpad.reading.preprocess import ImageError, as_rgb, flattened, resize_by
from digitpad.serving import network
from digitpad.serving.loaders import load_reader, model_or_error, photo_turns
from digitpad.serving.widgets import HIGHLIGHT_RGB, ask_if_right, remembered, show_number_verdict, show_verdict

if TYPE_CHECKING:
    from digitpad.models.reader import Reading

PHOTO_PROMPT = "Upload a photo or scan of digits written on paper, or a drawing, or take a photo with the camera."
NO_CAMERA = (  # the browser's own words under the camera, "allow access", lead nowhere at a plain http:// address
    "The camera works here only over HTTPS: on a phone, **Upload** takes a photo instead."
)
NO_DIGITS = "No digits found: write larger and darker, and fill the frame."
NO_DIGITS_IN_INK = "No digits found: what it cut out does not look like digits. Photograph the writing close up."
KEPT = "kept_picture"  # session state: the visitor's last Picture, shown again when they come back to this page
NEWEST = "newest_input"  # session state: "upload" or "camera", whichever the visitor gave a picture to last
# What to try when a file cannot be read, by the start of the reason digitpad.reading.images gives
ADVICE = {
    "image too large": "Try a smaller photo (a phone's 12-megapixel setting, say).",
    "damaged or truncated": "Try uploading it again, or another photo.",
    "empty file": "Try uploading it again, or another photo.",
}
OTHER_ADVICE = "Try a PNG or JPEG photo."
# What the visitor may say the image is, as the CLI's flags do (None: as it looks, digitpad.models.reader.kind_of)
READ_AS = {"What it looks like": None, "A photo or scan of paper": "photo", "A drawing": "drawing"}
READ_AS_HELP = (
    "digitpad tells a drawing (one flat background) from a photo or scan of paper by itself. Say which it is when it "
    "guessed wrong: a scan made pure black and white can look like a drawing."
)


def with_boxes(image: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    """The image in colour, with a box in the highlight colour around each digit read; a small one enlarged first
    (grown_sharp), so that a box's line does not hide its digit."""
    pixels = image if image.dtype == np.uint8 else cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX, cv2.CV_8U)
    picture = grown_sharp(as_rgb(opaque(pixels)))  # a copy, drawn on: never the image itself
    times = picture.shape[0] // pixels.shape[0]
    thickness = max(2, max(picture.shape[:2]) // 300)
    for x, y, width, height in ([round(side * times) for side in box] for box in boxes):
        cv2.rectangle(picture, (x, y), (x + width - 1, y + height - 1), HIGHLIGHT_RGB, thickness)
    return picture


def grown_sharp(picture: np.ndarray) -> np.ndarray:
    """A copy of `picture`, shown at least SHOWN_SMALLEST px on its longer side: a small one enlarged a whole number of
    times, each pixel a sharp block (Streamlit's browser blurred a 20 px upload shown 176 px wide)."""
    times = max(1, -(-SHOWN_SMALLEST // max(picture.shape[:2])))
    return picture.repeat(times, axis=0).repeat(times, axis=1)


def opaque(pixels: np.ndarray) -> np.ndarray:
    """uint8 pixels with transparency as a viewer shows them: over white, or over black when the ink is light. Its
    colour channels alone were solid black (or white) under a transparent sheet, the digit nowhere to be seen. A
    picture with see-through margins is shown on its paper, as it is read (flattened)."""
    pixels = flattened(pixels)
    if pixels.ndim != 3 or pixels.shape[2] != 4 or pixels[:, :, 3].min() == 255:
        return pixels
    alpha = pixels[:, :, 3:].astype(np.float32) / 255
    colour = pixels[:, :, :3].astype(np.float32)
    ink_lightness = float((colour.mean(axis=2, keepdims=True) * alpha).sum() / max(float(alpha.sum()), 1.0))
    sheet = 0.0 if ink_lightness > 127 else 255.0
    return np.round(colour * alpha + sheet * (1 - alpha)).astype(np.uint8)


def plain(text: str) -> str:
    """`text` (a file's name) shown as it is in Streamlit's Markdown, what Markdown acts on in a line escaped: "my
    *best* [v2](x).jpg" was italics and a link, "a&amp;b.png" read "a&b.png"; without the spaces around it, which undid
    the bold it is shown in, and any line break or tab in it as a space (two line breaks split the caption); and an
    unseen word joiner after "www", "http" and "@", where Markdown, escapes or none, made "www.example.com.png" and
    "me@example.com.png" links."""
    unlinked = re.sub(r"(?i)(www|http|ftp|@)", "\\1\u2060", " ".join(text.split()))
    return re.sub(r"([\\`*_\[\]<>~$:#+\-|&])", r"\\\1", unlinked)


def uploaded_name(name: str) -> str:
    """A file's name as its visitor named it: a browser sends a quote mark and line breaks in it as %22, %0A and %0D
    (HTML's form encoding), and 'it's "quoted".png' was shown as 'it's %22quoted%22.png'. (A name with "%22" in it
    is shown with a quote mark: a browser does not say which it was.)"""
    return re.sub(r"%(22|0A|0D)", lambda code: chr(int(code[1], 16)), name)


def on_screen(picture: np.ndarray) -> np.ndarray:
    """A picture at most SHOWN_WIDTH wide and SHOWN_HEIGHT tall: shrunk here rather than by Streamlit, which encodes a
    12-megapixel photo whole before shrinking it, and shrank a hairline strip 3,000 px long to 0 px tall and raised."""
    scale = min(SHOWN_WIDTH / picture.shape[1], SHOWN_HEIGHT / picture.shape[0])
    return grown_sharp(picture) if scale >= 1 else resize_by(picture, scale, cv2.INTER_AREA)


class Picture(NamedTuple):
    """A picture the visitor gave, kept in the session (KEPT) for when they come back from the Draw page."""

    file_id: str  # Streamlit's, for the upload or the camera's photo: the same picture is not copied again each rerun
    name: str
    data: bytes


def forget(widget: str | None = None) -> None:
    """Forget the kept picture: "Remove it", or the uploader's or the camera's change (`widget`) to nothing. A change
    to a picture makes that widget's the one read (NEWEST): a photo taken, then a file uploaded, reads the file."""
    if widget is not None and st.session_state.get(widget) is not None:
        st.session_state[NEWEST] = widget
    else:
        st.session_state.pop(KEPT, None)


def picture_read(picture: Picture) -> tuple[np.ndarray, Reading] | None:
    """The picture decoded and read as the visitor says (Read it as); None after saying why it could not be."""
    try:
        image = read_upload(picture.data)
    except ImageReadError as error:
        advice = next((tip for start, tip in ADVICE.items() if str(error).startswith(start)), OTHER_ADVICE)
        st.error(f"{plain(picture.name)} could not be read: {plain(str(error))}. {advice}", icon=":material/error:")
        return None
    read_as = st.radio(
        "Read it as", list(READ_AS), horizontal=True, help=READ_AS_HELP, **remembered("read_as", list(READ_AS)[0])
    )
    reader = model_or_error(load_reader, MODEL_PATH, DRAWN_MODEL_PATH, PIECES_MODEL_PATH, PAIRS_MODEL_PATH)
    if reader is None:
        return None
    try:
        return image, reader.read(image, READ_AS[read_as])
    except ImageError as error:
        st.error(f"{plain(picture.name)} could not be read: {plain(str(error))}.", icon=":material/error:")
        return None


def photo_page() -> None:
    """An image file or a camera photo, read by digitpad.models.reader as the CLI reads a file: a drawing or a photo of
    paper (as it looks, or as the visitor says), one digit or several. Shows the image with the digits boxed, what was
    cut out of a photo, and the reading."""
    upload = st.file_uploader(
        "A photo or scan of digits on paper, or a drawing", type=list(SUPPORTED_EXTENSIONS),
        key="upload", on_change=forget, args=("upload",),
    )  # fmt: skip
    # The camera asks the browser for permission: only once the visitor turns it on
    camera = None
    if not network.camera_allowed(st.context.url):  # a room's http://192.168.1.23: no permission would let it
        st.caption(NO_CAMERA)
    elif st.toggle("Use the camera", **remembered("use_camera", False)):  # still on after a visit to the Draw page
        camera = st.camera_input("Take a photo of digits on paper", key="camera", on_change=forget, args=("camera",))
    newest = {"upload": upload, "camera": camera}.get(st.session_state.get(NEWEST, ""))
    given, picture = newest or camera or upload, st.session_state.get(KEPT)
    if given is not None and (picture is None or picture.file_id != given.file_id):
        picture = st.session_state[KEPT] = Picture(given.file_id, uploaded_name(given.name), given.getvalue())
        st.session_state["read_as"] = list(READ_AS)[0]  # said of the last picture: a new one is read as it looks
    if picture is None:
        st.info(PHOTO_PROMPT, icon=":material/photo_camera:")
        return
    if given is None:  # back from the Draw page, which the uploader and the camera forget
        st.caption(f"**{plain(picture.name)}**, as you left it: upload or take another to replace it.")
        st.button("Remove it", icon=":material/close:", on_click=forget)
    # A 12-megapixel photo takes a core for most of a second and ~150 MB while it is decoded and read: a room's uploads
    # take turns (config.PHOTO_READS_AT_ONCE), each waiting as its file's compressed bytes
    with st.spinner("Reading your photo…", show_time=True), photo_turns():
        read = picture_read(picture)
        if read is None:
            return
        image, reading = read
        boxed = on_screen(with_boxes(image, reading.digits.boxes))  # a full-size copy while it is drawn on
    shown, cut_out = st.columns(2)
    boxes = f"{len(reading.digits.boxes)} digits boxed" if len(reading.digits.boxes) != 1 else "its digit boxed"
    caption = f"Your {reading.kind}: {plain(picture.name)}"  # named: a file the uploader refused is not this one
    shown.image(boxed, caption=caption, alt=f"Your {reading.kind}, {boxes}")
    if reading.ink is not None:
        cut_out.image(
            on_screen(reading.ink), caption="What it cut out: ink, with the paper, lines and specks gone",
            alt="The ink it read, white on black",
        )  # fmt: skip
    if reading.single is not None:
        show_verdict(reading.single)
    elif reading.digits.predictions:  # a number, or a drawing's word that is not one
        show_number_verdict(reading.digits, like_digits=not reading.digits_unlike)
    else:
        found_ink = reading.ink is not None and reading.ink.any()  # a scene's shapes, or writing too small to read
        st.info(NO_DIGITS_IN_INK if found_ink else NO_DIGITS, icon=":material/search_off:")
        return
    if reading.verdict == "not a digit":
        return
    # Saved with each digit: what the digits were read from (a photo's cleaned ink, tens of kB as PNG, not the photo,
    # which may be megabytes and show more than the digits; a drawing as it came)
    predictions = [reading.single] if reading.single else reading.digits.predictions
    read_from = reading.ink if reading.ink is not None else image
    ask_if_right(predictions, cv2.imencode(".png", read_from)[1].tobytes(), reading.kind)


if __name__ == "__main__":  # run by Streamlit as a page of app.py's navigation
    photo_page()

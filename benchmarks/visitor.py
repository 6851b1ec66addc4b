"""A visitor without a browser: Streamlit's websocket protocol spoken as the page's JavaScript speaks it, for
benchmarks.load.

In: the room's address, and the drawings to send (Drawing: each stroke's canvas payload, made before the run). Out: what
the page showed after each message: the predicted digit, the buttons offered, any error, and how long it took.

The protocol (Streamlit's own protobufs): the client sends a BackMsg `rerun_script` with the widgets' states; the server
answers with ForwardMsgs, `delta`s that build the page and a `script_finished`. The canvas (streamlit-drawable-canvas,
a Components v2 widget) sends its state as JSON, {"drawing": {"raw": Fabric JSON, "data": PNG data URL}}, and a stroke
reruns only its fragment, whose id the deltas carry; a button sends a trigger.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from PIL import Image
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from digitpad.config import DEFAULT_STROKE_WIDTH
from digitpad.learning.data import PenDigit
from digitpad.reading.canvas import fabric_json
from digitpad.reading.strokes import draw_strokes, fit_strokes

ROUTE_COOKIE = "digitpad_route"  # deploy/nginx.conf's sticky-session cookie


@dataclass(frozen=True)
class Drawing:
    """One digit as the canvas sends it after each of its strokes: the JSON state, all strokes so far."""

    states: list[str]

    @classmethod
    def of(cls, digit: PenDigit) -> Drawing:
        placed = fit_strokes(digit.strokes)
        states = []
        for count in range(1, len(placed) + 1):
            picture = draw_strokes(placed[:count], DEFAULT_STROKE_WIDTH)  # RGBA, as the browser's canvas
            png = io.BytesIO()
            Image.fromarray(picture).save(png, format="PNG")
            url = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
            raw = fabric_json(placed[:count], DEFAULT_STROKE_WIDTH)
            states.append(json.dumps({"drawing": {"raw": raw, "data": url}}))
        return cls(states)


@dataclass
class Shown:
    """What one rerun put on the page."""

    seconds: float
    metric: str | None = None  # the predicted digit (or number)
    buttons: dict[str, str] = field(default_factory=dict)  # label -> widget id
    texts: list[str] = field(default_factory=list)  # alerts' bodies: errors, "Saved as ..."
    errors: list[str] = field(default_factory=list)  # exceptions and error alerts


class Closed(Exception):
    """The server went away (a killed process): the page would reconnect, as a new session."""


class Visitor:
    """One browser tab's session with the room: its websocket, its canvas and the widgets it knows."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/") + "/"
        self.canvas_id = ""
        self.fragment_id = ""
        self.clear_id = ""
        self.socket: websockets.ClientConnection | None = None

    async def open(self, timeout: float) -> Shown:
        """Take a route cookie as a browser's first request does, open the websocket, and run the page once."""
        request = urllib.request.Request(self.url)
        response = await asyncio.to_thread(urllib.request.urlopen, request, timeout=timeout)
        cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or [] if c.startswith(ROUTE_COOKIE)]
        response.close()
        stream = self.url.replace("http://", "ws://") + "_stcore/stream"
        headers = {"Cookie": "; ".join(cookies)} if cookies else {}
        self.socket = await websockets.connect(stream, subprotocols=["streamlit"], additional_headers=headers,
                                               max_size=None, open_timeout=timeout)  # fmt: skip
        return await self.rerun([], "", timeout)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def stroke(self, state: str, timeout: float) -> Shown:
        """The canvas after a stroke: its state, rerunning its fragment."""
        return await self.rerun([self.canvas(state)], self.fragment_id, timeout)

    async def click(self, button: str, state: str, timeout: float) -> Shown:
        """A button in the canvas's fragment (the canvas keeps its drawing), by its widget id."""
        trigger = WidgetState(id=button, trigger_value=True)
        return await self.rerun([self.canvas(state), trigger], self.fragment_id, timeout)

    def canvas(self, state: str) -> WidgetState:
        return WidgetState(id=self.canvas_id, json_value=state)

    async def rerun(self, widgets: list[WidgetState], fragment_id: str, timeout: float) -> Shown:
        """Send one rerun and read the page's answer up to `script_finished`."""
        message = BackMsg()
        message.rerun_script.widget_states.widgets.extend(widgets)
        message.rerun_script.fragment_id = fragment_id
        started = time.perf_counter()
        try:
            await self.socket.send(message.SerializeToString())
            shown = Shown(0.0)
            while True:
                answer = ForwardMsg()
                answer.ParseFromString(await asyncio.wait_for(self.socket.recv(), timeout))
                kind = answer.WhichOneof("type")
                if kind == "delta":
                    self.read(answer.delta, shown)
                elif kind == "script_finished":
                    shown.seconds = time.perf_counter() - started
                    return shown
        except (websockets.ConnectionClosed, OSError) as error:
            raise Closed(str(error)) from error

    def read(self, delta, shown: Shown) -> None:  # delta: streamlit.proto.Delta_pb2.Delta
        """Note the canvas, the buttons, the prediction and any alert or exception a delta brings."""
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "bidi_component" and "drawable_canvas" in element.bidi_component.component_name:  # not a probe
            self.canvas_id, self.fragment_id = element.bidi_component.id, delta.fragment_id
        elif kind == "button":
            shown.buttons[element.button.label] = element.button.id
            if element.button.label == "Clear":
                self.clear_id = element.button.id
        elif kind == "metric":
            shown.metric = element.metric.body
        elif kind == "alert":
            shown.texts.append(element.alert.body)
            if element.alert.format == element.alert.ERROR:
                shown.errors.append(element.alert.body)
        elif kind == "exception":
            shown.errors.append(f"{element.exception.type}: {element.exception.message}")

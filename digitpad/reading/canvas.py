"""Reading a drawing from the canvas's strokes rather than its pixels.

In: the canvas's Fabric.js JSON (`CanvasResult.json_data`: one `Path` object a stroke, its points in canvas px, with the
object's move, scale and turn if the user edited it), and the canvas's pixels as a fallback. Out: the strokes as [N, 2]
float arrays in canvas px, the canvas's picture painted again from them (fabric_picture), or the model's [28, 28] input:
the strokes re-drawn at the one pen width the model was trained for (config.REDRAW_*), then preprocessed as any image
is. So the pen width the user chose no longer changes what the model sees: a thick pen on a small digit cannot fill its
loops. JSON that is missing, malformed, holds anything but strokes or no strokes at all is not guessed at: the pixels
are read instead, never an error.

`fabric_json` is the inverse, what the canvas sends for given strokes (its pencil's path: quadratic curves through
the midpoints of the points it sampled), so tests and benchmarks feed the page's own path.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from digitpad.config import REDRAW_PEN, REDRAW_SIZE, REPAINT_THINNER, TAP_EXTENT
from digitpad.reading.preprocess import as_unit_float, preprocess, preprocess_ink
from digitpad.reading.strokes import stroke_ink

CURVE_STEPS = 4  # points sampled along each quadratic curve of a path
ORIGIN = {"left": 0.0, "top": 0.0, "center": 0.5, "right": 1.0, "bottom": 1.0}  # Fabric's originX / originY
MAX_POINTS = 100_000  # more points than this in one drawing is not a person drawing: read the pixels instead
MAX_PATHS = 2_000  # ...nor more strokes than this: 99,999 one-point strokes took the server 9 s, a path at a time
FAR_OFF = 1e5  # px: a point further than this from the canvas's corner is not a person's either (1e308 gave NaNs)


class NotStrokes(ValueError):
    """The JSON does not hold a drawing of strokes that can be re-drawn."""


def finite(value: Any) -> float:
    """A JSON number that is a real, finite one, as float; NotStrokes otherwise (a string, a bool, NaN)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise NotStrokes(f"not a finite number: {value!r}")
    return float(value)


def path_points(commands: Any) -> np.ndarray:
    """A Fabric path (["M", x, y], ["Q", cx, cy, x, y], ["L", x, y], ...) -> its [N, 2] points, curves sampled."""
    if not isinstance(commands, list) or not commands:
        raise NotStrokes("a path without commands")
    ends, controls, curved = [], [], []
    for command in commands:
        if not isinstance(command, list) or not command or command[0] not in ("M", "L", "Q"):
            raise NotStrokes(f"an unsupported path command: {str(command)[:40]}")
        values = [finite(v) for v in command[1:]]
        if len(values) != (4 if command[0] == "Q" else 2) or (command[0] != "M" and not ends):
            raise NotStrokes(f"a malformed path command: {str(command)[:40]}")
        ends.append(values[-2:])
        controls.append(values[:2])
        curved.append(command[0] == "Q")
    end, control = np.array(ends), np.array(controls)
    start = np.concatenate([end[:1], end[:-1]])[:, None]  # each command starts where the one before it ended
    t = np.linspace(0, 1, CURVE_STEPS + 1)[1:, None]  # the quadratic Bezier curve at t, all commands at once
    samples = (1 - t) ** 2 * start + 2 * (1 - t) * t * control[:, None] + t * t * end[:, None]
    kept = np.array(curved)[:, None] | (np.arange(CURVE_STEPS) == CURVE_STEPS - 1)  # a line or a move: its end
    return samples[kept]


def placed(obj: dict, points: np.ndarray) -> np.ndarray:
    """A path's own points -> canvas px, through the object's transform: Fabric puts the centre of the path's own
    bounding box at the object's centre (its origin point `left`, `top`, moved to the middle of its box), after
    scaling, flipping, skewing and turning the path about it."""
    scale = np.array([finite(obj.get("scaleX", 1)), finite(obj.get("scaleY", 1))])
    flip = np.array([-1.0 if obj.get("flipX") else 1.0, -1.0 if obj.get("flipY") else 1.0])
    angle = math.radians(finite(obj.get("angle", 0)))
    skew_x, skew_y = (math.tan(math.radians(finite(obj.get(k, 0)))) for k in ("skewX", "skewY"))
    turn = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    matrix = turn @ np.array([[1, skew_x], [skew_y, 1]]) @ np.diag(scale * flip)
    own_centre = (points.min(axis=0) + points.max(axis=0)) / 2
    centre = own_centre  # an object that says nothing of where it is stays where its points are
    if "left" in obj and "top" in obj:
        box = (
            np.array([finite(obj.get("width", 0)), finite(obj.get("height", 0))]) + finite(obj.get("strokeWidth", 0))
        ) * scale
        origin = np.array([origin_of(obj.get("originX")), origin_of(obj.get("originY"))])
        centre = np.array([finite(obj["left"]), finite(obj["top"])]) + turn @ ((0.5 - origin) * box)
    return (points - own_centre) @ matrix.T + centre


def origin_of(value: Any) -> float:
    """Fabric's originX or originY ("left", "center", ...) as a fraction of the box; NotStrokes for what is no name
    (a list raised TypeError, as a key)."""
    if value is not None and not isinstance(value, str):
        raise NotStrokes(f"not an origin: {str(value)[:40]}")
    return ORIGIN.get(value, 0.5)  # unnamed: the centre, as Fabric's default


def visible_paths(json_data: Any) -> list[dict]:
    """The canvas's JSON -> its visible freehand paths, in drawing order; NotStrokes if it is missing, malformed, or
    holds anything but freehand paths (a rectangle, text)."""
    objects = json_data.get("objects") if isinstance(json_data, dict) else None
    if not isinstance(objects, list):
        raise NotStrokes("no list of objects")
    if len(objects) > MAX_PATHS:
        raise NotStrokes(f"more than {MAX_PATHS} strokes")
    for obj in objects:
        if not isinstance(obj, dict) or obj.get("type") not in ("Path", "path"):
            raise NotStrokes(f"not a stroke: {str(obj.get('type') if isinstance(obj, dict) else obj)[:40]}")
    return [obj for obj in objects if obj.get("visible", True) is not False and obj.get("opacity", 1) != 0]


def fabric_strokes(json_data: Any) -> list[np.ndarray]:
    """The canvas's JSON -> its visible strokes in canvas px ([] for an empty canvas); NotStrokes as visible_paths,
    or for more points than a person draws."""
    return path_strokes(visible_paths(json_data))


def path_strokes(paths: list[dict]) -> list[np.ndarray]:
    """visible_paths' paths -> their strokes in canvas px; NotStrokes for more points than a person draws."""
    strokes = [placed(obj, path_points(obj.get("path"))) for obj in paths]
    if sum(len(s) for s in strokes) > MAX_POINTS:
        raise NotStrokes(f"more than {MAX_POINTS} points")
    with np.errstate(invalid="ignore"):  # a NaN made of infinities is far off too
        if not all((np.abs(s) <= FAR_OFF).all() for s in strokes):
            raise NotStrokes(f"a point more than {FAR_OFF:.0f} px off the canvas")
    return strokes


def pen_width(obj: dict) -> float:
    """A path's pen width in canvas px, scaled as the user scaled the path."""
    scale = (abs(finite(obj.get("scaleX", 1))) + abs(finite(obj.get("scaleY", 1)))) / 2
    return finite(finite(obj.get("strokeWidth", 1)) * scale)  # 1e300 scaled 1e300 times: inf


def fabric_picture(json_data: Any, shape: tuple[int, int]) -> np.ndarray | None:
    """The canvas's picture painted again from its JSON as the page's canvas paints it: each visible stroke white at
    its own width on opaque black, [height, width, 4] uint8. None when the JSON cannot be read as strokes or holds
    none. For a canvas that sends its strokes but not their picture: one mounted with a drawing already on it."""
    try:
        paths = visible_paths(json_data)
        strokes, widths = path_strokes(paths), [pen_width(obj) for obj in paths]
    except NotStrokes:
        return None
    if not strokes:
        return None
    ink = np.zeros(shape, np.uint8)
    for stroke, width in zip(strokes, widths, strict=True):  # OpenCV's line is wider than its thickness
        pen = min(max(1, round(width) - REPAINT_THINNER), 2 * sum(shape))  # wider covers it all; OpenCV refused 1e6
        np.maximum(ink, stroke_ink([stroke], pen, shape), out=ink)
    return np.dstack([ink, ink, ink, np.full_like(ink, 255)])


def redraw(strokes: list[np.ndarray]) -> np.ndarray:
    """Strokes in any px -> [H, W] uint8 ink (255 where the pen passed): scaled so the drawing's longer side is
    REDRAW_SIZE px, drawn with a REDRAW_PEN px pen. A drawing smaller than the pen (a tap) stays a dot of the pen's
    width."""
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    scale = REDRAW_SIZE / max(float((high - low).max()), REDRAW_PEN)
    margin = REDRAW_PEN
    side = int(math.ceil(REDRAW_SIZE + 2 * margin))
    return stroke_ink([(s - low) * scale + margin for s in strokes], REDRAW_PEN, (side, side))


def clipped(strokes: list[np.ndarray], shape: tuple[int, int]) -> list[np.ndarray]:
    """Strokes in canvas px cut at the edges of a canvas of `shape` (height, width): the parts it shows. A stroke
    carried past an edge with the button down went on being recorded, and the part no one could see was read (a 7 with
    a tick carried off it read "not a digit"). A stroke that leaves and comes back is two."""
    height, width = shape
    inside = [bool(((stroke >= 0) & (stroke <= (width, height))).all()) for stroke in strokes]
    if all(inside):
        return strokes  # as nearly always: 0.9 ms a drawing to cut, 150 points (pen digits)
    pieces: list[list[np.ndarray]] = []
    for stroke, within in zip(strokes, inside, strict=True):
        if len(stroke) == 1:  # a tap: it has no segment to cut
            pieces += [[stroke[0]]] if within else []
            continue
        joined = False  # whether the last piece ends where this segment starts
        for start, end in itertools.pairwise(stroke):
            cut = clip_segment(start, end, width, height)
            if cut is None:
                joined = False
                continue
            if not (joined and np.array_equal(pieces[-1][-1], cut[0])):
                pieces.append([cut[0]])
            pieces[-1].append(cut[1])
            joined = np.array_equal(cut[1], end)
    return [np.array(piece) for piece in pieces]


def clip_segment(start: np.ndarray, end: np.ndarray, width: float, height: float) -> tuple | None:
    """The part of the segment inside [0, width] x [0, height] (Liang-Barsky), or None."""
    step, low, high = end - start, 0.0, 1.0
    for inward, room in ((-step[0], start[0]), (step[0], width - start[0]), (-step[1], start[1]),
                         (step[1], height - start[1])):  # fmt: skip
        if inward == 0:
            if room < 0:
                return None
            continue
        edge = room / inward
        low, high = (max(low, edge), high) if inward < 0 else (low, min(high, edge))
    return None if low > high else (start + low * step, start + high * step)


def a_tap(strokes: list[np.ndarray]) -> bool:
    """Whether strokes in canvas px span less than config.TAP_EXTENT: a finger's tap, a dot of the pen, no digit."""
    points = np.concatenate(strokes)
    return float((points.max(axis=0) - points.min(axis=0)).max()) < TAP_EXTENT


def stroke_input(strokes: list[np.ndarray]) -> np.ndarray | None:
    """Strokes in canvas px -> the model's [28, 28] input, re-drawn at the trained pen width; None for no strokes.
    The re-drawn ink is already an ink map: no paper to find in it, as preprocess would."""
    return preprocess_ink(as_unit_float(redraw(strokes))) if strokes else None


def canvas_input(json_data: Any, image: np.ndarray | None) -> np.ndarray | None:
    """What the page feeds the model for one digit: the strokes of `json_data` re-drawn (stroke_input), or, when the
    JSON cannot be read as strokes or holds none, the canvas's pixels `image` preprocessed. None when nothing is
    drawn. Raises digitpad.reading.preprocess.ImageError only if the pixels are read and cannot be an image."""
    return drawing_input(drawn_strokes(json_data), image)


def drawing_input(strokes: list[np.ndarray], image: np.ndarray | None) -> np.ndarray | None:
    """canvas_input from strokes already read: re-drawn if there are any, else `image` preprocessed."""
    return stroke_input(strokes) if strokes else preprocess(image)


def drawn_strokes(json_data: Any) -> list[np.ndarray]:
    """The strokes of `json_data` (fabric_strokes), or [] when it cannot be read as strokes: read the pixels then."""
    try:
        return fabric_strokes(json_data)
    except NotStrokes:
        return []


def fitted(json_data: Any, shape: tuple[int, int]) -> Any:
    """The canvas's JSON with its drawing made to fit a canvas of `shape` (height, width), ink and pen whole inside
    it: scaled down and moved as one, as a drawing carried to number mode's lower canvas must be, or its digits' feet
    are cut off. As it is when it fits already, or is not strokes the canvas placed (it is then read from its
    pixels)."""
    try:
        paths = visible_paths(json_data)
        if not paths or any("left" not in obj or "top" not in obj for obj in json_data["objects"]):
            return json_data
        margin = max(pen_width(obj) for obj in paths) / 2 + 1  # half the pen beyond the path's points
        points = np.concatenate(path_strokes(paths))
        low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
        room = np.array(shape[::-1], dtype=np.float64)
        if (low >= 0).all() and (high <= room).all():
            return json_data
        scale = float(min(1.0, *(room / (high - low))))
        move = np.clip(low * scale, 0.0, room - (high - low) * scale) - low * scale  # inside, as near its place
        left, top = move[0], move[1]
        objects = [  # each object's place and size scaled about the canvas's corner, then moved
            {**obj, "left": float(finite(obj["left"]) * scale + left), "top": float(finite(obj["top"]) * scale + top),
             "scaleX": finite(obj.get("scaleX", 1)) * scale, "scaleY": finite(obj.get("scaleY", 1)) * scale}
            for obj in json_data["objects"]
        ]  # fmt: skip
    except NotStrokes:
        return json_data
    return {**json_data, "objects": objects}


def fabric_json(strokes: list[np.ndarray], stroke_width: float) -> dict:
    """What the canvas sends for these strokes (canvas px): Fabric's pencil path for each, which starts at the first
    point, curves through the midpoints of each two points (the points themselves its control points) and ends with a
    line to the last."""
    objects = []
    for stroke in strokes:
        points = np.asarray(stroke, dtype=np.float64)
        if len(points) == 1:
            points = np.vstack([points, points])
        path: list[list] = [["M", *points[0]]]
        path += [["Q", *points[i], *(points[i] + points[i + 1]) / 2] for i in range(1, len(points) - 1)]
        path.append(["L", *points[-1]])
        low, high = points.min(axis=0), points.max(axis=0)
        objects.append(
            {
                "type": "Path",
                "originX": "center",
                "originY": "center",
                "left": float(low[0] + high[0]) / 2,
                "top": float(low[1] + high[1]) / 2,
                "width": float(high[0] - low[0]),
                "height": float(high[1] - low[1]),
                "strokeWidth": stroke_width,
                "path": [[command[0], *map(float, command[1:])] for command in path],
            }
        )
    return {"version": "7.4.0", "objects": objects}

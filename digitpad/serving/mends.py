"""What the canvas package (streamlit-drawable-canvas 0.13) and Streamlit get wrong in the visitor's browser, mended.

In: the page's canvases (Fabric.js in each component's shadow root) and its Clear button, found by its key
(clear_key). Out: MENDS_JS, a script that column.py's component runs (one small component above the canvas, not a second
element): its `mendCanvas()` installs the mends and returns their undoing.
- The toolbar, unseen at rest, lets the pointer through to the canvas's top right until it is shown, above the canvas.
- Clear empties the canvas in the browser at once (its own bin), so a stroke begun meanwhile is kept; a canvas mounted
  with a drawing, whose bin goes back to that drawing, has the bin and Clear ask the server for an empty one instead.
- A finger's stroke ends when that finger lifts, whatever other touch (a thumb, a palm) is on the glass; a palm's touch
  away from the tip of a pen that draws is ignored; a wheel (a trackpad) does not scroll the page under a stroke.
- Ctrl+Z undoes a stroke and Ctrl+Shift+Z redoes it (the toolbar's Undo and Redo), but in a text field.
And PAGE_CSS, a style app.py puts on every page: the visitor's own text size, where Streamlit sets 16 px whatever the
browser is set to (24 or 32 px for weak eyes); why the uploader refused a file, which Streamlit keeps for screen
readers alone; and in a high-contrast mode (forced colours) the state of the sidebar's switches, radio and slider,
which Streamlit paints as backgrounds that mode removes ("Show my drawings on the wall" on was drawn as nothing at all);
and on a short screen (a phone turned sideways) a compact top, so most of the canvas is in sight.
And PICTURES_JS, a script app.py runs once a tab: a picture dropped or pasted anywhere is read on the Photo page; and
SAID_JS, run with it: what the page reads is said by a screen reader as it comes.
"""

from __future__ import annotations

SHOWN = "{forced-color-adjust:none;background:%s}"  # a part drawn in a system colour that high contrast keeps
SWITCH = "[data-testid='stCheckbox'] label"
HIDDEN = "[data-testid='stElementContainer']:has(#digitpad-pictures){display:none}"  # no room taken: no gap
# Why the uploader refused a file ("application/pdf files are not allowed.", "File must be 10.0MB or smaller."), in
# sight: Streamlit keeps it for screen readers alone, and a visitor saw only a red "!" by the file's name
REFUSED = (
    "[data-testid='stFileChip']:has(>[role='alert']){flex-wrap:wrap;height:auto}"
    "[data-testid='stFileChip']>[role='alert']{position:static;width:auto;height:auto;margin:0;clip:auto;"
    "clip-path:none;overflow:visible;white-space:normal;flex-basis:100%;font-size:0.875rem;padding:0.25rem 0}"
)
# "No, it was a" digits a finger can tell apart: 33 x 32 px, 4 px apart, on a phone; 44 px, as phones' own guides ask
FINGER = "@media (pointer:coarse){[data-testid='stButtonGroup'] button{min-width:2.75rem;min-height:2.75rem}}"
# A phone turned sideways (390 px tall): Streamlit's roomy top put the canvas 322 px down, 68 px of it in sight; 228 now
MAIN = "[data-testid='stMainBlockContainer']"
SHORT = (
    f"@media (max-height:500px){{{MAIN}{{padding-top:3.75rem}}{MAIN} [data-testid='stVerticalBlock']{{gap:0.5rem}}"
    f"{MAIN} h1{{font-size:1.5rem !important;padding:0 !important}}}}"
)
FORCED = "@media (forced-colors:active){" + "".join([
    f"{SWITCH}>div:not([data-testid]){{border:1px solid CanvasText}}",
    f"{SWITCH}>div:not([data-testid])>div" + SHOWN % "CanvasText",
    f"{SWITCH}[data-selected]>div:not([data-testid])" + SHOWN % "Highlight",
    "[data-testid='stRadioOption'][data-selected]>div>div:first-child>div" + SHOWN % "CanvasText",
    "[data-testid='stSlider'] [role='group']>div>div:first-child" + SHOWN % "GrayText",
    "[data-testid='stSlider'] [role='group']>div>div[style*='absolute']" + SHOWN % "CanvasText",
]) + "}"  # fmt: skip
PAGE_CSS = "<style>html{font-size:100%}" + HIDDEN + REFUSED + FINGER + SHORT + FORCED + "</style>"

TEXT_FIELD = "textarea,[contenteditable=''],[contenteditable=true],input:is([type=text],:not([type]))"  # its own keys

# A picture dropped or pasted anywhere on the page is read on the Photo page. Nothing on the Draw page took a drop, so
# the browser opened the dropped file in the tab instead and the drawing was lost; on the Photo page a paste did
# nothing unless the uploader had the keyboard's focus. app.py runs it once a tab (st.html), hidden (HIDDEN above).
PICTURES_JS = """<script id="digitpad-pictures">
(() => {
    const TEXT_FIELD = "{TEXT_FIELD}";
    if (window.digitpadTakesPictures) return;  // Streamlit runs the element's script again as the pages change
    window.digitpadTakesPictures = true;
    const ZONE = '[data-testid="stFileUploaderDropzone"]', INPUT = '[data-testid="stFileUploaderDropzoneInput"]';
    const uploaders = event => event.composedPath().some(node => node.matches?.(ZONE));  // its own drops and pastes
    const typing = event => event.composedPath().some(node => node.matches?.(TEXT_FIELD));  // text's place
    const hand = (input, file) => {  // to the Photo page's uploader, as though chosen with Browse files
        const chosen = new DataTransfer();
        chosen.items.add(file);
        input.files = chosen.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
    };
    // Handed to the uploader, on this page or the Photo page once it shows; again should Streamlit draw the uploader
    // anew before it has taken the file (its chip shows)
    const read = files => {
        const file = files[0], handed = new WeakSet();
        if (!file) return;
        const taken = () => {
            const input = document.querySelector(INPUT);
            if (input && !handed.has(input)) { handed.add(input); hand(input, file); return false; }
            return input !== null && document.querySelector('[data-testid="stFileChip"]') !== null;
        };
        if (!document.querySelector(INPUT)) document.querySelector('a[href$="/photo"]')?.click();  // the wall has none
        if (taken()) return;
        const until = Date.now() + 10000, watch = new MutationObserver(() => {
            if (taken() || Date.now() > until) watch.disconnect();
        });
        watch.observe(document.body, { childList: true, subtree: true });
    };
    // Text dragged into a text field is the field's; anything else dropped is ours, or the browser opens it in the tab
    const ours = event => !uploaders(event) && (event.dataTransfer?.types.includes("Files") || !typing(event));
    window.addEventListener("dragover", event => { if (ours(event)) event.preventDefault(); });
    window.addEventListener("drop", event => {
        if (!ours(event)) return;
        event.preventDefault();
        read([...(event.dataTransfer?.files ?? [])]);
    });
    window.addEventListener("paste", event => {
        const files = [...(event.clipboardData?.files ?? [])];
        if (files.length === 0 || uploaders(event) || typing(event)) return;
        event.preventDefault();
        read(files);
    });
})();
</script>""".replace("{TEXT_FIELD}", TEXT_FIELD)

# What the page read, said by a screen reader as it comes: the prediction after each stroke ("Prediction 7, 96% sure"),
# a warning, "Saved". Streamlit's metric is no live region, and its alerts are new elements each run, which screen
# readers do not announce; this region stays put and takes the page's words once a run has settled.
SAID_JS = """<script id="digitpad-says">
(() => {
    if (window.digitpadSaysResults) return;  // as PICTURES_JS: run again as the pages change
    window.digitpadSaysResults = true;
    const said = document.body.appendChild(document.createElement("div"));
    said.id = "digitpad-said";
    said.setAttribute("role", "status");  // polite: after what the reader is saying now
    said.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)";  // unseen
    const RESULTS = '[data-testid="stMain"] :is([data-testid="stMetric"],[data-testid="stAlert"])';
    const spoken = result => {  // its text but an icon's name ("draw"), which a screen reader skips too
        const walk = document.createTreeWalker(result, NodeFilter.SHOW_TEXT), parts = [];
        while (walk.nextNode()) {
            if (!walk.currentNode.parentElement.closest('[aria-hidden="true"]')) parts.push(walk.currentNode.data);
        }
        return parts.join(" ").replace(/\\s+/g, " ").trim();
    };
    const words = () => [...document.querySelectorAll(RESULTS)]
        .filter(result => !result.closest('[data-stale="true"]'))  // faded: last run's, about to go
        .map(spoken).filter(Boolean).join(". ");
    const update = () => {
        const now = words();
        if (now !== said.textContent) said.textContent = now;
    };
    let settling = setTimeout(update, 300);  // what the page shows already: it may not change again for a while
    new MutationObserver(() => {
        clearTimeout(settling);
        settling = setTimeout(update, 300);
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
        attributeFilter: ["data-stale"] });
})();
</script>"""

MENDS_JS = """
const TEXT_FIELD = "{TEXT_FIELD}";
// The canvas's own rules show its toolbar on hover, on focus, or pinned: only then does it take the pointer. On hover
// it comes 0.2 s after the pointer (the canvas's opacity .15s .1s): till then it lets the pointer through, or a pen
// that came down at once at the top right pressed the bin. Shown, it sits wholly above the canvas: the canvas put it
// 2.65rem up, and its card, taller, covered the canvas's top 4 px (a stroke there went to the toolbar)
const TOOLBAR_CSS = ".dc-toolbar{pointer-events:none}"
    + ".dc-toolbar:focus-within,.dc-toolbar[data-pinned=true]{pointer-events:auto}"
    + ".dc-root:hover>.dc-toolbar{pointer-events:auto;"
    + "transition:opacity .15s .1s,pointer-events 0s .2s;transition-behavior:allow-discrete}"
    + ".dc-root:hover>.dc-toolbar,.dc-toolbar:focus-within,.dc-toolbar[data-pinned=true]{top:auto;bottom:100%}";
const BIN = "button[aria-label='Reset canvas & history']";  // the toolbar's bin: back to the drawing it mounted with
// The page's Clear button, by its key (clear_key)
const CLEAR = '[class*="st-key-clear-"] button', RESTORED = '[class*="st-key-clear-"][class*="-restored"] button';
const inCanvases = selector => [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
    .map(host => host.shadowRoot?.querySelector(selector)).filter(Boolean);  // in each canvas's shadow root
// Clear in place: the bin empties the canvas in the browser at once, where Clear's new canvas came a round trip later
// (0.8 s on a slow Wi-Fi) and wiped a stroke begun meanwhile. A canvas mounted with a drawing (back from the Photo
// page, carried to number mode) has its bin go back to that drawing: there the bin is Clear, and the server mounts an
// empty canvas.
const clearInPlace = event => {
    const clear = event.target.closest?.(CLEAR), bin = clear && !clear.matches(RESTORED) && inCanvases(BIN)[0];
    if (bin) { event.stopImmediatePropagation(); event.preventDefault(); bin.click(); }
};
const binClears = event => {
    const restored = event.target.closest?.(BIN) && document.querySelector(RESTORED);
    if (restored) { event.stopImmediatePropagation(); event.preventDefault(); restored.click(); }
};
// A touch that is not the one drawing (a thumb resting on the glass, a palm): the canvas (Fabric) ends a finger's
// stroke only once every touch on the screen has lifted, and takes no other finger till then; so a stroke drawn with a
// thumb down was never read, and the next one not drawn. The drawing finger's lift ends its stroke now. And a palm's
// touch on the canvas, while a pen draws with pointer events alone (Windows), restarted the pen's stroke from the palm.
// A pen that sends touches too (an iPad's) comes with its own touch, at its tip: that one is the pen.
let drawing = null;
const pens = new Map();  // pointerId -> where a pen is down, in client px
const PEN_TIP = 24;  // px: a touch this near a pen's tip is the pen's own; a palm lands further off
const onCanvas = event => event.composedPath()[0]?.matches?.("canvas.upper-canvas");
const palm = touch => touch.touchType !== "stylus" && pens.size > 0 && [...pens.values()].every(
    ([x, y]) => Math.hypot(touch.clientX - x, touch.clientY - y) > PEN_TIP);
const touchStarts = event => {
    if (!onCanvas(event)) return;
    if (palm(event.changedTouches[0])) event.stopImmediatePropagation();
    else if (drawing === null) drawing = event.changedTouches[0].identifier;  // as Fabric takes its main touch
};
const touchEnds = event => {
    const lifted = [...event.changedTouches].find(touch => touch.identifier === drawing);
    if (!lifted) return;
    drawing = null;
    if (event.touches.length === 0 || event.type !== "touchend") return;  // Fabric ends the stroke itself
    event.stopImmediatePropagation();
    const alone = { touches: [], targetTouches: [], changedTouches: [lifted], bubbles: true, composed: true };
    event.composedPath()[0].dispatchEvent(new TouchEvent("touchend", alone));
};
const pointers = event => {
    if (event.pointerType !== "pen") return;
    if (event.type === "pointerup" || event.type === "pointercancel") pens.delete(event.pointerId);
    else if (event.type === "pointerdown" || pens.has(event.pointerId)) {
        pens.set(event.pointerId, [event.clientX, event.clientY]);
    }
};
// A wheel (a trackpad's two fingers) while a stroke was down scrolled the page under it: the stroke's rest landed 120
// px lower on the canvas, and a 7 read "2". The page stays put till the stroke ends.
let stroking = false;
const strokes = event => { stroking = event.type === "pointerdown" && onCanvas(event); };
const wheels = event => { if (stroking) event.preventDefault(); };
// Ctrl+Z (Cmd+Z) undoes a stroke and Ctrl+Shift+Z or Ctrl+Y redoes it, as in every drawing app: the toolbar's Undo
// and Redo, which show only on hover and which a visitor did not find. A text field's own keys stay its own.
const UNDO = "button[aria-label='Undo']", REDO = "button[aria-label='Redo']";
const keys = event => {
    const key = event.key.toLowerCase(), redo = key === "y" || (key === "z" && event.shiftKey);
    if (!(event.ctrlKey || event.metaKey) || event.altKey || !["z", "y"].includes(key)) return;
    if (event.composedPath().some(node => node.matches?.(TEXT_FIELD))) return;
    const [button] = inCanvases(redo ? REDO : UNDO);
    if (button) { event.preventDefault(); button.click(); }
};
const LISTENERS = [["touchstart", touchStarts], ["touchend", touchEnds], ["touchcancel", touchEnds],
    ["pointerdown", pointers], ["pointermove", pointers], ["pointerup", pointers], ["pointercancel", pointers],
    ["pointerdown", strokes], ["pointerup", strokes], ["pointercancel", strokes], ["click", clearInPlace],
    ["keydown", keys]];
function mendCanvas() {
    drawing = null;  // what a page before this one left, mid-stroke
    stroking = false;
    pens.clear();
    // Before the page's own handlers: Streamlit's (Clear: the server is not asked) and the canvas's (its touches)
    for (const [type, listener] of LISTENERS) window.addEventListener(type, listener, true);
    window.addEventListener("wheel", wheels, { capture: true, passive: false });  // passive: it could not stop one
    // The canvas's toolbar, see-through until the pointer hovers the canvas, still caught the pointer over the
    // canvas's top right (to 30 px down): a finger's stroke there was lost, and a tap on its unseen bin wiped the
    // drawing for good. Unseen, it now lets the pointer through. Each component's shadow root gets the rule (it
    // matches the canvas's toolbar alone) and is watched, as a canvas fills its root after mounting.
    const watched = new WeakSet();
    const mend = () => {
        for (const host of document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')) {
            const root = host.shadowRoot;
            if (!root) continue;
            if (!watched.has(root)) {
                watched.add(root);
                mounts.observe(root, { childList: true, subtree: true });
                root.addEventListener("click", binClears, true);
            }
            if (!root.getElementById("digitpad-toolbar")) {
                const style = root.appendChild(document.createElement("style"));
                style.id = "digitpad-toolbar";
                style.textContent = TOOLBAR_CSS;
            }
        }
    };
    let queued = false;
    const mounts = new MutationObserver(() => {
        if (!queued) { queued = true; queueMicrotask(() => { queued = false; mend(); }); }
    });
    mounts.observe(document.body, { childList: true, subtree: true });
    mend();
    return () => {
        mounts.disconnect();
        for (const [type, listener] of LISTENERS) window.removeEventListener(type, listener, true);
        window.removeEventListener("wheel", wheels, true);
    };
}
""".replace("{TEXT_FIELD}", TEXT_FIELD)


def clear_key(mode: str, restored: bool) -> str:
    """The key of `mode`'s Clear button, which tells the script whether the canvas was mounted with a drawing
    (`restored`): the toolbar's bin would go back to it, so the bin and Clear ask the server for an empty canvas.
    Elsewhere both clear in place."""
    return f"clear-{mode}" + ("-restored" if restored else "")  # Streamlit gives its box the class st-key-<key>

"""How wide the page's column is in the visitor's browser: Streamlit is told neither the window's width nor its zoom.

In: the width the page would like its column to be (the number canvas's, config.NUMBER_CANVAS). Out: the column's
width in CSS px once the browser has reported one narrower than that (a phone, a narrow window, a page zoomed to 200%),
else None: lay the page out as for a wide screen. A small component measures it, standing in for the room the canvas's
toolbar needs above the canvas; it speaks only when the width matters, so a wide screen's visit costs no rerun. Its
script also mends that toolbar (unseen, it no longer takes the pointer from the canvas's top right) and clears the
canvas in place (clear_key).
"""

from __future__ import annotations

import streamlit as st

PROBE_HEIGHT = 12  # px: st.space("small"), the room above the canvas its toolbar appears in on hover
# Reports the width of its own box, which stretches across the column, as it changes: only below data.wanted, or on
# the way back above it (the page then widens again)
PROBE_JS = """
// The canvas's own rules show its toolbar on hover, on focus, or pinned: only then does it take the pointer. On hover
// it slides up off the canvas, settled 0.2 s after the pointer came (the canvas's opacity .15s .1s, top .1s .1s): till
// then it lets the pointer through, or a pen that came down at once at the top right pressed the bin
const TOOLBAR_CSS = ".dc-toolbar{pointer-events:none}"
    + ".dc-toolbar:focus-within,.dc-toolbar[data-pinned=true]{pointer-events:auto}"
    + ".dc-root:hover>.dc-toolbar{pointer-events:auto;"
    + "transition:opacity .15s .1s,top .1s .1s,pointer-events 0s .2s;transition-behavior:allow-discrete}";
const BIN = "button[aria-label='Reset canvas & history']";  // the toolbar's bin: back to the drawing it mounted with
// The page's Clear button, by its key (clear_key)
const CLEAR = '[class*="st-key-clear-"] button', RESTORED = '[class*="st-key-clear-"][class*="-restored"] button';
const bins = () => [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
    .map(host => host.shadowRoot?.querySelector(BIN)).filter(Boolean);
// Clear in place: the bin empties the canvas in the browser at once, where Clear's new canvas came a round trip later
// (0.8 s on a slow Wi-Fi) and wiped a stroke begun meanwhile. A canvas mounted with a drawing (back from the Photo
// page, carried to number mode) has its bin go back to that drawing: there the bin is Clear, and the server mounts an
// empty canvas.
const clearInPlace = event => {
    const clear = event.target.closest?.(CLEAR), bin = clear && !clear.matches(RESTORED) && bins()[0];
    if (bin) { event.stopImmediatePropagation(); event.preventDefault(); bin.click(); }
};
const binClears = event => {
    const restored = event.target.closest?.(BIN) && document.querySelector(RESTORED);
    if (restored) { event.stopImmediatePropagation(); event.preventDefault(); restored.click(); }
};
export default function ({ parentElement, data, setStateValue }) {
    const box = parentElement.appendChild(document.createElement("div"));  // parentElement: a shadow root
    let last = null;
    const report = () => {
        const width = Math.floor(box.getBoundingClientRect().width);
        if (width <= 0 || width === last) return;
        if (width < data.wanted || (last !== null && last < data.wanted)) setStateValue("width", width);
        last = width;
    };
    window.addEventListener("click", clearInPlace, true);  // before Streamlit's handler: the server is not asked
    const watch = new ResizeObserver(report);
    watch.observe(box);
    report();
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
        watch.disconnect(); mounts.disconnect(); box.remove(); window.removeEventListener("click", clearInPlace, true);
    };
}
"""
probe = st.components.v2.component("digitpad_column_width", js=PROBE_JS)


def clear_key(mode: str, restored: bool) -> str:
    """The key of `mode`'s Clear button, which tells the probe's script whether the canvas was mounted with a drawing
    (`restored`): the toolbar's bin would go back to it, so the bin and Clear ask the server for an empty canvas.
    Elsewhere both clear in place."""
    return f"clear-{mode}" + ("-restored" if restored else "")  # Streamlit gives its box the class st-key-<key>


def column_width(wanted: int) -> int | None:
    """The page's column's width in CSS px, as the browser last reported it (only below `wanted`, or on the way back
    above it); None until it has. A change reruns the page."""
    reported = probe(key="column_width", data={"wanted": wanted}, height=PROBE_HEIGHT, on_width_change=lambda: None)
    width = reported.get("width") if reported is not None else None
    return int(width) if isinstance(width, int | float) and width > 0 else None

"""Where the room's phones and laptops reach this machine: its address on the network they share.

In: an address as the presenter's browser or the command line has it (`localhost:8500`, say). Out: the same with a
loopback host (localhost, 127.0.0.1, ::1, 0.0.0.0) replaced by this machine's address on its local network, such as
`192.168.1.23:8500`: a QR code of localhost takes each phone to itself. Unless the server listens on a loopback address
only (`digitpad app --server.address 127.0.0.1`, `room --address 127.0.0.1`): then no one else reaches it by any.
A page's whole URL gives the address to join (join_url: scheme and path kept), and whether the browser lets that page
use the camera (camera_allowed: HTTPS, or this computer's own address); a session's connection, whether its browser
runs on this machine (on_this_machine).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

# Any private address: a UDP socket "connected" to it sends nothing, but takes the address traffic would leave from
SOME_PRIVATE_ADDRESS = ("10.255.255.255", 1)
PHOTO_PATH = "photo"  # the Photo page's name in its address (app.py's navigation)
EVERY_ADDRESS = ("0.0.0.0", "::")  # listening on these is listening on every network the machine is on


def network_address() -> str | None:
    """This machine's IPv4 address on its local network, or None when it has none (no network at all)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(SOME_PRIVATE_ADDRESS)
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if ipaddress.ip_address(address).is_loopback else address


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) is this machine only: no one else reaches it by that."""
    if host == "localhost":
        return True
    try:
        found = ipaddress.ip_address(host)
    except ValueError:  # a name: how others on the network reach it is for them to know
        return False
    return found.is_loopback or found.is_unspecified


def on_this_machine(ip_address: str | None) -> bool:
    """Whether the browser of a session whose connection came from `ip_address` (st.context.ip_address, which names
    loopback None) runs on this machine. Behind a proxy on this machine, every browser does."""
    return ip_address is None or is_loopback(str(ip_address))


def this_machine_only(listening: str) -> bool:
    """Whether a server listening on `listening` ("" or 0.0.0.0: every address) is reached from this machine alone."""
    return listening not in ("", *EVERY_ADDRESS) and is_loopback(listening)


def reachable(host_port: str, listening: str = "") -> str:
    """`host[:port]` as others on the network reach it: a loopback host replaced by network_address(), the port kept;
    unchanged when the host is another name or address, when this machine has no network, or when the server listens
    on `listening`, a loopback address, alone."""
    parts = urlsplit(f"//{host_port}")
    swap = parts.hostname and is_loopback(parts.hostname) and not this_machine_only(listening)
    found = network_address() if swap else None
    if found is None:
        return host_port
    return found if parts.port is None else f"{found}:{parts.port}"


def join_url(opened: str, pages: tuple[str, ...], listening: str = "", base: str = "") -> str:
    """The address to give visitors, from the URL a page of the app was `opened` at: its scheme, host and path kept (an
    app served under /digits/, or behind HTTPS, is reached only so), less the name at its end of any of the app's
    `pages` unless that is the app's own `base` path (Streamlit's server.baseUrlPath, which may be "photo"), with the
    host as reachable() gives it; ends in a slash."""
    parts = urlsplit(opened)
    path = parts.path.removesuffix("/")
    if path != "/" + base.strip("/"):
        path = next((path.removesuffix(f"/{page}") for page in pages if path.endswith(f"/{page}")), path)
    return f"{parts.scheme}://{reachable(parts.netloc, listening)}{path}/"


def camera_allowed(opened: str | None) -> bool:
    """Whether a page opened at the URL `opened` may use the camera: browsers allow it in a secure context alone, over
    HTTPS or at this computer's own address (localhost, 127.0.0.1, ::1), and refuse it at a room's
    http://192.168.1.23:8500 whatever the visitor allows. Not known (None): allowed."""
    if opened is None:
        return True
    parts = urlsplit(opened)
    host = parts.hostname or ""
    if parts.scheme == "https" or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name, over http
        return False

"""digitpad.serving.network: the address the room's phones reach this machine at."""

from __future__ import annotations

import socket

import pytest

from digitpad.serving import network


@pytest.mark.parametrize(
    ("opened_at", "joined_at"),
    [
        ("localhost:8500", "192.0.2.7:8500"),  # the presenter opened the wall on the serving laptop
        ("127.0.0.1:8501", "192.0.2.7:8501"),
        ("[::1]:8500", "192.0.2.7:8500"),
        ("localhost", "192.0.2.7"),
        ("192.168.1.5:8500", "192.168.1.5:8500"),  # already an address the others reach: kept
        ("pad.example:8500", "pad.example:8500"),
    ],
)
def test_a_loopback_host_becomes_the_network_address_and_any_other_is_kept(monkeypatch, opened_at, joined_at):
    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")
    assert network.reachable(opened_at) == joined_at


@pytest.mark.parametrize("listening", ["127.0.0.1", "localhost", "::1"])
def test_a_server_listening_on_loopback_alone_is_not_sent_to_the_network_address(monkeypatch, listening):
    # `digitpad app --server.address 127.0.0.1`: the wall's QR code named 192.0.2.2, which no phone could reach
    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")
    assert network.reachable("localhost:8501", listening) == "localhost:8501"
    assert network.this_machine_only(listening)


@pytest.mark.parametrize("listening", ["", "0.0.0.0", "::", "192.168.1.5"])
def test_a_server_listening_on_the_network_is_joined_at_the_network_address(monkeypatch, listening):
    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")
    assert network.reachable("localhost:8501", listening) == "192.0.2.7:8501"
    assert not network.this_machine_only(listening)


def test_with_no_network_the_address_is_kept_as_given(monkeypatch):
    monkeypatch.setattr(network, "network_address", lambda: None)
    assert network.reachable("localhost:8500") == "localhost:8500"


def test_the_network_address_is_this_machines_own_and_not_loopback():
    address = network.network_address()  # CI reaches PyPI: it is on a network
    assert address is not None and not network.is_loopback(address)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind((address, 0))  # only an address of this machine's own can be bound


@pytest.mark.parametrize(
    ("opened", "joined"),
    [
        ("http://localhost:8500/wall", "http://192.0.2.7:8500/"),  # the wall's own page name is not the visitors'
        ("http://localhost:8500", "http://192.0.2.7:8500/"),
        # served under a path (`--server.baseUrlPath digits`, or nginx's location /digits/): the wall named the root,
        # where no page is; and behind HTTPS it named http://
        ("http://localhost:8501/digits/wall", "http://192.0.2.7:8501/digits/"),
        ("https://pad.example/meetup/digits/wall/", "https://pad.example/meetup/digits/"),
        ("https://pad.example/wallpaper", "https://pad.example/wallpaper/"),  # a path that only ends like the page
        ("http://localhost:8501/photo?wall", "http://192.0.2.7:8501/"),  # ?wall on the Photo page: its name named
    ],
)
def test_visitors_join_at_the_scheme_host_and_path_the_wall_was_opened_at_less_its_page(monkeypatch, opened, joined):
    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")
    assert network.join_url(opened, ("wall", network.PHOTO_PATH)) == joined


def test_an_app_served_under_a_path_named_like_a_page_keeps_it(monkeypatch):
    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")  # `--server.baseUrlPath photo`, its wall
    assert network.join_url("http://localhost:8501/photo/?wall", ("wall", "photo"), base="photo") == (
        "http://192.0.2.7:8501/photo/"
    )
    assert network.join_url("http://localhost:8501/photo/wall", ("wall", "photo"), base="/photo/") == (
        "http://192.0.2.7:8501/photo/"
    )


@pytest.mark.parametrize(
    ("opened", "allowed"),
    [
        ("http://192.168.1.23:8500/photo", False),  # a room's phone: the browser refuses the camera, allowed or not
        ("http://pad.example/photo", False),
        ("https://pad.example/photo", True),
        ("http://localhost:8501/photo", True),  # this computer's own address: a secure context
        ("http://127.0.0.1:8501/photo", True),
        ("http://[::1]:8501/photo", True),
        ("http://pad.localhost:8501/", True),
        (None, True),  # not known (a test's page): allowed, as before
    ],
)
def test_the_camera_is_offered_only_where_the_browser_allows_it(opened, allowed):
    assert network.camera_allowed(opened) is allowed


@pytest.mark.parametrize(
    ("ip_address", "here"),
    [(None, True), ("127.0.0.1", True), ("::1", True), ("192.168.1.23", False), ("fd00::5", False)],
)
def test_a_browser_is_on_this_machine_only_when_its_connection_is_loopback(ip_address, here):
    assert network.on_this_machine(ip_address) is here  # Streamlit names loopback None

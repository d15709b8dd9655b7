"""Loaded by kernels the notebook tests start: any connection beyond this machine fails.

Loopback stays open (the kernel talks to the test over it); everything else raises
OSError, so a lesson that quietly downloads something fails its test.
"""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _is_local(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard(address) -> None:
    if isinstance(address, tuple) and not _is_local(address[0]):
        raise OSError(f"network blocked in the course's notebook tests: {address[0]}")


def connect(self, address):
    _guard(address)
    return _connect(self, address)


def connect_ex(self, address):
    _guard(address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not _is_local(host):
        raise socket.gaierror(f"network blocked in the course's notebook tests: {host}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo

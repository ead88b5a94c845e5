"""Put this folder on PYTHONPATH to forbid every network connection in a Python process.

Any attempt to connect, send to an address or resolve a name raises OSError
and is written, one line, to the file named by POA_NETWORK_LOG (if set), so
a test can tell an attempt happened even if the code caught the error.
Used by tests/reliability/test_no_network.py (and meant for the TUI test).
"""

import os
import socket

_LOG = os.environ.get("POA_NETWORK_LOG")


def _refuse(what):
    def refuse(*args, **kwargs):
        if _LOG:
            with open(_LOG, "a", encoding="utf-8") as log:
                log.write(f"{what} {args[1:2] if what.startswith('socket.') else args[:1]}\n")
        raise OSError(f"network access attempted ({what}); poa must run offline")
    return refuse


for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, _name, _refuse(f"socket.{_name}"))
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")

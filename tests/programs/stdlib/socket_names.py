"""socket.getnameinfo and socket.gethostbyaddr on loopback addresses
(numeric answers; names are checked for type only, as /etc/hosts
varies), and module exceptions that are OSError subclasses keep their
own class for any errno (socket.herror(1, ...) is no PermissionError)."""

import socket

numeric = socket.NI_NUMERICHOST | socket.NI_NUMERICSERV
print(socket.getnameinfo(("127.0.0.1", 80), numeric))
print(socket.getnameinfo(("::1", 8080, 0, 0), numeric))
host, port = socket.getnameinfo(("127.0.0.1", 80), 0)
print(type(host).__name__, type(port).__name__)
name, aliases, addresses = socket.gethostbyaddr("127.0.0.1")
print(type(name).__name__, type(aliases).__name__, addresses)
try:
    socket.getnameinfo(("127.0.0.1", 80, 0, 0), 0)
except OSError as e:
    print(type(e).__name__, e)
print(type(socket.getfqdn("127.0.0.1")).__name__)


class MyError(OSError):
    pass


for cls in (MyError, socket.herror, socket.gaierror, OSError):
    print(cls.__name__, type(cls(1, "x")).__name__, type(cls(2, "x")).__name__)

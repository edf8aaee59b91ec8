# _socket: TCP over the loopback (blocking, timeouts, accept, recv_into),
# socketpair with selectors, UDP, name resolution and conversions.
import socket, selectors, threading
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', 0))
srv.listen()
port = srv.getsockname()[1]
print(srv.family, srv.type, srv.gettimeout(), port > 0)
c = socket.create_connection(('127.0.0.1', port), timeout=5)
conn, addr = srv.accept()
print(addr[0], c.getpeername()[1] == port)
c.sendall(b'hello')
print(conn.recv(100))
conn.sendall(b'world' * 1000)
buf = bytearray(10)
print(c.recv_into(buf), buf)
c.settimeout(0.05)
data = b''
try:
    while True:
        data += c.recv(65536)
except socket.timeout as e:
    print('timeout', type(e).__name__, len(data) + 10)
a, b = socket.socketpair()
a.send(b'x'); print(b.recv(1))
sel = selectors.DefaultSelector()
sel.register(b, selectors.EVENT_READ)
a.send(b'y')
print([k.fileobj is b for k, _ in sel.select(1)])
print(socket.inet_aton('1.2.3.4'), socket.inet_ntoa(b'\x7f\x00\x00\x01'), socket.htons(1), socket.ntohl(1))
print(socket.getaddrinfo('127.0.0.1', 80, socket.AF_INET, socket.SOCK_STREAM)[0][4])
try:
    socket.getaddrinfo('no.such.host.invalid', 80)
except socket.gaierror as e:
    print('gaierror', type(e).__mro__[1].__name__)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(('127.0.0.1', 0))
u.sendto(b'dgram', u.getsockname())
print(u.recvfrom(100)[0])
for s in (srv, c, conn, a, b, u): s.close()
print(repr(srv)[:30])

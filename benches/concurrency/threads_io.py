"""N threads each make 20 round trips to an echo thread over a loopback
socket pair, the echo waiting 5 ms before each answer (argument: N).
The waits must overlap: N threads take about as long as one."""

import socket
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 16
TRIPS = 20


def echo(conn):
    while True:
        data = conn.recv(64)
        if not data:
            return
        time.sleep(0.005)
        conn.sendall(data)


def client(conn, i, out):
    got = 0
    for k in range(TRIPS):
        conn.sendall(b"%d:%d" % (i, k))
        got += len(conn.recv(64))
    out[i] = got
    conn.close()


out = [0] * N
threads = []
for i in range(N):
    a, b = socket.socketpair()
    threads.append(threading.Thread(target=echo, args=(b,)))
    threads.append(threading.Thread(target=client, args=(a, i, out)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(N, sum(out))

# socket.sendmsg / recvmsg with SCM_RIGHTS ancillary data, CMSG_LEN /
# CMSG_SPACE, and multiprocessing's sendfds / recvfds on top of them.
import socket, os, array
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
r, w = os.pipe()
fds = array.array('i', [r, w])
n = a.sendmsg([b'hello ', b'fds'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
print(n, socket.CMSG_LEN(8), socket.CMSG_SPACE(8))
msg, anc, flags, addr = b.recvmsg(100, socket.CMSG_SPACE(fds.itemsize * 2))
print(msg, len(anc), anc[0][0] == socket.SOL_SOCKET, anc[0][1] == socket.SCM_RIGHTS, len(anc[0][2]), flags)
got = array.array('i'); got.frombytes(anc[0][2])
os.write(got[1], b'via passed fd')
print(os.read(r, 100))
from multiprocessing import reduction
print(reduction.HAVE_SEND_HANDLE)
x, y = socket.socketpair()
reduction.sendfds(x, [r])
(fd,) = reduction.recvfds(y, 1)
os.write(w, b'again'); print(os.read(fd, 10))
import multiprocessing as mp
print('forkserver' in mp.get_all_start_methods())
try:
    b.recvmsg(-1)
except ValueError as e:
    print("ValueError", e)
a.sendmsg([b"plain"])
print(b.recvmsg(10))

//! `socket.sendmsg`, `socket.recvmsg` and `CMSG_LEN` / `CMSG_SPACE`:
//! scatter/gather I/O with ancillary data, as multiprocessing passes file
//! descriptors between processes (`SCM_RIGHTS`: `reduction.sendfds` /
//! `recvfds`, which the forkserver start method needs).

use crate::modules::socket::{from_addr, io_call, this, to_addr, Addr};
use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, new_tuple, NewObject};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A buffer for control messages, aligned for `cmsghdr`.
fn control_buffer(len: usize) -> Vec<u64> {
    vec![0u64; len.div_ceil(8)]
}

fn int_of(what: &str, v: Option<&Value>, default: i64) -> PyResult<i64> {
    crate::modules::posix::int_arg(what, v, Some(default))
}

/// `sendmsg(buffers[, ancdata[, flags[, address]]])`: bytes sent.
pub(crate) fn sendmsg(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (sock, rest) = this(s, a)?;
    let b = bind_args(
        "sendmsg",
        &["buffers", "ancdata", "flags", "address"],
        rest,
        kw,
    )?;
    let Some(buffers) = &b[0] else {
        return raise(
            ExcKind::TypeError,
            "sendmsg() takes at least 1 positional argument (0 given)",
        );
    };
    let mut data: Vec<Vec<u8>> = Vec::new();
    for item in crate::protocol::to_vec(vm, buffers)? {
        data.push(crate::modules::codecs::bytes_arg(Some(&item))?.to_vec());
    }
    // The ancillary items: (level, type, data).
    let mut items: Vec<(i32, i32, Vec<u8>)> = Vec::new();
    if let Some(anc) = b[1].as_ref().filter(|v| !matches!(v, Value::None)) {
        for item in crate::protocol::to_vec(vm, anc)? {
            let parts = crate::protocol::to_vec(vm, &item)?;
            let [level, kind, bytes] = parts.as_slice() else {
                return raise(
                    ExcKind::TypeError,
                    "[sendmsg() ancillary data items]() argument must be sequence of length 3",
                );
            };
            items.push((
                int_of("sendmsg", Some(level), 0)? as i32,
                int_of("sendmsg", Some(kind), 0)? as i32,
                crate::modules::codecs::bytes_arg(Some(bytes))?.to_vec(),
            ));
        }
    }
    let flags = int_of("sendmsg", b[2].as_ref(), 0)? as i32;
    let addr = match b[3].as_ref().filter(|v| !matches!(v, Value::None)) {
        Some(target) => Some(to_addr(vm, sock.family.get(), target)?),
        None => None,
    };
    let mut iov: Vec<libc::iovec> = data
        .iter()
        .map(|d| libc::iovec {
            iov_base: d.as_ptr() as *mut _,
            iov_len: d.len(),
        })
        .collect();
    // SAFETY: CMSG_SPACE only computes a size.
    let space: usize = items
        .iter()
        .map(|(_, _, d)| unsafe { libc::CMSG_SPACE(d.len() as u32) } as usize)
        .sum();
    let mut control = control_buffer(space);
    // SAFETY: an all-zero msghdr is valid; every pointer set below points
    // into buffers that live until the call returns.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = iov.as_mut_ptr();
    msg.msg_iovlen = iov.len();
    if let Some(a) = &addr {
        msg.msg_name = a.ptr() as *mut _;
        msg.msg_namelen = a.len;
    }
    if space > 0 {
        msg.msg_control = control.as_mut_ptr() as *mut _;
        msg.msg_controllen = space;
        // SAFETY: the control buffer has room for every item's
        // CMSG_SPACE, so each header and its data fit.
        unsafe {
            let mut c = libc::CMSG_FIRSTHDR(&msg);
            for (level, kind, d) in &items {
                if c.is_null() {
                    break;
                }
                (*c).cmsg_level = *level;
                (*c).cmsg_type = *kind;
                (*c).cmsg_len = libc::CMSG_LEN(d.len() as u32) as usize;
                std::ptr::copy_nonoverlapping(d.as_ptr(), libc::CMSG_DATA(c), d.len());
                c = libc::CMSG_NXTHDR(&msg, c);
            }
        }
    }
    let n = io_call(vm, sock, libc::POLLOUT, |fd| {
        // SAFETY: an open descriptor and the message built above.
        unsafe { libc::sendmsg(fd, &msg, flags) }
    })?;
    Ok(Value::Int(n as i64))
}

/// `recvmsg(bufsize[, ancbufsize[, flags]])`: `(data, ancdata,
/// msg_flags, address)`.
pub(crate) fn recvmsg(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (sock, rest) = this(s, a)?;
    let b = bind_args("recvmsg", &["bufsize", "ancbufsize", "flags"], rest, kw)?;
    let size = int_of("recvmsg", b[0].as_ref(), -1)?;
    if size < 0 {
        return raise(ExcKind::ValueError, "negative buffer size in recvmsg()");
    }
    let anc = int_of("recvmsg", b[1].as_ref(), 0)?;
    if anc < 0 {
        return raise(ExcKind::ValueError, "negative buffer size in recvmsg()");
    }
    let flags = int_of("recvmsg", b[2].as_ref(), 0)? as i32;
    let mut buf = vec![0u8; size as usize];
    let mut control = control_buffer(anc as usize);
    let mut addr = Addr::empty();
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr() as *mut _,
        iov_len: buf.len(),
    };
    // SAFETY: as in `sendmsg`.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    let n = io_call(vm, sock, libc::POLLIN, |fd| {
        msg.msg_name = addr.mut_ptr() as *mut _;
        msg.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = if anc > 0 {
            control.as_mut_ptr() as *mut _
        } else {
            std::ptr::null_mut()
        };
        msg.msg_controllen = anc as usize;
        msg.msg_flags = 0;
        // SAFETY: an open descriptor and buffers that outlive the call.
        unsafe { libc::recvmsg(fd, &mut msg, flags) }
    })?;
    buf.truncate(n as usize);
    let mut items = Vec::new();
    if msg.msg_controllen > 0 && !msg.msg_control.is_null() {
        let end = msg.msg_control as usize + msg.msg_controllen;
        // SAFETY: the kernel filled `msg_controllen` bytes of the control
        // buffer with complete headers; CMSG_NXTHDR stays inside it.
        unsafe {
            let mut c = libc::CMSG_FIRSTHDR(&msg);
            while !c.is_null() {
                let start = libc::CMSG_DATA(c) as usize;
                let len = ((*c).cmsg_len as usize)
                    .saturating_sub(libc::CMSG_LEN(0) as usize)
                    .min(end.saturating_sub(start));
                let data = std::slice::from_raw_parts(start as *const u8, len).to_vec();
                items.push(new_tuple(vec![
                    Value::Int((*c).cmsg_level as i64),
                    Value::Int((*c).cmsg_type as i64),
                    Value::obj(NewObject::Bytes(data)),
                ]));
                c = libc::CMSG_NXTHDR(&msg, c);
            }
        }
    }
    addr.len = msg.msg_namelen;
    let who = if addr.len == 0 {
        Value::None
    } else {
        from_addr(&addr)
    };
    Ok(new_tuple(vec![
        Value::obj(NewObject::Bytes(buf)),
        new_list(items),
        Value::Int(msg.msg_flags as i64),
        who,
    ]))
}

fn length(what: &str, a: &[Value]) -> PyResult<u32> {
    crate::object::args::arity(what, a, 1, 1)?;
    let n = crate::modules::posix::int_arg(what, a.first(), None)?;
    if !(0..=(i32::MAX as i64 - 64)).contains(&n) {
        return raise(
            ExcKind::OverflowError,
            format!("{what}() argument out of range"),
        );
    }
    Ok(n as u32)
}

/// `CMSG_LEN(length)`.
pub(crate) fn cmsg_len(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let n = length("CMSG_LEN", a)?;
    // SAFETY: only computes a size.
    Ok(Value::Int(unsafe { libc::CMSG_LEN(n) } as i64))
}

/// `CMSG_SPACE(length)`.
pub(crate) fn cmsg_space(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let n = length("CMSG_SPACE", a)?;
    // SAFETY: only computes a size.
    Ok(Value::Int(unsafe { libc::CMSG_SPACE(n) } as i64))
}

//! `_socket`: BSD sockets on libc, what `socket.py`, `selectors`,
//! `asyncio` and the library's tests use — the `socket` type (IPv4, IPv6
//! and Unix addresses; blocking, non-blocking and timeout modes as CPython
//! implements them with poll(2)), name resolution (`getaddrinfo`,
//! `gethostname`, `gethostbyname`), byte-order and address conversions,
//! and the constants. A descriptor still open when its object is freed is
//! closed.

use crate::modules::posix::{int_arg, last_error};
use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{
    as_str, builtin_fn, make_module, new_list, new_str, new_tuple, type_name, NewObject, Object,
};
use crate::object::native::{constructor, data_of, method as m, property, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::Cell;
use std::ffi::{CStr, CString};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

thread_local! {
    /// The default timeout of new sockets (`setdefaulttimeout`; negative:
    /// None, blocking).
    static DEFAULT_TIMEOUT: Cell<f64> = const { Cell::new(-1.0) };
}

/// A socket object's state.
pub(crate) struct Sock {
    fd: Cell<i32>,
    pub(crate) family: Cell<i32>,
    kind: Cell<i32>,
    proto: Cell<i32>,
    /// Seconds; negative: None (blocking); 0: non-blocking.
    pub(crate) timeout: Cell<f64>,
}

impl NativeData for Sock {}

impl Drop for Sock {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 {
            // SAFETY: the object owns the descriptor; nothing uses it after.
            unsafe { libc::close(fd) };
        }
    }
}

pub(crate) fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Sock, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    match data_of::<Sock>(r) {
        Some(p) => Ok((p, rest)),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a '_socket.socket' object",
        ),
    }
}

/// The open descriptor, or OSError EBADF.
fn open_fd(s: &Sock) -> PyResult<i32> {
    match s.fd.get() {
        fd if fd >= 0 => Ok(fd),
        _ => Err(os_error(libc::EBADF)),
    }
}

fn os_error(errno: i32) -> Box<PyErr> {
    crate::object::exceptions::from_io_error(&std::io::Error::from_raw_os_error(errno), None)
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn timeout_error() -> Box<PyErr> {
    PyErr::new(ExcKind::TimeoutError, "timed out")
}

/// Waits until `fd` is ready for `events` within the socket's timeout
/// (nothing to wait for when it blocks or does not block at all).
fn wait_ready(vm: &mut Vm, s: &Sock, events: i16) -> PyResult<()> {
    let t = s.timeout.get();
    if t <= 0.0 {
        return Ok(());
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs_f64(t);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let mut p = libc::pollfd {
            fd: open_fd(s)?,
            events,
            revents: 0,
        };
        let ms = left.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd.
        let (r, e) =
            crate::vm::threads::blocking(|| (unsafe { libc::poll(&mut p, 1, ms) }, errno()));
        match r {
            0 => return Err(timeout_error()),
            r if r > 0 => return Ok(()),
            _ if e == libc::EINTR => crate::vm::signals::check(vm)?,
            _ => return Err(os_error(e)),
        }
    }
}

/// Runs a socket call in the socket's mode: waiting first under a
/// timeout, again on EINTR (PEP 475); BlockingIOError when non-blocking.
pub(crate) fn io_call(
    vm: &mut Vm,
    s: &Sock,
    events: i16,
    mut call: impl FnMut(i32) -> isize,
) -> PyResult<isize> {
    loop {
        wait_ready(vm, s, events)?;
        let fd = open_fd(s)?;
        // (Without the interpreter lock: a blocking socket waits here.)
        let (r, e) = crate::vm::threads::blocking(|| (call(fd), errno()));
        if r >= 0 {
            return Ok(r);
        }
        match e {
            libc::EINTR => crate::vm::signals::check(vm)?,
            libc::EAGAIN if s.timeout.get() > 0.0 => continue,
            e => return Err(os_error(e)),
        }
    }
}

// ---- addresses ----------------------------------------------------------

/// A socket address for the C calls.
pub(crate) struct Addr {
    storage: libc::sockaddr_storage,
    pub(crate) len: libc::socklen_t,
}

impl Addr {
    pub(crate) fn empty() -> Addr {
        Addr {
            // SAFETY: an all-zero sockaddr_storage is valid.
            storage: unsafe { std::mem::zeroed() },
            len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }
    pub(crate) fn ptr(&self) -> *const libc::sockaddr {
        &self.storage as *const _ as *const libc::sockaddr
    }
    pub(crate) fn mut_ptr(&mut self) -> *mut libc::sockaddr {
        &mut self.storage as *mut _ as *mut libc::sockaddr
    }
}

/// The IP address of a host name ('' is any, '<broadcast>' broadcast).
fn resolve_host(vm: &mut Vm, host: &str, family: i32) -> PyResult<Addr> {
    let host = match host {
        "" => {
            if family == libc::AF_INET6 {
                "::"
            } else {
                "0.0.0.0"
            }
        }
        "<broadcast>" => "255.255.255.255",
        h => h,
    };
    let infos = getaddrinfo_raw(vm, Some(host), None, family, 0, 0, 0)?;
    match infos.into_iter().next() {
        Some((_, _, _, _, a)) => Ok(a),
        None => Err(gai_error(vm, libc::EAI_NONAME)),
    }
}

/// A Python address (`(host, port)`, `(host, port, flowinfo, scope_id)`
/// or a path) as a C address of `family`.
pub(crate) fn to_addr(vm: &mut Vm, family: i32, v: &Value) -> PyResult<Addr> {
    if family == libc::AF_UNIX {
        let path: Vec<u8> = match v.as_obj() {
            Some(Object::Str(s)) => crate::types::text_codecs::fs_encode(s)?.into_owned(),
            _ => match crate::types::bytes::bytes_of(v) {
                Some(b) => b,
                None => {
                    return raise(
                        ExcKind::TypeError,
                        format!("a bytes-like object is required, not '{}'", type_name(v)),
                    )
                }
            },
        };
        let mut a = Addr::empty();
        // SAFETY: sockaddr_storage is large enough for sockaddr_un.
        let un = unsafe { &mut *(a.mut_ptr() as *mut libc::sockaddr_un) };
        if path.len() >= un.sun_path.len() {
            return raise(ExcKind::OSError, "AF_UNIX path too long");
        }
        un.sun_family = libc::AF_UNIX as libc::sa_family_t;
        for (d, b) in un.sun_path.iter_mut().zip(&path) {
            *d = *b as libc::c_char;
        }
        a.len = (std::mem::size_of::<libc::sa_family_t>() + path.len() + 1) as libc::socklen_t;
        return Ok(a);
    }
    let items = match v.as_obj() {
        Some(Object::Tuple(t)) => t.clone(),
        _ => {
            let fam = if family == libc::AF_INET6 {
                "AF_INET6"
            } else {
                "AF_INET"
            };
            return raise(
                ExcKind::TypeError,
                format!("{fam} address must be tuple, not {}", type_name(v)),
            );
        }
    };
    let want = if family == libc::AF_INET6 {
        2..=4
    } else {
        2..=2
    };
    if !want.contains(&items.len()) {
        return raise(
            ExcKind::TypeError,
            if family == libc::AF_INET6 {
                "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"
            } else {
                "AF_INET address must be a pair (host, port)"
            },
        );
    }
    let Some(host) = as_str(&items[0]) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "str, bytes or bytearray expected, not {}",
                type_name(&items[0])
            ),
        );
    };
    let port = int_arg("port", Some(&items[1]), None)?;
    if !(0..=65535).contains(&port) {
        return raise(
            ExcKind::OverflowError,
            "getsockaddrarg: port must be 0-65535.",
        );
    }
    let host = host.to_string();
    let mut a = resolve_host(vm, &host, family)?;
    if family == libc::AF_INET6 {
        // SAFETY: the storage holds a sockaddr_in6 (resolved for AF_INET6).
        let sin6 = unsafe { &mut *(a.mut_ptr() as *mut libc::sockaddr_in6) };
        sin6.sin6_port = (port as u16).to_be();
        if let Some(f) = items.get(2) {
            sin6.sin6_flowinfo = (int_arg("flowinfo", Some(f), None)? as u32).to_be();
        }
        if let Some(sc) = items.get(3) {
            sin6.sin6_scope_id = int_arg("scope_id", Some(sc), None)? as u32;
        }
        a.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
    } else {
        // SAFETY: the storage holds a sockaddr_in (resolved for AF_INET).
        let sin = unsafe { &mut *(a.mut_ptr() as *mut libc::sockaddr_in) };
        sin.sin_port = (port as u16).to_be();
        a.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    }
    Ok(a)
}

/// A C address as Python gives it.
pub(crate) fn from_addr(a: &Addr) -> Value {
    match a.storage.ss_family as i32 {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin = unsafe { &*(a.ptr() as *const libc::sockaddr_in) };
            let ip = std::net::Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            new_tuple(vec![
                new_str(ip.to_string()),
                Value::Int(u16::from_be(sin.sin_port) as i64),
            ])
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin6 = unsafe { &*(a.ptr() as *const libc::sockaddr_in6) };
            let ip = std::net::Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            new_tuple(vec![
                new_str(ip.to_string()),
                Value::Int(u16::from_be(sin6.sin6_port) as i64),
                Value::Int(u32::from_be(sin6.sin6_flowinfo) as i64),
                Value::Int(sin6.sin6_scope_id as i64),
            ])
        }
        libc::AF_UNIX => {
            // SAFETY: the family says the storage holds a sockaddr_un.
            let un = unsafe { &*(a.ptr() as *const libc::sockaddr_un) };
            let n = (a.len as usize).saturating_sub(std::mem::size_of::<libc::sa_family_t>());
            let raw: Vec<u8> = un.sun_path[..n.min(un.sun_path.len())]
                .iter()
                .map(|c| *c as u8)
                .collect();
            if raw.first() == Some(&0) {
                // An abstract-namespace address stays bytes.
                return Value::obj(NewObject::Bytes(raw));
            }
            let end = raw.iter().position(|b| *b == 0).unwrap_or(raw.len());
            Value::obj(NewObject::Str(crate::types::text_codecs::fs_decode(
                &raw[..end],
            )))
        }
        _ => Value::None,
    }
}

// ---- name resolution ----------------------------------------------------

/// `socket.gaierror(code, message)` for a getaddrinfo failure.
pub(crate) fn gai_error(vm: &mut Vm, code: i32) -> Box<PyErr> {
    // SAFETY: gai_strerror returns a static string.
    let msg = unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let args = [Value::Int(code as i64), new_str(msg)];
    match crate::protocol::call(vm, &gaierror_class(), &args, &[]) {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    }
}

pub(crate) type AddrInfo = (i32, i32, i32, String, Addr);

pub(crate) fn getaddrinfo_raw(
    vm: &mut Vm,
    host: Option<&str>,
    port: Option<&str>,
    family: i32,
    kind: i32,
    proto: i32,
    flags: i32,
) -> PyResult<Vec<AddrInfo>> {
    let host_c = host
        .map(CString::new)
        .transpose()
        .map_err(|_| PyErr::new(ExcKind::ValueError, "embedded null character"))?;
    let port_c = port
        .map(CString::new)
        .transpose()
        .map_err(|_| PyErr::new(ExcKind::ValueError, "embedded null character"))?;
    // SAFETY: an all-zero addrinfo is a valid hints value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = kind;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid C strings or null, valid hints, an out pointer.
    let r = unsafe {
        libc::getaddrinfo(
            host_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            port_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            &hints,
            &mut res,
        )
    };
    if r != 0 {
        return Err(gai_error(vm, r));
    }
    let mut out = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: `p` walks the list getaddrinfo returned.
        let ai = unsafe { &*p };
        let mut a = Addr::empty();
        let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: ai_addr points to ai_addrlen bytes; the storage holds n.
        unsafe {
            std::ptr::copy_nonoverlapping(ai.ai_addr as *const u8, a.mut_ptr() as *mut u8, n)
        };
        a.len = n as libc::socklen_t;
        let canon = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: a NUL-terminated string of the list.
            unsafe { CStr::from_ptr(ai.ai_canonname) }
                .to_string_lossy()
                .into_owned()
        };
        out.push((ai.ai_family, ai.ai_socktype, ai.ai_protocol, canon, a));
        p = ai.ai_next;
    }
    // SAFETY: the list getaddrinfo returned, freed once.
    unsafe { libc::freeaddrinfo(res) };
    Ok(out)
}

fn getaddrinfo(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = bind_args(
        "getaddrinfo",
        &["host", "port", "family", "type", "proto", "flags"],
        a,
        kw,
    )?;
    let host = match b[0].as_ref() {
        None | Some(Value::None) => None,
        Some(v) => match as_str(v) {
            Some(s) => Some(s.to_string()),
            None => match crate::types::bytes::bytes_of(v) {
                Some(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
                None => {
                    return raise(
                        ExcKind::TypeError,
                        "getaddrinfo() argument 1 must be string or None",
                    )
                }
            },
        },
    };
    let port = match b[1].as_ref() {
        None | Some(Value::None) => None,
        Some(Value::Int(i)) => Some(i.to_string()),
        Some(v) => match as_str(v) {
            Some(s) => Some(s.to_string()),
            None => match crate::types::bytes::bytes_of(v) {
                Some(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
                None => return raise(ExcKind::OSError, "Int or String expected"),
            },
        },
    };
    let num = |i: usize| int_arg("getaddrinfo", b[i].as_ref(), Some(0)).map(|v| v as i32);
    let infos = getaddrinfo_raw(
        vm,
        host.as_deref(),
        port.as_deref(),
        num(2)?,
        num(3)?,
        num(4)?,
        num(5)?,
    )?;
    Ok(new_list(
        infos
            .into_iter()
            .map(|(f, t, p, canon, addr)| {
                new_tuple(vec![
                    Value::Int(f as i64),
                    Value::Int(t as i64),
                    Value::Int(p as i64),
                    new_str(canon),
                    from_addr(&addr),
                ])
            })
            .collect(),
    ))
}

// ---- the socket type ----------------------------------------------------

fn socket_class() -> Value {
    crate::object::builtin_types::kept_by_name("_socket.socket", || {
        let attrs = vec![
            constructor(|_, _, a, _| {
                let Some(cls) = a.first() else {
                    return raise(ExcKind::TypeError, "socket.__new__(): not enough arguments");
                };
                let timeout = DEFAULT_TIMEOUT.with(Cell::get);
                Ok(crate::object::native::new_instance(
                    cls,
                    socket_class(),
                    Sock {
                        fd: Cell::new(-1),
                        family: Cell::new(libc::AF_INET),
                        kind: Cell::new(libc::SOCK_STREAM),
                        proto: Cell::new(0),
                        timeout: Cell::new(timeout),
                    },
                ))
            }),
            m("__init__", sock_init),
            property("family", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.family.get() as i64))
            }),
            property("type", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.kind.get() as i64))
            }),
            property("proto", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.proto.get() as i64))
            }),
            property("timeout", |_, s, a, _| Ok(timeout_value(this(s, a)?.0))),
            m("fileno", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.fd.get() as i64))
            }),
            m("close", |_, s, a, _| {
                let (sock, _) = this(s, a)?;
                let fd = sock.fd.replace(-1);
                // SAFETY: the descriptor is the object's; it is forgotten.
                if fd >= 0 && unsafe { libc::close(fd) } != 0 && errno() != libc::ECONNRESET {
                    return Err(last_error());
                }
                Ok(Value::None)
            }),
            m("detach", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.fd.replace(-1) as i64))
            }),
            m("dup", |vm, s, a, _| {
                let (sock, _) = this(s, a)?;
                let fd = open_fd(sock)?;
                // SAFETY: duplicating an open descriptor.
                let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
                if new < 0 {
                    return Err(last_error());
                }
                let cls = socket_class();
                let v = crate::protocol::call(vm, &cls, &[], &[])?;
                adopt(&v, new)?;
                Ok(v)
            }),
            m("bind", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                crate::object::args::arity("bind", rest, 1, 1)?;
                let addr = to_addr(vm, sock.family.get(), &rest[0])?;
                // SAFETY: an open descriptor and a valid address.
                if unsafe { libc::bind(open_fd(sock)?, addr.ptr(), addr.len) } != 0 {
                    return Err(last_error());
                }
                Ok(Value::None)
            }),
            m("listen", |_, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let backlog = int_arg("listen", rest.first(), Some(128))?.clamp(0, i32::MAX as i64);
                // SAFETY: an open descriptor.
                if unsafe { libc::listen(open_fd(sock)?, backlog as i32) } != 0 {
                    return Err(last_error());
                }
                Ok(Value::None)
            }),
            m("_accept", |vm, s, a, _| {
                let (sock, _) = this(s, a)?;
                let mut addr = Addr::empty();
                let fd = io_call(vm, sock, libc::POLLIN, |fd| {
                    addr.len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                    // SAFETY: an open descriptor and room for the address.
                    unsafe {
                        libc::accept4(fd, addr.mut_ptr(), &mut addr.len, libc::SOCK_CLOEXEC)
                            as isize
                    }
                })?;
                Ok(new_tuple(vec![Value::Int(fd as i64), from_addr(&addr)]))
            }),
            m("connect", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                crate::object::args::arity("connect", rest, 1, 1)?;
                match connect(vm, sock, &rest[0])? {
                    0 => Ok(Value::None),
                    e => Err(os_error(e)),
                }
            }),
            m("connect_ex", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                crate::object::args::arity("connect_ex", rest, 1, 1)?;
                Ok(Value::Int(connect(vm, sock, &rest[0])? as i64))
            }),
            m("send", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let data = crate::modules::codecs::bytes_arg(rest.first())?;
                let flags = int_arg("send", rest.get(1), Some(0))? as i32;
                let n = io_call(vm, sock, libc::POLLOUT, |fd| {
                    // SAFETY: an open descriptor and a valid buffer.
                    unsafe { libc::send(fd, data.as_ptr() as *const _, data.len(), flags) }
                })?;
                Ok(Value::Int(n as i64))
            }),
            m("sendall", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let data = crate::modules::codecs::bytes_arg(rest.first())?;
                let flags = int_arg("sendall", rest.get(1), Some(0))? as i32;
                let mut sent = 0;
                while sent < data.len() {
                    let chunk = &data[sent..];
                    let n = io_call(vm, sock, libc::POLLOUT, |fd| {
                        // SAFETY: an open descriptor and a valid buffer.
                        unsafe { libc::send(fd, chunk.as_ptr() as *const _, chunk.len(), flags) }
                    })?;
                    sent += n as usize;
                    crate::vm::signals::check(vm)?;
                }
                Ok(Value::None)
            }),
            m("sendto", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                crate::object::args::arity("sendto", rest, 2, 3)?;
                let data = crate::modules::codecs::bytes_arg(rest.first())?;
                let (flags, target) = match rest.len() {
                    3 => (int_arg("sendto", Some(&rest[1]), None)? as i32, &rest[2]),
                    _ => (0, &rest[1]),
                };
                let addr = to_addr(vm, sock.family.get(), target)?;
                let n = io_call(vm, sock, libc::POLLOUT, |fd| {
                    // SAFETY: an open descriptor, a valid buffer and address.
                    unsafe {
                        libc::sendto(
                            fd,
                            data.as_ptr() as *const _,
                            data.len(),
                            flags,
                            addr.ptr(),
                            addr.len,
                        )
                    }
                })?;
                Ok(Value::Int(n as i64))
            }),
            m("recv", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let size = buffer_size("recv", rest.first())?;
                let flags = int_arg("recv", rest.get(1), Some(0))? as i32;
                let mut buf = vec![0u8; size];
                let n = io_call(vm, sock, libc::POLLIN, |fd| {
                    // SAFETY: an open descriptor and a buffer of `size` bytes.
                    unsafe { libc::recv(fd, buf.as_mut_ptr() as *mut _, size, flags) }
                })?;
                buf.truncate(n as usize);
                Ok(Value::obj(NewObject::Bytes(buf)))
            }),
            m("sendmsg", crate::modules::socket_msg::sendmsg),
            m("recvmsg", crate::modules::socket_msg::recvmsg),
            m("recvfrom", |vm, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let size = buffer_size("recvfrom", rest.first())?;
                let flags = int_arg("recvfrom", rest.get(1), Some(0))? as i32;
                let mut buf = vec![0u8; size];
                let mut addr = Addr::empty();
                let n = io_call(vm, sock, libc::POLLIN, |fd| {
                    addr.len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                    // SAFETY: an open descriptor, a buffer and room for the address.
                    unsafe {
                        libc::recvfrom(
                            fd,
                            buf.as_mut_ptr() as *mut _,
                            size,
                            flags,
                            addr.mut_ptr(),
                            &mut addr.len,
                        )
                    }
                })?;
                buf.truncate(n as usize);
                let who = if addr.len == 0 {
                    Value::None
                } else {
                    from_addr(&addr)
                };
                Ok(new_tuple(vec![Value::obj(NewObject::Bytes(buf)), who]))
            }),
            m("recv_into", |vm, s, a, kw| {
                let (sock, rest) = this(s, a)?;
                let b = bind_args("recv_into", &["buffer", "nbytes", "flags"], rest, kw)?;
                let Some(target) = b[0].clone() else {
                    return raise(
                        ExcKind::TypeError,
                        "recv_into() missing required argument 'buffer'",
                    );
                };
                let capacity = crate::protocol::len(vm, &target)?;
                let size = match b[1].as_ref() {
                    None => capacity,
                    Some(v) => match int_arg("recv_into", Some(v), None)? {
                        0 => capacity,
                        n if n < 0 => {
                            return raise(ExcKind::ValueError, "negative buffersize in recv_into")
                        }
                        n if n as usize > capacity => {
                            return raise(
                                ExcKind::ValueError,
                                "buffer too small for requested bytes",
                            )
                        }
                        n => n as usize,
                    },
                };
                let flags = int_arg("recv_into", b[2].as_ref(), Some(0))? as i32;
                let mut buf = vec![0u8; size];
                let n = io_call(vm, sock, libc::POLLIN, |fd| {
                    // SAFETY: an open descriptor and a buffer of `size` bytes.
                    unsafe { libc::recv(fd, buf.as_mut_ptr() as *mut _, size, flags) }
                })? as usize;
                let data = Value::obj(NewObject::Bytes(buf[..n].to_vec()));
                let slice_type =
                    crate::object::classes::type_object(crate::object::heap::TypeKind::Slice);
                let slice = crate::protocol::call(
                    vm,
                    &slice_type,
                    &[Value::Int(0), Value::Int(n as i64)],
                    &[],
                )?;
                crate::protocol::setitem(vm, &target, &slice, data)?;
                Ok(Value::Int(n as i64))
            }),
            m("shutdown", |_, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let how = int_arg("shutdown", rest.first(), None)? as i32;
                // SAFETY: an open descriptor.
                if unsafe { libc::shutdown(open_fd(sock)?, how) } != 0 {
                    return Err(last_error());
                }
                Ok(Value::None)
            }),
            m("setsockopt", |_, s, a, _| {
                let (sock, rest) = this(s, a)?;
                crate::object::args::arity("setsockopt", rest, 3, 4)?;
                let level = int_arg("setsockopt", Some(&rest[0]), None)? as i32;
                let name = int_arg("setsockopt", Some(&rest[1]), None)? as i32;
                let bytes: Vec<u8> = match &rest[2] {
                    Value::Int(i) => (*i as i32).to_ne_bytes().to_vec(),
                    Value::Bool(b) => (*b as i32).to_ne_bytes().to_vec(),
                    v => crate::modules::codecs::bytes_arg(Some(v))?,
                };
                // SAFETY: an open descriptor and a buffer of that length.
                let r = unsafe {
                    libc::setsockopt(
                        open_fd(sock)?,
                        level,
                        name,
                        bytes.as_ptr() as *const _,
                        bytes.len() as libc::socklen_t,
                    )
                };
                if r != 0 {
                    return Err(last_error());
                }
                Ok(Value::None)
            }),
            m("getsockopt", |_, s, a, _| {
                let (sock, rest) = this(s, a)?;
                crate::object::args::arity("getsockopt", rest, 2, 3)?;
                let level = int_arg("getsockopt", Some(&rest[0]), None)? as i32;
                let name = int_arg("getsockopt", Some(&rest[1]), None)? as i32;
                let size = match rest.get(2) {
                    None => 4,
                    Some(v) => int_arg("getsockopt", Some(v), None)?.clamp(0, 1024) as usize,
                };
                let mut buf = vec![0u8; size.max(4)];
                let mut len = buf.len() as libc::socklen_t;
                // SAFETY: an open descriptor and a buffer of `len` bytes.
                let r = unsafe {
                    libc::getsockopt(
                        open_fd(sock)?,
                        level,
                        name,
                        buf.as_mut_ptr() as *mut _,
                        &mut len,
                    )
                };
                if r != 0 {
                    return Err(last_error());
                }
                if rest.len() == 2 {
                    let v = i32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]]);
                    return Ok(Value::Int(v as i64));
                }
                buf.truncate(len as usize);
                Ok(Value::obj(NewObject::Bytes(buf)))
            }),
            m("getsockname", |_, s, a, _| {
                sock_name(s, a, libc::getsockname)
            }),
            m("getpeername", |_, s, a, _| {
                sock_name(s, a, libc::getpeername)
            }),
            m("setblocking", |_, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let block = rest.first().is_some_and(crate::protocol::ops::truthy);
                set_timeout(sock, if block { -1.0 } else { 0.0 })?;
                Ok(Value::None)
            }),
            m("getblocking", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0.timeout.get() != 0.0))
            }),
            m("settimeout", |_, s, a, _| {
                let (sock, rest) = this(s, a)?;
                let t = timeout_arg(rest.first())?;
                set_timeout(sock, t)?;
                Ok(Value::None)
            }),
            m("gettimeout", |_, s, a, _| Ok(timeout_value(this(s, a)?.0))),
        ];
        crate::object::native::class("_socket", "socket", attrs)
    })
}

/// `getsockname()` / `getpeername()`: the address `call` reports.
fn sock_name(
    s: Option<&Value>,
    a: &[Value],
    call: unsafe extern "C" fn(i32, *mut libc::sockaddr, *mut libc::socklen_t) -> i32,
) -> PyResult<Value> {
    let (sock, _) = this(s, a)?;
    let mut addr = Addr::empty();
    // SAFETY: an open descriptor and room for the address.
    if unsafe { call(open_fd(sock)?, addr.mut_ptr(), &mut addr.len) } != 0 {
        return Err(last_error());
    }
    Ok(from_addr(&addr))
}

/// `socket.__init__(family=-1, type=-1, proto=-1, fileno=None)`.
fn sock_init(_: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, a)?;
    let (sock, _) = this(Some(r), &[])?;
    let b = bind_args("socket", &["family", "type", "proto", "fileno"], rest, kw)?;
    let num = |i: usize| -> PyResult<i32> {
        match b[i].as_ref() {
            None | Some(Value::None) => Ok(-1),
            v => int_arg("socket", v, None).map(|n| n as i32),
        }
    };
    let (mut family, mut kind, mut proto) = (num(0)?, num(1)?, num(2)?);
    match b[3].as_ref() {
        None | Some(Value::None) => {
            if family == -1 {
                family = libc::AF_INET;
            }
            if kind == -1 {
                kind = libc::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            // SAFETY: plain socket(2).
            let fd = unsafe { libc::socket(family, kind | libc::SOCK_CLOEXEC, proto) };
            if fd < 0 {
                return Err(last_error());
            }
            sock.fd.set(fd);
        }
        Some(f) => {
            let fd = int_arg("socket", Some(f), None)?;
            if fd < 0 {
                return raise(ExcKind::ValueError, "negative file descriptor");
            }
            sock.fd.set(fd as i32);
            let opt = |name: i32| -> i32 {
                let mut v: i32 = 0;
                let mut len = 4 as libc::socklen_t;
                // SAFETY: an int-sized option buffer.
                unsafe {
                    libc::getsockopt(
                        fd as i32,
                        libc::SOL_SOCKET,
                        name,
                        &mut v as *mut i32 as *mut _,
                        &mut len,
                    )
                };
                v
            };
            if family == -1 {
                family = opt(libc::SO_DOMAIN);
            }
            if kind == -1 {
                kind = opt(libc::SO_TYPE);
            }
            if proto == -1 {
                proto = opt(libc::SO_PROTOCOL);
            }
        }
    }
    sock.family.set(family);
    sock.kind
        .set(kind & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC));
    sock.proto.set(proto);
    let t = if kind & libc::SOCK_NONBLOCK != 0 {
        0.0
    } else {
        sock.timeout.get()
    };
    set_timeout(sock, t)?;
    Ok(Value::None)
}

/// Gives the socket object `v` the descriptor `fd`.
fn adopt(v: &Value, fd: i32) -> PyResult<()> {
    let Some(sock) = data_of::<Sock>(v) else {
        return raise(ExcKind::TypeError, "not a socket");
    };
    let old = sock.fd.replace(fd);
    if old >= 0 {
        // SAFETY: the object's own previous descriptor.
        unsafe { libc::close(old) };
    }
    Ok(())
}

fn connect(vm: &mut Vm, sock: &Sock, target: &Value) -> PyResult<i32> {
    let addr = to_addr(vm, sock.family.get(), target)?;
    let fd = open_fd(sock)?;
    // SAFETY: an open descriptor and a valid address.
    let r = unsafe { libc::connect(fd, addr.ptr(), addr.len) };
    if r == 0 {
        return Ok(0);
    }
    let e = errno();
    if e == libc::EINTR {
        crate::vm::signals::check(vm)?;
    }
    if (e == libc::EINPROGRESS || e == libc::EINTR) && sock.timeout.get() > 0.0 {
        wait_ready(vm, sock, libc::POLLOUT)?;
        let mut err: i32 = 0;
        let mut len = 4 as libc::socklen_t;
        // SAFETY: an int-sized option buffer.
        unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_ERROR,
                &mut err as *mut i32 as *mut _,
                &mut len,
            )
        };
        return Ok(err);
    }
    Ok(e)
}

fn set_timeout(sock: &Sock, t: f64) -> PyResult<()> {
    sock.timeout.set(t);
    let fd = sock.fd.get();
    if fd < 0 {
        return Ok(());
    }
    // SAFETY: reading and setting the flags of an open descriptor.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        let flags = if t >= 0.0 {
            flags | libc::O_NONBLOCK
        } else {
            flags & !libc::O_NONBLOCK
        };
        if libc::fcntl(fd, libc::F_SETFL, flags) != 0 {
            return Err(last_error());
        }
    }
    Ok(())
}

fn timeout_value(s: &Sock) -> Value {
    match s.timeout.get() {
        t if t < 0.0 => Value::None,
        t => Value::Float(t),
    }
}

/// A timeout argument: None (negative here) or seconds ≥ 0.
fn timeout_arg(v: Option<&Value>) -> PyResult<f64> {
    let t = match v {
        None | Some(Value::None) => return Ok(-1.0),
        Some(Value::Int(i)) => *i as f64,
        Some(Value::Float(f)) => *f,
        Some(v) => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer or float",
                    type_name(v)
                ),
            )
        }
    };
    if t.is_nan() {
        return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
    }
    if t < 0.0 {
        return raise(ExcKind::ValueError, "Timeout value out of range");
    }
    Ok(t)
}

fn buffer_size(what: &str, v: Option<&Value>) -> PyResult<usize> {
    let n = int_arg(what, v, None)?;
    if n < 0 {
        return raise(
            ExcKind::ValueError,
            format!("negative buffersize in {what}"),
        );
    }
    Ok(n as usize)
}

fn gaierror_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "_socket.gaierror",
        "socket",
        "gaierror",
        ExcKind::OSError,
    )
}

pub(crate) fn herror_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "_socket.herror",
        "socket",
        "herror",
        ExcKind::OSError,
    )
}

/// `htons`/`ntohs` (16 bits) and `htonl`/`ntohl` (32 bits).
fn byte_order(name: &str, bits: u32, a: &[Value]) -> PyResult<Value> {
    let x = int_arg(name, a.first(), None)?;
    let c_type = if bits == 16 {
        "16-bit unsigned integer"
    } else {
        "unsigned long"
    };
    if x < 0 {
        return raise(
            ExcKind::OverflowError,
            format!("{name}: can't convert negative Python int to C {c_type}"),
        );
    }
    if bits == 16 {
        if x > 0xFFFF {
            return raise(
                ExcKind::OverflowError,
                format!("{name}: Python int too large to convert to C {c_type}"),
            );
        }
        return Ok(Value::Int((x as u16).swap_bytes() as i64));
    }
    Ok(Value::Int((x as u32).swap_bytes() as i64))
}

/// The `_socket` module.
pub fn module() -> Value {
    let c = |name: &'static str, v: i32| (name, Value::Int(v as i64));
    let cls = socket_class();
    make_module(
        "_socket",
        vec![
            ("socket", cls.clone()),
            ("SocketType", cls),
            (
                "error",
                crate::object::exceptions::exception_class(ExcKind::OSError),
            ),
            (
                "timeout",
                crate::object::exceptions::exception_class(ExcKind::TimeoutError),
            ),
            ("gaierror", gaierror_class()),
            (
                "getnameinfo",
                builtin_fn("getnameinfo", crate::modules::socket_names::getnameinfo),
            ),
            (
                "gethostbyaddr",
                builtin_fn("gethostbyaddr", crate::modules::socket_names::gethostbyaddr),
            ),
            ("herror", herror_class()),
            ("has_ipv6", Value::Bool(true)),
            (
                "CMSG_LEN",
                builtin_fn("CMSG_LEN", crate::modules::socket_msg::cmsg_len),
            ),
            (
                "CMSG_SPACE",
                builtin_fn("CMSG_SPACE", crate::modules::socket_msg::cmsg_space),
            ),
            ("getaddrinfo", builtin_fn("getaddrinfo", getaddrinfo)),
            (
                "gethostname",
                builtin_fn("gethostname", |_, _, _, _| {
                    let mut buf = [0u8; 256];
                    // SAFETY: a buffer of its length.
                    if unsafe { libc::gethostname(buf.as_mut_ptr() as *mut _, buf.len()) } != 0 {
                        return Err(last_error());
                    }
                    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
                    Ok(new_str(String::from_utf8_lossy(&buf[..end]).into_owned()))
                }),
            ),
            (
                "gethostbyname",
                builtin_fn("gethostbyname", |vm, _, a, _| {
                    let Some(host) = a.first().and_then(as_str) else {
                        return raise(ExcKind::TypeError, "gethostbyname() argument 1 must be str");
                    };
                    let host = host.to_string();
                    let addr = resolve_host(vm, &host, libc::AF_INET)?;
                    match from_addr(&addr).as_obj() {
                        Some(Object::Tuple(t)) => Ok(t[0].clone()),
                        _ => Err(gai_error(vm, libc::EAI_NONAME)),
                    }
                }),
            ),
            (
                "getdefaulttimeout",
                builtin_fn("getdefaulttimeout", |_, _, _, _| {
                    Ok(match DEFAULT_TIMEOUT.with(Cell::get) {
                        t if t < 0.0 => Value::None,
                        t => Value::Float(t),
                    })
                }),
            ),
            (
                "setdefaulttimeout",
                builtin_fn("setdefaulttimeout", |_, _, a, _| {
                    let t = timeout_arg(a.first())?;
                    DEFAULT_TIMEOUT.with(|d| d.set(t));
                    Ok(Value::None)
                }),
            ),
            (
                "dup",
                builtin_fn("dup", |_, _, a, _| {
                    let fd = int_arg("dup", a.first(), None)? as i32;
                    // SAFETY: duplicating a descriptor the caller names.
                    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
                    if new < 0 {
                        return Err(last_error());
                    }
                    Ok(Value::Int(new as i64))
                }),
            ),
            (
                "close",
                builtin_fn("close", |_, _, a, _| {
                    let fd = int_arg("close", a.first(), None)? as i32;
                    // SAFETY: closing a descriptor the caller names.
                    if unsafe { libc::close(fd) } != 0 && errno() != libc::ECONNRESET {
                        return Err(last_error());
                    }
                    Ok(Value::None)
                }),
            ),
            (
                "socketpair",
                builtin_fn("socketpair", |vm, _, a, _| {
                    let family =
                        int_arg("socketpair", a.first(), Some(libc::AF_UNIX as i64))? as i32;
                    let kind =
                        int_arg("socketpair", a.get(1), Some(libc::SOCK_STREAM as i64))? as i32;
                    let proto = int_arg("socketpair", a.get(2), Some(0))? as i32;
                    let mut fds = [0i32; 2];
                    // SAFETY: an array of two descriptors to fill.
                    if unsafe {
                        libc::socketpair(family, kind | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr())
                    } != 0
                    {
                        return Err(last_error());
                    }
                    let cls = socket_class();
                    let mut out = Vec::new();
                    for fd in fds {
                        let args = [
                            Value::Int(family as i64),
                            Value::Int(kind as i64),
                            Value::Int(proto as i64),
                            Value::Int(fd as i64),
                        ];
                        out.push(crate::protocol::call(vm, &cls, &args, &[])?);
                    }
                    Ok(new_tuple(out))
                }),
            ),
            (
                "htons",
                builtin_fn("htons", |_, _, a, _| byte_order("htons", 16, a)),
            ),
            (
                "ntohs",
                builtin_fn("ntohs", |_, _, a, _| byte_order("ntohs", 16, a)),
            ),
            (
                "htonl",
                builtin_fn("htonl", |_, _, a, _| byte_order("htonl", 32, a)),
            ),
            (
                "ntohl",
                builtin_fn("ntohl", |_, _, a, _| byte_order("ntohl", 32, a)),
            ),
            (
                "inet_aton",
                builtin_fn("inet_aton", |_, _, a, _| {
                    let text = a.first().and_then(as_str).unwrap_or_default();
                    match text.parse::<std::net::Ipv4Addr>() {
                        Ok(ip) => Ok(Value::obj(NewObject::Bytes(ip.octets().to_vec()))),
                        Err(_) => raise(
                            ExcKind::OSError,
                            "illegal IP address string passed to inet_aton",
                        ),
                    }
                }),
            ),
            (
                "inet_ntoa",
                builtin_fn("inet_ntoa", |_, _, a, _| {
                    let b = crate::modules::codecs::bytes_arg(a.first())?;
                    let Ok(octets) = <[u8; 4]>::try_from(b.as_slice()) else {
                        return raise(ExcKind::OSError, "packed IP wrong length for inet_ntoa");
                    };
                    Ok(new_str(std::net::Ipv4Addr::from(octets).to_string()))
                }),
            ),
            (
                "inet_pton",
                builtin_fn("inet_pton", |_, _, a, _| {
                    let family = int_arg("inet_pton", a.first(), None)? as i32;
                    let text = a.get(1).and_then(as_str).unwrap_or_default();
                    let bytes = match family {
                        libc::AF_INET => text
                            .parse::<std::net::Ipv4Addr>()
                            .map(|ip| ip.octets().to_vec())
                            .ok(),
                        libc::AF_INET6 => text
                            .parse::<std::net::Ipv6Addr>()
                            .map(|ip| ip.octets().to_vec())
                            .ok(),
                        _ => return Err(os_error(libc::EAFNOSUPPORT)),
                    };
                    match bytes {
                        Some(b) => Ok(Value::obj(NewObject::Bytes(b))),
                        None => raise(
                            ExcKind::OSError,
                            "illegal IP address string passed to inet_pton",
                        ),
                    }
                }),
            ),
            (
                "inet_ntop",
                builtin_fn("inet_ntop", |_, _, a, _| {
                    let family = int_arg("inet_ntop", a.first(), None)? as i32;
                    let b = crate::modules::codecs::bytes_arg(a.get(1))?;
                    let text = match family {
                        libc::AF_INET => <[u8; 4]>::try_from(b.as_slice())
                            .map(|o| std::net::Ipv4Addr::from(o).to_string())
                            .ok(),
                        libc::AF_INET6 => <[u8; 16]>::try_from(b.as_slice())
                            .map(|o| std::net::Ipv6Addr::from(o).to_string())
                            .ok(),
                        _ => return Err(os_error(libc::EAFNOSUPPORT)),
                    };
                    match text {
                        Some(t) => Ok(new_str(t)),
                        None => raise(
                            ExcKind::ValueError,
                            "invalid length of packed IP address string",
                        ),
                    }
                }),
            ),
            c("AF_UNSPEC", libc::AF_UNSPEC),
            c("AF_INET", libc::AF_INET),
            c("AF_INET6", libc::AF_INET6),
            c("AF_UNIX", libc::AF_UNIX),
            c("SOCK_STREAM", libc::SOCK_STREAM),
            c("SOCK_DGRAM", libc::SOCK_DGRAM),
            c("SOCK_RAW", libc::SOCK_RAW),
            c("SOCK_SEQPACKET", libc::SOCK_SEQPACKET),
            c("SOCK_NONBLOCK", libc::SOCK_NONBLOCK),
            c("SOCK_CLOEXEC", libc::SOCK_CLOEXEC),
            c("SOL_SOCKET", libc::SOL_SOCKET),
            c("SCM_RIGHTS", libc::SCM_RIGHTS),
            c("SCM_CREDENTIALS", libc::SCM_CREDENTIALS),
            c("SO_PASSCRED", libc::SO_PASSCRED),
            c("MSG_CTRUNC", libc::MSG_CTRUNC),
            c("MSG_TRUNC", libc::MSG_TRUNC),
            c("MSG_CMSG_CLOEXEC", libc::MSG_CMSG_CLOEXEC),
            c("SO_REUSEADDR", libc::SO_REUSEADDR),
            c("SO_REUSEPORT", libc::SO_REUSEPORT),
            c("SO_KEEPALIVE", libc::SO_KEEPALIVE),
            c("SO_BROADCAST", libc::SO_BROADCAST),
            c("SO_ERROR", libc::SO_ERROR),
            c("SO_TYPE", libc::SO_TYPE),
            c("SO_LINGER", libc::SO_LINGER),
            c("SO_RCVBUF", libc::SO_RCVBUF),
            c("SO_SNDBUF", libc::SO_SNDBUF),
            c("SO_RCVTIMEO", libc::SO_RCVTIMEO),
            c("SO_SNDTIMEO", libc::SO_SNDTIMEO),
            c("SO_DOMAIN", libc::SO_DOMAIN),
            c("SO_PROTOCOL", libc::SO_PROTOCOL),
            c("SOMAXCONN", libc::SOMAXCONN),
            c("IPPROTO_IP", libc::IPPROTO_IP),
            c("IPPROTO_IPV6", libc::IPPROTO_IPV6),
            c("IPPROTO_TCP", libc::IPPROTO_TCP),
            c("IPPROTO_UDP", libc::IPPROTO_UDP),
            c("IPPROTO_ICMP", libc::IPPROTO_ICMP),
            c("IPV6_V6ONLY", libc::IPV6_V6ONLY),
            c("TCP_NODELAY", libc::TCP_NODELAY),
            c("TCP_KEEPIDLE", libc::TCP_KEEPIDLE),
            c("TCP_KEEPINTVL", libc::TCP_KEEPINTVL),
            c("TCP_KEEPCNT", libc::TCP_KEEPCNT),
            c("SHUT_RD", libc::SHUT_RD),
            c("SHUT_WR", libc::SHUT_WR),
            c("SHUT_RDWR", libc::SHUT_RDWR),
            c("MSG_PEEK", libc::MSG_PEEK),
            c("MSG_DONTWAIT", libc::MSG_DONTWAIT),
            c("MSG_WAITALL", libc::MSG_WAITALL),
            c("MSG_OOB", libc::MSG_OOB),
            c("MSG_NOSIGNAL", libc::MSG_NOSIGNAL),
            c("AI_PASSIVE", libc::AI_PASSIVE),
            c("AI_CANONNAME", libc::AI_CANONNAME),
            c("AI_NUMERICHOST", libc::AI_NUMERICHOST),
            c("AI_NUMERICSERV", libc::AI_NUMERICSERV),
            c("AI_ADDRCONFIG", libc::AI_ADDRCONFIG),
            c("AI_V4MAPPED", libc::AI_V4MAPPED),
            c("AI_ALL", libc::AI_ALL),
            c("NI_NUMERICHOST", libc::NI_NUMERICHOST),
            c("NI_NUMERICSERV", libc::NI_NUMERICSERV),
            c("NI_NAMEREQD", libc::NI_NAMEREQD),
            c("NI_DGRAM", libc::NI_DGRAM),
            c("EAI_NONAME", libc::EAI_NONAME),
            c("EAI_AGAIN", libc::EAI_AGAIN),
            c("EAI_FAIL", libc::EAI_FAIL),
            c("EAI_FAMILY", libc::EAI_FAMILY),
            c("EAI_SERVICE", libc::EAI_SERVICE),
            ("INADDR_ANY", Value::Int(0)),
            ("INADDR_LOOPBACK", Value::Int(0x7f00_0001)),
            ("INADDR_BROADCAST", Value::Int(0xffff_ffff)),
        ],
    )
}

//! `socket.getnameinfo` and `socket.gethostbyaddr`: from an address back
//! to names, as CPython's `socketmodule.c` (`socket.getfqdn`, which
//! `http.server` and asyncio's tests call, uses them).

use crate::modules::socket::{gai_error, getaddrinfo_raw, herror_class, Addr};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, new_list, new_str, new_tuple, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::ffi::CStr;

type Kw<'a> = &'a [(std::rc::Rc<str>, Value)];

/// getnameinfo(3) of `addr`: `(host, service)`.
fn name_info(vm: &mut Vm, addr: &Addr, flags: i32) -> PyResult<(String, String)> {
    let mut host = [0 as libc::c_char; 1025];
    let mut serv = [0 as libc::c_char; 32];
    // SAFETY: a valid address of `addr.len` bytes and two buffers of the
    // lengths given.
    let r = unsafe {
        libc::getnameinfo(
            addr.ptr(),
            addr.len,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            serv.as_mut_ptr(),
            serv.len() as libc::socklen_t,
            flags,
        )
    };
    if r != 0 {
        return Err(gai_error(vm, r));
    }
    // SAFETY: getnameinfo wrote NUL-terminated strings.
    let text = |b: &[libc::c_char]| {
        unsafe { CStr::from_ptr(b.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    };
    Ok((text(&host), text(&serv)))
}

/// `getnameinfo(sockaddr, flags)`: `(host, port)` of a numeric
/// `(host, port[, flowinfo, scope_id])` address.
pub fn getnameinfo(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("getnameinfo", a, 2, 2)?;
    let parts = match a[0].as_obj() {
        Some(Object::Tuple(t)) if (2..=4).contains(&t.len()) => t.clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                "getnameinfo() argument 1 must be a tuple",
            )
        }
    };
    let Some(host) = as_str(&parts[0]).map(str::to_string) else {
        return raise(ExcKind::TypeError, "getnameinfo(): host must be str");
    };
    let port = crate::modules::posix::int_arg("getnameinfo", Some(&parts[1]), None)?;
    let flowinfo = match parts.get(2) {
        Some(v) => crate::modules::posix::int_arg("getnameinfo", Some(v), None)?,
        None => 0,
    };
    if !(0..=0xfffff).contains(&flowinfo) {
        return raise(
            ExcKind::OverflowError,
            "getnameinfo(): flowinfo must be 0-1048575.",
        );
    }
    let scope_id = match parts.get(3) {
        Some(v) => crate::modules::posix::int_arg("getnameinfo", Some(v), None)?,
        None => 0,
    };
    let flags = crate::modules::posix::int_arg("getnameinfo", a.get(1), None)? as i32;
    let mut found = getaddrinfo_raw(
        vm,
        Some(&host),
        Some(&port.to_string()),
        libc::AF_UNSPEC,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )?;
    if found.len() != 1 {
        return Err(PyErr::new(
            ExcKind::OSError,
            "sockaddr resolved to multiple addresses",
        ));
    }
    let (family, _, _, _, mut addr) = found.remove(0);
    match family {
        libc::AF_INET if parts.len() != 2 => {
            return Err(PyErr::new(
                ExcKind::OSError,
                "IPv4 sockaddr must be 2 tuple",
            ))
        }
        libc::AF_INET6 => {
            // SAFETY: an AF_INET6 result is a sockaddr_in6.
            let sa6 = unsafe { &mut *(addr.mut_ptr() as *mut libc::sockaddr_in6) };
            sa6.sin6_flowinfo = (flowinfo as u32).to_be();
            sa6.sin6_scope_id = scope_id as u32;
        }
        _ => {}
    }
    let (host, serv) = name_info(vm, &addr, flags)?;
    Ok(new_tuple(vec![new_str(host), new_str(serv)]))
}

/// `gethostbyaddr(ip_or_name)`: `(hostname, aliases, addresses)`.
pub fn gethostbyaddr(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("gethostbyaddr", a, 1, 1)?;
    let Some(name) = as_str(&a[0]).map(str::to_string) else {
        return raise(ExcKind::TypeError, "gethostbyaddr() argument 1 must be str");
    };
    let mut found = getaddrinfo_raw(
        vm,
        Some(&name),
        None,
        libc::AF_UNSPEC,
        libc::SOCK_STREAM,
        0,
        0,
    )?;
    if found.is_empty() {
        return Err(gai_error(vm, libc::EAI_NONAME));
    }
    let (_, _, _, _, addr) = found.remove(0);
    let (numeric, _) = name_info(vm, &addr, libc::NI_NUMERICHOST | libc::NI_NUMERICSERV)?;
    let host = match name_info(vm, &addr, libc::NI_NAMEREQD) {
        Ok((host, _)) => host,
        Err(_) => {
            let args = [Value::Int(1), new_str("Unknown host")];
            return Err(
                match crate::protocol::call(vm, &herror_class(), &args, &[]) {
                    Ok(exc) => PyErr::from_value(exc, false),
                    Err(e) => e,
                },
            );
        }
    };
    Ok(new_tuple(vec![
        new_str(host),
        new_list(Vec::new()),
        new_list(vec![new_str(numeric)]),
    ]))
}

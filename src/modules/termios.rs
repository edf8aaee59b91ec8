//! `termios`: terminal attributes, as CPython's `Modules/termios.c`
//! (Linux): `tcgetattr`/`tcsetattr` with the seven-item attribute list,
//! `tcsendbreak`, `tcdrain`, `tcflush`, `tcflow`, `tcgetwinsize`/
//! `tcsetwinsize`, `termios.error` and the constants `tty`, `pty` and
//! `getpass` use. Failures raise `termios.error(errno, strerror)`.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_list, new_tuple, NewObject, Object};
use crate::object::value::Value;
use crate::vm::Vm;

/// `termios.error`.
fn error_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "termios.error",
        "termios",
        "error",
        ExcKind::Exception,
    )
}

/// `termios.error(errno, strerror)` for the last failed call.
fn last_error(vm: &mut Vm) -> Box<PyErr> {
    let e = std::io::Error::last_os_error();
    let code = e.raw_os_error().unwrap_or(0);
    // SAFETY: strerror returns a valid C string for any errno.
    let text = unsafe { std::ffi::CStr::from_ptr(libc::strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let args = [Value::Int(code as i64), crate::object::heap::new_str(text)];
    match crate::protocol::call(vm, &error_class(), &args, &[]) {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    }
}

fn fd(vm: &mut Vm, v: Option<&Value>) -> PyResult<i32> {
    match v {
        Some(v) => crate::modules::select::fileno(vm, v),
        None => raise(
            ExcKind::TypeError,
            "function missing required argument 'fd'",
        ),
    }
}

fn int(what: &str, v: Option<&Value>) -> PyResult<i64> {
    crate::modules::posix::int_arg(what, v, None)
}

fn get(vm: &mut Vm, fd: i32) -> PyResult<libc::termios> {
    // SAFETY: termios is plain data the call fills.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: a valid out-pointer.
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return Err(last_error(vm));
    }
    Ok(t)
}

/// `tcgetattr(fd)`: `[iflag, oflag, cflag, lflag, ispeed, ospeed, cc]`,
/// `cc` a list of one-byte bytes (VMIN and VTIME as ints outside
/// canonical mode).
fn tcgetattr(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("tcgetattr", a, 1, 1)?;
    let fd = fd(vm, a.first())?;
    let t = get(vm, fd)?;
    let raw = t.c_lflag & libc::ICANON == 0;
    let cc: Vec<Value> = t
        .c_cc
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if raw && (i == libc::VMIN || i == libc::VTIME) {
                Value::Int(c as i64)
            } else {
                Value::obj(NewObject::Bytes(vec![c]))
            }
        })
        .collect();
    // SAFETY: reading the speeds of a filled termios.
    let (ispeed, ospeed) = unsafe { (libc::cfgetispeed(&t), libc::cfgetospeed(&t)) };
    Ok(new_list(vec![
        Value::Int(t.c_iflag as i64),
        Value::Int(t.c_oflag as i64),
        Value::Int(t.c_cflag as i64),
        Value::Int(t.c_lflag as i64),
        Value::Int(ispeed as i64),
        Value::Int(ospeed as i64),
        new_list(cc),
    ]))
}

/// `tcsetattr(fd, when, attributes)`.
fn tcsetattr(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("tcsetattr", a, 3, 3)?;
    let fd = fd(vm, a.first())?;
    let when = int("tcsetattr", a.get(1))? as i32;
    let items = match a[2].as_obj() {
        Some(Object::List(l)) if l.borrow().len() == 7 => l.borrow().clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                "tcsetattr, arg 3: must be 7 element list",
            )
        }
    };
    let mut t = get(vm, fd)?;
    let flag = |v: &Value| -> PyResult<u32> { Ok(int("tcsetattr", Some(v))? as u32) };
    t.c_iflag = flag(&items[0])?;
    t.c_oflag = flag(&items[1])?;
    t.c_cflag = flag(&items[2])?;
    t.c_lflag = flag(&items[3])?;
    let (ispeed, ospeed) = (flag(&items[4])?, flag(&items[5])?);
    let cc = match items[6].as_obj() {
        Some(Object::List(l)) if l.borrow().len() == libc::NCCS => l.borrow().clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "tcsetattr: attributes[6] must be {} element list",
                    libc::NCCS
                ),
            )
        }
    };
    for (slot, v) in t.c_cc.iter_mut().zip(&cc) {
        *slot = match (v, v.as_obj()) {
            (_, Some(Object::Bytes(b))) if b.len() == 1 => b[0],
            (Value::Int(n), _) => *n as libc::cc_t,
            _ => {
                return raise(
                    ExcKind::TypeError,
                    "tcsetattr: elements of attributes must be characters or integers",
                )
            }
        };
    }
    // SAFETY: setting the speeds of a valid termios, then applying it.
    unsafe {
        if libc::cfsetispeed(&mut t, ispeed) != 0 || libc::cfsetospeed(&mut t, ospeed) != 0 {
            return Err(last_error(vm));
        }
        if libc::tcsetattr(fd, when, &t) != 0 {
            return Err(last_error(vm));
        }
    }
    Ok(Value::None)
}

/// The calls of one descriptor and one int: `tcsendbreak`, `tcflush`,
/// `tcflow` (and `tcdrain`, without the int).
fn simple(vm: &mut Vm, a: &[Value], name: &str, call: fn(i32, i32) -> i32) -> PyResult<Value> {
    let takes_int = name != "tcdrain";
    crate::object::args::arity(name, a, 1 + takes_int as usize, 1 + takes_int as usize)?;
    let fd = fd(vm, a.first())?;
    let n = if takes_int {
        int(name, a.get(1))? as i32
    } else {
        0
    };
    if crate::vm::threads::blocking(|| call(fd, n)) != 0 {
        return Err(last_error(vm));
    }
    Ok(Value::None)
}

/// `tcgetwinsize(fd)`: `(rows, columns)`.
fn tcgetwinsize(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("tcgetwinsize", a, 1, 1)?;
    let fd = fd(vm, a.first())?;
    // SAFETY: winsize is plain data the ioctl fills.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize to a valid pointer.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } != 0 {
        return Err(last_error(vm));
    }
    Ok(new_tuple(vec![
        Value::Int(w.ws_row as i64),
        Value::Int(w.ws_col as i64),
    ]))
}

/// `tcsetwinsize(fd, (rows, columns))`.
fn tcsetwinsize(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("tcsetwinsize", a, 2, 2)?;
    let fd = fd(vm, a.first())?;
    let size = crate::protocol::to_vec(vm, &a[1])?;
    if size.len() != 2 {
        return raise(
            ExcKind::TypeError,
            "tcsetwinsize, arg 2: must be a two-item sequence",
        );
    }
    // SAFETY: winsize is plain data the ioctl fills.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize to a valid pointer.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } != 0 {
        return Err(last_error(vm));
    }
    let dim = |v: &Value| -> PyResult<u16> {
        let n = int("tcsetwinsize", Some(v))?;
        u16::try_from(n)
            .or_else(|_| raise(ExcKind::OverflowError, "winsize value(s) out of range."))
    };
    w.ws_row = dim(&size[0])?;
    w.ws_col = dim(&size[1])?;
    // SAFETY: TIOCSWINSZ reads a valid winsize.
    if unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &w) } != 0 {
        return Err(last_error(vm));
    }
    Ok(Value::None)
}

type Kw<'a> = &'a [(std::rc::Rc<str>, Value)];

/// The constants (Linux values, from the C library's headers).
fn constants() -> Vec<(&'static str, i64)> {
    use libc::*;
    let mut c: Vec<(&'static str, i64)> = vec![
        ("B0", B0 as i64),
        ("B50", B50 as i64),
        ("B75", B75 as i64),
        ("B110", B110 as i64),
        ("B134", B134 as i64),
        ("B150", B150 as i64),
        ("B200", B200 as i64),
        ("B300", B300 as i64),
        ("B600", B600 as i64),
        ("B1200", B1200 as i64),
        ("B1800", B1800 as i64),
        ("B2400", B2400 as i64),
        ("B4800", B4800 as i64),
        ("B9600", B9600 as i64),
        ("B19200", B19200 as i64),
        ("B38400", B38400 as i64),
        ("B57600", B57600 as i64),
        ("B115200", B115200 as i64),
        ("B230400", B230400 as i64),
        ("B460800", B460800 as i64),
        ("B500000", B500000 as i64),
        ("B576000", B576000 as i64),
        ("B921600", B921600 as i64),
        ("B1000000", B1000000 as i64),
        ("B1152000", B1152000 as i64),
        ("B1500000", B1500000 as i64),
        ("B2000000", B2000000 as i64),
        ("B2500000", B2500000 as i64),
        ("B3000000", B3000000 as i64),
        ("B3500000", B3500000 as i64),
        ("B4000000", B4000000 as i64),
        ("TCSANOW", TCSANOW as i64),
        ("TCSADRAIN", TCSADRAIN as i64),
        ("TCSAFLUSH", TCSAFLUSH as i64),
        ("TCIFLUSH", TCIFLUSH as i64),
        ("TCOFLUSH", TCOFLUSH as i64),
        ("TCIOFLUSH", TCIOFLUSH as i64),
        ("TCOOFF", TCOOFF as i64),
        ("TCOON", TCOON as i64),
        ("TCIOFF", TCIOFF as i64),
        ("TCION", TCION as i64),
        ("IGNBRK", IGNBRK as i64),
        ("BRKINT", BRKINT as i64),
        ("IGNPAR", IGNPAR as i64),
        ("PARMRK", PARMRK as i64),
        ("INPCK", INPCK as i64),
        ("ISTRIP", ISTRIP as i64),
        ("INLCR", INLCR as i64),
        ("IGNCR", IGNCR as i64),
        ("ICRNL", ICRNL as i64),
        ("IUCLC", IUCLC as i64),
        ("IXON", IXON as i64),
        ("IXANY", IXANY as i64),
        ("IXOFF", IXOFF as i64),
        ("IMAXBEL", IMAXBEL as i64),
        ("IUTF8", IUTF8 as i64),
        ("OPOST", OPOST as i64),
        ("OLCUC", OLCUC as i64),
        ("ONLCR", ONLCR as i64),
        ("OCRNL", OCRNL as i64),
        ("ONOCR", ONOCR as i64),
        ("ONLRET", ONLRET as i64),
        ("OFILL", OFILL as i64),
        ("OFDEL", OFDEL as i64),
        ("NLDLY", NLDLY as i64),
        ("CRDLY", CRDLY as i64),
        ("TABDLY", TABDLY as i64),
        ("BSDLY", BSDLY as i64),
        ("VTDLY", VTDLY as i64),
        ("FFDLY", FFDLY as i64),
        ("NL0", NL0 as i64),
        ("NL1", NL1 as i64),
        ("CR0", CR0 as i64),
        ("CR1", CR1 as i64),
        ("CR2", CR2 as i64),
        ("CR3", CR3 as i64),
        ("TAB0", TAB0 as i64),
        ("TAB1", TAB1 as i64),
        ("TAB2", TAB2 as i64),
        ("TAB3", TAB3 as i64),
        ("XTABS", XTABS as i64),
        ("BS0", BS0 as i64),
        ("BS1", BS1 as i64),
        ("VT0", VT0 as i64),
        ("VT1", VT1 as i64),
        ("FF0", FF0 as i64),
        ("FF1", FF1 as i64),
        ("CSIZE", CSIZE as i64),
        ("CSTOPB", CSTOPB as i64),
        ("CREAD", CREAD as i64),
        ("PARENB", PARENB as i64),
        ("PARODD", PARODD as i64),
        ("HUPCL", HUPCL as i64),
        ("CLOCAL", CLOCAL as i64),
        ("CRTSCTS", CRTSCTS as i64),
        ("CBAUD", CBAUD as i64),
        ("CIBAUD", CIBAUD as i64),
        ("CS5", CS5 as i64),
        ("CS6", CS6 as i64),
        ("CS7", CS7 as i64),
        ("CS8", CS8 as i64),
        ("ISIG", ISIG as i64),
        ("ICANON", ICANON as i64),
        ("XCASE", XCASE as i64),
        ("ECHO", ECHO as i64),
        ("ECHOE", ECHOE as i64),
        ("ECHOK", ECHOK as i64),
        ("ECHONL", ECHONL as i64),
        ("ECHOCTL", ECHOCTL as i64),
        ("ECHOPRT", ECHOPRT as i64),
        ("ECHOKE", ECHOKE as i64),
        ("FLUSHO", FLUSHO as i64),
        ("NOFLSH", NOFLSH as i64),
        ("TOSTOP", TOSTOP as i64),
        ("PENDIN", PENDIN as i64),
        ("IEXTEN", IEXTEN as i64),
        ("NCCS", NCCS as i64),
        ("TIOCGWINSZ", TIOCGWINSZ as i64),
        ("TIOCSWINSZ", TIOCSWINSZ as i64),
        ("TIOCSCTTY", TIOCSCTTY as i64),
        ("TIOCNOTTY", TIOCNOTTY as i64),
        ("TIOCGPGRP", TIOCGPGRP as i64),
        ("TIOCSPGRP", TIOCSPGRP as i64),
        ("TIOCOUTQ", TIOCOUTQ as i64),
        ("TIOCSTI", TIOCSTI as i64),
        ("TIOCMGET", TIOCMGET as i64),
        ("TIOCMSET", TIOCMSET as i64),
        ("TIOCEXCL", TIOCEXCL as i64),
        ("TIOCNXCL", TIOCNXCL as i64),
        ("FIONREAD", FIONREAD as i64),
        ("FIONBIO", FIONBIO as i64),
        ("FIOCLEX", FIOCLEX as i64),
        ("FIONCLEX", FIONCLEX as i64),
    ];
    for (name, index) in [
        ("VINTR", VINTR),
        ("VQUIT", VQUIT),
        ("VERASE", VERASE),
        ("VKILL", VKILL),
        ("VEOF", VEOF),
        ("VTIME", VTIME),
        ("VMIN", VMIN),
        ("VSWTC", VSWTC),
        ("VSTART", VSTART),
        ("VSTOP", VSTOP),
        ("VSUSP", VSUSP),
        ("VEOL", VEOL),
        ("VREPRINT", VREPRINT),
        ("VDISCARD", VDISCARD),
        ("VWERASE", VWERASE),
        ("VLNEXT", VLNEXT),
        ("VEOL2", VEOL2),
    ] {
        c.push((name, index as i64));
    }
    c
}

/// The `termios` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    let mut attrs: Vec<(&str, Value)> = constants()
        .into_iter()
        .map(|(n, v)| (n, Value::Int(v)))
        .collect();
    attrs.extend([
        ("error", error_class()),
        f("tcgetattr", tcgetattr),
        f("tcsetattr", tcsetattr),
        f("tcgetwinsize", tcgetwinsize),
        f("tcsetwinsize", tcsetwinsize),
        f("tcsendbreak", |vm, _, a, _| {
            // SAFETY: tcsendbreak touches only the descriptor.
            simple(vm, a, "tcsendbreak", |fd, n| unsafe {
                libc::tcsendbreak(fd, n)
            })
        }),
        f("tcdrain", |vm, _, a, _| {
            // SAFETY: tcdrain touches only the descriptor.
            simple(vm, a, "tcdrain", |fd, _| unsafe { libc::tcdrain(fd) })
        }),
        f("tcflush", |vm, _, a, _| {
            // SAFETY: tcflush touches only the descriptor.
            simple(vm, a, "tcflush", |fd, n| unsafe { libc::tcflush(fd, n) })
        }),
        f("tcflow", |vm, _, a, _| {
            // SAFETY: tcflow touches only the descriptor.
            simple(vm, a, "tcflow", |fd, n| unsafe { libc::tcflow(fd, n) })
        }),
    ]);
    make_module("termios", attrs)
}

//! Modules a C host defines: `PyModuleDef` and `PyMethodDef` tables made
//! into module objects whose functions call the host's C functions
//! (`METH_VARARGS`, `METH_KEYWORDS`, `METH_NOARGS`, `METH_O`), and
//! `PyImport_AppendInittab`, whose modules `import` finds.

use crate::{errors, handle, run, text, with_vm, Py_ssize_t, P};
use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_void};
use taipan_rt::embed::{Context, Error, Object};
use taipan_rt::object::exceptions::PyErr;
use taipan_rt::object::heap::{new_str, new_tuple, NewObject};
use taipan_rt::object::value::Value;

/// `PyCFunction`: `(self, args)`, or `(self, args, kwargs)` with
/// `METH_KEYWORDS`.
pub type PyCFunction = unsafe extern "C" fn(P, P) -> P;
type PyCFunctionWithKeywords = unsafe extern "C" fn(P, P, P) -> P;

const METH_KEYWORDS: c_int = 0x0002;
const METH_NOARGS: c_int = 0x0004;
const METH_O: c_int = 0x0008;

/// `PyMethodDef`, as CPython lays it out.
#[repr(C)]
pub struct PyMethodDef {
    pub ml_name: *const c_char,
    pub ml_meth: Option<PyCFunction>,
    pub ml_flags: c_int,
    pub ml_doc: *const c_char,
}

/// `PyModuleDef_Base` (`PyModuleDef_HEAD_INIT`): unused by Taipan.
#[repr(C)]
pub struct PyModuleDef_Base {
    pub m_init: *mut c_void,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut c_void,
}

/// `PyModuleDef`, as CPython lays it out (the fields after `m_methods`
/// are accepted and ignored).
#[repr(C)]
pub struct PyModuleDef {
    pub m_base: PyModuleDef_Base,
    pub m_name: *const c_char,
    pub m_doc: *const c_char,
    pub m_size: Py_ssize_t,
    pub m_methods: *mut PyMethodDef,
    pub m_slots: *mut c_void,
    pub m_traverse: *mut c_void,
    pub m_clear: *mut c_void,
    pub m_free: *mut c_void,
}

/// A module object named `name` with an empty namespace.
pub(crate) fn empty_module(name: &str) -> Value {
    taipan_rt::object::heap::make_module(
        name,
        vec![
            ("__package__", Value::None),
            ("__spec__", Value::None),
            ("__loader__", Value::None),
        ],
    )
}

/// A host's C function as a module's method table gave it.
struct CMethod {
    meth: PyCFunction,
    flags: c_int,
    name: String,
    module_name: String,
}

fn call_c(
    cx: &mut Context,
    method: &CMethod,
    module: &Value,
    args: &[Object],
    kwargs: &[(std::rc::Rc<str>, Object)],
) -> Result<Object, Error> {
    let CMethod {
        meth,
        flags,
        name,
        module_name,
    } = method;
    let (meth, flags) = (*meth, *flags);
    let fail = |e: Box<PyErr>| Err(Error::from_pyerr(e));
    let vm: *mut taipan_rt::vm::Vm = cx.vm();
    if flags & METH_KEYWORDS == 0 && !kwargs.is_empty() {
        return fail(PyErr::new(
            taipan_rt::object::exceptions::ExcKind::TypeError,
            format!("{name}() takes no keyword arguments"),
        ));
    }
    let arity = |n: usize| {
        PyErr::new(
            taipan_rt::object::exceptions::ExcKind::TypeError,
            format!(
                "{module_name}.{name}() takes {} argument{} ({} given)",
                if n == 0 {
                    "no".to_string()
                } else {
                    "exactly one".to_string()
                },
                if n == 0 { "s" } else { "" },
                args.len()
            ),
        )
    };
    let self_ = handle::borrowed(module);
    // The C function runs with this interpreter state as the C API's.
    let result = with_vm(vm, || {
        // SAFETY: the host's function has the signature its flags
        // declare; the arguments are new references released after.
        unsafe {
            if flags & METH_NOARGS != 0 {
                if !args.is_empty() {
                    return Err(arity(0));
                }
                Ok(meth(self_, std::ptr::null_mut()))
            } else if flags & METH_O != 0 {
                if args.len() != 1 {
                    return Err(arity(1));
                }
                let a = handle::new_ref(args[0].value().clone());
                let r = meth(self_, a);
                handle::decref(a);
                Ok(r)
            } else {
                let tuple =
                    handle::new_ref(new_tuple(args.iter().map(|a| a.value().clone()).collect()));
                let r = if flags & METH_KEYWORDS != 0 {
                    let kw = if kwargs.is_empty() {
                        std::ptr::null_mut()
                    } else {
                        let mut d = taipan_rt::object::dict::Dict::new();
                        for (k, v) in kwargs {
                            d.set_str(k, v.value().clone());
                        }
                        handle::new_ref(Value::obj(NewObject::Dict(RefCell::new(d))))
                    };
                    let f: PyCFunctionWithKeywords =
                        std::mem::transmute::<PyCFunction, PyCFunctionWithKeywords>(meth);
                    let r = f(self_, tuple, kw);
                    if !kw.is_null() {
                        handle::decref(kw);
                    }
                    r
                } else {
                    meth(self_, tuple)
                };
                handle::decref(tuple);
                Ok(r)
            }
        }
    });
    match result {
        Err(e) => fail(e),
        Ok(r) if r.is_null() => fail(errors::take().unwrap_or_else(errors::missing)),
        // SAFETY: the function returned a new reference.
        Ok(r) => Ok(Object::from_value(unsafe { handle::take(r) })),
    }
}

/// The module a `PyModuleDef` describes, its functions bound to it.
#[no_mangle]
pub unsafe extern "C" fn PyModule_Create2(def: *mut PyModuleDef, _api_version: c_int) -> P {
    run(|vm| {
        if def.is_null() {
            return Err(crate::bad_internal_call());
        }
        // SAFETY: the host passes a live module definition whose method
        // table ends with a NULL name, as CPython requires.
        let def = unsafe { &*def };
        let name = unsafe { text(def.m_name)? }.to_string();
        let module = empty_module(&name);
        let Some(taipan_rt::object::heap::Object::Module(m)) = module.as_obj() else {
            return Err(crate::bad_internal_call());
        };
        let taipan_rt::object::heap::Object::Dict(dict) = m.dict.get() else {
            return Err(crate::bad_internal_call());
        };
        if !def.m_doc.is_null() {
            let doc = unsafe { text(def.m_doc)? };
            dict.borrow_mut().set_str("__doc__", new_str(doc));
        }
        let mut entry = def.m_methods;
        while !entry.is_null() && unsafe { !(*entry).ml_name.is_null() } {
            // SAFETY: within the NULL-terminated table.
            let md = unsafe { &*entry };
            let fname = unsafe { text(md.ml_name)? }.to_string();
            if let Some(meth) = md.ml_meth {
                // The function holds its module weakly in spirit: the
                // module's own dict holds the function, so the closure
                // keeps the module's name and finds it through
                // sys.modules / the host table instead of a cycle.
                let method = CMethod {
                    meth,
                    flags: md.ml_flags,
                    name: fname.clone(),
                    module_name: name.clone(),
                };
                let f =
                    taipan_rt::embed::Context::from_vm(vm).function(&fname, move |cx, args, kw| {
                        let module = cx
                            .vm()
                            .module(&method.module_name)
                            .or_else(|| cx.vm().host_modules.get(&method.module_name).cloned())
                            .unwrap_or(Value::None);
                        call_c(cx, &method, &module, args, kw)
                    });
                dict.borrow_mut().set_str(&fname, f.into_value());
            }
            entry = unsafe { entry.add(1) };
        }
        Ok(handle::new_ref(module.clone()))
    })
    .unwrap_or(std::ptr::null_mut())
}

/// Adds `value` to a module as `name`, taking over the reference on
/// success.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddObject(m: P, name: *const c_char, value: P) -> c_int {
    // SAFETY: the host passes a live module, a C string and an object.
    let r = unsafe { crate::objects::PyObject_SetAttrString(m, name, value) };
    if r == 0 && !value.is_null() {
        // SAFETY: the reference is taken over on success.
        unsafe { handle::decref(value) };
    }
    r
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_AddIntConstant(
    m: P,
    name: *const c_char,
    value: std::ffi::c_long,
) -> c_int {
    let v = handle::new_ref(Value::Int(value));
    // SAFETY: forwarded; `v` is a new reference.
    let r = unsafe { crate::objects::PyObject_SetAttrString(m, name, v) };
    unsafe { handle::decref(v) };
    r
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_AddStringConstant(
    m: P,
    name: *const c_char,
    value: *const c_char,
) -> c_int {
    // SAFETY: the host passes a C string.
    let v = unsafe { crate::objects::PyUnicode_FromString(value) };
    if v.is_null() {
        return -1;
    }
    // SAFETY: forwarded; `v` is a new reference.
    let r = unsafe { crate::objects::PyObject_SetAttrString(m, name, v) };
    unsafe { handle::decref(v) };
    r
}

type InitFunc = unsafe extern "C" fn() -> P;

thread_local! {
    /// The modules `PyImport_AppendInittab` named, made at
    /// `Py_Initialize`.
    static INITTAB: RefCell<Vec<(String, InitFunc)>> = const { RefCell::new(Vec::new()) };
}

/// Registers a built-in module (before `Py_Initialize`): `import name`
/// finds what `init` returns.
#[no_mangle]
pub unsafe extern "C" fn PyImport_AppendInittab(
    name: *const c_char,
    init: Option<InitFunc>,
) -> c_int {
    // SAFETY: the host passes a C string.
    let (Ok(name), Some(init)) = (unsafe { text(name) }, init) else {
        return -1;
    };
    INITTAB.with(|t| t.borrow_mut().push((name.to_string(), init)));
    0
}

/// Makes the registered built-in modules (at `Py_Initialize`; CPython
/// makes each on its first import, which a host cannot tell apart
/// unless the init function has side effects).
pub(crate) fn run_inittab() {
    let table = INITTAB.with(|t| t.borrow().clone());
    for (name, init) in table {
        // SAFETY: the host's init function returns a new reference or
        // NULL.
        let m = unsafe { init() };
        if m.is_null() {
            errors::PyErr_Print();
            continue;
        }
        // SAFETY: a new reference, taken over.
        let v = unsafe { handle::take(m) };
        if let Some(vm) = crate::vm() {
            vm.host_modules.insert(name, v);
        }
    }
}

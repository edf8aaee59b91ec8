//! What CPython's `site` module adds to `builtins` at start-up, besides
//! `exit` and `quit` (`types::quitter`): `copyright`, `credits`,
//! `license` and `help`, made as `site.setcopyright()` and
//! `site.sethelper()` make them, from the library's own `_sitebuiltins`
//! (so `help(obj)` is `pydoc`'s). Without a standard library they are
//! absent, as under `python3 -S`.

use crate::object::heap::{new_list, new_str, Object};
use crate::object::value::Value;
use crate::vm::Vm;

/// `credits`' text, as `site.setcopyright` has it.
const CREDITS: &str =
    "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands
    for supporting Python development.  See www.python.org for more information.";

/// Adds the names to `builtins` (quietly nothing if `_sitebuiltins`
/// cannot be imported).
pub fn install(vm: &mut Vm) {
    let Some(stdlib) = vm.stdlib.clone() else {
        return;
    };
    let Ok(module) = crate::protocol::import(vm, "_sitebuiltins") else {
        return;
    };
    let here = stdlib.display().to_string();
    let names: Vec<(&str, Value)> = {
        let Ok(printer) = crate::protocol::getattr(vm, &module, "_Printer") else {
            return;
        };
        let Ok(helper) = crate::protocol::getattr(vm, &module, "_Helper") else {
            return;
        };
        let sys = crate::protocol::import(vm, "sys").unwrap_or(Value::None);
        let copyright =
            crate::protocol::getattr(vm, &sys, "copyright").unwrap_or_else(|_| new_str(""));
        let strs = |items: &[&str]| new_list(items.iter().map(|s| new_str(*s)).collect());
        let made = [
            ("copyright", vec![new_str("copyright"), copyright]),
            ("credits", vec![new_str("credits"), new_str(CREDITS)]),
            (
                "license",
                vec![
                    new_str("license"),
                    new_str("See https://www.python.org/psf/license/"),
                    strs(&["LICENSE.txt", "LICENSE"]),
                    new_list(vec![
                        new_str(format!("{here}/..")),
                        new_str(here.as_str()),
                        new_str("."),
                    ]),
                ],
            ),
        ];
        let mut out = Vec::new();
        for (name, args) in made {
            if let Ok(v) = crate::protocol::call(vm, &printer, &args, &[]) {
                out.push((name, v));
            }
        }
        if let Ok(h) = crate::protocol::call(vm, &helper, &[], &[]) {
            out.push(("help", h));
        }
        out
    };
    if let Object::Dict(d) = vm.builtins.get() {
        let mut d = d.borrow_mut();
        for (name, v) in names {
            d.set_str(name, v);
        }
    }
}

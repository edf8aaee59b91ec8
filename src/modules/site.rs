//! What CPython's `site` module adds to `builtins` at start-up, besides
//! `exit` and `quit` (`types::quitter`): `copyright`, `credits`,
//! `license` and `help`, as `site.setcopyright()` and `site.sethelper()`
//! make them — native `_sitebuiltins._Printer` and `_Helper` objects
//! (`types::site_printer`), so start-up imports nothing.

use crate::object::heap::Object;
use crate::types::site_printer::{new_helper, new_printer};
use crate::vm::Vm;

/// `credits`' text, as `site.setcopyright` has it.
const CREDITS: &str =
    "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands
    for supporting Python development.  See www.python.org for more information.";

/// Adds the names to `builtins`.
pub fn install(vm: &mut Vm) {
    let copyright = crate::modules::sys::COPYRIGHT;
    // `license` reads LICENSE.txt or LICENSE beside the library, as
    // `site` looks for them.
    let dirs: Vec<String> = match &vm.stdlib {
        Some(here) => {
            let here = here.display().to_string();
            vec![format!("{here}/.."), here, ".".to_string()]
        }
        None => Vec::new(),
    };
    let names = [
        ("copyright", new_printer("copyright", copyright, &[], &[])),
        ("credits", new_printer("credits", CREDITS, &[], &[])),
        (
            "license",
            new_printer(
                "license",
                "See https://www.python.org/psf/license/",
                &["LICENSE.txt", "LICENSE"],
                &dirs,
            ),
        ),
        ("help", new_helper()),
    ];
    if let Object::Dict(d) = vm.builtins.get() {
        let mut d = d.borrow_mut();
        for (name, v) in names {
            d.set_str(name, v);
        }
    }
}

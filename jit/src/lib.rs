//! `taipan-jit`: translates Taipan stack bytecode into native code with
//! Cranelift.
//!
//! The crate depends only on `taipan-bytecode` and Cranelift, never on the
//! runtime: the runtime hands it the addresses of its helper functions
//! ([`Helpers`]) and the layout facts it needs ([`Layout`]), the way
//! wasmtime's runtime and its Cranelift translator are split. The
//! translation itself is in [`translate`]; this module owns the
//! long-lived Cranelift state (one `JITModule`, one codegen context, one
//! function-builder context — the cranelift-jit-demo skeleton) and the
//! cross-compilation check for AArch64.

pub mod translate;

use cranelift_codegen::ir;
use cranelift_codegen::isa::{self, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::{Duration, Instant};
use taipan_bytecode::code::CodeObject;
use taipan_bytecode::feedback::Feedback;
use target_lexicon::Triple;

/// Byte offsets and constants of the runtime's data layout that compiled
/// code reads directly.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// `JitFrame.slab`: pointer to the frame slab (locals, then stack).
    pub frame_slab: i32,
    /// `JitFrame.consts`: pointer to the materialised constants.
    pub frame_consts: i32,
    /// `JitFrame.ret`: where the returned value is written.
    pub frame_ret: i32,
    /// `JitFrame.depth`: stack depth left in the slab when returning.
    pub frame_depth: i32,
    /// `JitFrame.start_pc`: 0, or the loop header to enter at (OSR).
    pub frame_start_pc: i32,
    /// `JitFrame.pc`: the instruction that raised, for tracebacks.
    pub frame_pc: i32,
    /// `JitFrame.scratch`: where the `binary` helper leaves its result.
    pub frame_scratch: i32,
    /// Size of a value (16).
    pub value_size: i32,
    /// Offset of the payload word in a value (the tag word is at 0).
    pub payload_offset: i32,
    /// Offset of the reference count in a heap object.
    pub refcount_offset: i32,
    /// Offset of the type pointer in a heap object (always set for
    /// instances of classes: a class guard is one load and a compare).
    pub type_offset: i32,
    /// Offset of the kind word in a heap object, and the kind of lists.
    pub kind_offset: i32,
    pub kind_list: i64,
    /// Where a list object keeps its element pointer and its length
    /// (offsets from the object), when the runtime could establish them;
    /// `None` disables the inline list paths.
    pub list_items_len: Option<(i32, i32)>,
    /// The kind of tuples, and where a tuple keeps its element pointer
    /// and length, when the runtime could establish them (`None`: tuples
    /// are unpacked by the interpreter).
    pub kind_tuple: i64,
    pub tuple_items_len: Option<(i32, i32)>,
    /// The kind of the `NotImplemented` singleton (a special method's
    /// answer that compiled code must not take as a result).
    pub kind_not_implemented: i64,
    /// Where an instance keeps its class version and attribute values,
    /// when the runtime could establish it; `None` disables the inline
    /// attribute paths (the `attr` helper still runs every access).
    pub instance: Option<InstanceLayout>,
    /// Where compiled code finds what a global-name guard reads; `None`
    /// disables the inline global loads.
    pub globals: Option<GlobalsLayout>,
    /// Where compiled code steps range and list iterators at `FOR_ITER`;
    /// `None` sends every step to the `for_iter` helper.
    pub iter: Option<IterLayout>,
    /// What compiled code reads and writes to call a compiled Python
    /// function directly; `None` disables direct calls (every call goes
    /// through the `call` helper).
    pub calls: Option<CallLayout>,
    /// What compiled code reads to run `len(x)` and `isinstance(x, C)`
    /// inline; `None` sends them to the `call` helper.
    pub builtins: Option<BuiltinsLayout>,
    /// Tag words.
    pub tag_none: i64,
    pub tag_bool: i64,
    pub tag_int: i64,
    pub tag_float: i64,
    pub tag_obj: i64,
    pub tag_unbound: i64,
    /// Address of the runtime's pending-signals word (a `u64`, non-zero
    /// when a signal arrived): compiled loops read it at every back edge,
    /// and when it is set run the loop's jump in the interpreter, which
    /// runs the handlers (Ctrl-C raises `KeyboardInterrupt` there).
    pub signals_pending: i64,
}

/// The built-in functions compiled code runs inline, and what they read.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinsLayout {
    /// The kind word of built-in function objects, where such an object
    /// keeps its Rust function's address, and the addresses of `len`'s
    /// and `isinstance`'s (a callable is one of them when its word is).
    pub kind_builtin: i64,
    pub builtin_func: i32,
    pub len: u64,
    pub isinstance: u64,
    /// The kind word of strs, where a str object keeps its character
    /// count, and the bits of that word that hold it.
    pub kind_str: i64,
    pub str_chars: i32,
    pub str_chars_mask: i64,
    /// For `list.append` (`CALL_NO_KW_LIST_APPEND`): the kind word of
    /// built-in types' method descriptors, where one keeps its Rust
    /// function, `list.append`'s address, and where a list object keeps
    /// its capacity and its borrow flag (0: not borrowed).
    pub kind_method_descr: i64,
    pub descr_func: i32,
    pub list_append: u64,
    pub list_capacity: i32,
    pub list_borrow_flag: i32,
}

/// An instance's layout as compiled code reads it (byte offsets from the
/// start of the heap object unless said otherwise): enough for a guard on
/// the class version and the shape, and the load or store of a value at
/// a fixed position.
#[derive(Clone, Copy, Debug)]
pub struct InstanceLayout {
    /// The kind word of instances.
    pub kind: i64,
    /// The pointer to the class's data.
    pub class_data: i32,
    /// The version tag, from the class's data.
    pub class_version: i32,
    /// The attributes' borrow flag (signed: negative while borrowed
    /// mutably, 0 when not borrowed).
    pub borrow_flag: i32,
    /// The shape word.
    pub shape: i32,
    /// The materialised `__dict__` word (0: none).
    pub dict: i32,
    /// The values' capacity word (above `inline_capacity`: on the heap).
    pub values_capacity: i32,
    /// The first inline value.
    pub values_inline: i32,
    /// The pointer to values on the heap.
    pub values_heap: i32,
    /// How many values fit inline.
    pub inline_capacity: i64,
}

/// What an inline `FOR_ITER` step reads and writes of a built-in
/// iterator (byte offsets from the start of the heap object): the kind
/// word's value for iterators, the state's borrow flag and variant
/// number, and the fields of the range, list and tuple variants.
#[derive(Clone, Copy, Debug)]
pub struct IterLayout {
    pub kind: i64,
    pub borrow_flag: i32,
    pub state_tag: i32,
    pub tag_range: i64,
    pub tag_list: i64,
    pub range_next: i32,
    pub range_stop: i32,
    pub range_step: i32,
    pub list_list: i32,
    pub list_index: i32,
    pub tag_tuple: i64,
    pub tuple_tuple: i32,
    pub tuple_index: i32,
}

/// What an inline `LOAD_GLOBAL` reads (byte offsets): the frame's
/// function and its globals dict, a dict object's borrow flag and
/// version, and the fields of an entry of the interpreter's global-name
/// cache (`globals_key`: the globals' version, or the complement of it
/// when the name was found in the builtins; the builtins' version; the
/// value, borrowed while the versions match).
#[derive(Clone, Copy, Debug)]
pub struct GlobalsLayout {
    /// `JitFrame.func`: the running function.
    pub frame_func: i32,
    /// The function's globals (a dict object pointer).
    pub function_globals: i32,
    /// A dict object's borrow flag (negative while borrowed mutably).
    pub dict_borrow_flag: i32,
    /// A dict object's version.
    pub dict_version: i32,
    /// The size of a cache entry.
    pub hit_size: i32,
    /// An entry's key (see above).
    pub hit_key: i32,
    /// An entry's builtins version.
    pub hit_builtins_version: i32,
    /// An entry's value (two words).
    pub hit_value: i32,
}

/// What a direct call between compiled functions reads and writes (byte
/// offsets): the caller's and the callee's frames, the interpreter's
/// call depth and data stack (the callee's block is carved and given
/// back as the runtime's `DataStack` does in its common case), the
/// function object called and its code. See `translate/calls.rs`.
#[derive(Clone, Copy, Debug)]
pub struct CallLayout {
    /// `JitFrame` fields (beyond those in [`Layout`]), and its size.
    pub frame_vm: i32,
    pub frame_func: i32,
    pub frame_vec: i32,
    pub frame_nlocals: i32,
    /// Two words, all zero when empty.
    pub frame_kwnames: i32,
    pub frame_err: i32,
    pub frame_stack_floor: i32,
    pub frame_callee: i32,
    pub frame_size: u32,
    /// The interpreter's call depth and recursion limit (`u32` each),
    /// and its data stack (a pointer).
    pub vm_depth: i32,
    pub vm_recursion_limit: i32,
    pub vm_data_stack: i32,
    /// The data stack's next free slot and end, newest block header,
    /// current chunk index and count of blocks given back out of order.
    pub ds_top: i32,
    pub ds_limit: i32,
    pub ds_last: i32,
    pub ds_current: i32,
    pub ds_dead: i32,
    /// A block header's link (pointer), chunk (`u32`) and dead flag
    /// (`u8`), and the bytes a header takes before its block.
    pub header_prev: i32,
    pub header_chunk: i32,
    pub header_dead: i32,
    pub header_bytes: i64,
    /// A frame slab's block pointer, length, capacity and data stack,
    /// and its size.
    pub slab_block: i32,
    pub slab_len: i32,
    pub slab_cap: i32,
    pub slab_home: i32,
    pub slab_size: u32,
    /// Function objects: their kind word, where their payload starts and
    /// where it keeps its code (a pointer to the code's reference-counted
    /// box, whose value starts `rc_value` bytes in).
    pub kind_function: i64,
    pub function_payload: i32,
    pub function_code: i32,
    pub rc_value: i32,
    /// The code's direct-call argument count (`u64::MAX`: none), a
    /// frame's capacity in values, its constants, its compiled entry and
    /// its direct entry (0: none).
    pub code_direct_argc: i32,
    pub code_frame_cap: i32,
    pub code_consts: i32,
    pub code_jit_entry: i32,
    pub code_direct_entry: i32,
}

/// The runtime functions compiled code calls, by address. All are
/// `extern "C"`; see [`translate`] for their contracts.
#[derive(Clone, Copy, Debug)]
pub struct Helpers {
    /// `step(frame, pc, depth) -> status`: run one instruction in the
    /// interpreter on the frame slab. 0 ok, 1 exception, 2 returned.
    pub step: *const u8,
    /// `truthy(frame, depth, pop) -> 0 | 1 | 2`: truth of the stack top
    /// (2: `__bool__` raised).
    pub truthy: *const u8,
    /// `for_iter(frame, depth) -> status`: 0 pushed next item, 1 exhausted
    /// (iterator popped), 2 exception.
    pub for_iter: *const u8,
    /// `free(object)`: deallocate a heap object whose count reached zero.
    pub free: *const u8,
    /// `binary(frame, kind, a_tag, a_payload, b_tag, b_payload) -> status`:
    /// a two-operand operation on borrowed operands, result in the frame's
    /// scratch value; 0 ok, 1 exception.
    pub binary: *const u8,
    /// `set_item(frame, c_tag, c_payload, i_tag, i_payload, v_tag,
    /// v_payload) -> status`: `c[i] = v`, taking `v`, borrowing `c`, `i`.
    pub set_item: *const u8,
    /// `load_global(frame, name_index) -> status`: the global (or
    /// built-in) `co_names[name_index]` into the frame's scratch value.
    pub load_global: *const u8,
    /// `call(frame, pc, depth, argc) -> status`: CALL with `argc`
    /// positional arguments flushed to the slab; the result replaces the
    /// callable. Python callees run their compiled code directly when they
    /// have some.
    pub call: *const u8,
    /// `free_at(frame, object, pc)`: `free`, for a value POP_TOP drops at
    /// instruction `pc`; a finalizer that freeing queued (`__del__`, an
    /// unawaited coroutine's warning) runs at once, at that instruction,
    /// as the interpreter runs it.
    pub free_at: *const u8,
    /// `attr(frame, pc, kind << 24 | name_index, o_tag, o_payload, v_tag,
    /// v_payload) -> status`: LOAD_ATTR, LOAD_METHOD or STORE_ATTR
    /// (`ATTR_LOAD`, `ATTR_METHOD`, `ATTR_STORE`) through the
    /// interpreter's inline cache of the instruction at `pc`, borrowing
    /// the object and taking the stored value; a load's result goes to the
    /// frame's scratch value. 0 ok, 1 exception, 2 (a method load) a
    /// method found, to be called with the object first.
    pub attr: *const u8,
    /// `call_finish(frame, callee, status) -> status`: the end of a
    /// direct call that compiled code does not finish itself (the callee
    /// raised — its handlers run in the interpreter —, left something
    /// behind, or its data-stack block is not the newest); status 4: the
    /// callee returned and its locals were released, only its block is
    /// to be given back. The result goes to the caller's scratch value.
    /// 0 ok, 1 exception.
    pub call_finish: *const u8,
    /// `build(frame, kind, depth, n) -> status`: BUILD_TUPLE, BUILD_LIST
    /// or BUILD_STRING (`BUILD_TUPLE`, `BUILD_LIST`, `BUILD_STRING`) of
    /// the `n` values flushed to the slab below `depth`, which it takes;
    /// the result goes to the frame's scratch value. 0 ok, 1 exception.
    pub build: *const u8,
    /// `pow(x, y) -> x ** y` of two doubles, as the runtime's float power
    /// computes it (compiled code calls it only where the result is a
    /// float: a positive finite base, a finite exponent).
    pub pow: *const u8,
    /// `call_native(frame, func, vals, n, pc) -> status`: a call of a
    /// built-in type's (or native type's) method that compiled code
    /// identified by the method object: `func` is the method's built-in
    /// function (`AttrSeen::TypeMethod::call`), `vals` the call's values
    /// flushed to the slab (the method, then the receiver and `n - 1`
    /// arguments), which it takes; the result replaces the method. 0 ok,
    /// 1 exception (as `call`).
    pub call_native: *const u8,
}

/// `build` helper kinds.
pub const BUILD_TUPLE: u32 = 0;
/// `build` helper kind of BUILD_LIST.
pub const BUILD_LIST: u32 = 1;
/// `build` helper kind of BUILD_STRING.
pub const BUILD_STRING: u32 = 2;

/// `attr` helper kinds (the high byte of its third argument).
pub const ATTR_LOAD: u32 = 0;
/// `attr` helper kind of LOAD_METHOD.
pub const ATTR_METHOD: u32 = 1;
/// `attr` helper kind of STORE_ATTR.
pub const ATTR_STORE: u32 = 2;

/// Compiled code's status when it reached a block it was compiled
/// without (one the interpreter had not run) and left the frame there,
/// its stack flushed, `JitFrame.pc` the block's offset (after 0
/// returned, 1 raised, 2 not entered, 3 yielded).
pub const STATUS_EXITED: u32 = 5;

/// Helper functions by index, as the translator imports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Helper {
    Step = 0,
    Truthy = 1,
    ForIter = 2,
    Free = 3,
    Binary = 4,
    SetItem = 5,
    LoadGlobal = 6,
    Call = 7,
    FreeAt = 8,
    Attr = 9,
    CallFinish = 10,
    Build = 11,
    Pow = 12,
    CallNative = 13,
}

impl Helper {
    pub(crate) const ALL: [Helper; 14] = [
        Helper::Step,
        Helper::Truthy,
        Helper::ForIter,
        Helper::Free,
        Helper::Binary,
        Helper::SetItem,
        Helper::LoadGlobal,
        Helper::Call,
        Helper::FreeAt,
        Helper::Attr,
        Helper::CallFinish,
        Helper::Build,
        Helper::Pow,
        Helper::CallNative,
    ];

    fn symbol(self) -> &'static str {
        match self {
            Helper::Step => "taipan_jit_step",
            Helper::Truthy => "taipan_jit_truthy",
            Helper::ForIter => "taipan_jit_for_iter",
            Helper::Free => "taipan_jit_free",
            Helper::Binary => "taipan_jit_binary",
            Helper::SetItem => "taipan_jit_set_item",
            Helper::LoadGlobal => "taipan_jit_load_global",
            Helper::Call => "taipan_jit_call",
            Helper::FreeAt => "taipan_jit_free_at",
            Helper::Attr => "taipan_jit_attr",
            Helper::CallFinish => "taipan_jit_call_finish",
            Helper::Build => "taipan_jit_build",
            Helper::Pow => "taipan_jit_pow",
            Helper::CallNative => "taipan_jit_call_native",
        }
    }

    /// The helper's signature.
    fn signature(self, call_conv: isa::CallConv, ptr: ir::Type) -> ir::Signature {
        let mut sig = ir::Signature::new(call_conv);
        match self {
            Helper::Pow => {
                sig.params.push(ir::AbiParam::new(ir::types::F64));
                sig.params.push(ir::AbiParam::new(ir::types::F64));
                sig.returns.push(ir::AbiParam::new(ir::types::F64));
            }
            Helper::Call | Helper::Build => {
                sig.params.push(ir::AbiParam::new(ptr));
                for _ in 0..3 {
                    sig.params.push(ir::AbiParam::new(ir::types::I32));
                }
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::Step | Helper::Truthy => {
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::ForIter | Helper::LoadGlobal => {
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::CallFinish => {
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::CallNative => {
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::Free => sig.params.push(ir::AbiParam::new(ptr)),
            Helper::FreeAt => {
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::Binary => {
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                for _ in 0..4 {
                    sig.params.push(ir::AbiParam::new(ir::types::I64));
                }
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::Attr => {
                sig.params.push(ir::AbiParam::new(ptr));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                sig.params.push(ir::AbiParam::new(ir::types::I32));
                for _ in 0..4 {
                    sig.params.push(ir::AbiParam::new(ir::types::I64));
                }
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
            Helper::SetItem => {
                sig.params.push(ir::AbiParam::new(ptr));
                for _ in 0..6 {
                    sig.params.push(ir::AbiParam::new(ir::types::I64));
                }
                sig.returns.push(ir::AbiParam::new(ir::types::I32));
            }
        }
        sig
    }
}

/// A function the JIT produced.
pub struct Compiled {
    /// Entry point: `extern "C" fn(frame: *mut JitFrame) -> u32`: 0
    /// returned (`JitFrame.ret`), 1 raised at `JitFrame.pc`, 2 not
    /// entered (an OSR start at a loop header it has no code for), 3 a
    /// generator yielded `JitFrame.ret` and resumes at `JitFrame.pc`.
    pub entry: *const u8,
    /// Cranelift IR, when a dump was requested.
    pub ir: Option<String>,
    /// The machine code, when a dump was requested.
    pub machine_code: Option<Vec<u8>>,
    /// The machine instructions as text (Cranelift's own listing, after
    /// register allocation), when a dump was requested.
    pub disassembly: Option<String>,
    /// The direct entry of the code's shape
    /// (`translate::build_direct_entry`): `extern "C" fn(frame, vals,
    /// callee_at, pc, code) -> u32`, for code whose calls need no
    /// argument binding, when direct calls are laid out.
    pub direct_entry: Option<*const u8>,
    /// Time spent translating and compiling.
    pub compile_time: Duration,
    /// Attribute instructions given a guarded inline path.
    pub guarded_attr_sites: usize,
    /// `LOAD_GLOBAL`s given an inline path.
    pub inline_global_loads: usize,
}

/// The JIT: Cranelift state shared by every compiled function.
pub struct Jit {
    module: JITModule,
    ctx: Context,
    fctx: FunctionBuilderContext,
    helpers: [FuncId; Helper::ALL.len()],
    layout: Layout,
    /// The direct entries made so far, by shape (one serves every code
    /// of that shape).
    direct_entries: HashMap<translate::DirectShape, *const u8>,
}

/// The shared flags of every Taipan compilation: speed-optimised, verified.
fn flags() -> Result<settings::Flags, String> {
    let mut f = settings::builder();
    f.set("opt_level", "speed").map_err(|e| e.to_string())?;
    // The IR verifier runs in debug and test builds (every test program is
    // compiled with it); release builds skip it to cut compile time.
    let verify = if cfg!(debug_assertions) {
        "true"
    } else {
        "false"
    };
    f.set("enable_verifier", verify)
        .map_err(|e| e.to_string())?;
    f.set("is_pic", "false").map_err(|e| e.to_string())?;
    f.set("use_colocated_libcalls", "false")
        .map_err(|e| e.to_string())?;
    Ok(settings::Flags::new(f))
}

/// Builds the Cranelift target ISA for the machine we are running on.
pub fn host_isa() -> Result<OwnedTargetIsa, String> {
    let builder = cranelift_native::builder().map_err(|e| e.to_string())?;
    builder.finish(flags()?).map_err(|e| e.to_string())
}

/// Builds a Cranelift target ISA for any triple Cranelift was built for
/// (x86-64 and AArch64 here), so code can be verified for a foreign target.
pub fn isa_for_triple(triple: &str) -> Result<OwnedTargetIsa, String> {
    let triple = Triple::from_str(triple).map_err(|e| e.to_string())?;
    let builder = isa::lookup(triple).map_err(|e| e.to_string())?;
    builder.finish(flags()?).map_err(|e| e.to_string())
}

impl Jit {
    /// A JIT for the host, calling the given runtime helpers.
    pub fn new(layout: Layout, helpers: Helpers) -> Result<Jit, String> {
        let isa = host_isa()?;
        let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
        let addrs = [
            helpers.step,
            helpers.truthy,
            helpers.for_iter,
            helpers.free,
            helpers.binary,
            helpers.set_item,
            helpers.load_global,
            helpers.call,
            helpers.free_at,
            helpers.attr,
            helpers.call_finish,
            helpers.build,
            helpers.pow,
            helpers.call_native,
        ];
        for (h, addr) in Helper::ALL.iter().zip(addrs) {
            builder.symbol(h.symbol(), addr);
        }
        let mut module = JITModule::new(builder);
        let call_conv = module.isa().default_call_conv();
        let ptr = module.target_config().pointer_type();
        let mut ids = Vec::with_capacity(Helper::ALL.len());
        for h in Helper::ALL {
            let id = module
                .declare_function(h.symbol(), Linkage::Import, &h.signature(call_conv, ptr))
                .map_err(|e| e.to_string())?;
            ids.push(id);
        }
        let helpers: [FuncId; Helper::ALL.len()] = ids
            .try_into()
            .map_err(|_| "a helper was not declared".to_string())?;
        Ok(Jit {
            ctx: module.make_context(),
            fctx: FunctionBuilderContext::new(),
            module,
            helpers,
            layout,
            direct_entries: HashMap::new(),
        })
    }

    /// The direct entry of code of `shape` (`translate::build_direct_entry`),
    /// compiled the first time it is asked for.
    fn direct_entry(&mut self, shape: translate::DirectShape) -> Result<*const u8, String> {
        if let Some(&e) = self.direct_entries.get(&shape) {
            return Ok(e);
        }
        let ptr = self.module.target_config().pointer_type();
        let call_conv = self.module.isa().default_call_conv();
        let sig = translate::direct_entry_signature(call_conv, ptr);
        self.module.clear_context(&mut self.ctx);
        self.ctx.func.signature = sig.clone();
        let helper_ids = self.helpers;
        let frontend = self.module.target_config();
        let module = &mut self.module;
        let mut import = |func: &mut ir::Function, h: Helper| {
            module.declare_func_in_func(helper_ids[h as usize], func)
        };
        let built = translate::build_direct_entry(
            &self.layout,
            frontend,
            &mut self.ctx.func,
            &mut self.fctx,
            &mut import,
            shape,
        );
        if let Err(why) = built {
            self.fctx = FunctionBuilderContext::new();
            self.module.clear_context(&mut self.ctx);
            return Err(why);
        }
        let id = self
            .module
            .declare_anonymous_function(&sig)
            .map_err(|e| e.to_string())?;
        self.module
            .define_function(id, &mut self.ctx)
            .map_err(|e| format!("{e:?}"))?;
        self.module.clear_context(&mut self.ctx);
        self.module
            .finalize_definitions()
            .map_err(|e| e.to_string())?;
        let entry = self.module.get_finalized_function(id);
        self.direct_entries.insert(shape, entry);
        Ok(entry)
    }

    /// Compiles one code object to native code.
    pub fn compile(
        &mut self,
        code: &CodeObject,
        feedback: &Feedback,
        dump: bool,
    ) -> Result<Compiled, String> {
        let start = Instant::now();
        let ptr = self.module.target_config().pointer_type();
        let call_conv = self.module.isa().default_call_conv();
        self.module.clear_context(&mut self.ctx);
        let sig = translate::entry_signature(call_conv, ptr);
        self.ctx.func.signature = sig.clone();
        let helper_ids = self.helpers;
        let frontend = self.module.target_config();
        let module = &mut self.module;
        let mut import = |func: &mut ir::Function, h: Helper| {
            module.declare_func_in_func(helper_ids[h as usize], func)
        };
        let translated = translate::translate(
            code,
            feedback,
            &self.layout,
            frontend,
            &mut self.ctx.func,
            &mut self.fctx,
            &mut import,
        );
        let translated = match translated {
            Ok(t) => t,
            Err(why) => {
                // A translation given up half-way leaves the builder
                // context in the middle of a function; the next one starts
                // afresh.
                self.fctx = FunctionBuilderContext::new();
                return Err(why);
            }
        };
        let ir_text = dump.then(|| self.ctx.func.display().to_string());
        self.ctx.set_disasm(dump);
        let id = self
            .module
            .declare_anonymous_function(&sig)
            .map_err(|e| e.to_string())?;
        self.module
            .define_function(id, &mut self.ctx)
            .map_err(|e| format!("{e:?}"))?;
        let (machine_code, disassembly) = match (dump, self.ctx.compiled_code()) {
            (true, Some(c)) => (Some(c.code_buffer().to_vec()), c.vcode.clone()),
            _ => (None, None),
        };
        self.module.clear_context(&mut self.ctx);
        self.module
            .finalize_definitions()
            .map_err(|e| e.to_string())?;
        let entry = self.module.get_finalized_function(id);
        // (Without a direct entry the code is still compiled: calls of it
        // from compiled code then go through the `call` helper.)
        let direct_entry = match (direct_shape(code), self.layout.calls) {
            (Some(shape), Some(_)) => self.direct_entry(shape).ok(),
            _ => None,
        };
        Ok(Compiled {
            entry,
            direct_entry,
            ir: ir_text,
            machine_code,
            disassembly,
            compile_time: start.elapsed(),
            guarded_attr_sites: translated.guarded_attr_sites,
            inline_global_loads: translated.inline_global_loads,
        })
    }
}

/// Feedback that claims every attribute instruction saw instances of
/// two classes (made-up versions and shapes), two thirds of the one- and
/// two-argument CALLs `len`, `list.append` and `isinstance` and every
/// `**` floats, and
/// gives a (made-up) global-name cache, so that a cross-compilation
/// check translates and verifies the guarded inline paths too.
fn feedback_for_every_path(code: &CodeObject) -> Feedback {
    use taipan_bytecode::feedback::AttrSeen;
    use taipan_bytecode::opcode::{BinaryOp, Opcode};
    let mut quickened = code.code.clone();
    let (mut calls, mut binaries) = (0, 0);
    let mut instance_binaries = Vec::new();
    for ins in code.instructions() {
        let seen = match (ins.opcode, ins.arg) {
            (Some(Opcode::CALL), 1 | 2) => {
                calls += 1;
                match (calls % 3, ins.arg) {
                    (0, 1) => Opcode::CALL_NO_KW_LEN,
                    (1, 1) => Opcode::CALL_NO_KW_LIST_APPEND,
                    (0, _) => Opcode::CALL_NO_KW_ISINSTANCE,
                    _ => continue,
                }
            }
            (Some(Opcode::BINARY_OP), arg)
                if BinaryOp::from_arg(arg).is_some_and(|(op, _)| op == BinaryOp::Power) =>
            {
                Opcode::BINARY_OP_FLOAT
            }
            // Every other plain operator: a special method called
            // directly (`BinarySeen` below).
            (Some(Opcode::BINARY_OP), arg)
                if BinaryOp::from_arg(arg).is_some_and(|(_, inplace)| !inplace) =>
            {
                binaries += 1;
                if binaries % 2 == 1 {
                    continue;
                }
                Opcode::BINARY_OP_INSTANCE
            }
            _ => continue,
        };
        // (Instructions without an EXTENDED_ARG prefix: the byte at the
        // start, where the translator looks, is the opcode.)
        if ins.start == ins.offset {
            if let Some(b) = quickened.get_mut(ins.start) {
                *b = seen as u8;
            }
            if seen == Opcode::BINARY_OP_INSTANCE {
                instance_binaries.push(ins.start);
            }
        }
    }
    let mut f = Feedback::new(quickened);
    for at in instance_binaries {
        f.add_binary(
            at,
            taipan_bytecode::feedback::BinarySeen {
                class_data: 0x5000,
                version: 1002,
                func: 0x6000,
            },
        );
    }
    for ins in code.instructions() {
        for way in 0..2u64 {
            let (version, shape) = (1000 + way, 0x1000 + 0x40 * way);
            let seen = match ins.opcode {
                Some(Opcode::LOAD_ATTR) => AttrSeen::Value {
                    version,
                    shape,
                    index: way as u32,
                },
                Some(Opcode::STORE_ATTR) => AttrSeen::Replace {
                    version,
                    shape,
                    index: way as u32,
                },
                Some(Opcode::LOAD_METHOD) => AttrSeen::Method {
                    version,
                    shape,
                    func: 0x2000,
                },
                _ => continue,
            };
            f.add_attr(ins.start, seen);
        }
    }
    f.set_global_cache(taipan_bytecode::feedback::GlobalCache {
        entries: 0x3000,
        builtins: 0x4000,
    });
    f
}

/// Translates `code` for another target (no execution) and returns the
/// size of the machine code: checks that Cranelift verifies and compiles
/// the translation for, e.g., `aarch64-unknown-linux-gnu`.
pub fn compile_for_triple(
    code: &CodeObject,
    layout: &Layout,
    triple: &str,
) -> Result<usize, String> {
    compile_foreign(
        triple,
        translate::entry_signature,
        Box::new(|frontend, func, fctx, import| {
            translate::translate(
                code,
                &feedback_for_every_path(code),
                layout,
                frontend,
                func,
                fctx,
                import,
            )
            .map(|_| ())
        }),
    )
}

/// Builds the direct entry of `code`'s shape for another target (no
/// execution) and returns the size of its machine code, as
/// [`compile_for_triple`] does for translated functions.
pub fn compile_direct_entry_for_triple(
    code: &CodeObject,
    layout: &Layout,
    triple: &str,
) -> Result<usize, String> {
    let shape = direct_shape(code).ok_or("no direct entry for this code")?;
    compile_foreign(
        triple,
        translate::direct_entry_signature,
        Box::new(move |frontend, func, fctx, import| {
            translate::build_direct_entry(layout, frontend, func, fctx, import, shape)
        }),
    )
}

/// The shape of `code`'s direct entry, when calls of it need no
/// argument binding (`CodeObject::direct_argcount`).
fn direct_shape(code: &CodeObject) -> Option<translate::DirectShape> {
    Some(translate::DirectShape {
        nargs: code.direct_argcount()?,
        nlocals: code.nlocals(),
    })
}

/// What builds one function's body: the target's frontend settings, the
/// function (its signature set), a builder context and the helper import.
type BuildBody<'a> = dyn FnOnce(
        isa::TargetFrontendConfig,
        &mut ir::Function,
        &mut FunctionBuilderContext,
        &mut dyn FnMut(&mut ir::Function, Helper) -> ir::FuncRef,
    ) -> Result<(), String>
    + 'a;

/// Builds one function for `triple` with `build` (helpers imported as
/// external names, nothing run), verifies and compiles it, and returns
/// the size of its machine code.
fn compile_foreign(
    triple: &str,
    signature: fn(isa::CallConv, ir::Type) -> ir::Signature,
    build: Box<BuildBody<'_>>,
) -> Result<usize, String> {
    let isa = isa_for_triple(triple)?;
    let ptr = isa.pointer_type();
    let call_conv = isa.default_call_conv();
    let mut ctx = Context::new();
    ctx.func.signature = signature(call_conv, ptr);
    let mut fctx = FunctionBuilderContext::new();
    let mut import = |func: &mut ir::Function, h: Helper| {
        let sig = func.import_signature(h.signature(call_conv, ptr));
        let name = func.declare_imported_user_function(ir::UserExternalName::new(0, h as u32));
        func.import_function(ir::ExtFuncData {
            name: ir::ExternalName::user(name),
            signature: sig,
            colocated: false,
            patchable: false,
        })
    };
    build(isa.frontend_config(), &mut ctx.func, &mut fctx, &mut import)?;
    ctx.verify(&*isa).map_err(|e| e.to_string())?;
    let compiled = ctx
        .compile(&*isa, &mut Default::default())
        .map_err(|e| format!("{:?}", e.inner))?;
    Ok(compiled.code_buffer().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_isa_builds() {
        let isa = host_isa().expect("host ISA");
        assert_eq!(isa.triple().architecture, Triple::host().architecture);
    }

    #[test]
    fn aarch64_isa_builds() {
        let isa = isa_for_triple("aarch64-unknown-linux-gnu").expect("aarch64 ISA");
        assert_eq!(isa.name(), "aarch64");
    }
}

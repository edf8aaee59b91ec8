//! The opcode table, defined once.
//!
//! Each opcode is declared in [`opcodes!`] with its number (CPython 3.11's,
//! where CPython has the same instruction), the kind of its argument, its
//! stack effect and a one-line meaning. The interpreter's dispatch, the
//! disassembler, the stack-depth analysis and the JIT's translator all
//! derive from this table; none of them keeps a private list of opcodes.
//!
//! Instructions are wordcode, as in CPython: one byte of opcode, one byte
//! of argument, `EXTENDED_ARG` prefixes for arguments above 255. Offsets
//! are in bytes. Jump arguments are relative, counted in instructions:
//! forward jumps from the next instruction, backward jumps back from it.

/// What an instruction's argument means, for the disassembler and the
/// consumers that must interpret it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// The argument is ignored (always 0).
    None,
    /// A plain number (a count, a flag set).
    Count,
    /// An index into `consts`.
    Const,
    /// An index into `names`.
    Name,
    /// LOAD_GLOBAL's: an index into `names` shifted left by one, the low
    /// bit set when a NULL is pushed before the value (CPython 3.11's
    /// `NULL + name`).
    GlobalName,
    /// An index into `varnames` (a fast local).
    Local,
    /// An index into the frame slots (`CodeObject::localsplus_names`): a
    /// cell or free variable.
    Cell,
    /// A forward jump: target = next instruction + arg.
    JumpForward,
    /// A backward jump: target = next instruction − arg.
    JumpBackward,
    /// A binary operator ([`BinaryOp`]).
    BinaryOp,
    /// A comparison operator ([`CompareOp`]).
    Compare,
}

macro_rules! opcodes {
    (
        $( $(#[doc = $doc:literal])* $name:ident = $num:literal, $arg:ident, |$a:ident, $j:ident| $effect:expr; )*
        @specialized {
            $( $(#[doc = $sdoc:literal])* $sname:ident = $snum:literal => $base:ident; )*
        }
    ) => {
        /// A Taipan opcode. Variants keep CPython's spelling, which is
        /// what `dis` prints.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name = $num, )*
            $( $(#[doc = $sdoc])* $sname = $snum, )*
        }

        /// Every opcode of a code object (no specialised form), in
        /// numeric order of declaration.
        pub const ALL_OPCODES: &[Opcode] = &[$(Opcode::$name,)*];

        /// Every specialised form (PEP 659), which only the interpreter's
        /// quickened copy of a code object holds.
        pub const SPECIALIZED_OPCODES: &[Opcode] = &[$(Opcode::$sname,)*];

        /// A pattern matching every specialised form, for the matches
        /// over opcodes that handle them all alike (after the generic
        /// ones), so that they stay exhaustive.
        #[macro_export]
        macro_rules! specialized_opcodes {
            () => { $( $crate::opcode::Opcode::$sname )|* };
        }

        /// Byte → opcode, one table lookup per decoded instruction.
        static DECODE: [Option<Opcode>; 256] = DECODE_CONST;

        /// The smallest and largest bytes that are opcodes.
        const MIN_BYTE: u8 = {
            let mut i = 0;
            while DECODE_CONST[i].is_none() {
                i += 1;
            }
            i as u8
        };
        const MAX_BYTE: u8 = {
            let mut i = 255;
            while DECODE_CONST[i].is_none() {
                i -= 1;
            }
            i as u8
        };
        const DECODE_CONST: [Option<Opcode>; 256] = {
            let mut t = [None; 256];
            $( t[$num] = Some(Opcode::$name); )*
            $( t[$snum] = Some(Opcode::$sname); )*
            t
        };

        /// Byte → the generic opcode's byte (itself for a generic one).
        static BASE: [u8; 256] = {
            let mut t = [0u8; 256];
            let mut i = 0;
            while i < 256 {
                t[i] = i as u8;
                i += 1;
            }
            $( t[$snum] = Opcode::$base as u8; )*
            t
        };

        impl Opcode {
            /// Decodes a byte; `None` for bytes that are not opcodes.
            #[inline(always)]
            pub fn from_u8(b: u8) -> Option<Opcode> {
                DECODE[b as usize]
            }

            /// The opcode of byte `b` without the table lookup, for the
            /// interpreter's dispatch over verified code.
            ///
            /// # Safety
            /// `b` must be the number of an opcode (`from_u8(b)` is
            /// `Some`), as it is for every instruction of a code object
            /// that passed `verify::verify` and of its quickened copy.
            #[inline(always)]
            pub unsafe fn from_u8_unchecked(b: u8) -> Opcode {
                debug_assert!(DECODE[b as usize].is_some());
                // SAFETY: the caller promises `b` is an opcode's byte, and
                // every one is in this range. (Told to the compiler: the
                // dispatch that decodes with this is a little shorter.)
                unsafe { std::hint::assert_unchecked((MIN_BYTE..=MAX_BYTE).contains(&b)) };
                // SAFETY: `Opcode` is `repr(u8)` and the caller promises
                // `b` is one of its discriminants.
                unsafe { std::mem::transmute::<u8, Opcode>(b) }
            }

            /// The generic opcode a specialised form stands for (the
            /// opcode itself when it is generic): what `dis` shows without
            /// `adaptive`, what a de-specialised instruction goes back to.
            #[inline(always)]
            pub fn base(self) -> Opcode {
                // SAFETY: BASE maps every opcode's byte to an opcode's byte.
                unsafe { Opcode::from_u8_unchecked(BASE[self as usize]) }
            }

            /// [`Opcode::base`] on a raw byte of a quickened code object.
            #[inline(always)]
            pub fn base_byte(b: u8) -> u8 {
                BASE[b as usize]
            }

            /// Whether this is a specialised form.
            #[inline(always)]
            pub fn is_specialized(self) -> bool {
                BASE[self as usize] != self as u8
            }

            /// The name `dis` prints.
            pub fn name(self) -> &'static str {
                match self {
                    $( Opcode::$name => stringify!($name), )*
                    $( Opcode::$sname => stringify!($sname), )*
                }
            }

            /// How the argument is interpreted (a specialised form's is its
            /// generic opcode's).
            pub fn arg_kind(self) -> ArgKind {
                match self {
                    $( Opcode::$name => ArgKind::$arg, )*
                    $( Opcode::$sname => Opcode::$base.arg_kind(), )*
                }
            }

            /// The net change of the value-stack depth when the instruction
            /// executes with argument `arg`; `jump` selects the effect on
            /// the branch-taken path of conditional jumps.
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                let _ = (arg, jump);
                match self {
                    $( Opcode::$name => { let $a = arg as i32; let $j = jump; let _ = ($a, $j); $effect } )*
                    $( Opcode::$sname => Opcode::$base.stack_effect(arg, jump), )*
                }
            }

            /// The one-line meaning from the table.
            pub fn doc(self) -> &'static str {
                match self {
                    $( Opcode::$name => concat!($($doc),*).trim_start(), )*
                    $( Opcode::$sname => concat!($($sdoc),*).trim_start(), )*
                }
            }
        }
    };
}

opcodes! {
    /// CPython 3.11's inline-cache entry; Taipan keeps its caches beside
    /// the code, so no code object holds one (the verifier rejects it).
    /// Numbered here so that opcodes start at 0, as the interpreter's
    /// jump table does.
    CACHE = 0, None, |a, j| 0;
    /// Pops and discards the top of stack.
    POP_TOP = 1, None, |a, j| -1;
    /// Pushes NULL, the empty slot under a callable that is no method
    /// (CALL's layout).
    PUSH_NULL = 2, None, |a, j| 1;
    /// Does nothing (a placeholder kept for line numbers).
    NOP = 9, None, |a, j| 0;
    /// TOS = +TOS
    UNARY_POSITIVE = 10, None, |a, j| 0;
    /// TOS = -TOS
    UNARY_NEGATIVE = 11, None, |a, j| 0;
    /// TOS = not TOS
    UNARY_NOT = 12, None, |a, j| 0;
    /// TOS = ~TOS
    UNARY_INVERT = 15, None, |a, j| 0;
    /// Pushes len(TOS), TOS staying (sequence and mapping patterns).
    GET_LEN = 30, None, |a, j| 1;
    /// Pushes whether TOS is a mapping, TOS staying (`match`).
    MATCH_MAPPING = 31, None, |a, j| 1;
    /// Pushes whether TOS is a sequence (not str, bytes or bytearray),
    /// TOS staying (`match`).
    MATCH_SEQUENCE = 32, None, |a, j| 1;
    /// TOS is a tuple of keys, TOS1 the mapping subject (both stay):
    /// pushes the tuple of their values, or None if one is missing.
    MATCH_KEYS = 33, None, |a, j| 1;
    /// TOS = TOS.__aiter__() (`async for`).
    GET_AITER = 50, None, |a, j| 0;
    /// Pushes the awaitable of TOS.__anext__(), TOS staying.
    GET_ANEXT = 51, None, |a, j| 1;
    /// `async with`: replaces the manager TOS by its bound `__aexit__`
    /// and the result of its `__aenter__()`.
    BEFORE_ASYNC_WITH = 52, None, |a, j| 1;
    /// Handler of an `async for`'s `__anext__` await: StopAsyncIteration
    /// TOS ends the loop (popping it and the iterator), anything else is
    /// re-raised.
    END_ASYNC_FOR = 54, None, |a, j| -2;
    /// TOS = the iterator `await TOS` drives (the coroutine itself, or
    /// what `__await__` returns); arg 1/2 after `__aenter__`/`__aexit__`.
    GET_AWAITABLE = 73, Count, |a, j| 0;
    /// Handler entry: replaces the exception TOS by (the previously
    /// handled exception, TOS) and makes TOS the one being handled.
    PUSH_EXC_INFO = 35, None, |a, j| 1;
    /// TOS = isinstance(TOS1, TOS) for `except TOS:` (TOS1 stays).
    CHECK_EXC_MATCH = 36, None, |a, j| 0;
    /// `except* T`: pops T and the exception (group) below it; pushes the
    /// part that does not match (or the exception, when nothing does),
    /// then the matching part as a group, or None.
    CHECK_EG_MATCH = 37, None, |a, j| 0;
    /// TOS = TOS1[TOS]
    BINARY_SUBSCR = 25, None, |a, j| -1;
    /// Calls the `__exit__` four below TOS with the exception TOS; pushes
    /// its result.
    WITH_EXCEPT_START = 49, None, |a, j| 1;
    /// `with`: replaces the manager TOS by its bound `__exit__` and the
    /// result of `__enter__()`.
    BEFORE_WITH = 53, None, |a, j| 1;
    /// TOS1[TOS] = TOS2
    STORE_SUBSCR = 60, None, |a, j| -3;
    /// del TOS1[TOS]
    DELETE_SUBSCR = 61, None, |a, j| -2;
    /// TOS = iter(TOS)
    GET_ITER = 68, None, |a, j| 0;
    /// `yield from`: TOS becomes an iterator (generators stay as they are).
    GET_YIELD_FROM_ITER = 69, None, |a, j| 0;
    /// Pops TOS and passes it to `sys.displayhook` (an expression statement
    /// of code compiled for the interactive prompt, `compile(..., "single")`).
    PRINT_EXPR = 70, None, |a, j| -1;
    /// Pushes `__build_class__`, which a class statement calls.
    LOAD_BUILD_CLASS = 71, None, |a, j| 1;
    /// After the `except*` clauses: pops the list of what they raised or
    /// left unhandled and the original exception; pushes the exception to
    /// raise on (None: nothing).
    PREP_RERAISE_STAR = 88, None, |a, j| -1;
    /// Pushes `AssertionError` (for `assert`).
    LOAD_ASSERTION_ERROR = 74, None, |a, j| 1;
    /// Replaces the list TOS by a tuple of its items.
    LIST_TO_TUPLE = 82, None, |a, j| 0;
    /// Returns TOS to the caller.
    RETURN_VALUE = 83, None, |a, j| -1;
    /// `from TOS import *` into the namespace.
    IMPORT_STAR = 84, None, |a, j| -1;
    /// Makes `__annotations__` a dict in the current namespace (module or
    /// class body) unless it is one already.
    SETUP_ANNOTATIONS = 85, None, |a, j| 0;
    /// Suspends the generator, yielding TOS; resuming pushes the value sent.
    YIELD_VALUE = 86, None, |a, j| 0;
    /// Marks TOS, about to be yielded by an asynchronous generator, as a
    /// value of the generator (not an `await` passing through); the
    /// value itself is unchanged.
    ASYNC_GEN_WRAP = 87, None, |a, j| 0;
    /// Handler exit: pops the previously handled exception TOS and makes
    /// it the one being handled again.
    POP_EXCEPT = 89, None, |a, j| -1;
    /// names[arg] = TOS (module and class scopes)
    STORE_NAME = 90, Name, |a, j| -1;
    /// del names[arg]
    DELETE_NAME = 91, Name, |a, j| 0;
    /// Replaces TOS by its arg items, the first on top.
    UNPACK_SEQUENCE = 92, Count, |a, j| a - 1;
    /// Pushes next(TOS); when exhausted pops TOS and jumps forward by arg.
    FOR_ITER = 93, JumpForward, |a, j| if j { -1 } else { 1 };
    /// Replaces TOS by `arg & 0xff` items, a list of the rest, then
    /// `arg >> 8` items (`a, *b, c = seq`), the first on top.
    UNPACK_EX = 94, Count, |a, j| (a & 0xff) + (a >> 8);
    /// TOS.names[arg] = TOS1
    STORE_ATTR = 95, Name, |a, j| -2;
    /// del TOS.names[arg]
    DELETE_ATTR = 96, Name, |a, j| -1;
    /// global names[arg] = TOS
    STORE_GLOBAL = 97, Name, |a, j| -1;
    /// del global names[arg]
    DELETE_GLOBAL = 98, Name, |a, j| 0;
    /// Swaps TOS with the item arg-1 below it.
    SWAP = 99, Count, |a, j| 0;
    /// Pushes consts[arg].
    LOAD_CONST = 100, Const, |a, j| 1;
    /// Pushes the value of names[arg]: locals, then globals, then builtins.
    LOAD_NAME = 101, Name, |a, j| 1;
    /// Replaces the top arg items by a tuple of them.
    BUILD_TUPLE = 102, Count, |a, j| 1 - a;
    /// Replaces the top arg items by a list of them.
    BUILD_LIST = 103, Count, |a, j| 1 - a;
    /// Pushes a set of the arg values on the stack.
    BUILD_SET = 104, Count, |a, j| 1 - a;
    /// Replaces the top 2*arg items (key, value, …) by a dict.
    BUILD_MAP = 105, Count, |a, j| 1 - 2 * a;
    /// TOS = TOS.names[arg]
    LOAD_ATTR = 106, Name, |a, j| 0;
    /// TOS = TOS1 <cmp_op[arg]> TOS
    COMPARE_OP = 107, Compare, |a, j| -1;
    /// TOS = __import__(names[arg], fromlist=TOS, level=TOS1)
    IMPORT_NAME = 108, Name, |a, j| -1;
    /// Pushes TOS.names[arg] (from-import), keeping the module.
    IMPORT_FROM = 109, Name, |a, j| 1;
    /// Jumps forward by arg instructions.
    JUMP_FORWARD = 110, JumpForward, |a, j| 0;
    /// If TOS is false jump forward by arg keeping it, else pop it.
    JUMP_IF_FALSE_OR_POP = 111, JumpForward, |a, j| if j { 0 } else { -1 };
    /// If TOS is true jump forward by arg keeping it, else pop it.
    JUMP_IF_TRUE_OR_POP = 112, JumpForward, |a, j| if j { 0 } else { -1 };
    /// Pops TOS; jumps forward by arg if it was false.
    POP_JUMP_FORWARD_IF_FALSE = 114, JumpForward, |a, j| -1;
    /// Pops TOS; jumps forward by arg if it was true.
    POP_JUMP_FORWARD_IF_TRUE = 115, JumpForward, |a, j| -1;
    /// Pushes global names[arg >> 1] (globals, then builtins), after a
    /// NULL when arg & 1 (a callable about to be called).
    LOAD_GLOBAL = 116, GlobalName, |a, j| 1 + (a & 1);
    /// TOS = TOS1 is TOS (is not, if arg is 1)
    IS_OP = 117, Count, |a, j| -1;
    /// TOS = TOS1 in TOS (not in, if arg is 1)
    CONTAINS_OP = 118, Count, |a, j| -1;
    /// Re-raises the exception TOS, keeping its traceback.
    RERAISE = 119, Count, |a, j| -1;
    /// `yield from` step: sends TOS to the iterator TOS1; a yielded value
    /// replaces TOS, or the iterator's return value replaces both and the
    /// jump is taken.
    SEND = 123, JumpForward, |a, j| if j { -1 } else { 0 };
    /// Pushes a copy of the item arg-1 below TOS (COPY 1 duplicates TOS).
    COPY = 120, Count, |a, j| 1;
    /// TOS = TOS1 <binary op arg> TOS
    BINARY_OP = 122, BinaryOp, |a, j| -1;
    /// Pushes the fast local varnames[arg].
    LOAD_FAST = 124, Local, |a, j| 1;
    /// varnames[arg] = TOS
    STORE_FAST = 125, Local, |a, j| -1;
    /// del varnames[arg]
    DELETE_FAST = 126, Local, |a, j| 0;
    /// raise TOS (arg 1), or re-raise (arg 0); `raise TOS1 from TOS` (arg 2).
    RAISE_VARARGS = 130, Count, |a, j| -a;
    /// Makes a function from the code object TOS; below it, by flag: 0x08
    /// closure tuple, 0x02 keyword-only defaults dict, 0x01 defaults tuple.
    MAKE_FUNCTION = 132, Count, |a, j| -((a & 0xF).count_ones() as i32);
    /// Replaces the top arg (2 or 3) items by slice(start, stop[, step]).
    BUILD_SLICE = 133, Count, |a, j| 1 - a;
    /// Wraps frame slot arg (a parameter's value, or unbound) in a new cell.
    MAKE_CELL = 135, Cell, |a, j| 0;
    /// Pushes the cell in frame slot arg (to build a closure).
    LOAD_CLOSURE = 136, Cell, |a, j| 1;
    /// Pushes the contents of the cell in frame slot arg.
    LOAD_DEREF = 137, Cell, |a, j| 1;
    /// Stores TOS into the cell in frame slot arg.
    STORE_DEREF = 138, Cell, |a, j| -1;
    /// Empties the cell in frame slot arg.
    DELETE_DEREF = 139, Cell, |a, j| 0;
    /// Jumps back by arg instructions (a loop's back-edge).
    JUMP_BACKWARD = 140, JumpBackward, |a, j| 0;
    /// Prefixes the next instruction's argument with arg << 8.
    EXTENDED_ARG = 144, Count, |a, j| 0;
    /// `f(*TOS1)` (arg 0) or `f(*TOS1, **TOS)` (arg 1), f below them
    /// and a NULL below f.
    CALL_FUNCTION_EX = 142, Count, |a, j| -2 - (a & 1);
    /// list.append(stack[-arg], TOS), popping TOS (comprehensions).
    LIST_APPEND = 145, Count, |a, j| -1;
    /// set TOS1[-arg] .add(TOS) (set comprehensions).
    SET_ADD = 146, Count, |a, j| -1;
    /// dict[TOS1] = TOS, the dict arg below them (dict comprehensions).
    MAP_ADD = 147, Count, |a, j| -2;
    /// Class bodies: names[...] of the class namespace, else the cell in
    /// frame slot arg.
    LOAD_CLASSDEREF = 148, Cell, |a, j| 1;
    /// Copies the function's closure cells into the last arg frame slots.
    COPY_FREE_VARS = 149, Count, |a, j| 0;
    /// Marks the start of a code object (tracing, JIT counters).
    RESUME = 151, Count, |a, j| 0;
    /// TOS is a tuple of attribute names, TOS1 a class, TOS2 the subject:
    /// replaces the three by the tuple of the arg positional and the named
    /// attributes when the subject is an instance that has them, else None.
    MATCH_CLASS = 152, Count, |a, j| -2;
    /// Formats TOS (TOS1 with format spec TOS when arg & 4), converting
    /// it first by arg & 3: 1 str, 2 repr, 3 ascii.
    FORMAT_VALUE = 155, Count, |a, j| if a & 4 != 0 { -1 } else { 0 };
    /// Concatenates the arg strings on the stack into one.
    BUILD_STRING = 157, Count, |a, j| 1 - a;
    /// Replaces TOS by two values for the CALL that follows: the method
    /// names[arg] found on TOS's class and TOS itself (no bound method is
    /// made), or NULL and the attribute.
    LOAD_METHOD = 160, Name, |a, j| 1;
    /// list TOS1[-arg] .extend(TOS).
    LIST_EXTEND = 162, Count, |a, j| -1;
    /// set TOS1[-arg] .update(TOS) (`{*a}`).
    SET_UPDATE = 163, Count, |a, j| -1;
    /// Merges the mapping TOS into the dict arg below it, refusing
    /// duplicate keys (`f(**a, **b)`).
    DICT_MERGE = 164, Count, |a, j| -1;
    /// Updates the dict arg below TOS with the mapping TOS (`{**a}`).
    DICT_UPDATE = 165, Count, |a, j| -1;
    /// Precedes CALL with the same argument (CPython 3.11's shape of a
    /// call; the call is CALL's work here).
    PRECALL = 166, Count, |a, j| 0;
    /// Calls with the arg values on top: under them either NULL and the
    /// callable, or a method and its object (LOAD_METHOD's), which then
    /// goes first among the arguments; names of the trailing keyword
    /// arguments come from the preceding KW_NAMES.
    CALL = 171, Count, |a, j| -a - 1;
    /// Sets the keyword names (consts[arg], a tuple of str) for the next CALL.
    KW_NAMES = 172, Const, |a, j| 0;

    @specialized {
        /// LOAD_ATTR of an instance attribute: the class's version and the
        /// instance's shape as cached, the value read at the cached index.
        LOAD_ATTR_INSTANCE_VALUE = 180 => LOAD_ATTR;
        /// LOAD_ATTR of a module's attribute: the module dict's version as
        /// cached, the value read at the cached entry.
        LOAD_ATTR_MODULE = 217 => LOAD_ATTR;
        /// LOAD_ATTR of a plain value on the instance's class
        /// (`self.LIMIT`), not shadowed by the instance (class version and
        /// shape as cached).
        LOAD_ATTR_CLASS = 223 => LOAD_ATTR;
        /// LOAD_ATTR of a property whose getter is a Python function: the
        /// getter called on the frame stack (class version as cached).
        LOAD_ATTR_PROPERTY = 224 => LOAD_ATTR;
        /// LOAD_METHOD of a module's attribute (`math.sqrt(x)`), likewise.
        LOAD_METHOD_MODULE = 218 => LOAD_METHOD;
        /// STORE_ATTR replacing an instance attribute at the cached index
        /// (class version and shape as cached).
        STORE_ATTR_INSTANCE_VALUE = 182 => STORE_ATTR;
        /// LOAD_METHOD of a function on the instance's class, not shadowed
        /// by the instance (class version and shape as cached).
        LOAD_METHOD_WITH_VALUES = 183 => LOAD_METHOD;
        /// LOAD_METHOD on a class of a function, staticmethod or
        /// classmethod in its dict or a base's (`C.make()`; the class's
        /// version as cached).
        LOAD_METHOD_CLASS = 226 => LOAD_METHOD;
        /// LOAD_METHOD of a built-in type's method on a value of that type.
        LOAD_METHOD_NO_DICT = 184 => LOAD_METHOD;
        /// LOAD_GLOBAL found in the module's globals (their version as cached).
        LOAD_GLOBAL_MODULE = 185 => LOAD_GLOBAL;
        /// LOAD_GLOBAL found in the builtins (both dicts' versions as cached).
        LOAD_GLOBAL_BUILTIN = 186 => LOAD_GLOBAL;
        /// BINARY_OP (not in place) on two instances of one class whose
        /// special method for it is a Python function: the generic form
        /// in the interpreter, its class and function recorded for the
        /// JIT (`RtCode::binary_sites`), which calls the method directly.
        BINARY_OP_INSTANCE = 228 => BINARY_OP;
        /// BINARY_OP `+` on two ints that does not overflow.
        BINARY_OP_ADD_INT = 187 => BINARY_OP;
        /// BINARY_OP `-` on two ints that does not overflow.
        BINARY_OP_SUBTRACT_INT = 188 => BINARY_OP;
        /// BINARY_OP `*` on two ints that does not overflow.
        BINARY_OP_MULTIPLY_INT = 189 => BINARY_OP;
        /// BINARY_OP `+` on two floats.
        BINARY_OP_ADD_FLOAT = 190 => BINARY_OP;
        /// BINARY_OP `-` on two floats.
        BINARY_OP_SUBTRACT_FLOAT = 191 => BINARY_OP;
        /// BINARY_OP `*` on two floats.
        BINARY_OP_MULTIPLY_FLOAT = 192 => BINARY_OP;
        /// BINARY_OP `+` on two strs.
        BINARY_OP_ADD_UNICODE = 193 => BINARY_OP;
        /// BINARY_OP on two ints, for the other operators with a machine
        /// fast path (`//`, `%`, `&`, `|`, `^`, `/`).
        BINARY_OP_INT = 213 => BINARY_OP;
        /// BINARY_OP on a float and a float or an int, for the other
        /// operators with a machine fast path (`/`, `**`) and mixed `+ - *`.
        BINARY_OP_FLOAT = 214 => BINARY_OP;
        /// COMPARE_OP on two ints.
        COMPARE_OP_INT = 194 => COMPARE_OP;
        /// COMPARE_OP on two floats.
        COMPARE_OP_FLOAT = 195 => COMPARE_OP;
        /// COMPARE_OP `==` / `!=` on two strs.
        COMPARE_OP_STR = 196 => COMPARE_OP;
        /// BINARY_SUBSCR of a list by an int in range.
        BINARY_SUBSCR_LIST_INT = 197 => BINARY_SUBSCR;
        /// BINARY_SUBSCR of a tuple by an int in range.
        BINARY_SUBSCR_TUPLE_INT = 198 => BINARY_SUBSCR;
        /// BINARY_SUBSCR of a dict by a str or int key it holds.
        BINARY_SUBSCR_DICT = 199 => BINARY_SUBSCR;
        /// STORE_SUBSCR into a list by an int in range.
        STORE_SUBSCR_LIST_INT = 200 => STORE_SUBSCR;
        /// STORE_SUBSCR into a dict by a str or int key.
        STORE_SUBSCR_DICT = 227 => STORE_SUBSCR;
        /// UNPACK_SEQUENCE of a tuple of two.
        UNPACK_SEQUENCE_TWO_TUPLE = 201 => UNPACK_SEQUENCE;
        /// UNPACK_SEQUENCE of a tuple of the right length.
        UNPACK_SEQUENCE_TUPLE = 202 => UNPACK_SEQUENCE;
        /// UNPACK_SEQUENCE of a list of the right length.
        UNPACK_SEQUENCE_LIST = 203 => UNPACK_SEQUENCE;
        /// FOR_ITER over an iterator of a built-in container or range.
        FOR_ITER_BUILTIN = 204 => FOR_ITER;
        /// FOR_ITER over a range: the next int computed inline (and
        /// stored straight into the local when a STORE_FAST follows).
        FOR_ITER_RANGE = 219 => FOR_ITER;
        /// FOR_ITER over a list: the item at the iterator's index.
        FOR_ITER_LIST = 220 => FOR_ITER;
        /// FOR_ITER over a tuple: the item at the iterator's index.
        FOR_ITER_TUPLE = 221 => FOR_ITER;
        /// CALL of a Python function whose parameters are exactly the
        /// arguments (with the object, after LOAD_METHOD): a new frame on
        /// the frame stack.
        CALL_PY_EXACT_ARGS = 205 => CALL;
        /// CALL of a Python function given its first parameters, the rest
        /// from its defaults.
        CALL_PY_WITH_DEFAULTS = 206 => CALL;
        /// CALL of a bound method whose function is a Python function
        /// taking the receiver and exactly the arguments.
        CALL_BOUND_METHOD_EXACT_ARGS = 225 => CALL;
        /// CALL of a built-in function with positional arguments, passed
        /// in place (also one found as an attribute: `math.sqrt(x)`).
        CALL_BUILTIN_FAST = 207 => CALL;
        /// CALL of the built-in `len` with one argument: the length of a
        /// list, tuple, str or dict read inline.
        CALL_NO_KW_LEN = 215 => CALL;
        /// CALL of the built-in `isinstance` with two arguments.
        CALL_NO_KW_ISINSTANCE = 216 => CALL;
        /// CALL of `type` with one argument.
        CALL_NO_KW_TYPE_1 = 208 => CALL;
        /// CALL of a plain class whose `__init__` is a Python function:
        /// the instance made here, `__init__` run on the frame stack.
        CALL_ALLOC_AND_ENTER_INIT = 209 => CALL;
        /// CALL of a built-in type's method (`s.upper()`) or a native
        /// type's, after LOAD_METHOD, the object and arguments passed in
        /// place (CPython 3.12's name).
        CALL_NO_KW_METHOD_DESCRIPTOR_FAST = 211 => CALL;
        /// CALL of `list.append` on a list with one argument, after
        /// LOAD_METHOD: the item pushed inline (CPython 3.12's name).
        CALL_NO_KW_LIST_APPEND = 222 => CALL;
    }
}

/// `cmp_op`: the comparison of COMPARE_OP, by argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOp {
    /// All comparisons in argument order.
    pub const ALL: [CompareOp; 6] = [
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Gt,
        CompareOp::Ge,
    ];

    /// Decodes a COMPARE_OP argument.
    pub fn from_arg(arg: u32) -> Option<CompareOp> {
        CompareOp::ALL.get(arg as usize).copied()
    }

    /// The operator's spelling.
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }

    /// Whether `a OP b` holds for values with a (partial) order.
    #[inline(always)]
    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            CompareOp::Lt => a < b,
            CompareOp::Le => a <= b,
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
            CompareOp::Gt => a > b,
            CompareOp::Ge => a >= b,
        }
    }
}

/// The operator of BINARY_OP (CPython's `NB_*` numbering); the in-place
/// forms are the binary ones plus [`BinaryOp::INPLACE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
}

impl BinaryOp {
    /// Added to an operator's number for its in-place (`+=`) form.
    pub const INPLACE: u32 = 13;

    const ALL: [BinaryOp; 13] = [
        BinaryOp::Add,
        BinaryOp::And,
        BinaryOp::FloorDivide,
        BinaryOp::Lshift,
        BinaryOp::MatrixMultiply,
        BinaryOp::Multiply,
        BinaryOp::Remainder,
        BinaryOp::Or,
        BinaryOp::Power,
        BinaryOp::Rshift,
        BinaryOp::Subtract,
        BinaryOp::TrueDivide,
        BinaryOp::Xor,
    ];

    /// Decodes a BINARY_OP argument: the operator and whether it is in-place.
    pub fn from_arg(arg: u32) -> Option<(BinaryOp, bool)> {
        let inplace = arg >= Self::INPLACE;
        let base = if inplace { arg - Self::INPLACE } else { arg };
        Self::ALL.get(base as usize).map(|&op| (op, inplace))
    }

    /// The operator's spelling (`+`, `//`, …).
    pub fn symbol(self) -> &'static str {
        [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
        ][self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opcode_round_trips_through_its_byte() {
        let mut decoded = 0;
        for b in 0..=255u8 {
            if let Some(op) = Opcode::from_u8(b) {
                assert_eq!(op as u8, b);
                assert!(!op.name().is_empty());
                assert!(!op.doc().is_empty(), "{} has no doc line", op.name());
                decoded += 1;
            }
        }
        assert_eq!(decoded, ALL_OPCODES.len() + SPECIALIZED_OPCODES.len());
    }

    #[test]
    fn specialised_forms_share_their_generic_opcode_s_argument_and_effect() {
        for &op in SPECIALIZED_OPCODES {
            let base = op.base();
            assert!(op.is_specialized() && !base.is_specialized());
            assert_eq!(Opcode::base_byte(op as u8), base as u8);
            assert_eq!(op.arg_kind(), base.arg_kind());
            for arg in 0..4 {
                assert_eq!(op.stack_effect(arg, false), base.stack_effect(arg, false));
                assert_eq!(op.stack_effect(arg, true), base.stack_effect(arg, true));
            }
        }
        for &op in ALL_OPCODES {
            assert_eq!(op.base(), op);
            assert!(!op.is_specialized());
        }
    }

    #[test]
    fn operator_arguments_decode() {
        assert_eq!(BinaryOp::from_arg(0), Some((BinaryOp::Add, false)));
        assert_eq!(
            BinaryOp::from_arg(13 + 10),
            Some((BinaryOp::Subtract, true))
        );
        assert_eq!(BinaryOp::from_arg(26), None);
        assert_eq!(CompareOp::from_arg(4).map(CompareOp::symbol), Some(">"));
        assert!(CompareOp::Le.holds(2, 2) && !CompareOp::Lt.holds(2, 2));
        assert!(!CompareOp::Eq.holds(f64::NAN, f64::NAN) && CompareOp::Ne.holds(f64::NAN, 1.0));
        assert_eq!(Opcode::FOR_ITER.stack_effect(3, true), -1);
        assert_eq!(Opcode::BUILD_MAP.stack_effect(2, false), -3);
    }
}

//! The hot loop's specialised subscript and unpacking forms
//! (`BINARY_SUBSCR_DICT`, `STORE_SUBSCR_DICT`, `STORE_SUBSCR_LIST_INT`,
//! `UNPACK_SEQUENCE_*`), each the body of its arm in `vm::eval_loop`:
//! macros because they use that loop's stack macros (`push!`, `pop!`,
//! `peek!`, `bail!`) and its `miss!` / `generic!` exits, and continue its
//! dispatch loop (whose label is passed in). Kept apart so that the loop
//! itself stays readable; the code they expand to is the loop's.

// `d[k]` on a dict with a str or int key (BINARY_SUBSCR_DICT): the item,
// or the generic form for a missing key (`__missing__`, KeyError).
macro_rules! binary_subscr_dict {
    ($dispatch:lifetime) => {{
        let item = match peek!(2).as_obj() {
            Some(Object::Dict(d)) => match d.borrow().get_simple(peek!(1)) {
                Some(item) => item,
                None => miss!($dispatch),
            },
            _ => miss!($dispatch),
        };
        subscr_result!($dispatch, item)
    }};
}

// `d[k] = v` on a dict with a str or int key (STORE_SUBSCR_DICT).
macro_rules! store_subscr_dict {
    ($dispatch:lifetime) => {{
        // Stack: value, dict, key (top).
        let stored = match (peek!(2).as_obj(), peek!(1)) {
            (Some(Object::Dict(d)), k) if crate::object::dict::Dict::is_simple_key(k) => {
                match d.try_borrow_mut() {
                    Ok(mut map) => Some(map.insert(k.clone(), peek!(3).clone())),
                    Err(_) => None,
                }
            }
            _ => miss!($dispatch),
        };
        match stored {
            Some(Ok(old)) => {
                drop(pop!());
                drop(pop!());
                drop(pop!());
                // (Released after the dict's borrow ended.)
                drop(old);
                true
            }
            Some(Err(e)) => bail!(e),
            None => generic!($dispatch),
        }
    }};
}

// `lst[i] = v` (STORE_SUBSCR_LIST_INT): an index out of range goes to
// the generic form, which raises.
macro_rules! store_subscr_list_int_arm {
    ($dispatch:lifetime; $sp:ident) => {{
        if store_list_int!($sp) {
            true
        } else if matches!(
            (peek!(2).as_obj(), peek!(1)),
            (Some(Object::List(_)), Value::Int(_))
        ) {
            // Out of range: the generic form raises.
            generic!($dispatch)
        } else {
            miss!($dispatch)
        }
    }};
}

// UNPACK_SEQUENCE_TWO_TUPLE / _TUPLE / _LIST (`$op`) of `$arg` items:
// the items pushed last first, when the sequence is of the form's kind
// and length; otherwise a miss.
macro_rules! unpack_sequence_arm {
    ($dispatch:lifetime, $op:ident, $arg:ident) => {{
        let n = $arg as usize;
        let fits = match ($op, peek!(1).as_obj()) {
            (Opcode::UNPACK_SEQUENCE_LIST, Some(Object::List(l))) => l.borrow().len() == n,
            (
                Opcode::UNPACK_SEQUENCE_TWO_TUPLE | Opcode::UNPACK_SEQUENCE_TUPLE,
                Some(Object::Tuple(t)),
            ) => t.len() == n,
            _ => false,
        };
        if !fits {
            miss!($dispatch)
        }
        let seq = pop!();
        // (Cloning an item runs no code; the stack slots
        // written are above the popped sequence's.)
        match seq.as_obj() {
            Some(Object::List(l)) => {
                for v in l.borrow().iter().rev() {
                    push!(v.clone());
                }
            }
            Some(Object::Tuple(t)) => {
                for v in t.iter().rev() {
                    push!(v.clone());
                }
            }
            _ => {}
        }
        drop(seq);
        true
    }};
}

pub(crate) use {
    binary_subscr_dict, store_subscr_dict, store_subscr_list_int_arm, unpack_sequence_arm,
};

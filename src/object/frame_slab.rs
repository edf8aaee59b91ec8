//! Frame memory: the per-thread data stack that Python frames' locals
//! and value stacks are carved from, and [`Slab`], one frame's block of
//! it.
//!
//! A call takes the next block of the interpreter's [`DataStack`] (a
//! bump of its top) and a return gives it back (the top moves down), as
//! CPython 3.11's `_PyThreadState_PushFrame` does with its chunked data
//! stack: the frames of a call chain lie next to each other in memory,
//! a call costs no allocator call at any depth, and nothing is pooled.
//! The stack grows by chunks that never move, so a block's address is
//! fixed for its life. A generator's frame outlives the call that made
//! it, so its slab moves to a heap block of its own
//! ([`Slab::into_heap`]), as CPython copies a generator's frame into the
//! generator object.
//!
//! Blocks are normally given back newest first. One given back out of
//! order (a frame kept past a newer one) is marked dead and reclaimed
//! when the blocks above it are; nothing is ever freed twice or early.

use crate::object::value::Value;
use std::mem::{ManuallyDrop, MaybeUninit};
use std::ptr::{self, NonNull};

/// How many values a chunk of the data stack holds unless a frame needs
/// more (64 KiB).
const CHUNK_VALUES: usize = 4096;

/// The record before each block: the block below it (newest first) and
/// whether it was given back out of order.
#[repr(C)]
struct Header {
    prev: *mut Header,
    chunk: u32,
    dead: bool,
}

/// Value-sized slots a header takes.
const HEADER_SLOTS: usize = std::mem::size_of::<Header>().div_ceil(std::mem::size_of::<Value>());

/// Byte offsets of the data stack's, a block header's and a slab's
/// fields, for compiled code that carves and gives back a callee's block
/// itself (`jit::call_layout`), as [`DataStack::slab`] and
/// [`DataStack::free`]'s common case do.
#[cfg(feature = "jit")]
pub(crate) struct JitLayout {
    pub ds_top: usize,
    pub ds_limit: usize,
    pub ds_last: usize,
    pub ds_current: usize,
    pub ds_dead: usize,
    pub header_prev: usize,
    pub header_chunk: usize,
    pub header_dead: usize,
    /// The bytes a header takes before its block.
    pub header_bytes: usize,
    pub slab_block: usize,
    pub slab_len: usize,
    pub slab_cap: usize,
    pub slab_home: usize,
    pub slab_size: usize,
}

/// See [`JitLayout`].
#[cfg(feature = "jit")]
pub(crate) fn jit_layout() -> JitLayout {
    use std::mem::{offset_of, size_of};
    JitLayout {
        ds_top: offset_of!(DataStack, top),
        ds_limit: offset_of!(DataStack, limit),
        ds_last: offset_of!(DataStack, last),
        ds_current: offset_of!(DataStack, current),
        ds_dead: offset_of!(DataStack, dead),
        header_prev: offset_of!(Header, prev),
        header_chunk: offset_of!(Header, chunk),
        header_dead: offset_of!(Header, dead),
        header_bytes: HEADER_SLOTS * size_of::<Value>(),
        slab_block: offset_of!(Slab, block),
        slab_len: offset_of!(Slab, len),
        slab_cap: offset_of!(Slab, cap),
        slab_home: offset_of!(Slab, home),
        slab_size: size_of::<Slab>(),
    }
}

/// The per-interpreter (per-thread) stack of frame blocks.
pub struct DataStack {
    /// The chunks, oldest first; those after `current` are empty.
    chunks: Vec<Box<[MaybeUninit<Value>]>>,
    /// The chunk blocks are being carved from.
    current: usize,
    /// The next free slot of `chunks[current]`, and its end.
    top: *mut MaybeUninit<Value>,
    limit: *mut MaybeUninit<Value>,
    /// The newest block's header (null when none is in use).
    last: *mut Header,
    /// How many blocks were given back out of order and wait for those
    /// above them.
    dead: usize,
}

impl DataStack {
    /// An empty stack: its first chunk is made by the first frame.
    pub fn new() -> Box<DataStack> {
        Box::new(DataStack {
            chunks: Vec::new(),
            current: 0,
            top: ptr::null_mut(),
            limit: ptr::null_mut(),
            last: ptr::null_mut(),
            dead: 0,
        })
    }

    /// Whether any block is in use.
    pub fn in_use(&self) -> bool {
        !self.last.is_null()
    }

    /// A new empty slab with room for `cap` values, on this stack.
    #[inline(always)]
    pub fn slab(&mut self, cap: usize) -> Slab {
        let need = cap + HEADER_SLOTS;
        if (self.limit as usize - self.top as usize) / std::mem::size_of::<Value>() < need {
            self.next_chunk(need);
        }
        let header = self.top as *mut Header;
        // SAFETY: `top .. top + need` is free space of the current chunk
        // (checked above, or `next_chunk` made it so); the header slot is
        // aligned for a `Header` (a `Value`'s alignment is at least its).
        unsafe {
            header.write(Header {
                prev: self.last,
                chunk: self.current as u32,
                dead: false,
            });
            self.last = header;
            let block = self.top.add(HEADER_SLOTS) as *mut Value;
            self.top = self.top.add(need);
            Slab {
                // SAFETY: inside a chunk: not null.
                block: NonNull::new_unchecked(block),
                len: 0,
                cap,
                home: self,
            }
        }
    }

    /// Moves carving to a chunk after the current one with room for
    /// `need` slots (the chunks after the current one are all free).
    #[cold]
    #[inline(never)]
    fn next_chunk(&mut self, need: usize) {
        let next = if self.chunks.is_empty() {
            0
        } else {
            self.current + 1
        };
        if self.chunks.get(next).is_none_or(|c| c.len() < need) {
            self.chunks.truncate(next);
            let size = need.max(CHUNK_VALUES);
            self.chunks
                .push((0..size).map(|_| MaybeUninit::uninit()).collect());
        }
        self.current = next;
        let chunk = &mut self.chunks[next];
        self.top = chunk.as_mut_ptr();
        // SAFETY: one past the end of the chunk's allocation.
        self.limit = unsafe { self.top.add(chunk.len()) };
    }

    /// Gives back the block at `block` (its values already released).
    ///
    /// # Safety
    /// `block` is a block of this stack, in use, given back once.
    #[inline(always)]
    unsafe fn free(&mut self, block: *mut Value) {
        // SAFETY: a block's header is the slots just before it.
        let header = unsafe { (block as *mut MaybeUninit<Value>).sub(HEADER_SLOTS) } as *mut Header;
        // The common case: the newest block, in the current chunk, no
        // block given back out of order below it.
        // SAFETY: the header of a block in use.
        if header == self.last
            && self.dead == 0
            && unsafe { (*header).chunk } == self.current as u32
        {
            self.top = header as *mut MaybeUninit<Value>;
            // SAFETY: as above.
            self.last = unsafe { (*header).prev };
            return;
        }
        // SAFETY: as the caller promised.
        unsafe { self.free_slow(header) }
    }

    /// `free` in full: a block given back out of order is marked dead;
    /// the newest one takes the dead ones below it along, across chunks.
    ///
    /// # Safety
    /// As `free`, `header` being the block's header.
    #[cold]
    #[inline(never)]
    unsafe fn free_slow(&mut self, mut header: *mut Header) {
        if header != self.last {
            // SAFETY: the header of a block in use.
            unsafe { (*header).dead = true };
            self.dead += 1;
            return;
        }
        loop {
            // SAFETY: `header` is the newest block's; the blocks it links
            // to are older blocks still recorded.
            unsafe {
                if (*header).chunk as usize != self.current {
                    self.current = (*header).chunk as usize;
                    // Chunks two past the current one go (one is kept
                    // spare, so a call chain going to and fro across a
                    // chunk's end does not allocate each time).
                    self.chunks.truncate(self.current + 2);
                    let chunk = &mut self.chunks[self.current];
                    self.limit = chunk.as_mut_ptr().add(chunk.len());
                }
                self.top = header as *mut MaybeUninit<Value>;
                self.last = (*header).prev;
                if self.last.is_null() || !(*self.last).dead {
                    return;
                }
                self.dead -= 1;
                header = self.last;
            }
        }
    }

    /// Grows the newest block, `block`, to `cap` values in place when the
    /// chunk has room.
    fn grow_in_place(&mut self, block: *mut Value, cap: usize) -> bool {
        // SAFETY: as in `free`.
        let header = unsafe { (block as *mut MaybeUninit<Value>).sub(HEADER_SLOTS) } as *mut Header;
        // (The newest block may lie in an earlier chunk than the current
        // one, right after the current one's first block was given back:
        // then `limit` is not its chunk's end.)
        // SAFETY: the header of a block in use.
        if header != self.last
            || unsafe { (*header).chunk } as usize != self.current
            || (self.limit as usize - block as usize) / std::mem::size_of::<Value>() < cap
        {
            return false;
        }
        // SAFETY: inside the current chunk (checked).
        self.top = unsafe { (block as *mut MaybeUninit<Value>).add(cap) };
        true
    }
}

/// The interpreter's data stack, owned: freed with the interpreter
/// unless a block is still in use (then kept, so that no slab's block
/// ever dangles).
#[repr(transparent)]
pub struct OwnedDataStack(*mut DataStack);

impl OwnedDataStack {
    pub fn new() -> OwnedDataStack {
        OwnedDataStack(Box::into_raw(DataStack::new()))
    }
}

impl Default for OwnedDataStack {
    fn default() -> OwnedDataStack {
        OwnedDataStack::new()
    }
}

impl std::ops::Deref for OwnedDataStack {
    type Target = DataStack;
    #[inline(always)]
    fn deref(&self) -> &DataStack {
        // SAFETY: the box is alive while `self` is.
        unsafe { &*self.0 }
    }
}

impl std::ops::DerefMut for OwnedDataStack {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut DataStack {
        // SAFETY: as for `deref`; borrowed through `self`.
        unsafe { &mut *self.0 }
    }
}

impl Drop for OwnedDataStack {
    fn drop(&mut self) {
        if !self.in_use() {
            // SAFETY: made by `Box::into_raw`, dropped once.
            drop(unsafe { Box::from_raw(self.0) });
        }
    }
}

/// A frame's values: its locals, then its value stack, in one block of
/// memory that a `Vec<Value>` would be, without the allocator — a block
/// of the interpreter's [`DataStack`] or, for a generator's frame (and a
/// frame that outgrew its block), of the heap.
pub struct Slab {
    block: NonNull<Value>,
    len: usize,
    cap: usize,
    /// The data stack the block is on; null for a heap block.
    home: *mut DataStack,
}

impl Default for Slab {
    /// An empty slab with no block.
    fn default() -> Slab {
        Slab::with_heap_capacity(0)
    }
}

impl Slab {
    /// The block's first slot.
    #[inline(always)]
    fn p(&self) -> *mut Value {
        self.block.as_ptr()
    }

    /// An empty slab on a heap block of `cap` values.
    pub fn with_heap_capacity(cap: usize) -> Slab {
        let mut v = ManuallyDrop::new(Vec::<Value>::with_capacity(cap));
        Slab {
            // (A `Vec`'s pointer is never null.)
            block: NonNull::new(v.as_mut_ptr()).unwrap_or(NonNull::dangling()),
            len: 0,
            cap: v.capacity(),
            home: ptr::null_mut(),
        }
    }

    /// This slab with its values moved to a heap block of the same
    /// capacity (a generator's frame, which outlives its call).
    pub fn into_heap(self) -> Slab {
        if self.home.is_null() {
            return self;
        }
        let mut slab = self;
        let cap = slab.cap;
        slab.move_to_heap(cap);
        slab
    }

    /// Moves the values to a new heap block of `cap` (≥ `len`) values,
    /// giving the old block back.
    fn move_to_heap(&mut self, cap: usize) {
        let mut moved = Slab::with_heap_capacity(cap);
        // SAFETY: the `len` values move to the new block, which has room;
        // the old block is then given back without them, and `self`
        // takes the new one (the old slab is not dropped).
        unsafe {
            ptr::copy_nonoverlapping(self.p(), moved.p(), self.len);
            moved.len = self.len;
            self.len = 0;
            self.free_block();
            ptr::write(self, moved);
        }
    }

    /// Gives the block back (its values must be released or moved).
    ///
    /// # Safety
    /// Called once, as the slab ends.
    #[inline(always)]
    unsafe fn free_block(&mut self) {
        if self.home.is_null() {
            // SAFETY: a heap block is a `Vec`'s allocation of `cap` values.
            drop(unsafe { Vec::from_raw_parts(self.p(), 0, self.cap) });
        } else {
            // SAFETY: the data stack outlives its blocks (`Vm` keeps it
            // while any is in use) and this block is in use.
            unsafe { (*self.home).free(self.p()) };
        }
    }

    /// Ends the slab (as dropping it does), always inlined: a Python
    /// call's return.
    #[inline(always)]
    pub fn release(self) {
        let mut slab = ManuallyDrop::new(self);
        slab.clear();
        // SAFETY: the slab ends here (it is not dropped again).
        unsafe { slab.free_block() };
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.cap
    }

    #[inline(always)]
    pub fn as_ptr(&self) -> *const Value {
        self.p()
    }

    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut Value {
        self.p()
    }

    #[inline(always)]
    pub fn as_slice(&self) -> &[Value] {
        self
    }

    /// Sets the number of values held.
    ///
    /// # Safety
    /// As `Vec::set_len`: `len ≤ capacity`, and the first `len` slots
    /// initialised.
    #[inline(always)]
    pub unsafe fn set_len(&mut self, len: usize) {
        debug_assert!(len <= self.cap);
        self.len = len;
    }

    /// Makes room for `additional` more values.
    #[inline(always)]
    pub fn reserve(&mut self, additional: usize) {
        if self.cap - self.len < additional {
            self.grow(self.len + additional);
        }
    }

    /// Moves the values to a block of at least `need` values: the same
    /// block extended when it is the data stack's newest, else a heap
    /// block.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, need: usize) {
        let cap = need.max(self.cap * 2).max(8);
        // SAFETY: `home` is the live data stack of this block.
        if !self.home.is_null() && unsafe { (*self.home).grow_in_place(self.p(), cap) } {
            self.cap = cap;
            return;
        }
        self.move_to_heap(cap);
    }

    #[inline(always)]
    pub fn push(&mut self, v: Value) {
        if self.len == self.cap {
            self.grow(self.len + 1);
        }
        // SAFETY: `len < cap`: the slot is allocated and unused.
        unsafe { self.p().add(self.len).write(v) };
        self.len += 1;
    }

    #[inline(always)]
    pub fn pop(&mut self) -> Option<Value> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: the slot held a value, which the caller now owns.
        Some(unsafe { self.p().add(self.len).read() })
    }

    /// Releases the values from `len` on.
    #[inline(always)]
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let tail = self.len - len;
        self.len = len;
        // SAFETY: the `tail` values past the new length are initialised
        // and no longer counted.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.p().add(len), tail)) };
    }

    #[inline(always)]
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    // (`split_off`, `extend_from_slice`, `extend` and `resize` are kept
    // out of line: the hot loop reaches them only on rare paths, and
    // their code inlined there would crowd its registers.)

    /// The values from `at` on, moved out into a `Vec`.
    #[inline(never)]
    pub fn split_off(&mut self, at: usize) -> Vec<Value> {
        assert!(at <= self.len, "split_off past the end of a frame slab");
        let n = self.len - at;
        let mut out = Vec::with_capacity(n);
        // SAFETY: the `n` values move to `out`, which has room; the slab
        // stops counting them.
        unsafe {
            ptr::copy_nonoverlapping(self.p().add(at), out.as_mut_ptr(), n);
            out.set_len(n);
        }
        self.len = at;
        out
    }

    #[inline(never)]
    pub fn extend_from_slice(&mut self, values: &[Value]) {
        self.reserve(values.len());
        for v in values {
            self.push(v.clone());
        }
    }

    #[inline(never)]
    pub fn extend<I: IntoIterator<Item = Value>>(&mut self, values: I) {
        let values = values.into_iter();
        self.reserve(values.size_hint().0);
        for v in values {
            self.push(v);
        }
    }

    /// Truncates to `len`, or fills up to it with `fill`.
    #[inline(never)]
    pub fn resize(&mut self, len: usize, fill: Value) {
        if len <= self.len {
            self.truncate(len);
            return;
        }
        self.reserve(len - self.len);
        while self.len < len {
            self.push(fill.clone());
        }
    }
}

impl std::ops::Deref for Slab {
    type Target = [Value];
    #[inline(always)]
    fn deref(&self) -> &[Value] {
        // SAFETY: the first `len` slots are initialised values.
        unsafe { std::slice::from_raw_parts(self.p(), self.len) }
    }
}

impl std::ops::DerefMut for Slab {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Value] {
        // SAFETY: as for `deref`, borrowed mutably through `self`.
        unsafe { std::slice::from_raw_parts_mut(self.p(), self.len) }
    }
}

impl Drop for Slab {
    #[inline]
    fn drop(&mut self) {
        self.clear();
        // SAFETY: the slab ends here.
        unsafe { self.free_block() };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(s: &Slab) -> Vec<i64> {
        s.iter()
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => -1,
            })
            .collect()
    }

    #[test]
    fn blocks_are_contiguous_and_given_back_newest_first() {
        let mut ds = DataStack::new();
        let mut a = ds.slab(4);
        a.push(Value::Int(1));
        let b = ds.slab(4);
        // The next block starts right after the first and its header.
        assert_eq!(
            b.as_ptr() as usize - a.as_ptr() as usize,
            (4 + HEADER_SLOTS) * 16
        );
        let b_at = b.as_ptr();
        drop(b);
        let c = ds.slab(4);
        assert_eq!(c.as_ptr(), b_at);
        drop(c);
        drop(a);
        assert!(!ds.in_use());
    }

    #[test]
    fn out_of_order_blocks_are_reclaimed_with_the_newer_ones() {
        let mut ds = DataStack::new();
        let a = ds.slab(4);
        let a_at = a.as_ptr();
        let b = ds.slab(4);
        drop(a);
        assert!(ds.in_use());
        let c = ds.slab(4);
        assert!(c.as_ptr() > b.as_ptr());
        drop(c);
        drop(b);
        assert!(!ds.in_use());
        assert_eq!(ds.slab(4).as_ptr(), a_at);
    }

    #[test]
    fn frames_larger_than_a_chunk_and_chunk_crossings() {
        let mut ds = DataStack::new();
        let mut held = Vec::new();
        for i in 0..100 {
            let mut s = ds.slab(100);
            s.push(Value::Int(i));
            held.push(s);
        }
        let mut big = ds.slab(CHUNK_VALUES * 2);
        big.resize(CHUNK_VALUES * 2, Value::Int(7));
        assert_eq!(big.len(), CHUNK_VALUES * 2);
        drop(big);
        for (i, s) in held.iter().enumerate() {
            assert_eq!(ints(s), vec![i as i64]);
        }
        while let Some(s) = held.pop() {
            drop(s);
        }
        assert!(!ds.in_use());
    }

    #[test]
    fn growth_in_place_then_to_the_heap() {
        let mut ds = DataStack::new();
        let mut a = ds.slab(2);
        let a_at = a.as_ptr();
        a.extend((0..5).map(Value::Int));
        // The newest block grows where it is.
        assert_eq!(a.as_ptr(), a_at);
        let b = ds.slab(2);
        a.extend((5..40).map(Value::Int));
        // Not the newest: moved to the heap, its block given back later.
        assert_ne!(a.as_ptr(), a_at);
        assert_eq!(ints(&a), (0..40).collect::<Vec<_>>());
        drop(b);
        assert!(!ds.in_use());
        drop(a);
    }

    #[test]
    fn the_newest_block_in_an_earlier_chunk_grows_to_the_heap() {
        let mut ds = DataStack::new();
        // Fill the first chunk but for a little, then spill into a second.
        let mut a = ds.slab(CHUNK_VALUES - HEADER_SLOTS - 4);
        a.push(Value::Int(1));
        let b = ds.slab(64);
        assert_eq!(ds.current, 1);
        drop(b);
        // `a` is the newest block again, the second chunk current.
        let a_at = a.as_ptr();
        a.reserve(a.capacity());
        assert_ne!(a.as_ptr(), a_at);
        assert_eq!(ints(&a), vec![1]);
        let c = ds.slab(8);
        drop(c);
        drop(a);
        assert!(!ds.in_use());
    }

    #[test]
    fn chunks_past_the_spare_are_freed() {
        let mut ds = DataStack::new();
        let held: Vec<Slab> = (0..5).map(|_| ds.slab(CHUNK_VALUES)).collect();
        assert_eq!(ds.chunks.len(), 5);
        drop(held.into_iter().rev().collect::<Vec<_>>());
        assert!(!ds.in_use());
        assert_eq!(ds.chunks.len(), 2);
    }

    #[test]
    fn vec_operations() {
        let mut ds = DataStack::new();
        let mut s = ds.slab(8);
        s.extend_from_slice(&[Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert_eq!(s.pop().map(|v| matches!(v, Value::Int(3))), Some(true));
        let tail = s.split_off(1);
        assert_eq!(tail.len(), 1);
        assert_eq!(ints(&s), vec![1]);
        s.resize(3, Value::Int(9));
        assert_eq!(ints(&s), vec![1, 9, 9]);
        s.truncate(1);
        let h = s.into_heap();
        assert!(!ds.in_use());
        assert_eq!(ints(&h), vec![1]);
    }
}

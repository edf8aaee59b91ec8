//! The `taipan` program's global allocator (and, under its counting,
//! `libtaipan.so`'s: `object::memory`): mimalloc, asked for plain
//! blocks.
//!
//! The interpreter allocates and frees many small objects (heap objects
//! sized by their kind, frames' slabs, strings); mimalloc's size-class
//! free lists serve them much faster than the system allocator, as
//! CPython's `pymalloc` does for CPython. The `mimalloc` crate's
//! allocator passes every request to `mi_malloc_aligned`, whose fast path
//! only takes a block when the page's next free block happens to have the
//! alignment; for sizes that are not powers of two it falls back to
//! over-allocating whenever a page is refilled. mimalloc's plain blocks
//! are already 16-byte aligned (8 for blocks under 16 bytes), which is
//! all the runtime's types ask for, so those requests go to `mi_malloc`,
//! as Rust's own `System` allocator does with `malloc`.

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_malloc_small, mi_realloc, mi_realloc_aligned,
};
use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment every mimalloc block of at least this size has.
const NATURAL_ALIGN: usize = 16;

/// The largest request `mi_malloc_small` takes (mimalloc's
/// `MI_SMALL_SIZE_MAX`, 128 words): most objects, strs and frames are
/// below it, and its path skips `mi_malloc`'s size dispatch.
const SMALL_SIZE_MAX: usize = 128 * std::mem::size_of::<usize>();

/// Whether a plain block of `size` bytes satisfies `align`.
#[inline(always)]
fn naturally_aligned(size: usize, align: usize) -> bool {
    align <= NATURAL_ALIGN && align <= size
}

/// mimalloc, with plain requests for naturally aligned layouts.
pub struct Allocator;

// SAFETY: every block comes from mimalloc with at least the requested
// size and alignment (`naturally_aligned` or the aligned entry points),
// and is returned to it with `mi_free` / resized with its realloc.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions accept any size.
        unsafe {
            if naturally_aligned(layout.size(), layout.align()) {
                if layout.size() <= SMALL_SIZE_MAX {
                    mi_malloc_small(layout.size()).cast()
                } else {
                    mi_malloc(layout.size()).cast()
                }
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if naturally_aligned(layout.size(), layout.align()) {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, i.e. from mimalloc.
        unsafe { mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator; mimalloc keeps the
        // contents up to the smaller size.
        unsafe {
            if naturally_aligned(new_size, layout.align()) {
                mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

/// mimalloc's `allow_thp` option: `mi_option_allow_thp`, 43 in the v3
/// header `libmimalloc-sys` 0.1.49 bundles (printed by a C program built
/// against it; the crate names no constant for it, and Cargo.toml pins
/// the version for this reason).
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Turns off mimalloc's transparent huge pages, unless the environment
/// sets `MIMALLOC_ALLOW_THP` itself; for the `taipan` program, which
/// calls it before its first allocation (`.init_array`). With them,
/// mimalloc advises the kernel to back its regions with 2 MiB pages,
/// each zeroed whole on first touch: a short program paid for memory it
/// never used — string_dict's peak RSS was 37 MB (22 MB without), its
/// `--jit` run 61 MB (31 MB: the compile thread's own regions), and page
/// clearing was a fifth of the `--jit` run's samples.
pub fn without_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: setting an option has no precondition; this one is read
        // when mimalloc next asks the OS for memory.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_asked_for() {
        let a = Allocator;
        for (size, align) in [
            (8, 8),
            (24, 8),
            (24, 16),
            (56, 8),
            (40, 32),
            (100, 64),
            (4, 4),
        ] {
            let layout = Layout::from_size_align(size, align).expect("layout");
            // SAFETY: a non-zero-sized layout, freed with the same one.
            unsafe {
                let p = a.alloc(layout);
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0, "{size} {align}");
                let q = a.realloc(p, layout, size * 3);
                assert_eq!(q as usize % align, 0, "{size} {align}");
                a.dealloc(q, Layout::from_size_align(size * 3, align).expect("layout"));
            }
        }
    }
}

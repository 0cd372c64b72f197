//! A multipart upload costs at most twice the file's size at its peak: the file, and the
//! body its bytes are copied into once (measured by counting this test binary's
//! allocations; the one test in it, so no other test allocates meanwhile).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use wiretype_runtime::multipart::{body, File};

/// The system allocator, counting the bytes held now and at the peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn held(more: usize) {
    let now = HELD.fetch_add(more, Ordering::SeqCst) + more;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        held(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as both, as a copying reallocation holds both for a moment.
        held(new_size);
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        HELD.fetch_sub(layout.size(), Ordering::SeqCst);
        moved
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

#[derive(serde::Serialize)]
struct Upload {
    file: File,
    note: String,
    tags: Vec<String>,
    meta: serde_json::Value,
}

#[test]
fn a_10_mib_file_costs_at_most_twice_its_size() {
    const SIZE: usize = 10 << 20;
    let form = Upload {
        file: File::new(vec![7u8; SIZE]).name("big.bin").content_type("application/zip"),
        note: "a note".into(),
        tags: vec!["a".into(), "b".into()],
        meta: serde_json::json!({"owner": "me"}),
    };
    let before = HELD.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let request = body(http::Request::builder(), &form).expect("a body");
    let peak = PEAK.load(Ordering::SeqCst) - before + SIZE;
    eprintln!("a form with a file of {SIZE} bytes: {peak} bytes at the peak, the file's included");
    assert!(peak <= 2 * SIZE + (64 << 10), "peak {peak} bytes for a file of {SIZE}: more than twice its size");
    // The body holds the file whole, and the other members' parts.
    let sent = request.body();
    assert!(sent.len() > SIZE && sent.len() < SIZE + 2048, "{}", sent.len());
    let text = String::from_utf8_lossy(&sent[..200]);
    assert!(
        text.contains("name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/zip\r\n\r\n\u{7}"),
        "{text}"
    );
    let tail = String::from_utf8_lossy(&sent[SIZE..]);
    assert_eq!(tail.matches("name=\"tags\"").count(), 2, "{tail}");
    assert!(tail.contains("Content-Type: application/json\r\n\r\n{\"owner\":\"me\"}\r\n"), "{tail}");
}

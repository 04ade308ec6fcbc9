//! Names whose libiberty output is known (checked against binutils 2.40's
//! c++filt): the cases the grammar and the printer get subtle on.

use super::demangle;

fn d(s: &str) -> Option<String> {
    demangle(s)
}

#[track_caller]
fn check(mangled: &str, want: &str) {
    assert_eq!(d(mangled).as_deref(), Some(want), "{mangled}");
}

#[test]
fn basics() {
    check("_Z3fooi", "foo(int)");
    check(
        "_ZNSt6vectorIiSaIiEED2Ev",
        "std::vector<int, std::allocator<int> >::~vector()",
    );
    check("_Z3fooi.isra.0", "foo(int) [clone .isra.0]");
    check("_GLOBAL__I_foo", "global constructors keyed to foo");
    assert_eq!(d("_Z3fooi@GLIBC_2.2.5"), None);
    assert_eq!(d("main"), None);
    assert_eq!(d("_GLOBAL__I_"), None);
}

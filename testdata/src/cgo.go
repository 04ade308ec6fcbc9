// For the relf info cgo fixture: one call into C, so the Go linker links
// against the C library (dynamically, through gcc).
package main

// #include <stdio.h>
// static void hello(void) { puts("hello from cgo"); }
import "C"

func main() {
	C.hello()
}

// Tiny Go program for the go-static fixture: built with CGO_ENABLED=0 it
// is a statically linked ET_EXEC with Go's own section layout
// (.gopclntab, .go.buildinfo, .noptrdata ...).  println avoids pulling fmt.
package main

func main() {
	println("hello from a relf fixture")
}

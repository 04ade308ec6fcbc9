/* Shared library with its own symbol versions (see shlib.map):
 *   foo@FOO_1.0   old, non-default version (hidden in .gnu.version)
 *   foo@@FOO_2.0  default version
 *   bar, shlib_counter  in FOO_1.0
 *   baz          in FOO_2.0
 * It calls puts, so it has a NEEDED on libc.so.6 and a .gnu.version_r. */
#include <stdio.h>

int shlib_counter = 1;

int foo_v1(int x) { return x + shlib_counter; }
int foo_v2(int x) { return 2 * x + shlib_counter; }
__asm__(".symver foo_v1,foo@FOO_1.0");
__asm__(".symver foo_v2,foo@@FOO_2.0");

int bar(void)
{
	puts("bar");
	return shlib_counter++;
}

int baz(int x) { return foo_v2(x) + bar(); }

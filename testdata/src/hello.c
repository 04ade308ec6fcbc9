/* Smallest useful dynamically linked program: one call into libc. */
#include <stdio.h>

int main(void)
{
	puts("hello from a relf fixture");
	return 0;
}

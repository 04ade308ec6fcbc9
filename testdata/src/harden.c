/* For the relf info hardening fixtures: a stack buffer (stack protector),
 * strcpy and printf (fortified to __strcpy_chk and __printf_chk with
 * -D_FORTIFY_SOURCE=2 -O2). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char buf[64];
	strcpy(buf, argc > 1 ? argv[1] : "relf");
	printf("%s %d\n", buf, argc);
	return 0;
}

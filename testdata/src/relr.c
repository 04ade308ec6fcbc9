/* A table of pointers in a PIE: many adjacent R_*_RELATIVE relocations,
 * which -z pack-relative-relocs turns into a compact .relr.dyn. */
#include <stdio.h>

static int a, b, c, d;
static const char s0[] = "zero", s1[] = "one", s2[] = "two";
int *ptrs[] = { &a, &b, &c, &d, &a, &b, &c, &d };
const char *strs[] = { s0, s1, s2, s0, s1, s2 };

int main(void)
{
	printf("%p %s\n", (void *)ptrs[3], strs[4]);
	return 0;
}

/* Executable linked against libx86_64-shared.so: NEEDED on a
 * non-libc library plus version references to FOO_1.0 / FOO_2.0. */
int foo(int);
int bar(void);
int baz(int);

int main(void)
{
	return foo(1) + bar() + baz(2) == 1000;
}

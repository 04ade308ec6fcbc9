/* Thread-local storage: gives .tdata (initialised) and .tbss (zeroed),
 * a PT_TLS segment and TLS relocations. */
#include <stdio.h>

__thread int tdata_var = 42;
__thread long tdata_arr[4] = { 1, 2, 3, 4 };
__thread int tbss_var;
__thread char tbss_buf[64];

int main(void)
{
	tbss_var = tdata_var + (int)tdata_arr[2];
	tbss_buf[0] = (char)tbss_var;
	printf("%d %d\n", tbss_var, tbss_buf[0]);
	return 0;
}

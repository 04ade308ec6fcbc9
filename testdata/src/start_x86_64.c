/* Freestanding x86-64 program with its own _start: no libc at all.
 * Used for the static (ET_EXEC) and static-pie (ET_DYN, no PT_INTERP)
 * fixtures so they stay a few KB.  The pointer `msgp` in .data gives a
 * R_X86_64_RELATIVE relocation in the static-pie build (nothing applies
 * it at run time, so the code itself only uses `msg` PC-relatively), and
 * `counter` lands in .bss. */
static const char msg[] = "hi\n";
const char *msgp = msg;
long counter;

void _start(void)
{
	long r;
	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "0"(1L), "D"(1L), "S"(msg), "d"(3L)
			 : "rcx", "r11", "memory");
	counter = r + (msgp != 0);
	__asm__ volatile("syscall" : : "a"(60L), "D"(0L) : "rcx", "r11", "memory");
	__builtin_unreachable();
}

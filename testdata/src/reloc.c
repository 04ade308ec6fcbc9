/* Compiled with -c only: a relocatable object.  It has relocations in
 * .text and .data (.rela.* or .rel.* depending on the ABI) and a COMDAT
 * section group holding `comdat_obj`.  The group is written in
 * target-neutral assembler (%progbits / %object work on every gas
 * target, '@' is a comment character on some). */
extern int ext_var;
extern int ext_func(int);
extern const int comdat_obj;

static int local_counter;
int global_data = 5;
int *data_ptr = &global_data;
const char *str_ptr = "reloc";
int (*fn_ptr)(int) = ext_func;

int use(int x)
{
	local_counter += x;
	return ext_func(x) + ext_var + local_counter + comdat_obj;
}

__asm__(".pushsection .rodata.comdat_obj,\"aG\",%progbits,comdat_obj,comdat\n"
	"\t.globl comdat_obj\n"
	"\t.type comdat_obj, %object\n"
	"\t.size comdat_obj, 4\n"
	"\t.balign 4\n"
	"comdat_obj:\n"
	"\t.long 7\n"
	"\t.popsection\n");

//! Names whose libiberty output is known (binutils 2.40's `c++filt -i`,
//! readelf's options): the cases the grammar and the printer get subtle
//! on, many of them names cpp_demangle (relf's previous demangler) printed
//! differently or refused.

use super::{demangle, demangle_bytes};

#[track_caller]
fn check(mangled: &str, want: &str) {
    assert_eq!(demangle(mangled).as_deref(), Some(want), "{mangled}");
}

#[track_caller]
fn refused(mangled: &str) {
    assert_eq!(demangle(mangled), None, "{mangled}");
}

#[test]
fn basics() {
    check("_Z3fooi", "foo(int)");
    check(
        "_ZNSt6vectorIiSaIiEED2Ev",
        "std::vector<int, std::allocator<int> >::~vector()",
    );
    check("_Z3fooi.isra.0", "foo(int) [clone .isra.0]");
    check(
        "_Z3fooPfS_S_j.sse4_1.2",
        "foo(float*, float*, float*, unsigned int) [clone .sse4_1.2]",
    );
    check("_GLOBAL__I_foo", "global constructors keyed to foo");
    refused("_Z3fooi@GLIBC_2.2.5");
    refused("main");
    refused("_GLOBAL__I_");
    refused("_Z");
}

#[test]
fn pack_expansions() {
    // An empty pack prints nothing and takes back its ", ".
    check(
        "_Z13sort_r_simpleIJEEvPvmmPFiPKvS2_DpT_ES4_.constprop.0",
        "void sort_r_simple<>(void*, unsigned long, unsigned long, int (*)(void const*, void const*)) [clone .constprop.0]",
    );
    check(
        "_ZN4llvm12hash_combineIJNS_9hash_codeES1_EEES1_DpRKT_",
        "llvm::hash_code llvm::hash_combine<llvm::hash_code, llvm::hash_code>(llvm::hash_code const&, llvm::hash_code const&)",
    );
    // Reference collapsing inside the expansion: `T&&` with `T = U&`.
    check(
        "_ZN4node7FPrintFIJRPKcS2_RA12_S1_EEEvP8_IO_FILES2_DpOT_",
        "void node::FPrintF<char const*&, char const*, char const (&) [12]>(_IO_FILE*, char const*, char const*&, char const*&&, char const (&) [12])",
    );
    check(
        "_Z1fIIPiPfPdEEvDpT_",
        "void f<int*, float*, double*>(int*, float*, double*)",
    );
    check("_Z1fIJidEEv1AIXsZT_EE", "void f<int, double>(A<2>)");
    check(
        "_Z10unary_leftIJLi1ELi2ELi3EEEv1AIXflplT_EE",
        "void unary_left<1, 2, 3>(A<(...+(1, 2, 3))>)",
    );
    check(
        "_Z11binary_leftIJLi1ELi2ELi3EEEv1AIXfLplLi42ET_EE",
        "void binary_left<1, 2, 3>(A<((42)+...+(1, 2, 3))>)",
    );
}

#[test]
fn local_names_and_lambdas() {
    check(
        "_ZZN10x265_10bit5Quant8rdoQuantILj2EEEjRKNS_6CUDataEPsNS_8TextTypeEjbE9table_cnt",
        "x265_10bit::Quant::rdoQuant<2u>(x265_10bit::CUData const&, short*, x265_10bit::TextType, unsigned int, bool)::table_cnt",
    );
    check(
        "_ZZSt9call_onceIRFvvEJEEvRSt9once_flagOT_DpOT0_ENUlvE0_4_FUNEv",
        "std::call_once<void (&)()>(std::once_flag&, void (&)())::{lambda()#2}::_FUN()",
    );
    check(
        "_Z3eatIPiZ3BarIsEvvEUlPsPT_PT0_E0_EvRS3_RS5_",
        "void eat<int*, Bar<short>()::{lambda(short*, auto:1*, auto:2*)#2}>(int*&, Bar<short>()::{lambda(short*, auto:1*, auto:2*)#2}&)",
    );
    check(
        "_ZN15FLAGS_nofromenvMUlvE_4_FUNEv",
        "FLAGS_nofromenv::{lambda()#1}::_FUN()",
    );
    check(
        "_ZN6icu_726number4impl10MicroPropsUt_D1Ev",
        "icu_72::number::impl::MicroProps::{unnamed type#1}::~MicroProps()",
    );
}

#[test]
fn expressions() {
    check(
        "_ZN14JfrVMOperationI18JfrRecorderServiceXadL_ZNS0_15safepoint_clearEvEEE4doitEv",
        "JfrVMOperation<JfrRecorderService, &JfrRecorderService::safepoint_clear>::doit()",
    );
    check(
        "_Z3endIR8hb_set_tLPv0EEDTcldtclL_ZL7hb_iterEfp_E3endEEOT_",
        "decltype (((hb_iter({parm#1})).end)()) end<hb_set_t&, (void*)0>(hb_set_t&)",
    );
    check(
        "_Z1fILi1EEv1AIXplT_cvingLf3f800000EEE",
        "void f<1>(A<(1)+((int)(-((float)[3f800000])))>)",
    );
    check(
        "_Z1f1AIXtl1Xdi1adi1bdXLi3ELi4ELi1EEEE",
        "f(A<X{.a.b[3 ... 4]=(1)}>)",
    );
    check(
        "_Z2f1IiEDTnw_T_ilEES0_",
        "decltype (new int{}) f1<int>(int)",
    );
    check(
        "_Z6check2IiEvP6helperIXszgsnw_T_piEEE",
        "void check2<int>(helper<sizeof (::new int())>*)",
    );
    check("_Z2f1IiEDTpp_fp_ET_", "decltype (++{parm#1}) f1<int>(int)");
}

#[test]
fn types() {
    check(
        "_Z10hairyfunc5PFPFilEPcE",
        "hairyfunc5(int (*(*)(char*))(long))",
    );
    check(
        "_Z9hairyfuncM1YKFPVPFrPA2_PM1XKFKPA3_ilEPcEiE",
        "hairyfunc(int (* const (X::** (* restrict (* volatile* (Y::*)(int) const)(char*)) [2])(long) const) [3])",
    );
    check(
        "_Z3fooIA6_KiEvA9_KT_rVPrS4_",
        "void foo<int const [6]>(int const [9][6], int restrict const (* volatile restrict) [9][6])",
    );
    check(
        "_Z1fIfLi4EEvDv_T0__T_",
        "void f<float, 4>(float __vector(4))",
    );
    check(
        "_Z1fIvJiELb0EEvPDOT1_EFT_DpT0_E",
        "void f<void, int, false>(void (*)(int) noexcept(false))",
    );
    check(
        "_Z1fPDxFvvES0_",
        "f(void (*)() transaction_safe, void (*)() transaction_safe)",
    );
    check(
        "_Z3xxxDF16_DF32_DF64_DF128_CDF16_Vb",
        "xxx(_Float16, _Float32, _Float64, _Float128, _Float16 _Complex, bool volatile)",
    );
    check("_Z3xxxDF16b", "xxx(std::bfloat16_t)");
    check("_ZNSolsEDn", "std::ostream::operator<<(decltype(nullptr))");
    check(
        "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEC1IPcvEET_S7_RKS3_",
        "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::basic_string<char*, void>(char*, char*, std::allocator<char> const&)",
    );
    check("_ZDC1a1bE", "[a, b]");
    check("_ZGIW3Foo", "initializer for module Foo");
    check(
        "_ZGTtNKSt11logic_error4whatEv",
        "transaction clone for std::logic_error::what() const",
    );
}

#[test]
fn odd_names_libiberty_accepts_or_refuses() {
    // Mangled by accident (a hash), still valid grammar.
    check("_Z00001b03d60", "b(d60)");
    check(
        "_Z21gen_aarch64_smlslv8qiP7rtx_defS0_S0_S0_nfoC2Em",
        "gen_aarch64_smlslv8qi(rtx_def*, rtx_def*, rtx_def*, rtx_def*, __int128, float, unsigned __int128, Em _Complex)",
    );
    // A constructor with no parameter list.
    check(
        "_ZN15range_def_chainC2E",
        "range_def_chain::range_def_chain",
    );
    refused("_ZGRN14AsyncLogWriter4NoneE_");
    refused("_Z16gen_neon_vrnda.2.5");
    refused("_Z26gt_ggc_mx_macol8Debugger9CallFrameD2Ev");
}

#[test]
fn limits() {
    // Past 1024 bytes libiberty gives up (PR 87675), unless the recursion
    // limit is off.
    let long = format!("_Z1fP{}i", "P".repeat(1100));
    assert_eq!(demangle_bytes(long.as_bytes(), true), None);
    let out = demangle_bytes(long.as_bytes(), false);
    // d_print_comp nests at most 1024 deep.
    assert_eq!(out, None);
    let ok = format!("_Z1f{}i", "P".repeat(500));
    assert_eq!(demangle(&ok), Some(format!("f(int{})", "*".repeat(500))));
    // Deep nesting and exponential substitutions fail, quickly.
    let deep = format!("_Z1f{}", "A1_".repeat(2000));
    assert_eq!(demangle_bytes(deep.as_bytes(), false), None);
    let mut blowup = String::from("_Z1fIiEvT_");
    for i in 0..20 {
        blowup.push_str(&format!("IS{i}_S{i}_E"));
    }
    let _ = demangle_bytes(blowup.as_bytes(), false);
}

#[test]
fn fuzz_regressions() {
    // Conversion operators (`cv T_ I...`) nested: the C parser's trial
    // parse and backtrack take exponential time; the work bound stops it
    // (libiberty gives up on this name too).
    let name = include_str!("testdata/fuzz-timeout-conversion-backtracking.txt");
    let start = std::time::Instant::now();
    assert_eq!(demangle_bytes(name.as_bytes(), true), None);
    assert_eq!(demangle_bytes(name.as_bytes(), false), None);
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
}

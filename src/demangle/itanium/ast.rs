//! The component tree of cp-demangle.c (`struct demangle_component`) and the
//! tables the parser and printer share: operators, builtin types, standard
//! substitutions.
//!
//! Components live in one arena and refer to each other by index, as the C
//! code's `di->comps` array does by pointer. The C union is flattened: every
//! component has a left and right link, a number, a byte string and a table
//! index; each kind uses the fields its C union member has.

/// `enum demangle_component_type` (include/demangle.h), the kinds the
/// binutils 2.40 parser makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum T {
    Name,
    QualName,
    LocalName,
    TypedName,
    Template,
    TemplateParam,
    FunctionParam,
    Ctor,
    Dtor,
    Vtable,
    Vtt,
    ConstructionVtable,
    Typeinfo,
    TypeinfoName,
    TypeinfoFn,
    Thunk,
    VirtualThunk,
    CovariantThunk,
    JavaClass,
    Guard,
    TlsInit,
    TlsWrapper,
    Reftemp,
    HiddenAlias,
    SubStd,
    Restrict,
    Volatile,
    Const,
    RestrictThis,
    VolatileThis,
    ConstThis,
    ReferenceThis,
    RvalueReferenceThis,
    VendorTypeQual,
    Pointer,
    Reference,
    RvalueReference,
    Complex,
    Imaginary,
    BuiltinType,
    VendorType,
    FunctionType,
    ArrayType,
    PtrmemType,
    VectorType,
    Arglist,
    TemplateArglist,
    TparmObj,
    InitializerList,
    Operator,
    ExtendedOperator,
    Cast,
    Conversion,
    Nullary,
    Unary,
    Binary,
    BinaryArgs,
    Trinary,
    TrinaryArg1,
    TrinaryArg2,
    Literal,
    LiteralNeg,
    VendorExpr,
    JavaResource,
    CompoundName,
    Character,
    Number,
    Decltype,
    GlobalConstructors,
    GlobalDestructors,
    Lambda,
    DefaultArg,
    UnnamedType,
    TransactionClone,
    NontransactionClone,
    PackExpansion,
    TaggedName,
    TransactionSafe,
    Clone,
    Noexcept,
    ThrowSpec,
    StructuredBinding,
    ModuleName,
    ModulePartition,
    ModuleEntity,
    ModuleInit,
    TemplateHead,
    TemplateTypeParm,
    TemplateNonTypeParm,
    TemplateTemplateParm,
    TemplatePackParm,
    ExtendedBuiltinType,
}

impl T {
    /// `is_fnqual_component_type` (`FNQUAL_COMPONENT_CASE`).
    pub(crate) fn is_fnqual(self) -> bool {
        matches!(
            self,
            T::RestrictThis
                | T::VolatileThis
                | T::ConstThis
                | T::ReferenceThis
                | T::RvalueReferenceThis
                | T::TransactionSafe
                | T::Noexcept
                | T::ThrowSpec
        )
    }
}

/// An index into the component arena (a `struct demangle_component *`).
pub(crate) type Id = u32;

/// One component. Which fields mean something depends on `t`:
/// binary kinds use `l` and `r`; `Name` and `SubStd` use `s`;
/// `Ctor`/`Dtor` (`name` in `l`, kind in `num`), `ExtendedOperator`
/// (`name` in `l`, args in `num`), `Lambda`/`DefaultArg` (`sub` in `l`,
/// `num`), `TemplateParam`, `FunctionParam`, `Number`, `UnnamedType` and
/// `Character` (`num`), `Operator` (`idx` into [`OPERATORS`]),
/// `BuiltinType` (`idx` into [`BUILTIN_TYPES`]), `ExtendedBuiltinType`
/// (`idx`, `num` = arg, `suffix`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Comp<'a> {
    pub t: T,
    pub l: Option<Id>,
    pub r: Option<Id>,
    pub s: &'a [u8],
    pub num: i64,
    pub idx: u8,
    pub suffix: u8,
}

impl<'a> Comp<'a> {
    pub(crate) fn new(t: T) -> Comp<'a> {
        Comp {
            t,
            l: None,
            r: None,
            s: b"",
            num: 0,
            idx: 0,
            suffix: 0,
        }
    }
}

/// `struct demangle_operator_info`: mangled code, printed name, operands.
#[derive(Debug)]
pub(crate) struct OpInfo {
    pub code: &'static [u8; 2],
    pub name: &'static str,
    pub args: i32,
}

macro_rules! ops {
    ($(($c:literal, $n:literal, $a:literal)),* $(,)?) => {
        &[$(OpInfo { code: $c, name: $n, args: $a }),*]
    };
}

/// `cplus_demangle_operators`, sorted by code for the binary search.
pub(crate) static OPERATORS: &[OpInfo] = ops![
    (b"aN", "&=", 2),
    (b"aS", "=", 2),
    (b"aa", "&&", 2),
    (b"ad", "&", 1),
    (b"an", "&", 2),
    (b"at", "alignof ", 1),
    (b"aw", "co_await ", 1),
    (b"az", "alignof ", 1),
    (b"cc", "const_cast", 2),
    (b"cl", "()", 2),
    (b"cm", ",", 2),
    (b"co", "~", 1),
    (b"dV", "/=", 2),
    (b"dX", "[...]=", 3),
    (b"da", "delete[] ", 1),
    (b"dc", "dynamic_cast", 2),
    (b"de", "*", 1),
    (b"di", "=", 2),
    (b"dl", "delete ", 1),
    (b"ds", ".*", 2),
    (b"dt", ".", 2),
    (b"dv", "/", 2),
    (b"dx", "]=", 2),
    (b"eO", "^=", 2),
    (b"eo", "^", 2),
    (b"eq", "==", 2),
    (b"fL", "...", 3),
    (b"fR", "...", 3),
    (b"fl", "...", 2),
    (b"fr", "...", 2),
    (b"ge", ">=", 2),
    (b"gs", "::", 1),
    (b"gt", ">", 2),
    (b"ix", "[]", 2),
    (b"lS", "<<=", 2),
    (b"le", "<=", 2),
    (b"li", "operator\"\" ", 1),
    (b"ls", "<<", 2),
    (b"lt", "<", 2),
    (b"mI", "-=", 2),
    (b"mL", "*=", 2),
    (b"mi", "-", 2),
    (b"ml", "*", 2),
    (b"mm", "--", 1),
    (b"na", "new[]", 3),
    (b"ne", "!=", 2),
    (b"ng", "-", 1),
    (b"nt", "!", 1),
    (b"nw", "new", 3),
    (b"oR", "|=", 2),
    (b"oo", "||", 2),
    (b"or", "|", 2),
    (b"pL", "+=", 2),
    (b"pl", "+", 2),
    (b"pm", "->*", 2),
    (b"pp", "++", 1),
    (b"ps", "+", 1),
    (b"pt", "->", 2),
    (b"qu", "?", 3),
    (b"rM", "%=", 2),
    (b"rS", ">>=", 2),
    (b"rc", "reinterpret_cast", 2),
    (b"rm", "%", 2),
    (b"rs", ">>", 2),
    (b"sP", "sizeof...", 1),
    (b"sZ", "sizeof...", 1),
    (b"sc", "static_cast", 2),
    (b"ss", "<=>", 2),
    (b"st", "sizeof ", 1),
    (b"sz", "sizeof ", 1),
    (b"tr", "throw", 0),
    (b"tw", "throw ", 1),
];

/// `enum d_builtin_type_print`: how a literal of the type prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bp {
    Default,
    Int,
    Unsigned,
    Long,
    UnsignedLong,
    LongLong,
    UnsignedLongLong,
    Bool,
    Float,
    Void,
}

/// `struct demangle_builtin_type_info` without the Java names.
#[derive(Debug)]
pub(crate) struct Builtin {
    pub name: &'static str,
    pub print: Bp,
}

const fn bt(name: &'static str, print: Bp) -> Builtin {
    Builtin { name, print }
}

/// `cplus_demangle_builtin_types`: `a`..`z`, then the `D` types. Empty
/// names are the letters that are not builtin types.
pub(crate) static BUILTIN_TYPES: [Builtin; 36] = [
    bt("signed char", Bp::Default),
    bt("bool", Bp::Bool),
    bt("char", Bp::Default),
    bt("double", Bp::Float),
    bt("long double", Bp::Float),
    bt("float", Bp::Float),
    bt("__float128", Bp::Float),
    bt("unsigned char", Bp::Default),
    bt("int", Bp::Int),
    bt("unsigned int", Bp::Unsigned),
    bt("", Bp::Default),
    bt("long", Bp::Long),
    bt("unsigned long", Bp::UnsignedLong),
    bt("__int128", Bp::Default),
    bt("unsigned __int128", Bp::Default),
    bt("", Bp::Default),
    bt("", Bp::Default),
    bt("", Bp::Default),
    bt("short", Bp::Default),
    bt("unsigned short", Bp::Default),
    bt("", Bp::Default),
    bt("void", Bp::Void),
    bt("wchar_t", Bp::Default),
    bt("long long", Bp::LongLong),
    bt("unsigned long long", Bp::UnsignedLongLong),
    bt("...", Bp::Default),
    bt("decimal32", Bp::Default),
    bt("decimal64", Bp::Default),
    bt("decimal128", Bp::Default),
    bt("half", Bp::Float),
    bt("char8_t", Bp::Default),
    bt("char16_t", Bp::Default),
    bt("char32_t", Bp::Default),
    bt("decltype(nullptr)", Bp::Default),
    bt("_Float", Bp::Float),
    bt("std::bfloat16_t", Bp::Float),
];

/// `struct d_standard_sub_info`: code, simple expansion, full expansion
/// (for constructor and destructor prefixes), the name a following
/// constructor or destructor takes.
#[derive(Debug)]
pub(crate) struct StdSub {
    pub code: u8,
    pub simple: &'static str,
    pub full: &'static str,
    pub last_name: Option<&'static str>,
}

/// `standard_subs`.
pub(crate) static STANDARD_SUBS: [StdSub; 7] = [
    StdSub {
        code: b't',
        simple: "std",
        full: "std",
        last_name: None,
    },
    StdSub {
        code: b'a',
        simple: "std::allocator",
        full: "std::allocator",
        last_name: Some("allocator"),
    },
    StdSub {
        code: b'b',
        simple: "std::basic_string",
        full: "std::basic_string",
        last_name: Some("basic_string"),
    },
    StdSub {
        code: b's',
        simple: "std::string",
        full: "std::basic_string<char, std::char_traits<char>, std::allocator<char> >",
        last_name: Some("basic_string"),
    },
    StdSub {
        code: b'i',
        simple: "std::istream",
        full: "std::basic_istream<char, std::char_traits<char> >",
        last_name: Some("basic_istream"),
    },
    StdSub {
        code: b'o',
        simple: "std::ostream",
        full: "std::basic_ostream<char, std::char_traits<char> >",
        last_name: Some("basic_ostream"),
    },
    StdSub {
        code: b'd',
        simple: "std::iostream",
        full: "std::basic_iostream<char, std::char_traits<char> >",
        last_name: Some("basic_iostream"),
    },
];

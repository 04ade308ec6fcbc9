//! The parser of cp-demangle.c (`d_*` functions up to `d_backtrack`),
//! function by function. Where the C code returns NULL, these return
//! `None`; where it would read past the end of the string, the end reads
//! as the terminating NUL.

use super::super::cursor::Cursor;
use super::ast::{Bp, Comp, Id, OpInfo, BUILTIN_TYPES, OPERATORS, STANDARD_SUBS, T};

/// include/demangle.h `DEMANGLE_RECURSION_LIMIT`.
pub(crate) const DEMANGLE_RECURSION_LIMIT: u32 = 2048;

/// How deep the parser's own recursion may go (the C parser has no such
/// bound beyond `d_function_type`'s; with the recursion limit on, names
/// are at most 1024 bytes and never get near it). It keeps the stack
/// bounded under `--no-recurse-limit`.
const MAX_PARSE_DEPTH: u32 = 4096;

/// Not in the C code: how many grammar steps (calls of the recursive
/// productions) one parse may take. Conversion operators make the C parser
/// try template arguments, back off and parse them again, which nests into
/// exponential time on crafted names; every name under /usr takes under
/// 4 Ki.
const MAX_PARSE_WORK: u32 = 1 << 18;

/// `struct d_info`.
#[derive(Debug)]
pub(crate) struct Parser<'a> {
    cur: Cursor<'a>,
    pub comps: Vec<Comp<'a>>,
    next_comp: usize,
    num_comps: usize,
    subs: Vec<Id>,
    next_sub: usize,
    num_subs: usize,
    last_name: Option<Id>,
    is_expression: bool,
    is_conversion: bool,
    /// 1: new unresolved-name grammar; -1: new grammar and one was seen;
    /// 0: old grammar.
    pub unresolved_name_state: i32,
    recursion_level: u32,
    no_recurse_limit: bool,
    depth: u32,
    work: u32,
}

/// `d_checkpoint`'s copy of the state a trial parse may change.
struct Checkpoint {
    n: usize,
    next_comp: usize,
    next_sub: usize,
}

type P = Option<Id>;

impl<'a> Parser<'a> {
    /// `cplus_demangle_init_info`.
    pub(crate) fn new(s: &'a [u8], no_recurse_limit: bool, unresolved_name_state: i32) -> Self {
        Parser {
            cur: Cursor::new(s),
            comps: Vec::new(),
            next_comp: 0,
            num_comps: 2 * s.len(),
            subs: Vec::new(),
            next_sub: 0,
            num_subs: s.len(),
            last_name: None,
            is_expression: false,
            is_conversion: false,
            unresolved_name_state,
            recursion_level: 0,
            no_recurse_limit,
            depth: 0,
            work: 0,
        }
    }

    pub(crate) fn num_comps(&self) -> usize {
        self.num_comps
    }

    // ---- character access (d_peek_char and friends) ----

    pub(crate) fn peek(&self) -> u8 {
        self.cur.peek()
    }

    fn peek_next(&self) -> u8 {
        self.cur.peek_at(1)
    }

    /// The byte at `i` (from the start), NUL past the end.
    fn at(&self, i: usize) -> u8 {
        self.cur.s.get(i).copied().unwrap_or(0)
    }

    pub(crate) fn advance(&mut self, i: usize) {
        self.cur.pos = self.cur.pos.saturating_add(i);
    }

    fn check(&mut self, c: u8) -> bool {
        self.cur.eat(c)
    }

    fn next_char(&mut self) -> u8 {
        self.cur.bump()
    }

    pub(crate) fn rest(&self) -> &'a [u8] {
        self.cur.s.get(self.cur.pos..).unwrap_or(b"")
    }

    fn slice(&self, from: usize, to: usize) -> &'a [u8] {
        let to = to.min(self.cur.s.len());
        self.cur.s.get(from.min(to)..to).unwrap_or(b"")
    }

    // ---- component access ----

    pub(crate) fn c(&self, id: Id) -> &Comp<'a> {
        &self.comps[id as usize]
    }

    fn cm(&mut self, id: Id) -> &mut Comp<'a> {
        &mut self.comps[id as usize]
    }

    fn left(&self, id: Id) -> P {
        self.c(id).l
    }

    fn right(&self, id: Id) -> P {
        self.c(id).r
    }

    /// `f` one level deeper, or `None` past [`MAX_PARSE_DEPTH`] or
    /// [`MAX_PARSE_WORK`].
    fn guarded(&mut self, f: impl FnOnce(&mut Self) -> P) -> P {
        self.work = self.work.saturating_add(1);
        if self.depth >= MAX_PARSE_DEPTH || self.work > MAX_PARSE_WORK {
            return None;
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    // ---- component constructors ----

    /// `d_make_empty`.
    fn make(&mut self, comp: Comp<'a>) -> P {
        if self.next_comp >= self.num_comps {
            return None;
        }
        let id = self.next_comp;
        if id < self.comps.len() {
            self.comps[id] = comp;
        } else {
            self.comps.push(comp);
        }
        self.next_comp += 1;
        Some(id as Id)
    }

    /// `d_make_comp`: the kinds' operand checks, then a new component.
    pub(crate) fn make_comp(&mut self, t: T, l: P, r: P) -> P {
        use T::*;
        match t {
            QualName | LocalName | TypedName | TaggedName | Template | ConstructionVtable
            | VendorTypeQual | PtrmemType | Unary | Binary | BinaryArgs | Trinary | TrinaryArg1
            | Literal | LiteralNeg | VendorExpr | CompoundName | VectorType | Clone
            | ModuleEntity => {
                if l.is_none() || r.is_none() {
                    return None;
                }
            }
            Vtable | Vtt | Typeinfo | TypeinfoName | TypeinfoFn | Thunk | VirtualThunk
            | CovariantThunk | JavaClass | Guard | TlsInit | TlsWrapper | Reftemp | HiddenAlias
            | TransactionClone | NontransactionClone | Pointer | Reference | RvalueReference
            | Complex | Imaginary | VendorType | Cast | Conversion | JavaResource | Decltype
            | PackExpansion | GlobalConstructors | GlobalDestructors | Nullary | TrinaryArg2
            | TparmObj | StructuredBinding | ModuleInit | TemplateHead | TemplateNonTypeParm
            | TemplateTemplateParm | TemplatePackParm => {
                l?;
            }
            ArrayType | InitializerList | ModuleName | ModulePartition => {
                r?;
            }
            FunctionType | Restrict | Volatile | Const | Arglist | TemplateArglist
            | TemplateTypeParm => {}
            _ if t.is_fnqual() => {}
            _ => return None,
        }
        let mut c = Comp::new(t);
        c.l = l;
        c.r = r;
        self.make(c)
    }

    /// `d_make_name`: the slot is used even when the name is refused.
    fn make_name(&mut self, s: &'a [u8]) -> P {
        let mut c = Comp::new(T::Name);
        c.s = s;
        let p = self.make(c)?;
        if s.is_empty() {
            return None;
        }
        Some(p)
    }

    fn make_static_name(&mut self, s: &'static str) -> P {
        self.make_name(s.as_bytes())
    }

    fn make_builtin(&mut self, i: usize) -> P {
        let mut c = Comp::new(T::BuiltinType);
        c.idx = i as u8;
        self.make(c)
    }

    fn make_num(&mut self, t: T, num: i64) -> P {
        let mut c = Comp::new(t);
        c.num = num;
        self.make(c)
    }

    /// `d_make_ctor`, `d_make_dtor`, `d_make_extended_operator`: the slot
    /// is used even when `name` is NULL.
    fn make_named(&mut self, t: T, num: i64, name: P) -> P {
        let mut c = Comp::new(t);
        c.num = num;
        c.l = name;
        let p = self.make(c)?;
        if name.is_none() || (t == T::ExtendedOperator && num < 0) {
            return None;
        }
        Some(p)
    }

    fn make_sub(&mut self, s: &'static str) -> P {
        let mut c = Comp::new(T::SubStd);
        c.s = s.as_bytes();
        self.make(c)
    }

    // ---- grammar ----

    /// `cplus_demangle_mangled_name`.
    pub(crate) fn mangled_name(&mut self, top_level: bool) -> P {
        if !self.check(b'_') && top_level {
            return None;
        }
        if !self.check(b'Z') {
            return None;
        }
        let mut p = self.encoding(top_level);
        if top_level {
            while self.peek() == b'.'
                && (self.peek_next().is_ascii_lowercase()
                    || self.peek_next() == b'_'
                    || self.peek_next().is_ascii_digit())
            {
                p = self.clone_suffix(p);
            }
        }
        p
    }

    /// `has_return_type`.
    fn has_return_type(&self, dc: P) -> bool {
        let Some(d) = dc else { return false };
        match self.c(d).t {
            T::LocalName => self.has_return_type(self.right(d)),
            T::Template => !self.is_ctor_dtor_or_conversion(self.left(d)),
            t if t.is_fnqual() => self.has_return_type(self.left(d)),
            _ => false,
        }
    }

    /// `is_ctor_dtor_or_conversion`.
    fn is_ctor_dtor_or_conversion(&self, dc: P) -> bool {
        let Some(d) = dc else { return false };
        match self.c(d).t {
            T::QualName | T::LocalName => self.is_ctor_dtor_or_conversion(self.right(d)),
            T::Ctor | T::Dtor | T::Conversion => true,
            _ => false,
        }
    }

    /// `d_encoding`, with `DMGL_PARAMS`.
    pub(crate) fn encoding(&mut self, top_level: bool) -> P {
        self.guarded(|p| p.encoding_1(top_level))
    }

    fn encoding_1(&mut self, top_level: bool) -> P {
        let peek = self.peek();
        if peek == b'G' || peek == b'T' {
            return self.special_name();
        }
        let dc = self.name(false)?;
        let peek = self.peek();
        if peek == 0 || peek == b'E' {
            return Some(dc);
        }
        let hrt = self.has_return_type(Some(dc));
        let ftype = self.bare_function_type(hrt)?;
        if !top_level && self.c(dc).t == T::LocalName && self.c(ftype).t == T::FunctionType {
            self.cm(ftype).l = None;
        }
        self.make_comp(T::TypedName, Some(dc), Some(ftype))
    }

    /// `d_abi_tags`.
    fn abi_tags(&mut self, mut dc: P) -> P {
        let hold_last_name = self.last_name;
        while self.peek() == b'B' {
            self.advance(1);
            let tag = self.source_name();
            dc = self.make_comp(T::TaggedName, dc, tag);
        }
        self.last_name = hold_last_name;
        dc
    }

    /// `d_name`.
    fn name(&mut self, substable: bool) -> P {
        self.guarded(|p| p.name_1(substable))
    }

    fn name_1(&mut self, substable: bool) -> P {
        let peek = self.peek();
        let mut dc: P = None;
        let mut module: P = None;
        let mut subst = false;
        match peek {
            b'N' => dc = self.nested_name(),
            b'Z' => dc = self.local_name(),
            b'U' => dc = self.unqualified_name(None, None),
            _ => {
                if peek == b'S' {
                    if self.peek_next() == b't' {
                        self.advance(2);
                        dc = self.make_static_name("std");
                    }
                    if self.peek() == b'S' {
                        let m = self.substitution(false)?;
                        if !matches!(self.c(m).t, T::ModuleName | T::ModulePartition) {
                            if dc.is_some() {
                                return None;
                            }
                            subst = true;
                            dc = Some(m);
                        } else {
                            module = Some(m);
                        }
                    }
                }
                if !subst {
                    dc = self.unqualified_name(dc, module);
                }
                if self.peek() == b'I' {
                    if !subst && !self.add_substitution(dc) {
                        return None;
                    }
                    let args = self.template_args();
                    dc = self.make_comp(T::Template, dc, args);
                    subst = false;
                }
            }
        }
        if substable && !subst && !self.add_substitution(dc) {
            return None;
        }
        dc
    }

    /// `d_nested_name`.
    fn nested_name(&mut self) -> P {
        if !self.check(b'N') {
            return None;
        }
        let (mut ret, last) = self.cv_qualifiers(true)?;
        let rqual = self.ref_qualifier(None);
        let prefix = self.prefix(true);
        match last {
            Some(l) => self.cm(l).l = prefix,
            None => ret = prefix,
        }
        prefix?;
        if let Some(rq) = rqual {
            self.cm(rq).l = ret;
            ret = Some(rq);
        }
        if !self.check(b'E') {
            return None;
        }
        ret
    }

    /// `d_prefix`.
    fn prefix(&mut self, substable: bool) -> P {
        self.guarded(|p| p.prefix_1(substable))
    }

    fn prefix_1(&mut self, substable: bool) -> P {
        let mut ret: P = None;
        loop {
            let peek = self.peek();
            if peek == b'D' && (self.peek_next() == b'T' || self.peek_next() == b't') {
                if ret.is_some() {
                    return None;
                }
                ret = self.type_();
            } else if peek == b'I' {
                ret?;
                let dc = self.template_args()?;
                ret = self.make_comp(T::Template, ret, Some(dc));
            } else if peek == b'T' {
                if ret.is_some() {
                    return None;
                }
                ret = self.template_param();
            } else if peek == b'M' {
                self.advance(1);
                continue;
            } else {
                let mut module: P = None;
                if peek == b'S' {
                    let m = self.substitution(true)?;
                    if !matches!(self.c(m).t, T::ModuleName | T::ModulePartition) {
                        if ret.is_some() {
                            return None;
                        }
                        ret = Some(m);
                        continue;
                    }
                    module = Some(m);
                }
                ret = self.unqualified_name(ret, module);
            }
            ret?;
            if self.peek() == b'E' {
                break;
            }
            if substable && !self.add_substitution(ret) {
                return None;
            }
        }
        ret
    }

    /// `d_maybe_module_name`.
    fn maybe_module_name(&mut self, name: &mut P) -> bool {
        while self.peek() == b'W' {
            self.advance(1);
            let mut code = T::ModuleName;
            if self.peek() == b'P' {
                code = T::ModulePartition;
                self.advance(1);
            }
            let sn = self.source_name();
            *name = self.make_comp(code, *name, sn);
            if name.is_none() {
                return false;
            }
            if !self.add_substitution(*name) {
                return false;
            }
        }
        true
    }

    /// `d_unqualified_name`.
    fn unqualified_name(&mut self, scope: P, module: P) -> P {
        let mut module = module;
        if !self.maybe_module_name(&mut module) {
            return None;
        }
        let peek = self.peek();
        let mut ret: P;
        if peek.is_ascii_digit() {
            ret = self.source_name();
        } else if peek.is_ascii_lowercase() {
            let was_expr = self.is_expression;
            if peek == b'o' && self.peek_next() == b'n' {
                self.advance(2);
                self.is_expression = false;
            }
            ret = self.operator_name();
            self.is_expression = was_expr;
            if let Some(r) = ret {
                if self.c(r).t == T::Operator && OPERATORS[self.c(r).idx as usize].code == b"li" {
                    let sn = self.source_name();
                    ret = self.make_comp(T::Unary, ret, sn);
                }
            }
        } else if peek == b'D' && self.peek_next() == b'C' {
            self.advance(2);
            let mut prev: P = None;
            ret = None;
            loop {
                let sn = self.source_name();
                let next = self.make_comp(T::StructuredBinding, sn, None);
                match prev {
                    Some(p) => self.cm(p).r = next,
                    None => ret = next,
                }
                prev = next;
                if prev.is_none() || self.peek() == b'E' {
                    break;
                }
            }
            if prev.is_some() {
                self.advance(1);
            } else {
                ret = None;
            }
        } else if peek == b'C' || peek == b'D' {
            ret = self.ctor_dtor_name();
        } else if peek == b'L' {
            self.advance(1);
            ret = self.source_name();
            ret?;
            if !self.discriminator() {
                return None;
            }
        } else if peek == b'U' {
            match self.peek_next() {
                b'l' => ret = self.lambda(),
                b't' => ret = self.unnamed_type(),
                _ => return None,
            }
        } else {
            return None;
        }
        if module.is_some() {
            ret = self.make_comp(T::ModuleEntity, ret, module);
        }
        if self.peek() == b'B' {
            ret = self.abi_tags(ret);
        }
        if scope.is_some() {
            ret = self.make_comp(T::QualName, scope, ret);
        }
        ret
    }

    /// `d_source_name`.
    fn source_name(&mut self) -> P {
        let len = self.number();
        if len <= 0 {
            return None;
        }
        let ret = self.identifier(len as usize);
        self.last_name = ret;
        ret
    }

    /// `d_number`.
    fn number(&mut self) -> i32 {
        let mut negative = false;
        let mut peek = self.peek();
        if peek == b'n' {
            negative = true;
            self.advance(1);
            peek = self.peek();
        }
        let mut ret: i32 = 0;
        loop {
            if !peek.is_ascii_digit() {
                return if negative { -ret } else { ret };
            }
            let d = i32::from(peek - b'0');
            if ret > (i32::MAX - d) / 10 {
                return -1;
            }
            ret = ret * 10 + d;
            self.advance(1);
            peek = self.peek();
        }
    }

    /// `d_number_component`.
    fn number_component(&mut self) -> P {
        let p = self.make(Comp::new(T::Number))?;
        let n = self.number();
        self.cm(p).num = i64::from(n);
        Some(p)
    }

    /// `d_identifier`.
    fn identifier(&mut self, len: usize) -> P {
        let start = self.cur.pos;
        if self.cur.s.len().saturating_sub(start) < len {
            return None;
        }
        self.advance(len);
        let name = self.slice(start, start + len);
        if len >= 10 && name.starts_with(b"_GLOBAL_") {
            let s = name[8];
            if (s == b'.' || s == b'_' || s == b'$') && name[9] == b'N' {
                return self.make_static_name("(anonymous namespace)");
            }
        }
        self.make_name(name)
    }

    /// `d_operator_name`.
    fn operator_name(&mut self) -> P {
        let c1 = self.next_char();
        let c2 = self.next_char();
        if c1 == b'v' && c2.is_ascii_digit() {
            let sn = self.source_name();
            return self.make_named(T::ExtendedOperator, i64::from(c2 - b'0'), sn);
        }
        if c1 == b'c' && c2 == b'v' {
            let was_conversion = self.is_conversion;
            self.is_conversion = !self.is_expression;
            let ty = self.type_();
            let res = if self.is_conversion {
                self.make_comp(T::Conversion, ty, None)
            } else {
                self.make_comp(T::Cast, ty, None)
            };
            self.is_conversion = was_conversion;
            return res;
        }
        let mut low = 0usize;
        let mut high = OPERATORS.len();
        loop {
            let i = low + (high - low) / 2;
            let p: &OpInfo = &OPERATORS[i];
            if c1 == p.code[0] && c2 == p.code[1] {
                let mut c = Comp::new(T::Operator);
                c.idx = i as u8;
                return self.make(c);
            }
            if c1 < p.code[0] || (c1 == p.code[0] && c2 < p.code[1]) {
                high = i;
            } else {
                low = i + 1;
            }
            if low == high {
                return None;
            }
        }
    }

    /// `d_java_resource`.
    fn java_resource(&mut self) -> P {
        let mut p: P = None;
        let mut len = self.number();
        if len <= 1 {
            return None;
        }
        if self.next_char() != b'_' {
            return None;
        }
        len -= 1;
        let mut str_ = self.cur.pos;
        let mut i: usize = 0;
        while len > 0 {
            let c = self.at(str_ + i);
            if c == 0 {
                return None;
            }
            let next;
            if c == b'$' {
                i += 1;
                let e = self.at(str_ + i);
                i += 1;
                let ch = match e {
                    b'S' => b'/',
                    b'_' => b'.',
                    b'$' => b'$',
                    _ => return None,
                };
                next = self.make_num(T::Character, i64::from(ch));
                self.advance(i);
                str_ = self.cur.pos;
                len -= i as i32;
                i = 0;
                next?;
            } else {
                while (i as i64) < i64::from(len)
                    && self.at(str_ + i) != 0
                    && self.at(str_ + i) != b'$'
                {
                    i += 1;
                }
                let s = self.slice(str_, str_ + i);
                next = self.make_name(s);
                self.advance(i);
                str_ = self.cur.pos;
                len -= i as i32;
                i = 0;
                next?;
            }
            if p.is_none() {
                p = next;
            } else {
                p = self.make_comp(T::CompoundName, p, next);
                p?;
            }
        }
        self.make_comp(T::JavaResource, p, None)
    }

    /// `d_special_name`.
    fn special_name(&mut self) -> P {
        if self.check(b'T') {
            match self.next_char() {
                b'V' => self.of_type(T::Vtable),
                b'T' => self.of_type(T::Vtt),
                b'I' => self.of_type(T::Typeinfo),
                b'S' => self.of_type(T::TypeinfoName),
                b'h' => {
                    if !self.call_offset(b'h') {
                        return None;
                    }
                    self.of_encoding(T::Thunk)
                }
                b'v' => {
                    if !self.call_offset(b'v') {
                        return None;
                    }
                    self.of_encoding(T::VirtualThunk)
                }
                b'c' => {
                    if !self.call_offset(0) || !self.call_offset(0) {
                        return None;
                    }
                    self.of_encoding(T::CovariantThunk)
                }
                b'C' => {
                    let derived = self.type_();
                    let offset = self.number();
                    if offset < 0 || !self.check(b'_') {
                        return None;
                    }
                    let base = self.type_();
                    self.make_comp(T::ConstructionVtable, base, derived)
                }
                b'F' => self.of_type(T::TypeinfoFn),
                b'J' => self.of_type(T::JavaClass),
                b'H' => self.of_name(T::TlsInit),
                b'W' => self.of_name(T::TlsWrapper),
                b'A' => self.of_template_arg(T::TparmObj),
                _ => None,
            }
        } else if self.check(b'G') {
            match self.next_char() {
                b'V' => self.of_name(T::Guard),
                b'R' => {
                    let n = self.name(false);
                    let num = self.number_component();
                    self.make_comp(T::Reftemp, n, num)
                }
                b'A' => self.of_encoding(T::HiddenAlias),
                b'I' => {
                    let mut module: P = None;
                    if !self.maybe_module_name(&mut module) || module.is_none() {
                        return None;
                    }
                    self.make_comp(T::ModuleInit, module, None)
                }
                b'T' => {
                    let t = if self.next_char() == b'n' {
                        T::NontransactionClone
                    } else {
                        T::TransactionClone
                    };
                    let e = self.encoding(false);
                    self.make_comp(t, e, None)
                }
                b'r' => self.java_resource(),
                _ => None,
            }
        } else {
            None
        }
    }

    /// `d_make_comp (di, t, cplus_demangle_type (di), NULL)`.
    fn of_type(&mut self, t: T) -> P {
        let x = self.type_();
        self.make_comp(t, x, None)
    }

    /// `d_make_comp (di, t, d_name (di, 0), NULL)`.
    fn of_name(&mut self, t: T) -> P {
        let x = self.name(false);
        self.make_comp(t, x, None)
    }

    /// `d_make_comp (di, t, d_encoding (di, 0), NULL)`.
    fn of_encoding(&mut self, t: T) -> P {
        let x = self.encoding(false);
        self.make_comp(t, x, None)
    }

    /// `d_make_comp (di, t, d_template_arg (di), NULL)`.
    fn of_template_arg(&mut self, t: T) -> P {
        let x = self.template_arg();
        self.make_comp(t, x, None)
    }

    /// `d_call_offset`.
    fn call_offset(&mut self, c: u8) -> bool {
        let c = if c == 0 { self.next_char() } else { c };
        if c == b'h' {
            self.number();
        } else if c == b'v' {
            self.number();
            if !self.check(b'_') {
                return false;
            }
            self.number();
        } else {
            return false;
        }
        self.check(b'_')
    }

    /// `d_ctor_dtor_name`.
    fn ctor_dtor_name(&mut self) -> P {
        match self.peek() {
            b'C' => {
                let mut inheriting = false;
                if self.peek_next() == b'I' {
                    inheriting = true;
                    self.advance(1);
                }
                let kind = match self.peek_next() {
                    c @ b'1'..=b'5' => i64::from(c - b'0'),
                    _ => return None,
                };
                self.advance(2);
                if inheriting {
                    self.type_();
                }
                let ln = self.last_name;
                self.make_named(T::Ctor, kind, ln)
            }
            b'D' => {
                let kind = match self.peek_next() {
                    b'0' => 1,
                    b'1' => 2,
                    b'2' => 3,
                    b'4' => 4,
                    b'5' => 5,
                    _ => return None,
                };
                self.advance(2);
                let ln = self.last_name;
                self.make_named(T::Dtor, kind, ln)
            }
            _ => None,
        }
    }

    /// `next_is_type_qual`.
    fn next_is_type_qual(&self) -> bool {
        let peek = self.peek();
        if peek == b'r' || peek == b'V' || peek == b'K' {
            return true;
        }
        peek == b'D' && matches!(self.peek_next(), b'x' | b'o' | b'O' | b'w')
    }

    /// `cplus_demangle_type`.
    pub(crate) fn type_(&mut self) -> P {
        self.guarded(|p| p.type_1())
    }

    fn type_1(&mut self) -> P {
        if self.next_is_type_qual() {
            let (mut ret, last) = self.cv_qualifiers(false)?;
            let inner = if self.peek() == b'F' {
                self.function_type()
            } else {
                self.type_()
            };
            let set = |p: &mut Self, ret: &mut P, v: P| match last {
                Some(l) => p.cm(l).l = v,
                None => *ret = v,
            };
            set(self, &mut ret, inner);
            let inner = inner?;
            if matches!(self.c(inner).t, T::RvalueReferenceThis | T::ReferenceThis) {
                let f = self.left(inner);
                self.cm(inner).l = ret;
                ret = Some(inner);
                set(self, &mut ret, f);
                if last.is_none() {
                    // The slot was `ret` itself: C's `*pret = fn`.
                    ret = f;
                }
            }
            if !self.add_substitution(ret) {
                return None;
            }
            return ret;
        }

        let mut can_subst = true;
        let peek = self.peek();
        let ret: P;
        match peek {
            b'a'..=b'j' | b'l'..=b'o' | b's' | b't' | b'v'..=b'z' => {
                ret = self.make_builtin(usize::from(peek - b'a'));
                ret?;
                can_subst = false;
                self.advance(1);
            }
            b'u' => {
                self.advance(1);
                let sn = self.source_name();
                ret = self.make_comp(T::VendorType, sn, None);
            }
            b'F' => ret = self.function_type(),
            b'A' => ret = self.array_type(),
            b'M' => ret = self.pointer_to_member_type(),
            b'T' => {
                let mut r = self.template_param();
                if self.peek() == b'I' {
                    if !self.is_conversion {
                        if !self.add_substitution(r) {
                            return None;
                        }
                        let args = self.template_args();
                        r = self.make_comp(T::Template, r, args);
                    } else {
                        let cp = self.checkpoint();
                        let args = self.template_args();
                        if self.peek() == b'I' {
                            if !self.add_substitution(r) {
                                return None;
                            }
                            r = self.make_comp(T::Template, r, args);
                        } else {
                            self.backtrack(&cp);
                        }
                    }
                }
                ret = r;
            }
            b'O' | b'P' | b'R' | b'C' | b'G' => {
                self.advance(1);
                let t = match peek {
                    b'O' => T::RvalueReference,
                    b'P' => T::Pointer,
                    b'R' => T::Reference,
                    b'C' => T::Complex,
                    _ => T::Imaginary,
                };
                let sub = self.type_();
                ret = self.make_comp(t, sub, None);
            }
            b'U' => {
                self.advance(1);
                let mut r = self.source_name();
                if self.peek() == b'I' {
                    let args = self.template_args();
                    r = self.make_comp(T::Template, r, args);
                }
                let sub = self.type_();
                ret = self.make_comp(T::VendorTypeQual, sub, r);
            }
            b'D' => {
                can_subst = false;
                self.advance(1);
                let peek = self.next_char();
                match peek {
                    b'T' | b't' => {
                        let e = self.expression();
                        let mut r = self.make_comp(T::Decltype, e, None);
                        if r.is_some() && self.next_char() != b'E' {
                            r = None;
                        }
                        ret = r;
                        can_subst = true;
                    }
                    b'p' => {
                        let t = self.type_();
                        ret = self.make_comp(T::PackExpansion, t, None);
                        can_subst = true;
                    }
                    b'a' => ret = self.make_static_name("auto"),
                    b'c' => ret = self.make_static_name("decltype(auto)"),
                    b'f' | b'd' | b'e' | b'h' | b'u' | b's' | b'i' | b'n' => {
                        let i = match peek {
                            b'f' => 26,
                            b'd' => 27,
                            b'e' => 28,
                            b'h' => 29,
                            b'u' => 30,
                            b's' => 31,
                            b'i' => 32,
                            _ => 33,
                        };
                        ret = self.make_builtin(i);
                        ret?;
                    }
                    b'F' => {
                        let arg = self.number();
                        let mut suffix = 0u8;
                        if self.peek() == b'b' {
                            if arg != 16 {
                                return None;
                            }
                            self.advance(1);
                            ret = self.make_builtin(35);
                            ret?;
                        } else {
                            if self.peek() == b'x' {
                                suffix = b'x';
                            }
                            if suffix == 0 && self.peek() != b'_' {
                                return None;
                            }
                            let mut c = Comp::new(T::ExtendedBuiltinType);
                            c.idx = 34;
                            // `short arg` in the C struct.
                            c.num = i64::from(arg as i16);
                            c.suffix = suffix;
                            ret = self.make(c);
                            ret?;
                            self.advance(1);
                        }
                    }
                    b'v' => {
                        ret = self.vector_type();
                        can_subst = true;
                    }
                    _ => return None,
                }
            }
            _ => return self.class_enum_type(true),
        }
        if can_subst && !self.add_substitution(ret) {
            return None;
        }
        ret
    }

    /// `d_cv_qualifiers`: the chain's head and its last link, whose left
    /// operand is the slot the caller fills (`None`: no qualifiers, the
    /// slot is the head itself). `None` where C returns NULL.
    fn cv_qualifiers(&mut self, member_fn: bool) -> Option<(P, P)> {
        let mut head: P = None;
        let mut last: P = None;
        let mut peek = self.peek();
        while self.next_is_type_qual() {
            let mut right: P = None;
            self.advance(1);
            let t = if peek == b'r' {
                if member_fn {
                    T::RestrictThis
                } else {
                    T::Restrict
                }
            } else if peek == b'V' {
                if member_fn {
                    T::VolatileThis
                } else {
                    T::Volatile
                }
            } else if peek == b'K' {
                if member_fn {
                    T::ConstThis
                } else {
                    T::Const
                }
            } else {
                let p = self.next_char();
                if p == b'x' {
                    T::TransactionSafe
                } else if p == b'o' || p == b'O' {
                    if p == b'O' {
                        right = self.expression();
                        right?;
                        if !self.check(b'E') {
                            return None;
                        }
                    }
                    T::Noexcept
                } else if p == b'w' {
                    right = self.parmlist();
                    right?;
                    if !self.check(b'E') {
                        return None;
                    }
                    T::ThrowSpec
                } else {
                    return None;
                }
            };
            let q = self.make_comp(t, None, right)?;
            match last {
                Some(l) => self.cm(l).l = Some(q),
                None => head = Some(q),
            }
            last = Some(q);
            peek = self.peek();
        }
        if !member_fn && peek == b'F' {
            let mut cur = head;
            while let Some(c) = cur {
                let t = match self.c(c).t {
                    T::Restrict => T::RestrictThis,
                    T::Volatile => T::VolatileThis,
                    T::Const => T::ConstThis,
                    t => t,
                };
                self.cm(c).t = t;
                if Some(c) == last {
                    break;
                }
                cur = self.left(c);
            }
        }
        Some((head, last))
    }

    /// `d_ref_qualifier`.
    fn ref_qualifier(&mut self, sub: P) -> P {
        let peek = self.peek();
        if peek == b'R' || peek == b'O' {
            let t = if peek == b'R' {
                T::ReferenceThis
            } else {
                T::RvalueReferenceThis
            };
            self.advance(1);
            return self.make_comp(t, sub, None);
        }
        sub
    }

    /// `d_function_type`.
    fn function_type(&mut self) -> P {
        if !self.no_recurse_limit {
            if self.recursion_level > DEMANGLE_RECURSION_LIMIT {
                return None;
            }
            self.recursion_level += 1;
        }
        let mut ret: P = None;
        if self.check(b'F') {
            if self.peek() == b'Y' {
                self.advance(1);
            }
            ret = self.bare_function_type(true);
            ret = self.ref_qualifier(ret);
            if !self.check(b'E') {
                ret = None;
            }
        }
        if !self.no_recurse_limit {
            self.recursion_level -= 1;
        }
        ret
    }

    /// Appends `node` to a list linked through right operands (the C
    /// code's `*ptl = node; ptl = &d_right (node)`).
    fn link(&mut self, head: &mut P, last: &mut P, node: Id) {
        match *last {
            Some(l) => self.cm(l).r = Some(node),
            None => *head = Some(node),
        }
        *last = Some(node);
    }

    /// `d_parmlist`.
    fn parmlist(&mut self) -> P {
        let mut tl: P = None;
        let mut last: P = None;
        loop {
            let peek = self.peek();
            if peek == 0 || peek == b'E' || peek == b'.' {
                break;
            }
            if (peek == b'R' || peek == b'O') && self.peek_next() == b'E' {
                break;
            }
            let ty = self.type_()?;
            let node = self.make_comp(T::Arglist, Some(ty), None)?;
            self.link(&mut tl, &mut last, node);
        }
        let tl = tl?;
        if self.right(tl).is_none() {
            if let Some(l) = self.left(tl) {
                let c = self.c(l);
                if c.t == T::BuiltinType && BUILTIN_TYPES[c.idx as usize].print == Bp::Void {
                    self.cm(tl).l = None;
                }
            }
        }
        Some(tl)
    }

    /// `d_bare_function_type`.
    fn bare_function_type(&mut self, mut has_return_type: bool) -> P {
        if self.peek() == b'J' {
            self.advance(1);
            has_return_type = true;
        }
        let return_type = if has_return_type {
            Some(self.type_()?)
        } else {
            None
        };
        let tl = self.parmlist()?;
        self.make_comp(T::FunctionType, return_type, Some(tl))
    }

    /// `d_class_enum_type`.
    fn class_enum_type(&mut self, substable: bool) -> P {
        self.name(substable)
    }

    /// `d_array_type`.
    fn array_type(&mut self) -> P {
        if !self.check(b'A') {
            return None;
        }
        let peek = self.peek();
        let dim: P = if peek == b'_' {
            None
        } else if peek.is_ascii_digit() {
            let start = self.cur.pos;
            while self.peek().is_ascii_digit() {
                self.advance(1);
            }
            let s = self.slice(start, self.cur.pos);
            Some(self.make_name(s)?)
        } else {
            Some(self.expression()?)
        };
        if !self.check(b'_') {
            return None;
        }
        let t = self.type_();
        self.make_comp(T::ArrayType, dim, t)
    }

    /// `d_vector_type`.
    fn vector_type(&mut self) -> P {
        let dim = if self.peek() == b'_' {
            self.advance(1);
            self.expression()
        } else {
            self.number_component()
        };
        dim?;
        if !self.check(b'_') {
            return None;
        }
        let t = self.type_();
        self.make_comp(T::VectorType, dim, t)
    }

    /// `d_pointer_to_member_type`.
    fn pointer_to_member_type(&mut self) -> P {
        if !self.check(b'M') {
            return None;
        }
        let cl = self.type_()?;
        let mem = self.type_()?;
        self.make_comp(T::PtrmemType, Some(cl), Some(mem))
    }

    /// `d_compact_number`.
    fn compact_number(&mut self) -> i32 {
        let num = if self.peek() == b'_' {
            0
        } else if self.peek() == b'n' {
            return -1;
        } else {
            self.number().wrapping_add(1)
        };
        if num < 0 || !self.check(b'_') {
            return -1;
        }
        num
    }

    /// `d_template_param`.
    fn template_param(&mut self) -> P {
        if !self.check(b'T') {
            return None;
        }
        let param = self.compact_number();
        if param < 0 {
            return None;
        }
        self.make_num(T::TemplateParam, i64::from(param))
    }

    /// `d_template_args`.
    fn template_args(&mut self) -> P {
        if self.peek() != b'I' && self.peek() != b'J' {
            return None;
        }
        self.advance(1);
        self.template_args_1()
    }

    /// `d_template_args_1`.
    fn template_args_1(&mut self) -> P {
        let hold_last_name = self.last_name;
        let al = self.list_until(T::TemplateArglist, b'E', Self::template_arg);
        if al.is_some() {
            self.last_name = hold_last_name;
        }
        al
    }

    /// The loop `d_template_args_1` and `d_exprlist` share: `item`s in a
    /// `t` list up to `terminator` (an empty list when it comes first).
    fn list_until(&mut self, t: T, terminator: u8, item: fn(&mut Self) -> P) -> P {
        if self.peek() == terminator {
            self.advance(1);
            return self.make_comp(t, None, None);
        }
        let mut list: P = None;
        let mut last: P = None;
        loop {
            let a = item(self)?;
            let node = self.make_comp(t, Some(a), None)?;
            self.link(&mut list, &mut last, node);
            if self.peek() == terminator {
                self.advance(1);
                break;
            }
        }
        list
    }

    /// `d_template_arg`.
    fn template_arg(&mut self) -> P {
        self.guarded(Self::template_arg_1)
    }

    fn template_arg_1(&mut self) -> P {
        match self.peek() {
            b'X' => {
                self.advance(1);
                let ret = self.expression();
                if self.check(b'E') {
                    ret
                } else {
                    None
                }
            }
            b'L' => self.expr_primary(),
            b'I' | b'J' => self.template_args(),
            _ => self.type_(),
        }
    }

    /// `d_exprlist`.
    fn exprlist(&mut self, terminator: u8) -> P {
        self.list_until(T::Arglist, terminator, Self::expression)
    }

    fn op_code(&self, op: Id) -> Option<&'static [u8; 2]> {
        let c = self.c(op);
        (c.t == T::Operator).then(|| OPERATORS[c.idx as usize].code)
    }

    /// `d_unresolved_name`.
    fn unresolved_name(&mut self) -> P {
        self.advance(2);
        let peek = self.peek();
        let ty = if self.unresolved_name_state != 0
            && (peek.is_ascii_digit()
                || peek.is_ascii_lowercase()
                || peek == b'C'
                || peek == b'U'
                || peek == b'L')
        {
            self.unresolved_name_state = -1;
            let t = self.prefix(false);
            if self.peek() == b'E' {
                self.advance(1);
            }
            t
        } else {
            self.type_()
        };
        let mut name = self.unqualified_name(ty, None);
        if self.peek() == b'I' {
            let args = self.template_args();
            name = self.make_comp(T::Template, name, args);
        }
        name
    }

    /// `d_expression_1`.
    fn expression_1(&mut self) -> P {
        self.guarded(|p| p.expression_2())
    }

    fn expression_2(&mut self) -> P {
        let peek = self.peek();
        let next = self.peek_next();
        if peek == b'L' {
            return self.expr_primary();
        }
        if peek == b'T' {
            return self.template_param();
        }
        if peek == b's' && next == b'r' {
            return self.unresolved_name();
        }
        if peek == b's' && next == b'p' {
            self.advance(2);
            let e = self.expression_1();
            return self.make_comp(T::PackExpansion, e, None);
        }
        if peek == b'f' && next == b'p' {
            self.advance(2);
            let index = if self.peek() == b'T' {
                self.advance(1);
                0
            } else {
                let i = self.compact_number();
                if i == i32::MAX || i == -1 {
                    return None;
                }
                i + 1
            };
            return self.make_num(T::FunctionParam, i64::from(index));
        }
        if peek.is_ascii_digit() || (peek == b'o' && next == b'n') {
            if peek == b'o' {
                self.advance(2);
            }
            let name = self.unqualified_name(None, None)?;
            if self.peek() == b'I' {
                let args = self.template_args();
                return self.make_comp(T::Template, Some(name), args);
            }
            return Some(name);
        }
        if (peek == b'i' || peek == b't') && next == b'l' {
            let mut ty: P = None;
            self.advance(2);
            if peek == b't' {
                ty = self.type_();
            }
            if self.peek() == 0 || self.peek_next() == 0 {
                return None;
            }
            let list = self.exprlist(b'E');
            return self.make_comp(T::InitializerList, ty, list);
        }
        if peek == b'u' {
            self.advance(1);
            let name = self.source_name();
            let args = self.template_args_1();
            return self.make_comp(T::VendorExpr, name, args);
        }

        let op = self.operator_name()?;
        let mut code: Option<&'static [u8; 2]> = None;
        if self.c(op).t == T::Operator {
            let c = OPERATORS[self.c(op).idx as usize].code;
            code = Some(c);
            if c == b"st" {
                let t = self.type_();
                return self.make_comp(T::Unary, Some(op), t);
            }
        }
        let args = match self.c(op).t {
            T::Operator => OPERATORS[self.c(op).idx as usize].args,
            T::ExtendedOperator => self.c(op).num as i32,
            T::Cast => 1,
            _ => return None,
        };
        match args {
            0 => self.make_comp(T::Nullary, Some(op), None),
            1 => {
                let mut suffix = false;
                if let Some(c) = code {
                    if (c[0] == b'p' || c[0] == b'm') && c[1] == c[0] {
                        suffix = !self.check(b'_');
                    }
                }
                let mut operand = if self.c(op).t == T::Cast && self.check(b'_') {
                    self.exprlist(b'E')
                } else if code == Some(b"sP") {
                    self.template_args_1()
                } else {
                    self.expression_1()
                };
                if suffix {
                    operand = self.make_comp(T::BinaryArgs, operand, operand);
                }
                self.make_comp(T::Unary, Some(op), operand)
            }
            2 => {
                let code = code?;
                let left = if self.op_is_new_cast(op) {
                    self.type_()
                } else if code[0] == b'f' {
                    self.operator_name()
                } else if code == b"di" {
                    self.unqualified_name(None, None)
                } else {
                    self.expression_1()
                };
                let right = if code == b"cl" {
                    self.exprlist(b'E')
                } else if code == b"dt" || code == b"pt" {
                    let p = self.peek();
                    let q = self.peek_next();
                    if (p == b'g' && q == b's') || (p == b's' && q == b'r') {
                        self.expression_1()
                    } else {
                        let mut r = self.unqualified_name(None, None);
                        if self.peek() == b'I' {
                            let args = self.template_args();
                            r = self.make_comp(T::Template, r, args);
                        }
                        r
                    }
                } else {
                    self.expression_1()
                };
                let args = self.make_comp(T::BinaryArgs, left, right);
                self.make_comp(T::Binary, Some(op), args)
            }
            3 => {
                let code = code?;
                let (first, second, third);
                if code == b"qu" || code == b"dX" {
                    first = self.expression_1();
                    second = self.expression_1();
                    third = self.expression_1();
                    third?;
                } else if code[0] == b'f' {
                    first = self.operator_name();
                    second = self.expression_1();
                    third = self.expression_1();
                    third?;
                } else if code[0] == b'n' {
                    if code[1] != b'w' && code[1] != b'a' {
                        return None;
                    }
                    first = self.exprlist(b'_');
                    second = self.type_();
                    if self.peek() == b'E' {
                        self.advance(1);
                        third = None;
                    } else if self.peek() == b'p' && self.peek_next() == b'i' {
                        self.advance(2);
                        third = self.exprlist(b'E');
                    } else if self.peek() == b'i' && self.peek_next() == b'l' {
                        third = self.expression_1();
                    } else {
                        return None;
                    }
                } else {
                    return None;
                }
                let a2 = self.make_comp(T::TrinaryArg2, second, third);
                let a1 = self.make_comp(T::TrinaryArg1, first, a2);
                self.make_comp(T::Trinary, Some(op), a1)
            }
            _ => None,
        }
    }

    /// `op_is_new_cast`.
    pub(crate) fn op_is_new_cast(&self, op: Id) -> bool {
        match self.op_code(op) {
            Some(code) => code[1] == b'c' && matches!(code[0], b's' | b'd' | b'c' | b'r'),
            None => false,
        }
    }

    /// `d_expression`.
    fn expression(&mut self) -> P {
        let was_expression = self.is_expression;
        self.is_expression = true;
        let ret = self.expression_1();
        self.is_expression = was_expression;
        ret
    }

    /// `d_expr_primary`.
    fn expr_primary(&mut self) -> P {
        if !self.check(b'L') {
            return None;
        }
        let ret;
        if self.peek() == b'_' || self.peek() == b'Z' {
            ret = self.mangled_name(false);
        } else {
            let ty = self.type_()?;
            let c = self.c(ty);
            if c.t == T::BuiltinType && c.idx == 33 && self.peek() == b'E' {
                self.advance(1);
                return Some(ty);
            }
            let mut t = T::Literal;
            if self.peek() == b'n' {
                t = T::LiteralNeg;
                self.advance(1);
            }
            let start = self.cur.pos;
            while self.peek() != b'E' {
                if self.peek() == 0 {
                    return None;
                }
                self.advance(1);
            }
            let s = self.slice(start, self.cur.pos);
            let name = self.make_name(s);
            ret = self.make_comp(t, Some(ty), name);
        }
        if !self.check(b'E') {
            return None;
        }
        ret
    }

    /// `d_local_name`.
    fn local_name(&mut self) -> P {
        if !self.check(b'Z') {
            return None;
        }
        let function = self.encoding(false)?;
        if !self.check(b'E') {
            return None;
        }
        let name: P;
        if self.peek() == b's' {
            self.advance(1);
            if !self.discriminator() {
                return None;
            }
            name = self.make_static_name("string literal");
        } else {
            let mut num = -1;
            if self.peek() == b'd' {
                self.advance(1);
                num = self.compact_number();
                if num < 0 {
                    return None;
                }
            }
            let mut n = self.name(false);
            if let Some(id) = n {
                if !matches!(self.c(id).t, T::Lambda | T::UnnamedType) && !self.discriminator() {
                    return None;
                }
            }
            if num >= 0 {
                let mut c = Comp::new(T::DefaultArg);
                c.num = i64::from(num);
                c.l = n;
                n = self.make(c);
            }
            name = n;
        }
        if self.c(function).t == T::TypedName {
            if let Some(r) = self.right(function) {
                if self.c(r).t == T::FunctionType {
                    self.cm(r).l = None;
                }
            }
        }
        self.make_comp(T::LocalName, Some(function), name)
    }

    /// `d_discriminator`.
    fn discriminator(&mut self) -> bool {
        if self.peek() != b'_' {
            return true;
        }
        self.advance(1);
        let mut num_underscores = 1;
        if self.peek() == b'_' {
            num_underscores += 1;
            self.advance(1);
        }
        let discrim = self.number();
        if discrim < 0 {
            return false;
        }
        if num_underscores > 1 && discrim >= 10 {
            if self.peek() == b'_' {
                self.advance(1);
            } else {
                return false;
            }
        }
        true
    }

    /// `d_template_parm`.
    fn template_parm(&mut self, bad: &mut bool) -> P {
        if self.peek() != b'T' {
            return None;
        }
        let (kind, op) = match self.peek_next() {
            b'p' => {
                self.advance(2);
                let op = self.guarded(|p| p.template_parm(bad));
                if op.is_none() {
                    *bad = true;
                    return None;
                }
                (T::TemplatePackParm, op)
            }
            b'y' => {
                self.advance(2);
                (T::TemplateTypeParm, None)
            }
            b'n' => {
                self.advance(2);
                let op = self.type_();
                if op.is_none() {
                    *bad = true;
                    return None;
                }
                (T::TemplateNonTypeParm, op)
            }
            b't' => {
                self.advance(2);
                let op = self.guarded(|p| p.template_head(bad));
                if op.is_none() || !self.check(b'E') {
                    *bad = true;
                    return None;
                }
                (T::TemplateTemplateParm, op)
            }
            _ => return None,
        };
        self.make_comp(kind, op, None)
    }

    /// `d_template_head`.
    fn template_head(&mut self, bad: &mut bool) -> P {
        let mut res: P = None;
        let mut last: P = None;
        while let Some(op) = self.template_parm(bad) {
            self.link(&mut res, &mut last, op);
        }
        if res.is_some() {
            res = self.make_comp(T::TemplateHead, res, None);
        }
        res
    }

    /// `d_lambda`.
    fn lambda(&mut self) -> P {
        if !self.check(b'U') || !self.check(b'l') {
            return None;
        }
        let mut bad = false;
        let head = self.template_head(&mut bad);
        if bad {
            return None;
        }
        let mut tl = self.parmlist()?;
        if let Some(h) = head {
            self.cm(h).r = Some(tl);
            tl = h;
        }
        if !self.check(b'E') {
            return None;
        }
        let num = self.compact_number();
        if num < 0 {
            return None;
        }
        let mut c = Comp::new(T::Lambda);
        c.l = Some(tl);
        c.num = i64::from(num);
        self.make(c)
    }

    /// `d_unnamed_type`.
    fn unnamed_type(&mut self) -> P {
        if !self.check(b'U') || !self.check(b't') {
            return None;
        }
        let num = self.compact_number();
        if num < 0 {
            return None;
        }
        let ret = self.make_num(T::UnnamedType, i64::from(num));
        if !self.add_substitution(ret) {
            return None;
        }
        ret
    }

    /// `d_clone_suffix`.
    fn clone_suffix(&mut self, encoding: P) -> P {
        let suffix = self.cur.pos;
        let mut pend = suffix;
        let ok = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_';
        if self.at(pend) == b'.' && ok(self.at(pend + 1)) {
            pend += 2;
            while ok(self.at(pend)) {
                pend += 1;
            }
        }
        while self.at(pend) == b'.' && self.at(pend + 1).is_ascii_digit() {
            pend += 2;
            while self.at(pend).is_ascii_digit() {
                pend += 1;
            }
        }
        self.advance(pend - suffix);
        let s = self.slice(suffix, pend);
        let n = self.make_name(s);
        self.make_comp(T::Clone, encoding, n)
    }

    /// `d_add_substitution`.
    fn add_substitution(&mut self, dc: P) -> bool {
        let Some(dc) = dc else { return false };
        if self.next_sub >= self.num_subs {
            return false;
        }
        if self.next_sub < self.subs.len() {
            self.subs[self.next_sub] = dc;
        } else {
            self.subs.push(dc);
        }
        self.next_sub += 1;
        true
    }

    /// `d_substitution`.
    fn substitution(&mut self, prefix: bool) -> P {
        if !self.check(b'S') {
            return None;
        }
        let mut c = self.next_char();
        if c == b'_' || c.is_ascii_digit() || c.is_ascii_uppercase() {
            let mut id: u32 = 0;
            if c != b'_' {
                loop {
                    let new_id = if c.is_ascii_digit() {
                        id.wrapping_mul(36).wrapping_add(u32::from(c - b'0'))
                    } else if c.is_ascii_uppercase() {
                        id.wrapping_mul(36).wrapping_add(u32::from(c - b'A') + 10)
                    } else {
                        return None;
                    };
                    if new_id < id {
                        return None;
                    }
                    id = new_id;
                    c = self.next_char();
                    if c == b'_' {
                        break;
                    }
                }
                id = id.wrapping_add(1);
            }
            if id as usize >= self.next_sub {
                return None;
            }
            return self.subs.get(id as usize).copied();
        }
        let mut verbose = false;
        if prefix {
            let peek = self.peek();
            if peek == b'C' || peek == b'D' {
                verbose = true;
            }
        }
        let p = STANDARD_SUBS.iter().find(|p| p.code == c)?;
        if let Some(ln) = p.last_name {
            self.last_name = self.make_sub(ln);
        }
        let s = if verbose { p.full } else { p.simple };
        let mut dc = self.make_sub(s);
        if self.peek() == b'B' {
            dc = self.abi_tags(dc);
            if !self.add_substitution(dc) {
                return None;
            }
        }
        dc
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            n: self.cur.pos,
            next_comp: self.next_comp,
            next_sub: self.next_sub,
        }
    }

    fn backtrack(&mut self, cp: &Checkpoint) {
        self.cur.pos = cp.n;
        self.next_comp = cp.next_comp;
        self.next_sub = cp.next_sub;
    }

    /// `d_make_demangle_mangled_name`.
    pub(crate) fn demangle_mangled_name(&mut self) -> P {
        if self.peek() != b'_' || self.peek_next() != b'Z' {
            let s = self.rest();
            return self.make_name(s);
        }
        self.advance(2);
        self.encoding(false)
    }
}

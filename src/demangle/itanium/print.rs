//! The printer of cp-demangle.c (`d_print_*`), function by function.
//!
//! The C printer keeps its template and modifier lists on the stack and
//! points into them; here the modifier list lives in an arena that is cut
//! back when the `d_print_comp` call that made the entries returns, and the
//! template list is a shared linked list. The 256-byte output buffer is
//! simulated (its fill level and flush count decide whether a `", "` is
//! taken back after an empty template argument pack).

use std::rc::Rc;

use super::ast::{Bp, Comp, Id, BUILTIN_TYPES, OPERATORS, T};
use super::parse::DEMANGLE_RECURSION_LIMIT;

/// cp-demangle.c `MAX_RECURSION_COUNT`: how deep `d_print_comp` may nest.
const MAX_RECURSION_COUNT: i32 = 1024;

/// Not in the C code: the longest output this port produces before giving
/// up. libiberty has no bound (a few names expand exponentially through
/// substitutions); real names stay far below it.
pub(crate) const MAX_OUTPUT: usize = 1 << 20;

/// Not in the C code: how many printing steps (`d_print_comp` and
/// `d_find_pack` calls) one name may take, so that pathological names
/// fail in bounded time (every name under /usr takes under 16 Ki).
const MAX_WORK: u64 = 1 << 20;

const D_PRINT_BUFFER_LENGTH: usize = 256;

/// `struct d_print_template`.
#[derive(Debug)]
struct TplNode {
    decl: Option<Id>,
    next: Tpl,
}

type Tpl = Option<Rc<TplNode>>;

/// `struct d_print_mod`.
#[derive(Debug, Clone)]
struct Mod {
    next: Option<usize>,
    m: Id,
    printed: bool,
    templates: Tpl,
}

/// `struct d_print_info`.
#[derive(Debug)]
pub(crate) struct Printer<'p, 'a> {
    comps: &'p [Comp<'a>],
    pub out: Vec<u8>,
    buf_len: usize,
    flush_count: u64,
    last_char: u8,
    templates: Tpl,
    modifiers: Option<usize>,
    mods: Vec<Mod>,
    failure: bool,
    recursion: i32,
    lambda_tpl_parms: i32,
    pack_index: i32,
    component_stack: Vec<Id>,
    saved_scopes: Vec<(Id, Tpl)>,
    num_saved_scopes: usize,
    next_copy_template: usize,
    num_copy_templates: usize,
    current_template: Option<Id>,
    printing: Vec<u8>,
    counting: Vec<u8>,
    work: u64,
}

type P = Option<Id>;

/// `cplus_demangle_print_callback`: `dc` printed, or `None` where the C
/// printer sees an error.
pub(crate) fn print(comps: &[Comp<'_>], dc: Id) -> Option<Vec<u8>> {
    let mut p = Printer {
        comps,
        out: Vec::new(),
        buf_len: 0,
        flush_count: 0,
        last_char: 0,
        templates: None,
        modifiers: None,
        mods: Vec::new(),
        failure: false,
        recursion: 0,
        lambda_tpl_parms: 0,
        pack_index: 0,
        component_stack: Vec::new(),
        saved_scopes: Vec::new(),
        num_saved_scopes: 0,
        next_copy_template: 0,
        num_copy_templates: 0,
        current_template: None,
        printing: vec![0; comps.len()],
        counting: vec![0; comps.len()],
        work: 0,
    };
    p.count_templates_scopes(Some(dc));
    if p.recursion < DEMANGLE_RECURSION_LIMIT as i32 {
        p.recursion = 0;
    }
    p.num_copy_templates = p.num_copy_templates.saturating_mul(p.num_saved_scopes);
    p.print_comp(Some(dc));
    if p.failure {
        None
    } else {
        Some(p.out)
    }
}

impl<'a> Printer<'_, 'a> {
    // ---- tree access ----

    fn c(&self, id: Id) -> &Comp<'a> {
        &self.comps[id as usize]
    }

    fn t(&self, id: P) -> Option<T> {
        id.map(|i| self.c(i).t)
    }

    fn l(&self, id: P) -> P {
        id.and_then(|i| self.c(i).l)
    }

    fn r(&self, id: P) -> P {
        id.and_then(|i| self.c(i).r)
    }

    fn op_code(&self, id: P) -> Option<&'static [u8; 2]> {
        let c = self.c(id?);
        (c.t == T::Operator).then(|| OPERATORS[c.idx as usize].code)
    }

    fn md(&self, i: Option<usize>) -> Option<&Mod> {
        self.mods.get(i?)
    }

    fn push_mod(&mut self, m: Id) -> usize {
        self.mods.push(Mod {
            next: self.modifiers,
            m,
            printed: false,
            templates: self.templates.clone(),
        });
        self.mods.len() - 1
    }

    fn printed(&self, i: usize) -> bool {
        self.mods.get(i).is_none_or(|m| m.printed)
    }

    fn error(&mut self) {
        self.failure = true;
    }

    // ---- output ----

    fn flush(&mut self) {
        self.buf_len = 0;
        self.flush_count += 1;
    }

    fn ch(&mut self, c: u8) {
        if self.buf_len == D_PRINT_BUFFER_LENGTH - 1 {
            self.flush();
        }
        if self.out.len() >= MAX_OUTPUT {
            self.failure = true;
            return;
        }
        self.out.push(c);
        self.buf_len += 1;
        self.last_char = c;
    }

    fn buf(&mut self, s: &[u8]) {
        for &c in s {
            self.ch(c);
        }
    }

    fn st(&mut self, s: &str) {
        self.buf(s.as_bytes());
    }

    fn num(&mut self, n: i32) {
        self.st(&n.to_string());
    }

    // ---- d_count_templates_scopes ----

    fn count_templates_scopes(&mut self, dc: P) {
        let Some(d) = dc else { return };
        if self.counting[d as usize] > 1 || self.recursion > MAX_RECURSION_COUNT {
            return;
        }
        self.counting[d as usize] += 1;
        let c = *self.c(d);
        use T::*;
        match c.t {
            Name | TemplateParam | FunctionParam | SubStd | BuiltinType | ExtendedBuiltinType
            | Operator | Character | Number | UnnamedType | StructuredBinding | ModuleName
            | ModulePartition | ModuleInit | TemplateHead | TemplateTypeParm
            | TemplateNonTypeParm | TemplateTemplateParm | TemplatePackParm => {}
            Ctor | Dtor | ExtendedOperator | GlobalConstructors | GlobalDestructors
            | ModuleEntity | Lambda | DefaultArg => self.count_templates_scopes(c.l),
            _ => {
                if c.t == Template {
                    self.num_copy_templates += 1;
                }
                if matches!(c.t, Reference | RvalueReference) && self.t(c.l) == Some(TemplateParam)
                {
                    self.num_saved_scopes += 1;
                }
                if self.recursion > DEMANGLE_RECURSION_LIMIT as i32 {
                    return;
                }
                self.recursion += 1;
                self.count_templates_scopes(c.l);
                self.count_templates_scopes(c.r);
                self.recursion -= 1;
            }
        }
    }

    // ---- template arguments ----

    /// `d_index_template_argument`.
    fn index_template_argument(&self, args: P, mut i: i32) -> P {
        if i < 0 {
            return args;
        }
        let mut a = args;
        while let Some(x) = a {
            if self.c(x).t != T::TemplateArglist {
                return None;
            }
            if i <= 0 {
                break;
            }
            i -= 1;
            a = self.c(x).r;
        }
        if i != 0 || a.is_none() {
            return None;
        }
        self.l(a)
    }

    /// `d_lookup_template_argument`.
    fn lookup_template_argument(&mut self, dc: Id) -> P {
        let Some(t) = &self.templates else {
            self.error();
            return None;
        };
        let Some(decl) = t.decl else {
            // C dereferences NULL here.
            self.error();
            return None;
        };
        let n = self.c(dc).num as i32;
        self.index_template_argument(self.c(decl).r, n)
    }

    /// `d_find_pack`.
    fn find_pack(&mut self, dc: P) -> P {
        let d = dc?;
        self.work += 1;
        if self.work > MAX_WORK {
            self.error();
            return None;
        }
        use T::*;
        match self.c(d).t {
            TemplateParam => {
                let a = self.lookup_template_argument(d);
                if self.t(a) == Some(TemplateArglist) {
                    a
                } else {
                    None
                }
            }
            PackExpansion | Lambda | Name | TaggedName | Operator | BuiltinType
            | ExtendedBuiltinType | SubStd | Character | FunctionParam | UnnamedType
            | DefaultArg | Number => None,
            ExtendedOperator | Ctor | Dtor => self.find_pack(self.c(d).l),
            _ => {
                let (l, r) = (self.c(d).l, self.c(d).r);
                let a = self.find_pack(l);
                if a.is_some() {
                    return a;
                }
                self.find_pack(r)
            }
        }
    }

    /// `d_pack_length`.
    fn pack_length(&self, mut dc: P) -> i32 {
        let mut count = 0i32;
        while let Some(d) = dc {
            let c = self.c(d);
            if c.t != T::TemplateArglist || c.l.is_none() {
                break;
            }
            count = count.wrapping_add(1);
            dc = c.r;
        }
        count
    }

    /// `d_args_length`.
    fn args_length(&mut self, mut dc: P) -> i32 {
        let mut count = 0i32;
        while let Some(d) = dc {
            if self.c(d).t != T::TemplateArglist {
                break;
            }
            let Some(elt) = self.c(d).l else { break };
            if self.c(elt).t == T::PackExpansion {
                let a = self.find_pack(self.c(elt).l);
                count = count.wrapping_add(self.pack_length(a));
            } else {
                count = count.wrapping_add(1);
            }
            dc = self.c(d).r;
        }
        count
    }

    /// `d_print_subexpr`.
    fn print_subexpr(&mut self, dc: P) {
        let Some(t) = self.t(dc) else {
            self.error();
            return;
        };
        let simple = matches!(
            t,
            T::Name | T::QualName | T::InitializerList | T::FunctionParam
        );
        if !simple {
            self.ch(b'(');
        }
        self.print_comp(dc);
        if !simple {
            self.ch(b')');
        }
    }

    /// `d_save_scope`.
    fn save_scope(&mut self, container: Id) {
        if self.saved_scopes.len() >= self.num_saved_scopes {
            self.error();
            return;
        }
        let mut n = 0usize;
        let mut cur = self.templates.clone();
        while let Some(t) = cur {
            n += 1;
            cur = t.next.clone();
        }
        if self.next_copy_template + n > self.num_copy_templates {
            self.error();
            return;
        }
        self.next_copy_template += n;
        self.saved_scopes.push((container, self.templates.clone()));
    }

    /// `d_get_saved_scope`.
    fn get_saved_scope(&self, container: Id) -> Option<Tpl> {
        self.saved_scopes
            .iter()
            .find(|(c, _)| *c == container)
            .map(|(_, t)| t.clone())
    }

    /// `d_maybe_print_fold_expression`.
    fn maybe_print_fold_expression(&mut self, dc: Id) -> bool {
        let Some(code) = self.op_code(self.c(dc).l) else {
            return false;
        };
        if code[0] != b'f' {
            return false;
        }
        let ops = self.c(dc).r;
        let operator = self.l(ops);
        let mut op1 = self.r(ops);
        let mut op2 = None;
        if self.t(op1) == Some(T::TrinaryArg2) {
            op2 = self.r(op1);
            op1 = self.l(op1);
        }
        let save_idx = self.pack_index;
        self.pack_index = -1;
        match code[1] {
            b'l' => {
                self.st("(...");
                self.print_expr_op(operator);
                self.print_subexpr(op1);
                self.ch(b')');
            }
            b'r' => {
                self.ch(b'(');
                self.print_subexpr(op1);
                self.print_expr_op(operator);
                self.st("...)");
            }
            b'L' | b'R' => {
                self.ch(b'(');
                self.print_subexpr(op1);
                self.print_expr_op(operator);
                self.st("...");
                self.print_expr_op(operator);
                self.print_subexpr(op2);
                self.ch(b')');
            }
            _ => {}
        }
        self.pack_index = save_idx;
        true
    }

    /// `is_designated_init`.
    fn is_designated_init(&self, dc: P) -> bool {
        if !matches!(self.t(dc), Some(T::Binary | T::Trinary)) {
            return false;
        }
        match self.op_code(self.l(dc)) {
            Some(code) => code[0] == b'd' && matches!(code[1], b'i' | b'x' | b'X'),
            None => false,
        }
    }

    /// `d_maybe_print_designated_init`.
    fn maybe_print_designated_init(&mut self, dc: Id) -> bool {
        if !self.is_designated_init(Some(dc)) {
            return false;
        }
        let Some(code) = self.op_code(self.c(dc).l) else {
            return false;
        };
        let operands = self.c(dc).r;
        let op1 = self.l(operands);
        let mut op2 = self.r(operands);
        self.ch(if code[1] == b'i' { b'.' } else { b'[' });
        self.print_comp(op1);
        if code[1] == b'X' {
            self.st(" ... ");
            self.print_comp(self.l(op2));
            op2 = self.r(op2);
        }
        if code[1] != b'i' {
            self.ch(b']');
        }
        if self.is_designated_init(op2) {
            self.print_comp(op2);
        } else {
            self.ch(b'=');
            self.print_subexpr(op2);
        }
        true
    }

    /// `d_print_lambda_parm_name`.
    fn print_lambda_parm_name(&mut self, t: Option<T>, index: u32) {
        let s = match t {
            Some(T::TemplateTypeParm) => "$T",
            Some(T::TemplateNonTypeParm) => "$N",
            Some(T::TemplateTemplateParm) => "$TT",
            _ => {
                self.failure = true;
                ""
            }
        };
        self.st(s);
        self.num(index as i32);
    }

    // ---- d_print_comp ----

    /// `d_print_comp`.
    fn print_comp(&mut self, dc: P) {
        let Some(d) = dc else {
            self.error();
            return;
        };
        self.work += 1;
        if self.printing[d as usize] > 1
            || self.recursion > MAX_RECURSION_COUNT
            || self.work > MAX_WORK
        {
            self.error();
            return;
        }
        if self.failure {
            return;
        }
        self.printing[d as usize] += 1;
        self.recursion += 1;
        self.component_stack.push(d);
        let mods = self.mods.len();
        self.print_comp_inner(d);
        self.mods.truncate(mods);
        self.component_stack.pop();
        self.printing[d as usize] -= 1;
        self.recursion -= 1;
    }

    /// `d_print_comp_inner`.
    fn print_comp_inner(&mut self, dc: Id) {
        let c = *self.c(dc);
        use T::*;
        match c.t {
            Name => self.buf(c.s),
            TaggedName => self.infix(c.l, "[abi:", c.r, b']'),
            StructuredBinding => {
                self.ch(b'[');
                let mut cur = Some(dc);
                while let Some(x) = cur {
                    self.print_comp(self.c(x).l);
                    cur = self.c(x).r;
                    if cur.is_none() {
                        break;
                    }
                    self.st(", ");
                    if self.failure {
                        return;
                    }
                }
                self.ch(b']');
            }
            ModuleEntity => {
                self.print_comp(c.l);
                self.ch(b'@');
                self.print_comp(c.r);
            }
            ModuleName | ModulePartition => {
                self.print_opt(c.l);
                if c.t == ModulePartition {
                    self.ch(b':');
                } else if c.l.is_some() {
                    self.ch(b'.');
                }
                self.print_comp(c.r);
            }
            QualName | LocalName => {
                self.print_comp(c.l);
                self.st("::");
                let mut local = c.r;
                if self.t(local) == Some(DefaultArg) {
                    self.st("{default arg#");
                    let n = self.c(local.unwrap_or(0)).num as i32;
                    self.num(n.wrapping_add(1));
                    self.st("}::");
                    local = self.l(local);
                }
                self.print_comp(local);
            }
            TypedName => self.print_typed_name(dc),
            Template => self.print_template(dc),
            TemplateParam => self.print_template_param(dc),
            TparmObj => self.prefixed("template parameter object for ", c.l),
            Ctor => self.print_comp(c.l),
            Dtor => {
                self.ch(b'~');
                self.print_comp(c.l);
            }
            ModuleInit => self.prefixed("initializer for module ", c.l),
            Vtable => self.prefixed("vtable for ", c.l),
            Vtt => self.prefixed("VTT for ", c.l),
            ConstructionVtable => {
                self.prefixed("construction vtable for ", c.l);
                self.st("-in-");
                self.print_comp(c.r);
            }
            Typeinfo => self.prefixed("typeinfo for ", c.l),
            TypeinfoName => self.prefixed("typeinfo name for ", c.l),
            TypeinfoFn => self.prefixed("typeinfo fn for ", c.l),
            Thunk => self.prefixed("non-virtual thunk to ", c.l),
            VirtualThunk => self.prefixed("virtual thunk to ", c.l),
            CovariantThunk => self.prefixed("covariant return thunk to ", c.l),
            JavaClass => self.prefixed("java Class for ", c.l),
            Guard => self.prefixed("guard variable for ", c.l),
            TlsInit => self.prefixed("TLS init function for ", c.l),
            TlsWrapper => self.prefixed("TLS wrapper function for ", c.l),
            Reftemp => {
                self.prefixed("reference temporary #", c.r);
                self.prefixed(" for ", c.l);
            }
            HiddenAlias => self.prefixed("hidden alias for ", c.l),
            TransactionClone => self.prefixed("transaction clone for ", c.l),
            NontransactionClone => self.prefixed("non-transaction clone for ", c.l),
            SubStd => self.buf(c.s),
            Restrict | Volatile | Const => {
                let mut p = self.modifiers;
                while let Some(m) = self.md(p) {
                    if !m.printed {
                        let mt = self.c(m.m).t;
                        if !matches!(mt, Restrict | Volatile | Const) {
                            break;
                        }
                        if mt == c.t {
                            self.print_comp(c.l);
                            return;
                        }
                    }
                    p = m.next;
                }
                self.print_modifier(dc, None, None);
            }
            Reference | RvalueReference => self.print_reference(dc),
            VendorTypeQual | Pointer | Complex | Imaginary => self.print_modifier(dc, None, None),
            t if t.is_fnqual() => self.print_modifier(dc, None, None),
            BuiltinType => self.st(BUILTIN_TYPES[c.idx as usize].name),
            ExtendedBuiltinType => {
                self.st(BUILTIN_TYPES[c.idx as usize].name);
                self.num(c.num as i32);
                if c.suffix != 0 {
                    self.ch(c.suffix);
                }
            }
            VendorType => self.print_comp(c.l),
            FunctionType => {
                if c.l.is_some() {
                    let m = self.push_mod(dc);
                    self.modifiers = Some(m);
                    self.print_comp(c.l);
                    self.modifiers = self.md(Some(m)).and_then(|m| m.next);
                    if self.printed(m) {
                        return;
                    }
                    self.ch(b' ');
                }
                let mods = self.modifiers;
                self.print_function_type(dc, mods);
            }
            ArrayType => self.print_array(dc),
            PtrmemType | VectorType => {
                let m = self.push_mod(dc);
                self.modifiers = Some(m);
                self.print_comp(c.r);
                if !self.printed(m) {
                    self.print_mod(dc);
                }
                self.modifiers = self.md(Some(m)).and_then(|m| m.next);
            }
            Arglist | TemplateArglist => {
                self.print_opt(c.l);
                if c.r.is_some() {
                    if self.buf_len >= D_PRINT_BUFFER_LENGTH - 2 {
                        self.flush();
                    }
                    self.st(", ");
                    let len = self.buf_len;
                    let flush_count = self.flush_count;
                    self.print_comp(c.r);
                    if self.flush_count == flush_count && self.buf_len == len && len >= 2 {
                        self.buf_len -= 2;
                        let n = self.out.len().saturating_sub(2);
                        self.out.truncate(n);
                    }
                }
            }
            InitializerList => {
                self.print_opt(c.l);
                self.ch(b'{');
                self.print_comp(c.r);
                self.ch(b'}');
            }
            Operator => {
                let name = OPERATORS[c.idx as usize].name.as_bytes();
                self.st("operator");
                if name.first().is_some_and(u8::is_ascii_lowercase) {
                    self.ch(b' ');
                }
                let name = name.strip_suffix(b" ").unwrap_or(name);
                self.buf(name);
            }
            ExtendedOperator => self.prefixed("operator ", c.l),
            Conversion => {
                self.st("operator ");
                self.print_conversion(dc);
            }
            Nullary => self.print_expr_op(c.l),
            Unary => self.print_unary(dc),
            Binary => self.print_binary(dc),
            BinaryArgs | TrinaryArg1 | TrinaryArg2 => self.error(),
            Trinary => self.print_trinary(dc),
            Literal | LiteralNeg => self.print_literal(dc),
            VendorExpr => self.infix(c.l, "(", c.r, b')'),
            Number => self.num(c.num as i32),
            JavaResource => self.prefixed("java resource ", c.l),
            CompoundName => {
                self.print_comp(c.l);
                self.print_comp(c.r);
            }
            Character => self.ch(c.num as u8),
            Decltype => {
                self.prefixed("decltype (", c.l);
                self.ch(b')');
            }
            PackExpansion => {
                let mut a = None;
                if self.lambda_tpl_parms == 0 {
                    a = self.find_pack(c.l);
                }
                if a.is_none() {
                    self.print_subexpr(c.l);
                    self.st("...");
                } else {
                    let len = self.pack_length(a);
                    for i in 0..len {
                        if i > 0 {
                            self.st(", ");
                        }
                        self.pack_index = i;
                        self.print_comp(c.l);
                        if self.failure {
                            return;
                        }
                    }
                }
            }
            FunctionParam => {
                let n = c.num as i32;
                if n == 0 {
                    self.st("this");
                } else {
                    self.st("{parm#");
                    self.num(n);
                    self.ch(b'}');
                }
            }
            GlobalConstructors => self.prefixed("global constructors keyed to ", c.l),
            GlobalDestructors => self.prefixed("global destructors keyed to ", c.l),
            Lambda => self.print_lambda(dc),
            UnnamedType => {
                self.st("{unnamed type#");
                self.num((c.num as i32).wrapping_add(1));
                self.ch(b'}');
            }
            Clone => self.infix(c.l, " [clone ", c.r, b']'),
            TemplateHead => {
                self.ch(b'<');
                let mut count = 0;
                let mut parm = c.l;
                while let Some(p) = parm {
                    if count > 0 {
                        self.st(", ");
                    }
                    count += 1;
                    self.print_comp(Some(p));
                    if self.failure {
                        return;
                    }
                    parm = self.c(p).r;
                }
                self.ch(b'>');
            }
            TemplateTypeParm => self.st("typename"),
            TemplateNonTypeParm => self.print_comp(c.l),
            TemplateTemplateParm => {
                self.prefixed("template", c.l);
                self.st(" class");
            }
            TemplatePackParm => {
                self.print_comp(c.l);
                self.st("...");
            }
            _ => self.error(),
        }
    }

    /// `if (dc != NULL) d_print_comp (dpi, options, dc)`.
    fn print_opt(&mut self, dc: P) {
        if dc.is_some() {
            self.print_comp(dc);
        }
    }

    /// `l`, `mid`, `r`, `close`.
    fn infix(&mut self, l: P, mid: &str, r: P, close: u8) {
        self.print_comp(l);
        self.st(mid);
        self.print_comp(r);
        self.ch(close);
    }

    fn prefixed(&mut self, s: &str, dc: P) {
        self.st(s);
        self.print_comp(dc);
    }

    /// `DEMANGLE_COMPONENT_TYPED_NAME`.
    #[inline(never)]
    fn print_typed_name(&mut self, dc: Id) {
        let hold_modifiers = self.modifiers;
        self.modifiers = None;
        let mut adpm = [0usize; 4];
        let mut i = 0usize;
        let mut typed_name = self.c(dc).l;
        while let Some(tn) = typed_name {
            if i >= adpm.len() {
                self.error();
                return;
            }
            let m = self.push_mod(tn);
            adpm[i] = m;
            self.modifiers = Some(m);
            i += 1;
            if !self.c(tn).t.is_fnqual() {
                break;
            }
            typed_name = self.c(tn).l;
        }
        let Some(mut tn) = typed_name else {
            self.error();
            return;
        };
        if self.c(tn).t == T::LocalName {
            let mut t2 = self.c(tn).r;
            if self.t(t2) == Some(T::DefaultArg) {
                t2 = self.l(t2);
            }
            while let Some(x) = t2 {
                if !self.c(x).t.is_fnqual() {
                    break;
                }
                if i >= adpm.len() {
                    self.error();
                    return;
                }
                let mut copy = self.mods[adpm[i - 1]].clone();
                copy.next = Some(adpm[i - 1]);
                self.mods.push(copy);
                adpm[i] = self.mods.len() - 1;
                self.modifiers = Some(adpm[i]);
                let templates = self.templates.clone();
                let prev = &mut self.mods[adpm[i - 1]];
                prev.m = x;
                prev.printed = false;
                prev.templates = templates;
                i += 1;
                t2 = self.c(x).l;
            }
            let Some(x) = t2 else {
                self.error();
                return;
            };
            tn = x;
        }
        let is_template = self.c(tn).t == T::Template;
        let hold_templates = self.templates.clone();
        if is_template {
            self.templates = Some(Rc::new(TplNode {
                decl: Some(tn),
                next: self.templates.take(),
            }));
        }
        self.print_comp(self.c(dc).r);
        if is_template {
            self.templates = hold_templates;
        }
        while i > 0 {
            i -= 1;
            if !self.printed(adpm[i]) {
                self.ch(b' ');
                let m = self.mods[adpm[i]].m;
                self.print_mod(m);
            }
        }
        self.modifiers = hold_modifiers;
    }

    /// `DEMANGLE_COMPONENT_TEMPLATE`.
    #[inline(never)]
    fn print_template(&mut self, dc: Id) {
        let hold_current = self.current_template;
        self.current_template = Some(dc);
        let hold_dpm = self.modifiers;
        self.modifiers = None;
        self.print_comp(self.c(dc).l);
        if self.last_char == b'<' {
            self.ch(b' ');
        }
        self.ch(b'<');
        self.print_comp(self.c(dc).r);
        if self.last_char == b'>' {
            self.ch(b' ');
        }
        self.ch(b'>');
        self.modifiers = hold_dpm;
        self.current_template = hold_current;
    }

    /// `DEMANGLE_COMPONENT_TEMPLATE_PARAM`.
    #[inline(never)]
    fn print_template_param(&mut self, dc: Id) {
        let number = self.c(dc).num;
        if i64::from(self.lambda_tpl_parms) > number + 1 {
            let decl = self.templates.as_ref().and_then(|t| t.decl);
            let mut a = self.l(decl);
            let mut c = number as u32;
            while a.is_some() && c > 0 {
                a = self.r(a);
                c -= 1;
            }
            if self.t(a) == Some(T::TemplatePackParm) {
                a = self.l(a);
            }
            if a.is_none() {
                self.failure = true;
            } else {
                self.print_lambda_parm_name(self.t(a), number as u32);
            }
        } else if self.lambda_tpl_parms != 0 {
            self.st("auto:");
            self.num((number as i32).wrapping_add(1));
        } else {
            let mut a = self.lookup_template_argument(dc);
            if self.t(a) == Some(T::TemplateArglist) {
                a = self.index_template_argument(a, self.pack_index);
            }
            if a.is_none() {
                self.error();
                return;
            }
            let hold = self.templates.clone();
            self.templates = hold.as_ref().and_then(|t| t.next.clone());
            self.print_comp(a);
            self.templates = hold;
        }
    }

    /// `DEMANGLE_COMPONENT_REFERENCE` and `_RVALUE_REFERENCE`: reference
    /// smashing, then the modifier.
    #[inline(never)]
    fn print_reference(&mut self, dc: Id) {
        let mut target = dc;
        let mut mod_inner = None;
        let mut saved: Option<Tpl> = None;
        let Some(mut sub) = self.c(dc).l else {
            self.error();
            return;
        };
        if self.lambda_tpl_parms == 0 && self.c(sub).t == T::TemplateParam {
            match self.get_saved_scope(sub) {
                None => {
                    self.save_scope(sub);
                    if self.failure {
                        return;
                    }
                }
                Some(scope_templates) => {
                    let top = self.component_stack.len().saturating_sub(1);
                    let found = self
                        .component_stack
                        .iter()
                        .enumerate()
                        .any(|(i, &e)| e == sub || (e == dc && i != top));
                    if !found {
                        saved = Some(std::mem::replace(&mut self.templates, scope_templates));
                    }
                }
            }
            let mut a = self.lookup_template_argument(sub);
            if self.t(a) == Some(T::TemplateArglist) {
                a = self.index_template_argument(a, self.pack_index);
            }
            let Some(a) = a else {
                if let Some(s) = saved {
                    self.templates = s;
                }
                self.error();
                return;
            };
            sub = a;
        }
        let st = self.c(sub).t;
        if st == T::Reference || st == self.c(dc).t {
            target = sub;
        } else if st == T::RvalueReference {
            mod_inner = Some(self.c(sub).l);
        }
        self.print_modifier(target, mod_inner, saved);
    }

    /// The `modifier:` label of `d_print_comp_inner`.
    fn print_modifier(&mut self, dc: Id, mod_inner: Option<P>, saved: Option<Tpl>) {
        let m = self.push_mod(dc);
        self.modifiers = Some(m);
        let inner = match mod_inner {
            Some(Some(x)) => Some(x),
            _ => self.c(dc).l,
        };
        self.print_comp(inner);
        if !self.printed(m) {
            self.print_mod(dc);
        }
        self.modifiers = self.md(Some(m)).and_then(|m| m.next);
        if let Some(s) = saved {
            self.templates = s;
        }
    }

    /// `DEMANGLE_COMPONENT_ARRAY_TYPE`.
    #[inline(never)]
    fn print_array(&mut self, dc: Id) {
        let hold_modifiers = self.modifiers;
        let mut adpm = [0usize; 4];
        adpm[0] = self.push_mod(dc);
        self.modifiers = Some(adpm[0]);
        let mut i = 1usize;
        let mut pdpm = hold_modifiers;
        while let Some(pi) = pdpm {
            let Some(p) = self.mods.get(pi) else { break };
            if !matches!(self.c(p.m).t, T::Restrict | T::Volatile | T::Const) {
                break;
            }
            if !p.printed {
                if i >= adpm.len() {
                    self.error();
                    return;
                }
                let mut copy = p.clone();
                copy.next = self.modifiers;
                self.mods.push(copy);
                adpm[i] = self.mods.len() - 1;
                self.modifiers = Some(adpm[i]);
                self.mods[pi].printed = true;
                i += 1;
            }
            pdpm = self.mods[pi].next;
        }
        self.print_comp(self.c(dc).r);
        self.modifiers = hold_modifiers;
        if self.printed(adpm[0]) {
            return;
        }
        while i > 1 {
            i -= 1;
            let m = self.mods[adpm[i]].m;
            self.print_mod(m);
        }
        let mods = self.modifiers;
        self.print_array_type(dc, mods);
    }

    /// `DEMANGLE_COMPONENT_UNARY`.
    #[inline(never)]
    fn print_unary(&mut self, dc: Id) {
        let op = self.c(dc).l;
        let mut operand = self.c(dc).r;
        let code = self.op_code(op);
        if code.is_some() {
            if code == Some(b"ad")
                && self.t(operand) == Some(T::TypedName)
                && self.t(self.l(operand)) == Some(T::QualName)
                && self.t(self.r(operand)) == Some(T::FunctionType)
            {
                operand = self.l(operand);
            }
            if self.t(operand) == Some(T::BinaryArgs) {
                operand = self.l(operand);
                self.print_subexpr(operand);
                self.print_expr_op(op);
                return;
            }
        }
        if code == Some(b"sZ") {
            let a = self.find_pack(operand);
            let len = self.pack_length(a);
            self.num(len);
            return;
        }
        if code == Some(b"sP") {
            let len = self.args_length(operand);
            self.num(len);
            return;
        }
        if self.t(op) != Some(T::Cast) {
            self.print_expr_op(op);
        } else {
            self.ch(b'(');
            self.print_comp(self.l(op));
            self.ch(b')');
        }
        if code == Some(b"gs") {
            self.print_comp(operand);
        } else if code == Some(b"st") {
            self.ch(b'(');
            self.print_comp(operand);
            self.ch(b')');
        } else {
            self.print_subexpr(operand);
        }
    }

    /// `DEMANGLE_COMPONENT_BINARY`.
    #[inline(never)]
    fn print_binary(&mut self, dc: Id) {
        let op = self.c(dc).l;
        let args = self.c(dc).r;
        if self.t(args) != Some(T::BinaryArgs) {
            self.error();
            return;
        }
        let Some(code) = self.op_code(op) else {
            // C reads the operator table through another union member.
            self.error();
            return;
        };
        if code[1] == b'c' && matches!(code[0], b's' | b'd' | b'c' | b'r') {
            self.print_expr_op(op);
            self.ch(b'<');
            self.print_comp(self.l(args));
            self.st(">(");
            self.print_comp(self.r(args));
            self.ch(b')');
            return;
        }
        if self.maybe_print_fold_expression(dc) {
            return;
        }
        if self.maybe_print_designated_init(dc) {
            return;
        }
        let gt = OPERATORS[self.c(op.unwrap_or(0)).idx as usize].name == ">";
        if gt {
            self.ch(b'(');
        }
        let left = self.l(args);
        if code == b"cl" && self.t(left) == Some(T::TypedName) {
            if self.t(self.r(left)) != Some(T::FunctionType) {
                self.error();
            }
            self.print_subexpr(self.l(left));
        } else {
            self.print_subexpr(left);
        }
        if code == b"ix" {
            self.ch(b'[');
            self.print_comp(self.r(args));
            self.ch(b']');
        } else {
            if code != b"cl" {
                self.print_expr_op(op);
            }
            self.print_subexpr(self.r(args));
        }
        if gt {
            self.ch(b')');
        }
    }

    /// `DEMANGLE_COMPONENT_TRINARY`.
    #[inline(never)]
    fn print_trinary(&mut self, dc: Id) {
        let a1 = self.c(dc).r;
        let a2 = self.r(a1);
        if self.t(a1) != Some(T::TrinaryArg1) || self.t(a2) != Some(T::TrinaryArg2) {
            self.error();
            return;
        }
        if self.maybe_print_fold_expression(dc) {
            return;
        }
        if self.maybe_print_designated_init(dc) {
            return;
        }
        let op = self.c(dc).l;
        let first = self.l(a1);
        let second = self.l(a2);
        let third = self.r(a2);
        if self.op_code(op) == Some(b"qu") {
            self.print_subexpr(first);
            self.print_expr_op(op);
            self.print_subexpr(second);
            self.st(" : ");
            self.print_subexpr(third);
        } else {
            self.st("new ");
            if self.l(first).is_some() {
                self.print_subexpr(first);
                self.ch(b' ');
            }
            self.print_comp(second);
            if third.is_some() {
                self.print_subexpr(third);
            }
        }
    }

    /// `DEMANGLE_COMPONENT_LITERAL` and `_LITERAL_NEG`.
    #[inline(never)]
    fn print_literal(&mut self, dc: Id) {
        let c = *self.c(dc);
        let neg = c.t == T::LiteralNeg;
        let mut tp = Bp::Default;
        if self.t(c.l) == Some(T::BuiltinType) {
            tp = BUILTIN_TYPES[self.c(c.l.unwrap_or(0)).idx as usize].print;
            let right_name = self.t(c.r) == Some(T::Name);
            match tp {
                Bp::Int
                | Bp::Unsigned
                | Bp::Long
                | Bp::UnsignedLong
                | Bp::LongLong
                | Bp::UnsignedLongLong
                    if right_name =>
                {
                    if neg {
                        self.ch(b'-');
                    }
                    self.print_comp(c.r);
                    let suffix = match tp {
                        Bp::Unsigned => "u",
                        Bp::Long => "l",
                        Bp::UnsignedLong => "ul",
                        Bp::LongLong => "ll",
                        Bp::UnsignedLongLong => "ull",
                        _ => "",
                    };
                    self.st(suffix);
                    return;
                }
                Bp::Bool if right_name && !neg => {
                    let s = self.c(c.r.unwrap_or(0)).s;
                    if s.len() == 1 {
                        match s[0] {
                            b'0' => {
                                self.st("false");
                                return;
                            }
                            b'1' => {
                                self.st("true");
                                return;
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        self.ch(b'(');
        self.print_comp(c.l);
        self.ch(b')');
        if neg {
            self.ch(b'-');
        }
        if tp == Bp::Float {
            self.ch(b'[');
        }
        self.print_comp(c.r);
        if tp == Bp::Float {
            self.ch(b']');
        }
    }

    /// `DEMANGLE_COMPONENT_LAMBDA`.
    #[inline(never)]
    fn print_lambda(&mut self, dc: Id) {
        self.st("{lambda");
        let mut parms = self.c(dc).l;
        let saved_tpl_parms = self.lambda_tpl_parms;
        self.lambda_tpl_parms = 0;
        let head = self.t(parms) == Some(T::TemplateHead);
        let hold = self.templates.clone();
        self.templates = Some(Rc::new(TplNode {
            decl: if head { parms } else { None },
            next: self.templates.take(),
        }));
        if head {
            self.ch(b'<');
            let mut parm = self.l(parms);
            while let Some(mut p) = parm {
                let n = self.lambda_tpl_parms;
                self.lambda_tpl_parms += 1;
                if n != 0 {
                    self.st(", ");
                }
                self.print_comp(Some(p));
                self.ch(b' ');
                if self.c(p).t == T::TemplatePackParm {
                    match self.c(p).l {
                        Some(x) => p = x,
                        None => {
                            self.error();
                            return;
                        }
                    }
                }
                let t = self.c(p).t;
                self.print_lambda_parm_name(Some(t), (self.lambda_tpl_parms - 1) as u32);
                if self.failure {
                    return;
                }
                parm = self.c(p).r;
            }
            self.ch(b'>');
            parms = self.r(parms);
        }
        self.lambda_tpl_parms += 1;
        self.ch(b'(');
        self.print_comp(parms);
        self.lambda_tpl_parms = saved_tpl_parms;
        self.templates = hold;
        self.st(")#");
        self.num((self.c(dc).num as i32).wrapping_add(1));
        self.ch(b'}');
    }

    // ---- modifiers ----

    /// `d_print_mod_list`.
    fn print_mod_list(&mut self, mut mods: Option<usize>, suffix: bool) {
        loop {
            let Some(mi) = mods else { return };
            if self.failure {
                return;
            }
            let Some(m) = self.mods.get(mi) else { return };
            let (mt, next) = (self.c(m.m).t, m.next);
            if m.printed || (!suffix && mt.is_fnqual()) {
                mods = next;
                continue;
            }
            let md = m.m;
            let mod_templates = m.templates.clone();
            self.mods[mi].printed = true;
            let hold_dpt = std::mem::replace(&mut self.templates, mod_templates);
            match mt {
                T::FunctionType => {
                    self.print_function_type(md, next);
                    self.templates = hold_dpt;
                    return;
                }
                T::ArrayType => {
                    self.print_array_type(md, next);
                    self.templates = hold_dpt;
                    return;
                }
                T::LocalName => {
                    let hold_modifiers = self.modifiers.take();
                    self.print_comp(self.c(md).l);
                    self.modifiers = hold_modifiers;
                    self.st("::");
                    let mut dc = self.c(md).r;
                    if self.t(dc) == Some(T::DefaultArg) {
                        self.st("{default arg#");
                        let n = self.c(dc.unwrap_or(0)).num as i32;
                        self.num(n.wrapping_add(1));
                        self.st("}::");
                        dc = self.l(dc);
                    }
                    while let Some(x) = dc {
                        if !self.c(x).t.is_fnqual() {
                            break;
                        }
                        dc = self.c(x).l;
                    }
                    self.print_comp(dc);
                    self.templates = hold_dpt;
                    return;
                }
                _ => {}
            }
            self.print_mod(md);
            self.templates = hold_dpt;
            mods = next;
        }
    }

    /// `d_print_mod`.
    fn print_mod(&mut self, m: Id) {
        let c = *self.c(m);
        use T::*;
        match c.t {
            Restrict | RestrictThis => self.st(" restrict"),
            Volatile | VolatileThis => self.st(" volatile"),
            Const | ConstThis => self.st(" const"),
            TransactionSafe => self.st(" transaction_safe"),
            Noexcept | ThrowSpec => {
                self.st(if c.t == Noexcept {
                    " noexcept"
                } else {
                    " throw"
                });
                if c.r.is_some() {
                    self.ch(b'(');
                    self.print_comp(c.r);
                    self.ch(b')');
                }
            }
            VendorTypeQual => {
                self.ch(b' ');
                self.print_comp(c.r);
            }
            Pointer => self.ch(b'*'),
            ReferenceThis => self.st(" &"),
            Reference => self.ch(b'&'),
            RvalueReferenceThis => self.st(" &&"),
            RvalueReference => self.st("&&"),
            Complex => self.st(" _Complex"),
            Imaginary => self.st(" _Imaginary"),
            PtrmemType => {
                if self.last_char != b'(' {
                    self.ch(b' ');
                }
                self.print_comp(c.l);
                self.st("::*");
            }
            TypedName => self.print_comp(c.l),
            VectorType => {
                self.st(" __vector(");
                self.print_comp(c.l);
                self.ch(b')');
            }
            _ => self.print_comp(Some(m)),
        }
    }

    /// `d_print_function_type`.
    fn print_function_type(&mut self, dc: Id, mods: Option<usize>) {
        let mut need_paren = false;
        let mut need_space = false;
        let mut p = mods;
        while let Some(m) = self.md(p) {
            if m.printed {
                break;
            }
            use T::*;
            match self.c(m.m).t {
                Pointer | Reference | RvalueReference => need_paren = true,
                Restrict | Volatile | Const | VendorTypeQual | Complex | Imaginary | PtrmemType => {
                    need_space = true;
                    need_paren = true;
                }
                _ => {}
            }
            if need_paren {
                break;
            }
            p = m.next;
        }
        if need_paren {
            if !need_space && self.last_char != b'(' && self.last_char != b'*' {
                need_space = true;
            }
            if need_space && self.last_char != b' ' {
                self.ch(b' ');
            }
            self.ch(b'(');
        }
        let hold_modifiers = self.modifiers.take();
        self.print_mod_list(mods, false);
        if need_paren {
            self.ch(b')');
        }
        self.ch(b'(');
        self.print_opt(self.c(dc).r);
        self.ch(b')');
        self.print_mod_list(mods, true);
        self.modifiers = hold_modifiers;
    }

    /// `d_print_array_type`.
    fn print_array_type(&mut self, dc: Id, mods: Option<usize>) {
        let mut need_space = true;
        if mods.is_some() {
            let mut need_paren = false;
            let mut p = mods;
            while let Some(m) = self.md(p) {
                if !m.printed {
                    if self.c(m.m).t == T::ArrayType {
                        need_space = false;
                    } else {
                        need_paren = true;
                        need_space = true;
                    }
                    break;
                }
                p = m.next;
            }
            if need_paren {
                self.st(" (");
            }
            self.print_mod_list(mods, false);
            if need_paren {
                self.ch(b')');
            }
        }
        if need_space {
            self.ch(b' ');
        }
        self.ch(b'[');
        self.print_opt(self.c(dc).l);
        self.ch(b']');
    }

    /// `d_print_expr_op`.
    fn print_expr_op(&mut self, dc: P) {
        match dc {
            Some(d) if self.c(d).t == T::Operator => {
                let name = OPERATORS[self.c(d).idx as usize].name;
                self.st(name);
            }
            _ => self.print_comp(dc),
        }
    }

    /// `d_print_conversion`.
    fn print_conversion(&mut self, dc: Id) {
        let hold = self.templates.clone();
        let pushed = self.current_template.is_some();
        if pushed {
            self.templates = Some(Rc::new(TplNode {
                decl: self.current_template,
                next: self.templates.take(),
            }));
        }
        let l = self.c(dc).l;
        if self.t(l) != Some(T::Template) {
            self.print_comp(l);
            if pushed {
                self.templates = hold;
            }
        } else {
            self.print_comp(self.l(l));
            if pushed {
                self.templates = hold;
            }
            if self.last_char == b'<' {
                self.ch(b' ');
            }
            self.ch(b'<');
            self.print_comp(self.r(l));
            if self.last_char == b'>' {
                self.ch(b' ');
            }
            self.ch(b'>');
        }
    }
}

//! A port of libiberty's rust-demangle.c (binutils 2.40) to safe Rust:
//! legacy (`_ZN...17h<hash>E`) and v0 (`_R...`) Rust symbols as readelf
//! prints them (`rust_demangle (name, DMGL_PARAMS | DMGL_ANSI)`, so without
//! the hash, `DMGL_VERBOSE` being off).
//!
//! libiberty's output differs from `rustc-demangle`'s in places (character
//! constants outside printable ASCII print as `'\u{2202}'`, a few constant
//! and type forms are refused), hence the port. Bounds it adds, which no
//! real symbol reaches: the output length, the work one name may take
//! (backreferences can make the C code loop), and the nesting depth when
//! the recursion limit is off.

use super::cursor::{c_str, Cursor};

/// rust-demangle.c `RUST_MAX_RECURSION_COUNT`.
const RUST_MAX_RECURSION_COUNT: u32 = 1024;

/// Not in the C code: nesting depth with `DMGL_NO_RECURSE_LIMIT`.
const MAX_DEPTH: u32 = 4096;

/// Not in the C code: the longest output and the most steps (productions
/// entered, binder lifetimes); every Rust name under /usr takes under 1 Ki.
const MAX_OUTPUT: usize = 1 << 20;
const MAX_WORK: u64 = 1 << 16;

/// `rust_demangle (mangled, options)`: the demangled name, or `None` where
/// libiberty returns NULL. `recurse_limit == false` is
/// `DMGL_NO_RECURSE_LIMIT`.
pub fn demangle(mangled: &[u8], recurse_limit: bool) -> Option<Vec<u8>> {
    let mangled = c_str(mangled);
    let (legacy, sym) = if let Some(rest) = mangled.strip_prefix(b"_R") {
        (false, rest)
    } else if let Some(rest) = mangled.strip_prefix(b"_ZN") {
        (true, rest)
    } else {
        return None;
    };
    // Paths (v0) always start with uppercase characters.
    if !legacy && !sym.first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let mut sym_len = 0;
    for &c in sym {
        // v0 symbols can have '.' suffixes, ignored.
        if !legacy && c == b'.' {
            break;
        }
        sym_len += 1;
        let ok = c == b'_'
            || c.is_ascii_alphanumeric()
            || (legacy && matches!(c, b'$' | b'.' | b':' | b'@'));
        if !ok {
            return None;
        }
    }
    let mut rdm = Rdm {
        cur: Cursor::new(&sym[..sym_len]),
        errored: false,
        skipping_printing: false,
        legacy,
        recursion: recurse_limit.then_some(0),
        depth: 0,
        work: 0,
        bound_lifetime_depth: 0,
        out: Vec::new(),
    };
    if legacy {
        rdm.legacy_symbol()?;
    } else {
        rdm.demangle_path(true);
        // Skip the instantiating crate.
        if !rdm.errored && rdm.cur.pos < rdm.cur.s.len() {
            rdm.skipping_printing = true;
            rdm.demangle_path(false);
        }
        // It's an error not to reach the end.
        rdm.errored |= rdm.cur.pos != rdm.cur.s.len();
    }
    (!rdm.errored).then_some(rdm.out)
}

/// `struct rust_demangler`.
struct Rdm<'a> {
    cur: Cursor<'a>,
    errored: bool,
    skipping_printing: bool,
    legacy: bool,
    /// `None`: `RUST_NO_RECURSION_LIMIT`.
    recursion: Option<u32>,
    depth: u32,
    work: u64,
    bound_lifetime_depth: u64,
    out: Vec<u8>,
}

/// `struct rust_mangled_ident`: `ascii` is `None` where the C pointer is
/// NULL (an empty ASCII part).
#[derive(Clone, Copy, Default)]
struct Ident<'a> {
    ascii: Option<&'a [u8]>,
    punycode: Option<&'a [u8]>,
}

impl Ident<'_> {
    fn is_some(&self) -> bool {
        self.ascii.is_some() || self.punycode.is_some()
    }
}

impl<'a> Rdm<'a> {
    // ---- parsing ----

    fn peek(&self) -> u8 {
        self.cur.peek()
    }

    fn eat(&mut self, c: u8) -> bool {
        self.cur.eat(c)
    }

    /// `next`: the next byte; the end is an error.
    fn next_char(&mut self) -> u8 {
        let c = self.cur.bump();
        if c == 0 {
            self.errored = true;
        }
        c
    }

    /// Counts a step; `false` (and an error) past [`MAX_WORK`].
    fn step(&mut self) -> bool {
        self.work += 1;
        if self.work > MAX_WORK {
            self.errored = true;
        }
        !self.errored
    }

    /// `parse_integer_62`.
    fn parse_integer_62(&mut self) -> u64 {
        if self.eat(b'_') {
            return 0;
        }
        let mut x: u64 = 0;
        while !self.eat(b'_') && !self.errored {
            let c = self.next_char();
            x = x.wrapping_mul(62);
            if c.is_ascii_digit() {
                x = x.wrapping_add(u64::from(c - b'0'));
            } else if c.is_ascii_lowercase() {
                x = x.wrapping_add(10 + u64::from(c - b'a'));
            } else if c.is_ascii_uppercase() {
                x = x.wrapping_add(36 + u64::from(c - b'A'));
            } else {
                self.errored = true;
                return 0;
            }
        }
        x.wrapping_add(1)
    }

    /// `parse_opt_integer_62`.
    fn parse_opt_integer_62(&mut self, tag: u8) -> u64 {
        if !self.eat(tag) {
            return 0;
        }
        self.parse_integer_62().wrapping_add(1)
    }

    /// `parse_disambiguator`.
    fn parse_disambiguator(&mut self) -> u64 {
        self.parse_opt_integer_62(b's')
    }

    /// `parse_hex_nibbles`: the digit count and the value.
    fn parse_hex_nibbles(&mut self) -> (usize, u64) {
        let mut value: u64 = 0;
        let mut hex_len = 0;
        while !self.eat(b'_') {
            value <<= 4;
            let c = self.next_char();
            match c {
                b'0'..=b'9' => value |= u64::from(c - b'0'),
                b'a'..=b'f' => value |= 10 + u64::from(c - b'a'),
                _ => {
                    self.errored = true;
                    return (0, value);
                }
            }
            hex_len += 1;
        }
        (hex_len, value)
    }

    /// `parse_ident`.
    fn parse_ident(&mut self) -> Ident<'a> {
        let mut ident = Ident::default();
        let is_punycode = !self.legacy && self.eat(b'u');
        let c = self.next_char();
        if !c.is_ascii_digit() {
            self.errored = true;
            return ident;
        }
        let mut len = usize::from(c - b'0');
        if c != b'0' {
            while self.peek().is_ascii_digit() {
                let d = self.next_char() - b'0';
                len = len.wrapping_mul(10).wrapping_add(usize::from(d));
            }
        }
        // Skip past the optional `_` separator (v0).
        if !self.legacy {
            self.eat(b'_');
        }
        let start = self.cur.pos;
        self.cur.pos = self.cur.pos.wrapping_add(len);
        if start > self.cur.pos || self.cur.pos > self.cur.s.len() {
            self.errored = true;
            return ident;
        }
        let all = &self.cur.s[start..self.cur.pos];
        let mut ascii = all;
        if is_punycode {
            let mut ascii_len = all.len();
            let mut punycode_len = 0;
            while ascii_len > 0 {
                ascii_len -= 1;
                // The last '_' separates the ASCII part and the punycode.
                if all[ascii_len] == b'_' {
                    break;
                }
                punycode_len += 1;
            }
            ascii = &all[..ascii_len];
            if punycode_len == 0 {
                self.errored = true;
                ident.ascii = Some(ascii);
                return ident;
            }
            ident.punycode = Some(&all[all.len() - punycode_len..]);
        }
        ident.ascii = (!ascii.is_empty()).then_some(ascii);
        ident
    }

    // ---- printing ----

    /// `print_str`.
    fn print(&mut self, s: &[u8]) {
        if !self.errored && !self.skipping_printing {
            if self.out.len() + s.len() > MAX_OUTPUT {
                self.errored = true;
                return;
            }
            self.out.extend_from_slice(s);
        }
    }

    fn st(&mut self, s: &str) {
        self.print(s.as_bytes());
    }

    fn print_u64(&mut self, x: u64) {
        self.st(&x.to_string());
    }

    /// `print_ident`.
    fn print_ident(&mut self, ident: Ident<'_>) {
        if self.errored || self.skipping_printing {
            return;
        }
        let mut ascii = ident.ascii.unwrap_or(b"");
        if self.legacy {
            // Leading underscores before escapes are the mangler's.
            if ascii.len() >= 2 && ascii[0] == b'_' && ascii[1] == b'$' {
                ascii = &ascii[1..];
            }
            while !ascii.is_empty() {
                let len;
                if ascii[0] == b'$' {
                    match decode_legacy_escape(ascii) {
                        Some((c, l)) => {
                            self.print(&[c]);
                            len = l;
                        }
                        None => {
                            // Unexpected escape: the rest verbatim.
                            self.print(ascii);
                            return;
                        }
                    }
                } else if ascii[0] == b'.' {
                    if ascii.len() >= 2 && ascii[1] == b'.' {
                        self.st("::");
                        len = 2;
                    } else {
                        self.st(".");
                        len = 1;
                    }
                } else {
                    len = ascii
                        .iter()
                        .position(|&c| c == b'$' || c == b'.')
                        .unwrap_or(ascii.len());
                    self.print(&ascii[..len]);
                }
                ascii = &ascii[len..];
            }
            return;
        }
        let Some(punycode) = ident.punycode else {
            self.print(ascii);
            return;
        };
        if let Some(s) = decode_punycode(ascii, punycode, &mut self.errored) {
            self.print(&s);
        }
    }

    /// `print_lifetime_from_index`.
    fn print_lifetime_from_index(&mut self, lt: u64) {
        self.st("'");
        if lt == 0 {
            self.st("_");
            return;
        }
        let depth = self.bound_lifetime_depth.wrapping_sub(lt);
        if depth < 26 {
            self.print(&[b'a' + depth as u8]);
        } else {
            self.st("_");
            self.print_u64(depth);
        }
    }

    // ---- demangling ----

    /// Enters a recursive production: the C recursion count, and this
    /// port's depth bound. `false` (and an error) past either.
    fn enter(&mut self) -> bool {
        self.depth += 1;
        if let Some(r) = &mut self.recursion {
            *r += 1;
            if *r > RUST_MAX_RECURSION_COUNT {
                self.errored = true;
            }
        }
        if self.depth > MAX_DEPTH {
            self.errored = true;
        }
        self.step()
    }

    fn leave(&mut self) {
        self.depth -= 1;
        if let Some(r) = &mut self.recursion {
            *r -= 1;
        }
    }

    /// `demangle_binder`.
    fn demangle_binder(&mut self) {
        if self.errored {
            return;
        }
        let bound_lifetimes = self.parse_opt_integer_62(b'G');
        if bound_lifetimes > 0 {
            self.st("for<");
            let mut i = 0;
            while i < bound_lifetimes && self.step() {
                if i > 0 {
                    self.st(", ");
                }
                self.bound_lifetime_depth = self.bound_lifetime_depth.wrapping_add(1);
                self.print_lifetime_from_index(1);
                i += 1;
            }
            self.st("> ");
        }
    }

    /// Parses at `backref` with `f`, then goes back (the `B` cases).
    fn at_backref(&mut self, f: impl FnOnce(&mut Self)) {
        let backref = self.parse_integer_62();
        if !self.skipping_printing {
            let old_next = self.cur.pos;
            self.cur.pos = usize::try_from(backref).unwrap_or(usize::MAX);
            f(self);
            self.cur.pos = old_next;
        }
    }

    /// `demangle_path`.
    fn demangle_path(&mut self, in_value: bool) {
        if self.errored {
            return;
        }
        if self.enter() {
            self.demangle_path_1(in_value);
        }
        self.leave();
    }

    fn demangle_path_1(&mut self, in_value: bool) {
        let tag = self.next_char();
        match tag {
            b'C' => {
                self.parse_disambiguator();
                let name = self.parse_ident();
                self.print_ident(name);
            }
            b'N' => {
                let ns = self.next_char();
                if !ns.is_ascii_alphabetic() {
                    self.errored = true;
                    return;
                }
                self.demangle_path(in_value);
                let dis = self.parse_disambiguator();
                let name = self.parse_ident();
                if ns.is_ascii_uppercase() {
                    // Special namespaces, like closures and shims.
                    self.st("::{");
                    match ns {
                        b'C' => self.st("closure"),
                        b'S' => self.st("shim"),
                        _ => self.print(&[ns]),
                    }
                    if name.is_some() {
                        self.st(":");
                        self.print_ident(name);
                    }
                    self.st("#");
                    self.print_u64(dis);
                    self.st("}");
                } else if name.is_some() {
                    self.st("::");
                    self.print_ident(name);
                }
            }
            b'M' | b'X' | b'Y' => {
                if tag != b'Y' {
                    // The `impl`'s own path is not printed.
                    self.parse_disambiguator();
                    let was_skipping = self.skipping_printing;
                    self.skipping_printing = true;
                    self.demangle_path(in_value);
                    self.skipping_printing = was_skipping;
                }
                self.st("<");
                self.demangle_type();
                if tag != b'M' {
                    self.st(" as ");
                    self.demangle_path(false);
                }
                self.st(">");
            }
            b'I' => {
                self.demangle_path(in_value);
                if in_value {
                    self.st("::");
                }
                self.st("<");
                self.list(", ", Self::demangle_generic_arg);
                self.st(">");
            }
            b'B' => self.at_backref(|r| r.demangle_path(in_value)),
            _ => self.errored = true,
        }
    }

    /// The C loops `for (i = 0; !rdm->errored && !eat (rdm, 'E'); i++)`:
    /// `item`s separated by `sep` up to `E`; how many.
    fn list(&mut self, sep: &str, item: fn(&mut Self)) -> usize {
        let mut i = 0;
        while !self.errored && !self.eat(b'E') {
            if i > 0 {
                self.st(sep);
            }
            item(self);
            i += 1;
        }
        i
    }

    /// `demangle_generic_arg`.
    fn demangle_generic_arg(&mut self) {
        if self.eat(b'L') {
            let lt = self.parse_integer_62();
            self.print_lifetime_from_index(lt);
        } else if self.eat(b'K') {
            self.demangle_const();
        } else {
            self.demangle_type();
        }
    }

    /// `demangle_type`.
    fn demangle_type(&mut self) {
        if self.errored {
            return;
        }
        let tag = self.next_char();
        if let Some(basic) = basic_type(tag) {
            self.st(basic);
            return;
        }
        if self.enter() {
            self.demangle_type_1(tag);
        }
        self.leave();
    }

    fn demangle_type_1(&mut self, tag: u8) {
        match tag {
            b'R' | b'Q' => {
                self.st("&");
                if self.eat(b'L') {
                    let lt = self.parse_integer_62();
                    if lt != 0 {
                        self.print_lifetime_from_index(lt);
                        self.st(" ");
                    }
                }
                if tag != b'R' {
                    self.st("mut ");
                }
                self.demangle_type();
            }
            b'P' | b'O' => {
                self.st(if tag == b'P' { "*const " } else { "*mut " });
                self.demangle_type();
            }
            b'A' | b'S' => {
                self.st("[");
                self.demangle_type();
                if tag == b'A' {
                    self.st("; ");
                    self.demangle_const();
                }
                self.st("]");
            }
            b'T' => {
                self.st("(");
                if self.list(", ", Self::demangle_type) == 1 {
                    self.st(",");
                }
                self.st(")");
            }
            b'F' => {
                let old = self.bound_lifetime_depth;
                self.fn_type();
                self.bound_lifetime_depth = old;
            }
            b'D' => {
                self.st("dyn ");
                let old = self.bound_lifetime_depth;
                self.demangle_binder();
                self.list(" + ", Self::demangle_dyn_trait);
                self.bound_lifetime_depth = old;
                if !self.eat(b'L') {
                    self.errored = true;
                    return;
                }
                let lt = self.parse_integer_62();
                if lt != 0 {
                    self.st(" + ");
                    self.print_lifetime_from_index(lt);
                }
            }
            b'B' => self.at_backref(Self::demangle_type),
            _ => {
                // Back to the tag, so that `demangle_path` sees it.
                self.cur.pos = self.cur.pos.wrapping_sub(1);
                self.demangle_path(false);
            }
        }
    }

    /// The `F` type, after the binder's depth is saved.
    fn fn_type(&mut self) {
        self.demangle_binder();
        if self.eat(b'U') {
            self.st("unsafe ");
        }
        if self.eat(b'K') {
            let abi: &[u8] = if self.eat(b'C') {
                b"C"
            } else {
                let abi = self.parse_ident();
                match (abi.ascii, abi.punycode) {
                    (Some(a), None) => a,
                    _ => {
                        self.errored = true;
                        return;
                    }
                }
            };
            self.st("extern \"");
            // `-` in the ABI was mangled as `_`. The C loop restarts at
            // index 1 after each `_` (its `i = 0` meets the loop's `i++`).
            let mut abi = abi;
            let mut i = 0;
            while i < abi.len() {
                if abi[i] == b'_' {
                    self.print(&abi[..i]);
                    self.st("-");
                    abi = &abi[i + 1..];
                    i = 0;
                }
                i += 1;
            }
            self.print(abi);
            self.st("\" ");
        }
        self.st("fn(");
        self.list(", ", Self::demangle_type);
        self.st(")");
        if !self.eat(b'u') {
            self.st(" -> ");
            self.demangle_type();
        }
    }

    /// `demangle_path_maybe_open_generics`.
    fn demangle_path_maybe_open_generics(&mut self) -> bool {
        if self.errored {
            return false;
        }
        let mut open = false;
        if self.enter() {
            if self.eat(b'B') {
                let mut o = false;
                self.at_backref(|r| o = r.demangle_path_maybe_open_generics());
                open = o;
            } else if self.eat(b'I') {
                self.demangle_path(false);
                self.st("<");
                open = true;
                self.list(", ", Self::demangle_generic_arg);
            } else {
                self.demangle_path(false);
            }
        }
        self.leave();
        open
    }

    /// `demangle_dyn_trait`.
    fn demangle_dyn_trait(&mut self) {
        if self.errored {
            return;
        }
        let mut open = self.demangle_path_maybe_open_generics();
        while self.eat(b'p') {
            self.st(if open { ", " } else { "<" });
            open = true;
            let name = self.parse_ident();
            self.print_ident(name);
            self.st(" = ");
            self.demangle_type();
        }
        if open {
            self.st(">");
        }
    }

    /// `demangle_const`.
    fn demangle_const(&mut self) {
        if self.errored {
            return;
        }
        if self.enter() {
            self.demangle_const_1();
        }
        self.leave();
    }

    fn demangle_const_1(&mut self) {
        if self.eat(b'B') {
            self.at_backref(Self::demangle_const);
            return;
        }
        match self.next_char() {
            b'p' => self.st("_"),
            b'h' | b't' | b'm' | b'y' | b'o' | b'j' => self.demangle_const_uint(),
            b'a' | b's' | b'l' | b'x' | b'n' | b'i' => {
                if self.eat(b'n') {
                    self.st("-");
                }
                self.demangle_const_uint();
            }
            b'b' => match self.parse_hex_nibbles() {
                (1, 0) => self.st("false"),
                (1, 1) => self.st("true"),
                _ => self.errored = true,
            },
            b'c' => self.demangle_const_char(),
            _ => self.errored = true,
        }
    }

    /// `demangle_const_uint`.
    fn demangle_const_uint(&mut self) {
        if self.errored {
            return;
        }
        let (hex_len, value) = self.parse_hex_nibbles();
        if hex_len > 16 {
            // Verbatim, from where the C code takes it: `next - hex_len`,
            // one past the first digit, through the closing `_`.
            self.st("0x");
            let from = self.cur.pos.saturating_sub(hex_len);
            let s = self.cur.s.get(from..self.cur.pos).unwrap_or(b"");
            self.print(s);
        } else if hex_len > 0 {
            self.print_u64(value);
        } else {
            self.errored = true;
        }
    }

    /// `demangle_const_char`.
    fn demangle_const_char(&mut self) {
        let (hex_len, value) = self.parse_hex_nibbles();
        if hex_len == 0 || hex_len > 8 {
            self.errored = true;
            return;
        }
        self.st("'");
        match value {
            0x09 => self.st("\\t"),
            0x0d => self.st("\\r"),
            0x0a => self.st("\\n"),
            0x21..=0x7d => self.print(&[value as u8]),
            _ => {
                self.st("\\u{");
                self.st(&format!("{value:x}"));
                self.st("}");
            }
        }
        self.st("'");
    }

    /// The legacy branch of `rust_demangle_callback`: `None` where the
    /// symbol is not a legacy Rust symbol.
    fn legacy_symbol(&mut self) -> Option<()> {
        // Legacy symbols end with E, perhaps followed by a `.suffix`.
        let sym = self.cur.s;
        let mut len = sym.len();
        let mut dot_suffix = true;
        while len > 0 && !(dot_suffix && sym[len - 1] == b'E') {
            dot_suffix = sym[len - 1] == b'.';
            len -= 1;
        }
        if !(len > 0 && sym[len - 1] == b'E') {
            return None;
        }
        len -= 1;
        // The last path segment is the hash, `17h` and 16 hex digits.
        if !(len > 19 && &sym[len - 19..len - 16] == b"17h") {
            return None;
        }
        self.cur.s = &sym[..len];
        let mut ident;
        loop {
            ident = self.parse_ident();
            if self.errored || ident.ascii.is_none() {
                return None;
            }
            if self.cur.pos >= self.cur.s.len() {
                break;
            }
        }
        if !is_legacy_prefixed_hash(ident.ascii.unwrap_or(b"")) {
            return None;
        }
        // A second pass prints it, without the hash.
        self.cur.pos = 0;
        self.cur.s = &sym[..len - 19];
        loop {
            if self.cur.pos > 0 {
                self.st("::");
            }
            let ident = self.parse_ident();
            self.print_ident(ident);
            if self.cur.pos >= self.cur.s.len() {
                break;
            }
        }
        Some(())
    }
}

/// `basic_type`.
fn basic_type(tag: u8) -> Option<&'static str> {
    Some(match tag {
        b'b' => "bool",
        b'c' => "char",
        b'e' => "str",
        b'u' => "()",
        b'a' => "i8",
        b's' => "i16",
        b'l' => "i32",
        b'x' => "i64",
        b'n' => "i128",
        b'i' => "isize",
        b'h' => "u8",
        b't' => "u16",
        b'm' => "u32",
        b'y' => "u64",
        b'o' => "u128",
        b'j' => "usize",
        b'f' => "f32",
        b'd' => "f64",
        b'z' => "!",
        b'p' => "_",
        b'v' => "...",
        _ => return None,
    })
}

/// `decode_lower_hex_nibble`.
fn hex_nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// `decode_legacy_escape`: the character a `$...$` escape at the start of
/// `e` stands for, and the escape's length.
fn decode_legacy_escape(e: &[u8]) -> Option<(u8, usize)> {
    if e.len() < 3 || e[0] != b'$' {
        return None;
    }
    let e = &e[1..];
    let len = e.len();
    let (c, escape_len) = if e[0] == b'C' {
        (b',', 1)
    } else if len > 2 {
        let c = match (e[0], e[1]) {
            (b'S', b'P') => b'@',
            (b'B', b'P') => b'*',
            (b'R', b'F') => b'&',
            (b'L', b'T') => b'<',
            (b'G', b'T') => b'>',
            (b'L', b'P') => b'(',
            (b'R', b'P') => b')',
            (b'u', _) if len > 3 => {
                let hi = hex_nibble(e[1])?;
                let lo = hex_nibble(e[2])?;
                // Only non-control ASCII characters.
                if hi > 7 {
                    return None;
                }
                let c = (hi << 4) | lo;
                if c < 0x20 {
                    return None;
                }
                return (len > 3 && e[3] == b'$').then_some((c, 5));
            }
            _ => 0,
        };
        (c, 2)
    } else {
        (0, 0)
    };
    if c == 0 || len <= escape_len || e[escape_len] != b'$' {
        return None;
    }
    Some((c, 2 + escape_len))
}

/// `is_legacy_prefixed_hash`: `h` and 16 lowercase hex digits, at least
/// 5 of them distinct.
fn is_legacy_prefixed_hash(ident: &[u8]) -> bool {
    if ident.len() != 17 || ident[0] != b'h' {
        return false;
    }
    let mut seen: u16 = 0;
    for &c in &ident[1..] {
        match hex_nibble(c) {
            Some(n) => seen |= 1 << n,
            None => return false,
        }
    }
    seen.count_ones() >= 5
}

/// The punycode branch of `print_ident`: the UTF-8 bytes (as the C code
/// builds them, four bytes a code point with the zeros dropped), or `None`
/// when nothing is printed (`errored` says whether that is an error).
fn decode_punycode(ascii: &[u8], punycode: &[u8], errored: &mut bool) -> Option<Vec<u8>> {
    const BASE: usize = 36;
    const T_MIN: usize = 1;
    const T_MAX: usize = 26;
    const SKEW: usize = 38;
    let mut out: Vec<[u8; 4]> = ascii.iter().map(|&c| [0, 0, 0, c]).collect();
    let mut damp: usize = 700;
    let mut bias: usize = 72;
    let mut i: usize = 0;
    let mut c: u32 = 0x80;
    let mut pos = 0;
    while pos < punycode.len() {
        // One delta value.
        let mut delta: usize = 0;
        let mut w: usize = 1;
        let mut k: usize = 0;
        loop {
            k += BASE;
            let t = k.saturating_sub(bias).clamp(T_MIN, T_MAX);
            let d = *punycode.get(pos)?;
            pos += 1;
            let d = match d {
                b'a'..=b'z' => usize::from(d - b'a'),
                b'0'..=b'9' => 26 + usize::from(d - b'0'),
                _ => {
                    *errored = true;
                    return None;
                }
            };
            delta = delta.wrapping_add(d.wrapping_mul(w));
            w = w.wrapping_mul(BASE - t);
            if d < t {
                break;
            }
        }
        // The new insert position and character.
        let len = out.len() + 1;
        i = i.wrapping_add(delta);
        c = c.wrapping_add((i / len) as u32);
        i %= len;
        let bytes = [
            if c >= 0x10000 {
                0xf0 | (c >> 18) as u8
            } else {
                0
            },
            if c >= 0x800 {
                (if c < 0x10000 { 0xe0 } else { 0x80 }) | ((c >> 12) & 0x3f) as u8
            } else {
                0
            },
            (if c < 0x800 { 0xc0 } else { 0x80 }) | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ];
        out.insert(i, bytes);
        if pos == punycode.len() {
            break;
        }
        i += 1;
        // Bias adaptation.
        delta /= damp;
        damp = 2;
        delta += delta / len;
        k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        bias = k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW);
    }
    Some(out.into_iter().flatten().filter(|&b| b != 0).collect())
}

#[cfg(test)]
mod tests {
    use super::demangle;

    /// libiberty's output (binutils 2.40 `c++filt -i`) for names where it
    /// differs from rustc-demangle's or is easy to get wrong.
    const CASES: &[(&str, Option<&str>)] = &[
        // Not a hash (too few distinct digits): not Rust.
        ("_ZN3foo17h0000000000000000E", None),
        (
            "_ZN4core3ptr42drop_in_place$LT$std..io..error..Error$GT$17h0123456789abcdefE",
            Some("core::ptr::drop_in_place<std::io::error::Error>"),
        ),
        // Characters outside printable ASCII are escaped.
        (
            "_RMCs4fqI2P2rA04_13const_genericINtB0_4CharKc2202_E",
            Some("<const_generic::Char<'\\u{2202}'>>"),
        ),
        (
            "_RNvNtNtCsgEmfK2I1SDS_4core3fmt3num3fmt",
            Some("core::fmt::num::fmt"),
        ),
        // String constants are not in libiberty's grammar.
        ("_RIC3fooKRe616263_E", None),
    ];

    #[test]
    fn names() {
        for (mangled, want) in CASES {
            let got = demangle(mangled.as_bytes(), true).map(|v| String::from_utf8(v).unwrap());
            assert_eq!(got.as_deref(), *want, "{mangled}");
        }
    }

    #[test]
    fn bounded() {
        // A binder (`G`) with a huge lifetime count: libiberty prints
        // `for<'a, 'b, ...` until memory runs out; the work bound stops it.
        let name = include_str!("testdata/rust-binder-loop.txt");
        assert_eq!(demangle(name.as_bytes(), true), None);
        assert_eq!(demangle(name.as_bytes(), false), None);
        // Backreferences to themselves.
        assert_eq!(demangle(b"_RNvB_1a", true), None);
        assert_eq!(demangle(b"_RNvB_1a", false), None);
    }
}

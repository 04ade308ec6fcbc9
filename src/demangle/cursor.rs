//! Reading a mangled name byte by byte, as libiberty's demanglers do: past
//! the end reads as the C string's terminating NUL.

/// A name and the position of the next byte to read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    pub s: &'a [u8],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(s: &'a [u8]) -> Self {
        Cursor { s, pos: 0 }
    }

    /// The byte `i` ahead of the position, NUL past the end.
    pub(crate) fn peek_at(&self, i: usize) -> u8 {
        self.pos
            .checked_add(i)
            .and_then(|p| self.s.get(p))
            .copied()
            .unwrap_or(0)
    }

    pub(crate) fn peek(&self) -> u8 {
        self.peek_at(0)
    }

    /// Consumes `c` if it comes next.
    pub(crate) fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == c;
        if hit {
            self.pos += 1;
        }
        hit
    }

    /// The next byte, consumed unless it is the end (NUL).
    pub(crate) fn bump(&mut self) -> u8 {
        let c = self.peek();
        if c != 0 {
            self.pos += 1;
        }
        c
    }
}

/// The C string `name` holds: up to its first NUL.
pub(crate) fn c_str(name: &[u8]) -> &[u8] {
    let end = name.iter().position(|&c| c == 0).unwrap_or(name.len());
    &name[..end]
}

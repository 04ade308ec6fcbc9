
use builtin;
use str;

set edit:completion:arg-completer[relf] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'relf'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'relf'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand headers 'The ELF file header (= readelf -h)'
            cand segments 'Program headers and the section to segment mapping (= readelf -lW)'
            cand sections 'Section headers (= readelf -SW)'
            cand dynamic 'The dynamic section (= readelf -dW)'
            cand relocs 'Relocation tables with symbol names, versions and addends (= readelf -rW)'
            cand symbols 'Symbol tables, .dynsym and .symtab, with versions (= readelf -sW)'
            cand versions 'Version sections: .gnu.version, .gnu.version_r, .gnu.version_d (= readelf -VW)'
            cand notes 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
            cand readelf 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -r -u -s --dyn-syms -V -I -D -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
            cand ldd 'The shared libraries a program needs, found as glibc''s or musl''s loader would find them, without running anything (= ldd, minus load addresses)'
            cand go 'Go build information of Go binaries, byte for byte as go1.19''s `go version -m` prints it, read without the Go toolchain'
            cand info 'What each file is: kind and linkage (in file(1)''s words), the libc it was built for (glibc, musl, bionic, uClibc, Go without libc) with the evidence, Go build facts, the highest GLIBC_x.y needed, and checksec-class hardening (RELRO, NX, PIE, canary, FORTIFY, CET, ...)'
            cand audit 'Audit a root filesystem or a container image: which libc it really uses, and every program that would not start or would break'
            cand bundle 'Copy programs with their interpreter and every library they load (and the ones their dlopen notes mark required) into DIR, at their in-root paths with the symlinks on the way, so that `chroot DIR PROG` starts them; writes a cut-down etc/ld.so.cache when the source has one'
            cand completions 'Print shell completions for SHELL to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relf;headers'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;segments'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;sections'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;dynamic'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;relocs'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand -C 'Demangle C++ and Rust symbol names as readelf -C does (text output)'
            cand --demangle 'Demangle C++ and Rust symbol names as readelf -C does (text output)'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;symbols'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --dynamic 'Only the dynamic symbol table (= readelf --dyn-syms -W)'
            cand -C 'Demangle C++ and Rust symbol names as readelf -C does (text output)'
            cand --demangle 'Demangle C++ and Rust symbol names as readelf -C does (text output)'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;versions'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;notes'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;readelf'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
        }
        &'relf;ldd'= {
            cand --root 'Resolve inside this root: a directory (an extracted root filesystem) or a container image (OCI layout directory, oci-archive or docker-archive tarball, read in memory). FILEs and every path the loader uses are taken inside it, and symlinks never lead out of it'
            cand --image-platform 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)'
            cand --max-depth 'With --tree: stop at this depth'
            cand --why 'Like --explain, for one library name only'
            cand --why-symbol 'Which object provides SYMBOL to each object that references it, and which others were searched before it'
            cand --library-path 'LD_LIBRARY_PATH for the resolution (default: the environment''s, when no --root is given)'
            cand --preload 'LD_PRELOAD for the resolution (default: the environment''s, when no --root is given)'
            cand --platform 'Value of $PLATFORM (default: the architecture''s usual AT_PLATFORM)'
            cand --hwcaps 'Probe glibc-hwcaps subdirectories at or below this level (x86-64-v2..v4, power9/10, z13..z17); baseline only by default'
            cand --cwd 'Working directory for relative FILE names, relative DT_NEEDED names and empty RPATH elements: inside --root when given (default: the current directory, or / with --root)'
            cand --origin 'How $ORIGIN of the program is computed (default: as ldd does)'
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --tree 'Show a dependency tree with how each library was found'
            cand --all 'With --tree: expand repeated subtrees every time'
            cand --explain 'For each library, every path tried and why it was rejected'
            cand --json 'Print the resolved graph as JSON'
            cand -r 'Process every relocation, as glibc''s `ldd -r`: print `undefined symbol: NAME (FILE)` for each reference no loaded object defines (with --json: every binding). musl programs are always relocated, as musl''s ldd does'
            cand --function-relocs 'Process every relocation, as glibc''s `ldd -r`: print `undefined symbol: NAME (FILE)` for each reference no loaded object defines (with --json: every binding). musl programs are always relocated, as musl''s ldd does'
            cand -v 'Print the version information of glibc''s `ldd -v`: each version each object needs and the object that defines it'
            cand --verbose 'Print the version information of glibc''s `ldd -v`: each version each object needs and the object that defines it'
            cand --strict 'Distinct exit statuses for CI (see above) instead of ldd''s'
            cand --static-only 'Print relf''s static resolution even for a file the host''s ldd refuses as "not a dynamic executable" because no loader for its class and machine is installed (a 32-bit program on a 64-bit-only host, x32, another architecture). Without --root only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'relf;go'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --short 'Only the `FILE: goVERSION` lines (= `go version` without -m)'
            cand -m 'Accepted for `go version -m` habits: module lines are the default'
            cand -v 'In directories, also report files that are not Go binaries (= go version -v)'
            cand --verbose 'In directories, also report files that are not Go binaries (= go version -v)'
            cand --json 'Print JSON (schema in README) instead of go version''s text'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'relf;info'= {
            cand --root 'Take FILEs inside this root: a directory (an extracted root filesystem) or a container image (OCI layout, oci-archive, docker-archive, read in memory); RPATH/RUNPATH directories are checked for world-writability there'
            cand --image-platform 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)'
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand -l 'Every fact on its own line, with the evidence behind it'
            cand --long 'Every fact on its own line, with the evidence behind it'
            cand --json 'Print JSON (schema in README): an `info` member per file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'relf;audit'= {
            cand --platform 'With an image holding several platforms: the one to audit (os/arch[/variant], e.g. linux/arm64)'
            cand --fail-on 'Finding classes that make the run fail (comma-separated, or `all`, `none`). Default: no-interpreter, not-found, load-error, wrong-arch, glibc-too-old, mixed-libc'
            cand --root 'With a directory PATH: resolve inside this root directory instead of PATH itself (PATH must lie inside it), e.g. `--root / /usr`'
            cand --format 'Output format: human (default), json (= --json), sarif (= --sarif) or cyclonedx (a CycloneDX 1.6 JSON SBOM of the ELF files and their resolved dependencies)'
            cand --tls-verify 'With a docker:// image: check the registry''s TLS certificate (`--tls-verify=false` for a local registry with a self-signed one, or plain HTTP)'
            cand --authfile 'With a docker:// image: read registry credentials from this file first (then $REGISTRY_AUTH_FILE, containers'' auth.json, ~/.docker/config.json)'
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print one JSON document (schema in README)'
            cand --sarif 'Print a SARIF 2.1.0 log (for code-scanning UIs)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'relf;bundle'= {
            cand --to 'The directory to copy into (created if needed; never `/`, the source root or a parent of it)'
            cand --root 'Copy from this root: a directory or a container image (OCI layout directory, oci-archive or docker-archive, read in memory). PROGs are paths inside it'
            cand --image-platform 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)'
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --dry-run 'List what would be copied; write nothing'
            cand --json 'Print one JSON document (schema in README)'
            cand --force 'Replace existing files and symlinks in DIR that differ'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'relf;completions'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;help'= {
            cand headers 'The ELF file header (= readelf -h)'
            cand segments 'Program headers and the section to segment mapping (= readelf -lW)'
            cand sections 'Section headers (= readelf -SW)'
            cand dynamic 'The dynamic section (= readelf -dW)'
            cand relocs 'Relocation tables with symbol names, versions and addends (= readelf -rW)'
            cand symbols 'Symbol tables, .dynsym and .symtab, with versions (= readelf -sW)'
            cand versions 'Version sections: .gnu.version, .gnu.version_r, .gnu.version_d (= readelf -VW)'
            cand notes 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
            cand readelf 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -r -u -s --dyn-syms -V -I -D -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
            cand ldd 'The shared libraries a program needs, found as glibc''s or musl''s loader would find them, without running anything (= ldd, minus load addresses)'
            cand go 'Go build information of Go binaries, byte for byte as go1.19''s `go version -m` prints it, read without the Go toolchain'
            cand info 'What each file is: kind and linkage (in file(1)''s words), the libc it was built for (glibc, musl, bionic, uClibc, Go without libc) with the evidence, Go build facts, the highest GLIBC_x.y needed, and checksec-class hardening (RELRO, NX, PIE, canary, FORTIFY, CET, ...)'
            cand audit 'Audit a root filesystem or a container image: which libc it really uses, and every program that would not start or would break'
            cand bundle 'Copy programs with their interpreter and every library they load (and the ones their dlopen notes mark required) into DIR, at their in-root paths with the symlinks on the way, so that `chroot DIR PROG` starts them; writes a cut-down etc/ld.so.cache when the source has one'
            cand completions 'Print shell completions for SHELL to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relf;help;headers'= {
        }
        &'relf;help;segments'= {
        }
        &'relf;help;sections'= {
        }
        &'relf;help;dynamic'= {
        }
        &'relf;help;relocs'= {
        }
        &'relf;help;symbols'= {
        }
        &'relf;help;versions'= {
        }
        &'relf;help;notes'= {
        }
        &'relf;help;readelf'= {
        }
        &'relf;help;ldd'= {
        }
        &'relf;help;go'= {
        }
        &'relf;help;info'= {
        }
        &'relf;help;audit'= {
        }
        &'relf;help;bundle'= {
        }
        &'relf;help;completions'= {
        }
        &'relf;help;help'= {
        }
    ]
    $completions[$command]
}

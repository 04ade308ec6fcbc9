
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'relf' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'relf'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'relf' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('headers', 'headers', [CompletionResultType]::ParameterValue, 'The ELF file header (= readelf -h)')
            [CompletionResult]::new('segments', 'segments', [CompletionResultType]::ParameterValue, 'Program headers and the section to segment mapping (= readelf -lW)')
            [CompletionResult]::new('sections', 'sections', [CompletionResultType]::ParameterValue, 'Section headers (= readelf -SW)')
            [CompletionResult]::new('dynamic', 'dynamic', [CompletionResultType]::ParameterValue, 'The dynamic section (= readelf -dW)')
            [CompletionResult]::new('relocs', 'relocs', [CompletionResultType]::ParameterValue, 'Relocation tables with symbol names, versions and addends (= readelf -rW)')
            [CompletionResult]::new('symbols', 'symbols', [CompletionResultType]::ParameterValue, 'Symbol tables, .dynsym and .symtab, with versions (= readelf -sW)')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'Version sections: .gnu.version, .gnu.version_r, .gnu.version_d (= readelf -VW)')
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)')
            [CompletionResult]::new('readelf', 'readelf', [CompletionResultType]::ParameterValue, 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -r -u -s --dyn-syms -V -I -D -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`')
            [CompletionResult]::new('ldd', 'ldd', [CompletionResultType]::ParameterValue, 'The shared libraries a program needs, found as glibc''s or musl''s loader would find them, without running anything (= ldd, minus load addresses)')
            [CompletionResult]::new('go', 'go', [CompletionResultType]::ParameterValue, 'Go build information of Go binaries, byte for byte as go1.19''s `go version -m` prints it, read without the Go toolchain')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'What each file is: kind and linkage (in file(1)''s words), the libc it was built for (glibc, musl, bionic, uClibc, Go without libc) with the evidence, Go build facts, the highest GLIBC_x.y needed, and checksec-class hardening (RELRO, NX, PIE, canary, FORTIFY, CET, ...)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Audit a root filesystem or a container image: which libc it really uses, and every program that would not start or would break')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Copy programs with their interpreter and every library they load (and the ones their dlopen notes mark required) into DIR, at their in-root paths with the symlinks on the way, so that `chroot DIR PROG` starts them; writes a cut-down etc/ld.so.cache when the source has one')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relf;headers' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;segments' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;sections' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;dynamic' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;relocs' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Demangle C++ and Rust symbol names as readelf -C does (text output)')
            [CompletionResult]::new('--demangle', '--demangle', [CompletionResultType]::ParameterName, 'Demangle C++ and Rust symbol names as readelf -C does (text output)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;symbols' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--dynamic', '--dynamic', [CompletionResultType]::ParameterName, 'Only the dynamic symbol table (= readelf --dyn-syms -W)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Demangle C++ and Rust symbol names as readelf -C does (text output)')
            [CompletionResult]::new('--demangle', '--demangle', [CompletionResultType]::ParameterName, 'Demangle C++ and Rust symbol names as readelf -C does (text output)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;versions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;notes' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of readelf''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;readelf' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            break
        }
        'relf;ldd' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Resolve inside this root: a directory (an extracted root filesystem) or a container image (OCI layout directory, oci-archive or docker-archive tarball, read in memory). FILEs and every path the loader uses are taken inside it, and symlinks never lead out of it')
            [CompletionResult]::new('--image-platform', '--image-platform', [CompletionResultType]::ParameterName, 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'With --tree: stop at this depth')
            [CompletionResult]::new('--why', '--why', [CompletionResultType]::ParameterName, 'Like --explain, for one library name only')
            [CompletionResult]::new('--why-symbol', '--why-symbol', [CompletionResultType]::ParameterName, 'Which object provides SYMBOL to each object that references it, and which others were searched before it')
            [CompletionResult]::new('--library-path', '--library-path', [CompletionResultType]::ParameterName, 'LD_LIBRARY_PATH for the resolution (default: the environment''s, when no --root is given)')
            [CompletionResult]::new('--preload', '--preload', [CompletionResultType]::ParameterName, 'LD_PRELOAD for the resolution (default: the environment''s, when no --root is given)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Value of $PLATFORM (default: the architecture''s usual AT_PLATFORM)')
            [CompletionResult]::new('--hwcaps', '--hwcaps', [CompletionResultType]::ParameterName, 'Probe glibc-hwcaps subdirectories at or below this level (x86-64-v2..v4, power9/10, z13..z17); baseline only by default')
            [CompletionResult]::new('--cwd', '--cwd', [CompletionResultType]::ParameterName, 'Working directory for relative FILE names, relative DT_NEEDED names and empty RPATH elements: inside --root when given (default: the current directory, or / with --root)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'How $ORIGIN of the program is computed (default: as ldd does)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--tree', '--tree', [CompletionResultType]::ParameterName, 'Show a dependency tree with how each library was found')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'With --tree: expand repeated subtrees every time')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'For each library, every path tried and why it was rejected')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the resolved graph as JSON')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Process every relocation, as glibc''s `ldd -r`: print `undefined symbol: NAME (FILE)` for each reference no loaded object defines (with --json: every binding). musl programs are always relocated, as musl''s ldd does')
            [CompletionResult]::new('--function-relocs', '--function-relocs', [CompletionResultType]::ParameterName, 'Process every relocation, as glibc''s `ldd -r`: print `undefined symbol: NAME (FILE)` for each reference no loaded object defines (with --json: every binding). musl programs are always relocated, as musl''s ldd does')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the version information of glibc''s `ldd -v`: each version each object needs and the object that defines it')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the version information of glibc''s `ldd -v`: each version each object needs and the object that defines it')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Distinct exit statuses for CI (see above) instead of ldd''s')
            [CompletionResult]::new('--static-only', '--static-only', [CompletionResultType]::ParameterName, 'Print relf''s static resolution even for a file the host''s ldd refuses as "not a dynamic executable" because no loader for its class and machine is installed (a 32-bit program on a 64-bit-only host, x32, another architecture). Without --root only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'relf;go' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'Only the `FILE: goVERSION` lines (= `go version` without -m)')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Accepted for `go version -m` habits: module lines are the default')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'In directories, also report files that are not Go binaries (= go version -v)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'In directories, also report files that are not Go binaries (= go version -v)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README) instead of go version''s text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'relf;info' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Take FILEs inside this root: a directory (an extracted root filesystem) or a container image (OCI layout, oci-archive, docker-archive, read in memory); RPATH/RUNPATH directories are checked for world-writability there')
            [CompletionResult]::new('--image-platform', '--image-platform', [CompletionResultType]::ParameterName, 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Every fact on its own line, with the evidence behind it')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Every fact on its own line, with the evidence behind it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in README): an `info` member per file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'relf;audit' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'With an image holding several platforms: the one to audit (os/arch[/variant], e.g. linux/arm64)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Finding classes that make the run fail (comma-separated, or `all`, `none`). Default: no-interpreter, not-found, load-error, wrong-arch, glibc-too-old, mixed-libc')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'With a directory PATH: resolve inside this root directory instead of PATH itself (PATH must lie inside it), e.g. `--root / /usr`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human (default), json (= --json), sarif (= --sarif) or cyclonedx (a CycloneDX 1.6 JSON SBOM of the ELF files and their resolved dependencies)')
            [CompletionResult]::new('--tls-verify', '--tls-verify', [CompletionResultType]::ParameterName, 'With a docker:// image: check the registry''s TLS certificate (`--tls-verify=false` for a local registry with a self-signed one, or plain HTTP)')
            [CompletionResult]::new('--authfile', '--authfile', [CompletionResultType]::ParameterName, 'With a docker:// image: read registry credentials from this file first (then $REGISTRY_AUTH_FILE, containers'' auth.json, ~/.docker/config.json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (schema in README)')
            [CompletionResult]::new('--sarif', '--sarif', [CompletionResultType]::ParameterName, 'Print a SARIF 2.1.0 log (for code-scanning UIs)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'relf;bundle' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The directory to copy into (created if needed; never `/`, the source root or a parent of it)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Copy from this root: a directory or a container image (OCI layout directory, oci-archive or docker-archive, read in memory). PROGs are paths inside it')
            [CompletionResult]::new('--image-platform', '--image-platform', [CompletionResultType]::ParameterName, 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would be copied; write nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (schema in README)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files and symlinks in DIR that differ')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'relf;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'relf;help' {
            [CompletionResult]::new('headers', 'headers', [CompletionResultType]::ParameterValue, 'The ELF file header (= readelf -h)')
            [CompletionResult]::new('segments', 'segments', [CompletionResultType]::ParameterValue, 'Program headers and the section to segment mapping (= readelf -lW)')
            [CompletionResult]::new('sections', 'sections', [CompletionResultType]::ParameterValue, 'Section headers (= readelf -SW)')
            [CompletionResult]::new('dynamic', 'dynamic', [CompletionResultType]::ParameterValue, 'The dynamic section (= readelf -dW)')
            [CompletionResult]::new('relocs', 'relocs', [CompletionResultType]::ParameterValue, 'Relocation tables with symbol names, versions and addends (= readelf -rW)')
            [CompletionResult]::new('symbols', 'symbols', [CompletionResultType]::ParameterValue, 'Symbol tables, .dynsym and .symtab, with versions (= readelf -sW)')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'Version sections: .gnu.version, .gnu.version_r, .gnu.version_d (= readelf -VW)')
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)')
            [CompletionResult]::new('readelf', 'readelf', [CompletionResultType]::ParameterValue, 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -r -u -s --dyn-syms -V -I -D -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`')
            [CompletionResult]::new('ldd', 'ldd', [CompletionResultType]::ParameterValue, 'The shared libraries a program needs, found as glibc''s or musl''s loader would find them, without running anything (= ldd, minus load addresses)')
            [CompletionResult]::new('go', 'go', [CompletionResultType]::ParameterValue, 'Go build information of Go binaries, byte for byte as go1.19''s `go version -m` prints it, read without the Go toolchain')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'What each file is: kind and linkage (in file(1)''s words), the libc it was built for (glibc, musl, bionic, uClibc, Go without libc) with the evidence, Go build facts, the highest GLIBC_x.y needed, and checksec-class hardening (RELRO, NX, PIE, canary, FORTIFY, CET, ...)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Audit a root filesystem or a container image: which libc it really uses, and every program that would not start or would break')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Copy programs with their interpreter and every library they load (and the ones their dlopen notes mark required) into DIR, at their in-root paths with the symlinks on the way, so that `chroot DIR PROG` starts them; writes a cut-down etc/ld.so.cache when the source has one')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relf;help;headers' {
            break
        }
        'relf;help;segments' {
            break
        }
        'relf;help;sections' {
            break
        }
        'relf;help;dynamic' {
            break
        }
        'relf;help;relocs' {
            break
        }
        'relf;help;symbols' {
            break
        }
        'relf;help;versions' {
            break
        }
        'relf;help;notes' {
            break
        }
        'relf;help;readelf' {
            break
        }
        'relf;help;ldd' {
            break
        }
        'relf;help;go' {
            break
        }
        'relf;help;info' {
            break
        }
        'relf;help;audit' {
            break
        }
        'relf;help;bundle' {
            break
        }
        'relf;help;completions' {
            break
        }
        'relf;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

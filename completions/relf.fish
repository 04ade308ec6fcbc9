# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_relf_global_optspecs
    string join \n color= h/help V/version
end

function __fish_relf_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_relf_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_relf_using_subcommand
    set -l cmd (__fish_relf_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c relf -n "__fish_relf_needs_command" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relf -n "__fish_relf_needs_command" -s V -l version -d 'Print version'
complete -c relf -n "__fish_relf_needs_command" -f -a "headers" -d 'The ELF file header (= readelf -h)'
complete -c relf -n "__fish_relf_needs_command" -f -a "segments" -d 'Program headers and the section to segment mapping (= readelf -lW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "sections" -d 'Section headers (= readelf -SW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "dynamic" -d 'The dynamic section (= readelf -dW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "relocs" -d 'Relocation tables with symbol names, versions and addends (= readelf -rW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "symbols" -d 'Symbol tables, .dynsym and .symtab, with versions (= readelf -sW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "versions" -d 'Version sections: .gnu.version, .gnu.version_r, .gnu.version_d (= readelf -VW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "notes" -d 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "readelf" -d 'A drop-in front end for GNU readelf\'s flags: -h -l -S -g -d -r -u -s --dyn-syms -V -I -D -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
complete -c relf -n "__fish_relf_needs_command" -f -a "ldd" -d 'The shared libraries a program needs, found as glibc\'s or musl\'s loader would find them, without running anything (= ldd, minus load addresses)'
complete -c relf -n "__fish_relf_needs_command" -f -a "go" -d 'Go build information of Go binaries, byte for byte as go1.19\'s `go version -m` prints it, read without the Go toolchain'
complete -c relf -n "__fish_relf_needs_command" -f -a "info" -d 'What each file is: kind and linkage (in file(1)\'s words), the libc it was built for (glibc, musl, bionic, uClibc, Go without libc) with the evidence, Go build facts, the highest GLIBC_x.y needed, and checksec-class hardening (RELRO, NX, PIE, canary, FORTIFY, CET, ...)'
complete -c relf -n "__fish_relf_needs_command" -f -a "audit" -d 'Audit a root filesystem or a container image: which libc it really uses, and every program that would not start or would break'
complete -c relf -n "__fish_relf_needs_command" -f -a "bundle" -d 'Copy programs with their interpreter and every library they load (and the ones their dlopen notes mark required) into DIR, at their in-root paths with the symlinks on the way, so that `chroot DIR PROG` starts them; writes a cut-down etc/ld.so.cache when the source has one'
complete -c relf -n "__fish_relf_needs_command" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c relf -n "__fish_relf_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relf -n "__fish_relf_using_subcommand headers" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand headers" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand headers" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand segments" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand segments" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand segments" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand sections" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand sections" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand sections" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand dynamic" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand dynamic" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand dynamic" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand relocs" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand relocs" -s C -l demangle -d 'Demangle C++ and Rust symbol names as readelf -C does (text output)'
complete -c relf -n "__fish_relf_using_subcommand relocs" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand relocs" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand symbols" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand symbols" -l dynamic -d 'Only the dynamic symbol table (= readelf --dyn-syms -W)'
complete -c relf -n "__fish_relf_using_subcommand symbols" -s C -l demangle -d 'Demangle C++ and Rust symbol names as readelf -C does (text output)'
complete -c relf -n "__fish_relf_using_subcommand symbols" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand symbols" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand versions" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand versions" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand versions" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand notes" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand notes" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand notes" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand readelf" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand ldd" -l root -d 'Resolve inside this root: a directory (an extracted root filesystem) or a container image (OCI layout directory, oci-archive or docker-archive tarball, read in memory). FILEs and every path the loader uses are taken inside it, and symlinks never lead out of it' -r -F
complete -c relf -n "__fish_relf_using_subcommand ldd" -l image-platform -d 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l max-depth -d 'With --tree: stop at this depth' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l why -d 'Like --explain, for one library name only' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l why-symbol -d 'Which object provides SYMBOL to each object that references it, and which others were searched before it' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l library-path -d 'LD_LIBRARY_PATH for the resolution (default: the environment\'s, when no --root is given)' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l preload -d 'LD_PRELOAD for the resolution (default: the environment\'s, when no --root is given)' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l platform -d 'Value of $PLATFORM (default: the architecture\'s usual AT_PLATFORM)' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l hwcaps -d 'Probe glibc-hwcaps subdirectories at or below this level (x86-64-v2..v4, power9/10, z13..z17); baseline only by default' -r
complete -c relf -n "__fish_relf_using_subcommand ldd" -l cwd -d 'Working directory for relative FILE names, relative DT_NEEDED names and empty RPATH elements: inside --root when given (default: the current directory, or / with --root)' -r -F
complete -c relf -n "__fish_relf_using_subcommand ldd" -l origin -d 'How $ORIGIN of the program is computed (default: as ldd does)' -r -f -a "run\t'`$ORIGIN` of the program = its real directory, symlinks resolved (as when it runs: the kernel\'s /proc/self/exe)'
ldd\t'`$ORIGIN` = the directory in the path as given, `.` and `..` kept (as glibc 2.36\'s and musl\'s ldd). The default'"
complete -c relf -n "__fish_relf_using_subcommand ldd" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand ldd" -l tree -d 'Show a dependency tree with how each library was found'
complete -c relf -n "__fish_relf_using_subcommand ldd" -l all -d 'With --tree: expand repeated subtrees every time'
complete -c relf -n "__fish_relf_using_subcommand ldd" -l explain -d 'For each library, every path tried and why it was rejected'
complete -c relf -n "__fish_relf_using_subcommand ldd" -l json -d 'Print the resolved graph as JSON'
complete -c relf -n "__fish_relf_using_subcommand ldd" -s r -l function-relocs -d 'Process every relocation, as glibc\'s `ldd -r`: print `undefined symbol: NAME (FILE)` for each reference no loaded object defines (with --json: every binding). musl programs are always relocated, as musl\'s ldd does'
complete -c relf -n "__fish_relf_using_subcommand ldd" -s v -l verbose -d 'Print the version information of glibc\'s `ldd -v`: each version each object needs and the object that defines it'
complete -c relf -n "__fish_relf_using_subcommand ldd" -l strict -d 'Distinct exit statuses for CI (see above) instead of ldd\'s'
complete -c relf -n "__fish_relf_using_subcommand ldd" -l static-only -d 'Print relf\'s static resolution even for a file the host\'s ldd refuses as "not a dynamic executable" because no loader for its class and machine is installed (a 32-bit program on a 64-bit-only host, x32, another architecture). Without --root only'
complete -c relf -n "__fish_relf_using_subcommand ldd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relf -n "__fish_relf_using_subcommand go" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand go" -l short -d 'Only the `FILE: goVERSION` lines (= `go version` without -m)'
complete -c relf -n "__fish_relf_using_subcommand go" -s m -d 'Accepted for `go version -m` habits: module lines are the default'
complete -c relf -n "__fish_relf_using_subcommand go" -s v -l verbose -d 'In directories, also report files that are not Go binaries (= go version -v)'
complete -c relf -n "__fish_relf_using_subcommand go" -l json -d 'Print JSON (schema in README) instead of go version\'s text'
complete -c relf -n "__fish_relf_using_subcommand go" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relf -n "__fish_relf_using_subcommand info" -l root -d 'Take FILEs inside this root: a directory (an extracted root filesystem) or a container image (OCI layout, oci-archive, docker-archive, read in memory); RPATH/RUNPATH directories are checked for world-writability there' -r -F
complete -c relf -n "__fish_relf_using_subcommand info" -l image-platform -d 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)' -r
complete -c relf -n "__fish_relf_using_subcommand info" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand info" -s l -l long -d 'Every fact on its own line, with the evidence behind it'
complete -c relf -n "__fish_relf_using_subcommand info" -l json -d 'Print JSON (schema in README): an `info` member per file'
complete -c relf -n "__fish_relf_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relf -n "__fish_relf_using_subcommand audit" -l platform -d 'With an image holding several platforms: the one to audit (os/arch[/variant], e.g. linux/arm64)' -r
complete -c relf -n "__fish_relf_using_subcommand audit" -l fail-on -d 'Finding classes that make the run fail (comma-separated, or `all`, `none`). Default: no-interpreter, not-found, load-error, wrong-arch, glibc-too-old, mixed-libc' -r
complete -c relf -n "__fish_relf_using_subcommand audit" -l root -d 'With a directory PATH: resolve inside this root directory instead of PATH itself (PATH must lie inside it), e.g. `--root / /usr`' -r -F
complete -c relf -n "__fish_relf_using_subcommand audit" -l format -d 'Output format: human (default), json (= --json), sarif (= --sarif) or cyclonedx (a CycloneDX 1.6 JSON SBOM of the ELF files and their resolved dependencies)' -r -f -a "human\t''
json\t''
sarif\t''
cyclonedx\t''"
complete -c relf -n "__fish_relf_using_subcommand audit" -l tls-verify -d 'With a docker:// image: check the registry\'s TLS certificate (`--tls-verify=false` for a local registry with a self-signed one, or plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c relf -n "__fish_relf_using_subcommand audit" -l authfile -d 'With a docker:// image: read registry credentials from this file first (then $REGISTRY_AUTH_FILE, containers\' auth.json, ~/.docker/config.json)' -r -F
complete -c relf -n "__fish_relf_using_subcommand audit" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand audit" -l json -d 'Print one JSON document (schema in README)'
complete -c relf -n "__fish_relf_using_subcommand audit" -l sarif -d 'Print a SARIF 2.1.0 log (for code-scanning UIs)'
complete -c relf -n "__fish_relf_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relf -n "__fish_relf_using_subcommand bundle" -l to -d 'The directory to copy into (created if needed; never `/`, the source root or a parent of it)' -r -F
complete -c relf -n "__fish_relf_using_subcommand bundle" -l root -d 'Copy from this root: a directory or a container image (OCI layout directory, oci-archive or docker-archive, read in memory). PROGs are paths inside it' -r -F
complete -c relf -n "__fish_relf_using_subcommand bundle" -l image-platform -d 'With an image holding several platforms: the one to use (os/arch[/variant], e.g. linux/arm64)' -r
complete -c relf -n "__fish_relf_using_subcommand bundle" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand bundle" -l dry-run -d 'List what would be copied; write nothing'
complete -c relf -n "__fish_relf_using_subcommand bundle" -l json -d 'Print one JSON document (schema in README)'
complete -c relf -n "__fish_relf_using_subcommand bundle" -l force -d 'Replace existing files and symlinks in DIR that differ'
complete -c relf -n "__fish_relf_using_subcommand bundle" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relf -n "__fish_relf_using_subcommand completions" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand completions" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "headers" -d 'The ELF file header (= readelf -h)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "segments" -d 'Program headers and the section to segment mapping (= readelf -lW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "sections" -d 'Section headers (= readelf -SW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "dynamic" -d 'The dynamic section (= readelf -dW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "relocs" -d 'Relocation tables with symbol names, versions and addends (= readelf -rW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "symbols" -d 'Symbol tables, .dynsym and .symtab, with versions (= readelf -sW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "versions" -d 'Version sections: .gnu.version, .gnu.version_r, .gnu.version_d (= readelf -VW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "notes" -d 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "readelf" -d 'A drop-in front end for GNU readelf\'s flags: -h -l -S -g -d -r -u -s --dyn-syms -V -I -D -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "ldd" -d 'The shared libraries a program needs, found as glibc\'s or musl\'s loader would find them, without running anything (= ldd, minus load addresses)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "go" -d 'Go build information of Go binaries, byte for byte as go1.19\'s `go version -m` prints it, read without the Go toolchain'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "info" -d 'What each file is: kind and linkage (in file(1)\'s words), the libc it was built for (glibc, musl, bionic, uClibc, Go without libc) with the evidence, Go build facts, the highest GLIBC_x.y needed, and checksec-class hardening (RELRO, NX, PIE, canary, FORTIFY, CET, ...)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "audit" -d 'Audit a root filesystem or a container image: which libc it really uses, and every program that would not start or would break'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "bundle" -d 'Copy programs with their interpreter and every library they load (and the ones their dlopen notes mark required) into DIR, at their in-root paths with the symlinks on the way, so that `chroot DIR PROG` starts them; writes a cut-down etc/ld.so.cache when the source has one'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic relocs symbols versions notes readelf ldd go info audit bundle completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

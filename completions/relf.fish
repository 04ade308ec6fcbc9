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
complete -c relf -n "__fish_relf_needs_command" -f -a "notes" -d 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
complete -c relf -n "__fish_relf_needs_command" -f -a "readelf" -d 'A drop-in front end for GNU readelf\'s flags: -h -l -S -g -d -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
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
complete -c relf -n "__fish_relf_using_subcommand notes" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand notes" -l json -d 'Print JSON (schema in README) instead of readelf\'s text'
complete -c relf -n "__fish_relf_using_subcommand notes" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand readelf" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand completions" -l color -d 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored' -r -f -a "auto\t''
always\t''
never\t''"
complete -c relf -n "__fish_relf_using_subcommand completions" -s h -l help -d 'Print help'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "headers" -d 'The ELF file header (= readelf -h)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "segments" -d 'Program headers and the section to segment mapping (= readelf -lW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "sections" -d 'Section headers (= readelf -SW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "dynamic" -d 'The dynamic section (= readelf -dW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "notes" -d 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "readelf" -d 'A drop-in front end for GNU readelf\'s flags: -h -l -S -g -d -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c relf -n "__fish_relf_using_subcommand help; and not __fish_seen_subcommand_from headers segments sections dynamic notes readelf completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

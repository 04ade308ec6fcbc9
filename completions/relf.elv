
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
            cand notes 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
            cand readelf 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
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
        &'relf;notes'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
            cand --json 'Print JSON (schema in README) instead of readelf''s text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'relf;readelf'= {
            cand --color 'When to use colors: auto (terminal and NO_COLOR unset), always, never. readelf- and ldd-compatible output is never colored'
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
            cand notes 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)'
            cand readelf 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`'
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
        &'relf;help;notes'= {
        }
        &'relf;help;readelf'= {
        }
        &'relf;help;completions'= {
        }
        &'relf;help;help'= {
        }
    ]
    $completions[$command]
}

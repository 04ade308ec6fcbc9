
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
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)')
            [CompletionResult]::new('readelf', 'readelf', [CompletionResultType]::ParameterValue, 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`')
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
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap probes, core notes (= readelf -nW)')
            [CompletionResult]::new('readelf', 'readelf', [CompletionResultType]::ParameterValue, 'A drop-in front end for GNU readelf''s flags: -h -l -S -g -d -n -A -e -W and their long spellings, in any order and combination, e.g. `relf readelf -lW a.out`')
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
        'relf;help;notes' {
            break
        }
        'relf;help;readelf' {
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

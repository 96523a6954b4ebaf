# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_docket_global_optspecs
    string join \n lang= ascii log= h/help V/version
end

function __fish_docket_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_docket_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_docket_using_subcommand
    set -l cmd (__fish_docket_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c docket -n "__fish_docket_needs_command" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_needs_command" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_needs_command" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_needs_command" -s V -l version -d 'Print version'
complete -c docket -n "__fish_docket_needs_command" -a "check" -d 'Check a panel\'s rules, panel.yaml and every case; report every problem with its file:line:column'
complete -c docket -n "__fish_docket_needs_command" -a "config" -d 'Print where the settings file is and the settings in effect'
complete -c docket -n "__fish_docket_needs_command" -a "verify" -d 'Check that sealed minutes and addenda are as they were sealed, and who signed them'
complete -c docket -n "__fish_docket_needs_command" -a "sign" -d 'Sign a sealed meeting\'s minutes and its addenda with your own SSH key'
complete -c docket -n "__fish_docket_needs_command" -a "allowed-signers" -d 'Print the members\' keys in OpenSSH\'s allowed-signers format, for ssh-keygen -Y verify'
complete -c docket -n "__fish_docket_needs_command" -a "report" -d 'Figures across a panel\'s minutes, for supervision (督促检查)'
complete -c docket -n "__fish_docket_needs_command" -a "minutes" -d 'Print a meeting\'s minutes as a document for people who never open docket'
complete -c docket -n "__fish_docket_needs_command" -a "agenda" -d 'Print the next meeting\'s agenda, to send to the members before the meeting'
complete -c docket -n "__fish_docket_needs_command" -a "demo" -d 'Try docket on the example panel, without a panel of your own'
complete -c docket -n "__fish_docket_needs_command" -a "completions" -d 'Print the completion script for bash, zsh or fish'
complete -c docket -n "__fish_docket_needs_command" -a "man" -d 'Print the manual page, docket(1), in roff'
complete -c docket -n "__fish_docket_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c docket -n "__fish_docket_using_subcommand check" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand check" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand check" -l strict -d 'Treat warnings as errors for the exit code'
complete -c docket -n "__fish_docket_using_subcommand check" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand config" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand config" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand config" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand config" -s h -l help -d 'Print help'
complete -c docket -n "__fish_docket_using_subcommand verify" -l allowed-signers -d 'Check signatures against this OpenSSH allowed-signers file (principals are member ids) instead of panel.yaml and the ledger' -r -F
complete -c docket -n "__fish_docket_using_subcommand verify" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand verify" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand verify" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand sign" -l member -d 'Which member you sign as, when your agent holds the keys of several' -r
complete -c docket -n "__fish_docket_using_subcommand sign" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand sign" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand sign" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand allowed-signers" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand allowed-signers" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand allowed-signers" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand allowed-signers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand report" -l from -d 'Count only cases decided on or after this day (YYYY-MM-DD, the panel\'s local date)' -r
complete -c docket -n "__fish_docket_using_subcommand report" -l to -d 'Count only cases decided on or before this day (YYYY-MM-DD, inclusive)' -r
complete -c docket -n "__fish_docket_using_subcommand report" -l format -d 'table: aligned for an 80-column terminal; csv: one row per figure line (section,key,label,count,extra) for Excel or WPS; md: Markdown tables' -r -f -a "table\t'Aligned text for an 80-column terminal or a printer'
csv\t'One row per figure, for a spreadsheet (UTF-8 with a BOM unless --no-bom)'
md\t'Markdown tables, for a document'"
complete -c docket -n "__fish_docket_using_subcommand report" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand report" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand report" -l no-bom -d 'Leave out the UTF-8 byte-order mark that --format csv writes first (Excel and WPS need it to read Chinese; scripts may not want it)'
complete -c docket -n "__fish_docket_using_subcommand report" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand minutes" -l format -d 'text: 80 columns; md: GitHub Markdown; html: one file for A4, to print from a browser, WPS or Word' -r -f -a "text\t'Plain text on 80 columns (Chinese aligned), for a terminal or a plain printer'
md\t'GitHub-flavoured Markdown'
html\t'One self-contained HTML file laid out for A4: open it in a browser, WPS or Word and print'"
complete -c docket -n "__fish_docket_using_subcommand minutes" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand minutes" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand minutes" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand minutes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand agenda" -l format -d 'text: 80 columns; md: GitHub Markdown; html: one file for A4, to print from a browser, WPS or Word' -r -f -a "text\t'Plain text on 80 columns (Chinese aligned), for a terminal or a plain printer'
md\t'GitHub-flavoured Markdown'
html\t'One self-contained HTML file laid out for A4: open it in a browser, WPS or Word and print'"
complete -c docket -n "__fish_docket_using_subcommand agenda" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand agenda" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand agenda" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand agenda" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand demo" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand demo" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand demo" -l print-dir -d 'Only copy, and print the folder\'s path on stdout; do not open it'
complete -c docket -n "__fish_docket_using_subcommand demo" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand completions" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand completions" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand completions" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand man" -l lang -d 'Language: zh or en (default: the settings\' `language`, else LC_ALL, LC_MESSAGES, LANG)' -r -f -a "zh\t''
en\t''"
complete -c docket -n "__fish_docket_using_subcommand man" -l log -d 'Append what docket does to FILE, for whoever supports it: panels opened, recovery, the writer\'s lock, failures with their causes. Ids, counts and paths only, never what a case or an opinion says. Made 0600; never written through a link' -r -F
complete -c docket -n "__fish_docket_using_subcommand man" -l ascii -d 'Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters two columns wide)'
complete -c docket -n "__fish_docket_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "check" -d 'Check a panel\'s rules, panel.yaml and every case; report every problem with its file:line:column'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "config" -d 'Print where the settings file is and the settings in effect'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "verify" -d 'Check that sealed minutes and addenda are as they were sealed, and who signed them'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "sign" -d 'Sign a sealed meeting\'s minutes and its addenda with your own SSH key'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "allowed-signers" -d 'Print the members\' keys in OpenSSH\'s allowed-signers format, for ssh-keygen -Y verify'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "report" -d 'Figures across a panel\'s minutes, for supervision (督促检查)'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "minutes" -d 'Print a meeting\'s minutes as a document for people who never open docket'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "agenda" -d 'Print the next meeting\'s agenda, to send to the members before the meeting'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "demo" -d 'Try docket on the example panel, without a panel of your own'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "completions" -d 'Print the completion script for bash, zsh or fish'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "man" -d 'Print the manual page, docket(1), in roff'
complete -c docket -n "__fish_docket_using_subcommand help; and not __fish_seen_subcommand_from check config verify sign allowed-signers report minutes agenda demo completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

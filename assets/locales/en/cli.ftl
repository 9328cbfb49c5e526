
### The command line: errors, output of the commands.

cli-error = error: { $message }
cli-usage-error = { $first }; see 'calldeck --help'

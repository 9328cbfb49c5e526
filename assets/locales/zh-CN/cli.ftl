
### 命令行：错误提示和各命令的输出。

cli-error = 错误：{ $message }
cli-usage-error = { $first }；参见 'calldeck --help'

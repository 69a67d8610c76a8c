"""The command line: thin wrappers that validate, call library functions and set exit codes."""

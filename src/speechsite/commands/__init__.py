"""Commands: the command line (`speechsite check | export | candidates`), its single home.

`cli.py` dispatches and turns domain errors into messages and exit codes; each command module
registers its own sub-command.
"""

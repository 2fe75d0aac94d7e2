# Exit statuses: set -e, && and ||, the last stage of a pipeline, ! and negation.
false || echo "or: $?"
true && echo and
false | true; echo "pipeline: $?"
true | false; echo "pipeline: $?"
! false; echo "not: $?"
(set -e; echo before; false; echo not reached); echo "set -e subshell: $?"
sh -c 'set -e; true; exit 9'; echo "sh: $?"
if sh -c 'exit 1'; then echo yes; else echo "no: $?"; fi
f() { return 3; }; f; echo "function: $?"
(sh -c 'kill -SEGV $$'; exit $?) 2>/dev/null; echo "segv: $?"

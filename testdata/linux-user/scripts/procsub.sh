# shells: bash
# Process substitution (/dev/fd/N), coprocess-free pipes into while loops, and $BASHPID in subshells.
cat <(echo from a substitution)
while read -r l; do echo "line $l"; done < <(seq 3)
paste <(seq 3) <(seq 4 6)
echo hi > >(tr a-z A-Z); wait
[ "$$" != "$(echo $BASHPID)" ] || echo "BASHPID is the parent's in \$(...)?"
( [ "$BASHPID" != "$$" ] && echo "a subshell has its own pid" )

# uid: 100000
# A fork bomb bounded by ulimit -u (dash: -p) in a subshell: forks fail with EAGAIN, the limit
# holds for the subshell and its children only, and the script goes on afterwards.
# The children sleep far longer than the script runs and are killed at the end, so whether the
# limit is reached does not depend on how fast the host forks (children that slept one second
# could all have exited between two forks on a slow CI machine, and the bomb never hit the limit).
: >pids.txt
(
  ulimit -u 24 2>/dev/null || ulimit -p 24
  n=0
  while [ $n -lt 60 ]; do
    sleep 300 >/dev/null 2>&1 &
    echo $! >>pids.txt
    n=$((n+1))
  done
) 2>err.txt
kill $(cat pids.txt) 2>/dev/null
grep -q -i -e fork -e 'resource temporarily' err.txt && echo "fork failed as expected"
echo done

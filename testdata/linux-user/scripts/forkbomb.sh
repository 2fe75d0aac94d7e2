# uid: 100000
# A fork bomb bounded by ulimit -u (dash: -p) in a subshell: forks fail with EAGAIN, the limit
# holds for the subshell and its children only, and the script goes on afterwards.
(
  ulimit -u 24 2>/dev/null || ulimit -p 24
  n=0
  while [ $n -lt 200 ]; do
    sleep 1 &
    n=$((n+1))
  done
  wait
) 2>err.txt
grep -q -i -e fork -e 'resource temporarily' err.txt && echo "fork failed as expected"
echo done

# Background jobs: $!, wait for one, wait for all, statuses.
sleep 0.3 & p=$!
(exit 7) & q=$!
wait $q; echo "second job: $?"
wait $p; echo "first job: $?"
for i in 1 2 3; do (sleep 0.1; exit $i) & done
wait; echo "all waited: $?"
( echo from the background ) &
wait
echo "a job that writes to a file" > out.txt & wait $!; cat out.txt
sh -c 'exit 3' & wait $!; echo "sh: $?"
true & false & wait; echo done

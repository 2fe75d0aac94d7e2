# trap and kill: handlers, the signal status of a killed job, kill -0, EXIT traps.
trap 'echo got USR1' USR1
kill -USR1 $$
echo after USR1
# The victim dies when it next runs; the short sleeps make sure it has before wait looks.
sleep 5 & p=$!
kill $p; sleep 0.2
wait $p; echo "killed job: $?"
# (bash names the job's pid in its message: the pid is replaced)
(sleep 5 & p=$!; kill -9 $p; sleep 0.2; wait $p; echo "killed -9: $?") 2>&1 | sed 's/ *[0-9][0-9]* Killed/ PID Killed/'
kill -0 $$ && echo "I exist"
sh -c 'kill -TERM $$; echo not reached'; echo "sh killed itself: $?"
sh -c 'trap "echo child got TERM; exit 3" TERM; kill -TERM $$; sleep 1'; echo "child: $?"
(trap 'echo exit trap' EXIT; echo in subshell)
trap - USR1
sh -c 'trap "echo INT caught" INT; kill -INT $$; echo after INT'
echo end

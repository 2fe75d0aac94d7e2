# exec redirections, file descriptors kept across exec, here-documents.
exec 3>out.txt
echo to three >&3
echo more >&3
exec 3>&-
cat out.txt
exec 4<out.txt
read -r first <&4; read -r second <&4
echo "read: $first / $second"
exec 4<&-
exec 5>&1
echo via five >&5
sh -c 'echo child writes fd 5 >&5'
exec 5>&-
sh -c 'echo to fd 5 >&5' 2>/dev/null || echo "fd 5 closed in the child"
cat <<END
here $((1+2))
END
cat <<'END' | tr a-z A-Z
quoted $x
END
{ echo out; echo err >&2; } 2>&1 | sort
ls nonexistent-file 2>err.txt; echo "ls: $?"; wc -l <err.txt
echo appended >>out.txt; tail -1 out.txt

# /proc for guest processes, and /dev/fd: what a shell and its children see of themselves and of each other.
sh -c 'cat /proc/$$/comm; tr "\0" " " </proc/$$/cmdline; echo; cut -d" " -f2,3 /proc/$$/stat'
sh -c 'echo "ppid matches: $([ "$(cut -d" " -f4 /proc/$$/stat)" = "$PPID" ] && echo yes)"'
# (qemu-user keeps descriptors of its own at the top of the range: only the low ones are compared)
sh -c 'ls /proc/$$/fd | sort -n | grep -x "[0-9]" | tr "\n" " "; echo' 3</dev/null
sh -c 'readlink /proc/$$/fd/3' 3<script.sh | sed 's|.*/||'
sh -c 'grep -c . /proc/$$/maps >/dev/null && echo maps readable'
sh -c 'exec 5<script.sh; head -1 /proc/self/fd/5 >/dev/null && echo "fd reopened by path"' 
echo piped | sh -c 'cat /proc/self/fd/0; cat /dev/stdin'
test -d /proc/$$ && echo "my /proc dir exists"
(sleep 0.2 & p=$!; test -e /proc/$p/stat && echo "a child's /proc entry exists"; wait)
ls /proc/self/ | grep -c -x -e cmdline -e comm -e fd -e stat

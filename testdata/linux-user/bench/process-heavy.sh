# The process-heavy benchmark (npm run bench -- --only processes): a few hundred short commands
# through pipes and $(...), as configure scripts and maintainer scripts run them. Every command is
# a new process (fork + execve of a dynamically linked Debian program); the output is compared
# between tciemu and Linux with qemu-riscv64 through binfmt_misc.
i=0
total=0
while [ $i -lt 40 ]; do
  n=$(seq 1 $((i + 5)) | wc -l)
  w=$(echo "word$i other$i" | tr ' ' '\n' | sort -r | head -1)
  u=$(printf 'b\na\nb\nc\n' | sort | uniq -c | wc -l)
  g=$(seq 1 50 | grep -c "$((i % 10))")
  x=$(basename "/tmp/dir$i/file$i.txt" .txt)
  d=$(dirname "/tmp/dir$i/file$i.txt")
  e=$(expr $i \* 3 + 1)
  total=$((total + n + u + g + e))
  echo "$i $n $w $u $g $x $d $e" | sed 's/ /,/g' | cut -d, -f1-8
  i=$((i + 1))
done
echo "total $total"

# Pipelines of two to six stages through coreutils, grep and sed.
seq 1 20 | sort -rn
seq 1 20 | sort -rn | head -5
printf 'b\na\nc\na\n' | sort | uniq
seq 1 100 | grep 7 | sed 's/^/n=/' | tr '\n' ' ' | cut -c1-40
echo
seq 1 1000 | sed -n '500,510p' | sort -r | head -3 | tail -2 | wc -l
printf 'one two\nthree four\n' | tr ' ' '\n' | sort | cat -n
cat /etc/hostname >/dev/null 2>&1; echo "status $?" | cat
echo abc | sed 's/\(.\)\(.\)\(.\)/\3\2\1/' | tr a-c A-C
seq 5 | paste -sd+ | tr -d '\n'; echo

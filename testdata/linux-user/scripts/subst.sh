# Command substitution and subshells: values, statuses, nesting, the working directory.
x=$(echo one; echo two)
echo "$x"
n=$(seq 10 | wc -l); echo "lines: $n"
echo "nested: $(echo "a$(echo b$(echo c))d")"
y=$(exit 4); echo "status of the substitution: $?"
here=$(pwd); (cd /usr && pwd); [ "$(pwd)" = "$here" ] && echo "still here"
(exit 5); echo "subshell: $?"
( echo inner; (echo deeper; exit 2); echo "deeper: $?" )
v=outer; (v=inner; echo $v); echo $v
echo "$( (echo a; echo b) | wc -l) lines from a subshell pipeline"
{ echo grouped; echo twice; } | sort -r

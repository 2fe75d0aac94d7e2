# find -exec, xargs, sort | uniq -c over files the script makes.
mkdir -p d/sub d/other
for f in a b c; do echo "$f" > d/$f.txt; done
echo x > d/sub/x.txt; echo y > d/other/y.log
find d -name '*.txt' | sort
find d -type f -name '*.txt' -exec cat {} \; | sort
find d -type f -exec wc -c {} + | sort
find d -name '*.txt' | sort | xargs cat | tr '\n' ' '; echo
printf '%s\n' 3 1 2 | xargs -n1 sh -c 'echo arg $0'
seq 1 10 | xargs -n 3 echo
printf 'a\nb\na\nc\nb\na\n' | sort | uniq -c
printf 'a\nb\na\nc\nb\na\n' | sort | uniq -c | sort -rn | head -1
find d -type d | sort | xargs -I{} sh -c 'echo dir: {}'

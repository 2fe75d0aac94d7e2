# A writer that never stops ends when its reader goes (SIGPIPE), at once.
yes | head -3
yes hello | head -c 17; echo
yes | head -n 100000 | wc -l
yes abcdefghijklmnopqrstuvwxyz | head -c 200000 | wc -c
seq 1 1000000 | head -2

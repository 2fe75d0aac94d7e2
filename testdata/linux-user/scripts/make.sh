# default-shells: dash
# A small make project whose recipes run shell commands: dependencies, a rebuild, a failing rule.
mkdir -p proj && cd proj
printf 'alpha\nbeta\n' > a.in
printf 'gamma\n' > b.in
cat > Makefile <<'MK'
all: result.txt

%.out: %.in
	tr a-z A-Z < $< > $@

result.txt: a.out b.out
	cat $^ | sort -r > $@
	@echo built $@ from $^

count: result.txt
	@wc -l < result.txt

fail:
	@echo about to fail; false
	@echo not reached

.PHONY: all count fail
MK
make
cat result.txt
make count
make; echo "again: $?"
touch -d '2000-01-01' b.out result.txt
make
make fail; echo "fail: $?"
make -k fail all; echo "keep going: $?"
make -s -C . count

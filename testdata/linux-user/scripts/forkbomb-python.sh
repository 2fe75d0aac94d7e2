# uid: 100000
# shells: dash
# os.fork() under RLIMIT_NPROC until it fails: EAGAIN (BlockingIOError), then the children are reaped.
# Under the reference, qemu itself needs a thread per process, which the limit counts too: when
# a forked child's qemu cannot make it, qemu says so on stderr, which is left out here.
python3.13 - 2>py-err.txt <<'PY'
import os, resource, time
resource.setrlimit(resource.RLIMIT_NPROC, (24, 24))
kids = []
err = None
for i in range(500):
    try:
        pid = os.fork()
    except OSError as e:
        err = e
        break
    if pid == 0:
        time.sleep(0.5)
        os._exit(0)
    kids.append(pid)
print("stopped by:", type(err).__name__, err.errno == 11 if err else None)
print("fewer than 500:", len(kids) < 500)
for k in kids:
    os.waitpid(k, 0)
print("all reaped")
PY
echo "python: $?"
grep -v '^qemu:' py-err.txt

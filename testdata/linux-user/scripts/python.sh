# default-shells: dash
# python3.13: subprocess.run, os.fork and waitpid, pipes between them.
python3.13 - <<'PY'
import os, subprocess, sys
r = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True, text=True)
print("run:", r.returncode, repr(r.stdout), repr(r.stderr))
print("check_output:", subprocess.check_output(["seq", "3"]).split())
p = subprocess.Popen(["sort", "-r"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
out, _ = p.communicate("a\nc\nb\n")
print("popen:", out.split(), p.returncode)
rd, wr = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(rd)
    os.write(wr, b"hello from the child\n")
    os._exit(7)
os.close(wr)
data = os.read(rd, 100)
_, st = os.waitpid(pid, 0)
print("fork:", data.decode().strip(), os.WIFEXITED(st), os.WEXITSTATUS(st))
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), 15)
    os._exit(0)
_, st = os.waitpid(pid, 0)
print("signaled:", os.WIFSIGNALED(st), os.WTERMSIG(st))
try:
    subprocess.run(["false"], check=True)
except subprocess.CalledProcessError as e:
    print("check:", e.returncode)
print("shell:", subprocess.run("echo $((6*7)) | cat", shell=True, capture_output=True, text=True).stdout.strip())
sys.stdout.flush()
PY
echo "python: $?"

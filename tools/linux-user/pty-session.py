#!/usr/bin/env python3
# An interactive terminal session under Linux itself: runs COMMAND on a new pseudo-terminal (Linux's
# n_tty line discipline with its default "stty sane" settings, 24x80) and types the steps at it,
# each once the output shows the previous step's marker. Prints one JSON object: the output as the
# terminal got it (a latin-1 string) and the exit status. The reference for tciemu's terminal
# device (src/linux-user/tty.ts): test/web/shell.test.ts types the same steps at tciemu, compares.
#
#   pty-session.py STEPS_JSON -- COMMAND...
#
# STEPS_JSON: [{"send": "keys (latin-1)", "until": "text the output must show next"}...]; "until"
# is looked for in what came after the step's keys; a step without one waits for nothing.
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time

STEP_TIMEOUT = 120.0


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print("usage: pty-session.py STEPS_JSON -- COMMAND...", file=sys.stderr)
        return 2
    steps = json.loads(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[3], sys.argv[3:])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = bytearray()

    def pump(until, start: int, limit: float) -> bool:
        """Reads until `until` shows after `start` (True), or the end of output / the time limit."""
        end = time.monotonic() + limit
        while until is None or until not in out[start:]:
            left = end - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([fd], [], [], min(left, 0.2))
            if not r:
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: every process holding the terminal has exited
                return until is None
            if not data:
                return until is None
            out.extend(data)
        return True

    for step in steps:
        start = len(out)
        os.write(fd, step["send"].encode("latin-1"))
        until = step.get("until")
        if until is not None and not pump(until.encode("latin-1"), start, STEP_TIMEOUT):
            os.kill(pid, 9)
            print(json.dumps({"error": f"timed out waiting for {until!r}", "output": out.decode("latin-1")}))
            return 1
    pump(None, len(out), STEP_TIMEOUT)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"output": out.decode("latin-1"), "status": os.waitstatus_to_exitcode(status)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

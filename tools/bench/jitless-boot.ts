// The Debian boot of `npm run bench -- --only boot` (tools/bench/debian-boot.ts), run in a child that
// tools/bench/jitless.ts starts under `node --jitless`. Prints one JSON line: guest instructions, wall
// and CPU seconds from board creation to the shell marker (tsx's start-up and the initramfs build are
// outside the timing).
//
//   node --jitless --import tsx tools/bench/jitless-boot.ts [limit seconds]
import { bootFiles, bootToShell } from "./debian-boot.ts";

const files = bootFiles();
if (!files) throw new Error("missing Debian system files: run 'bash tools/debian/fetch.sh system'");
process.stdout.write(JSON.stringify(bootToShell(files, Number(process.argv[2] ?? 1800))) + "\n");

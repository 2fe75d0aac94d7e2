// Whether a module is the script node was started with. Comparing import.meta.url with argv[1] is
// not enough: npm starts a package's bins through symlinks (node_modules/.bin/<name>), and node
// reports the link in argv[1] but the resolved file in import.meta.url.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script || !moduleUrl.startsWith("file:")) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

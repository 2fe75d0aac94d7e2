// Imported first by startup-phases.ts: the moment module code starts to run (after node's bootstrap
// and the parse of the bundle).
export const modulesStart = performance.now();

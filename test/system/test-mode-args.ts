// The command line both system emulators boot Debian's kernel with for the test initramfs's
// test mode (tools/system/initramfs.ts): the console on stdio, /init waiting for commands.
export function testModeArgs(kernel: string, initrd: string): string[] {
  return ["-M", "virt", "-m", "256M", "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyS0 tciemu.test=1", "-nographic"];
}

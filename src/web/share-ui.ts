// The page's shared-folder controls (issue 15.6): files and folders dropped on the share box or
// picked with "Add files…" / "Add folder…" go into the worker's in-memory tree (page-share.ts),
// which the booted machine mounts over virtio-9p; the list shows what the tree holds (also what the
// guest wrote, updated as it writes) with a download button per file, and "Download all" saves the
// whole tree as a tar archive. No network is involved in either direction.
import { downloadBytes, formatBytes } from "./download.ts";
import type { FromWorker, ShareItem, ShareReply, ToWorker } from "./protocol.ts";

/** What the browser tests read (globalThis.tciemu.share). */
export interface ShareProbe {
  items: ShareItem[];
  usedBytes: number;
  /** Files added by the page (drops and pickers). */
  imported: number;
  /** Downloads started, by file name. */
  downloads: string[];
  errors: string[];
  status: string;
}

export interface SharePageHooks {
  send(m: ToWorker, transfer?: Transferable[]): void;
}

interface PickedFile {
  path: string;
  file: File;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export class SharePanel {
  readonly probe: ShareProbe = { items: [], usedBytes: 0, imported: 0, downloads: [], errors: [], status: "" };
  private nextId = 1;

  constructor(private readonly page: SharePageHooks) {
    const zone = $("share-drop");
    // A file dropped anywhere else must not make the browser open it (and leave the running machine).
    for (const t of ["dragover", "drop"] as const)
      document.addEventListener(t, (e) => {
        if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
      });
    zone.addEventListener("dragover", (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer) void this.add(droppedFiles(e.dataTransfer));
    });
    for (const [button, input] of [
      ["share-add-files", "share-files"],
      ["share-add-folder", "share-folder"],
    ] as const) {
      const picker = $<HTMLInputElement>(input);
      $(button).addEventListener("click", () => picker.click());
      picker.addEventListener("change", () => {
        const files = [...(picker.files ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
        picker.value = "";
        void this.add(Promise.resolve(files));
      });
    }
    $("share-tar").addEventListener("click", () => this.page.send({ type: "share-read", id: this.nextId++, path: null }));
    this.page.send({ type: "share-list" });
  }

  private async add(picked: Promise<PickedFile[]>): Promise<void> {
    try {
      const list = await picked;
      if (list.length === 0) return;
      this.setStatus(`adding ${list.length} file${list.length === 1 ? "" : "s"}…`);
      const files = await Promise.all(
        list.map(async (p) => ({ path: p.path, data: await p.file.arrayBuffer(), mtimeMs: p.file.lastModified })),
      );
      this.page.send(
        { type: "share-import", id: this.nextId++, files },
        files.map((f) => f.data),
      );
    } catch (e) {
      this.fail(`adding files: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Handles the worker's share messages; false for others. */
  handle(m: FromWorker): boolean {
    switch (m.type) {
      case "share-list":
      case "share-imported":
      case "share-data":
      case "share-error":
        this.reply(m);
        return true;
      default:
        return false;
    }
  }

  private reply(m: ShareReply): void {
    switch (m.type) {
      case "share-list":
        this.probe.items = m.items;
        this.probe.usedBytes = m.usedBytes;
        return this.render(m);
      case "share-imported":
        this.probe.imported += m.files;
        return this.setStatus(`added ${m.files} file${m.files === 1 ? "" : "s"} (${formatBytes(m.bytes)})`);
      case "share-data":
        this.probe.downloads.push(m.name);
        downloadBytes(m.name, m.data);
        return this.setStatus(`downloaded ${m.name} (${formatBytes(m.data.byteLength)})`);
      case "share-error":
        return this.fail(m.message);
    }
  }

  private render(m: Extract<ShareReply, { type: "share-list" }>): void {
    const files = m.items.filter((i) => i.type === "file").length;
    $("share-summary").textContent =
      `${files} file${files === 1 ? "" : "s"}, ${formatBytes(m.usedBytes)} of ${formatBytes(m.capacityBytes)}` +
      (m.truncated ? " (list cut short)" : "");
    $("share-mount").textContent = `mount -t 9p -o trans=virtio,version=9p2000.L ${m.tag} /mnt`;
    const rows = m.items.map((it) => {
      const tr = document.createElement("tr");
      const name = document.createElement("td");
      name.className = `name ${it.type}`;
      name.textContent = it.type === "dir" ? `${it.name}/` : it.name;
      const size = document.createElement("td");
      size.className = "size";
      size.textContent = it.type === "file" ? formatBytes(it.size) : "";
      const act = document.createElement("td");
      if (it.type === "file") {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = "⤓";
        b.title = `download ${it.name}`;
        b.dataset.path = it.name;
        b.addEventListener("click", () => this.page.send({ type: "share-read", id: this.nextId++, path: it.path }));
        act.append(b);
      }
      tr.append(name, size, act);
      return tr;
    });
    $("share-list").replaceChildren(...rows);
  }

  private setStatus(text: string, error = false): void {
    this.probe.status = text;
    const el = $("share-status");
    el.textContent = text;
    el.classList.toggle("error", error);
  }

  private fail(message: string): void {
    this.probe.errors.push(message);
    this.setStatus(message, true);
  }
}

/**
 * The files of a drop, folders walked (webkitGetAsEntry, the drag-and-drop part of the File and
 * Directory Entries API every current browser has). The entries must be taken while the drop event
 * is dispatched: the DataTransfer is emptied afterwards.
 */
function droppedFiles(dt: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  const plain: File[] = [];
  for (const item of dt.items) {
    if (item.kind !== "file") continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) plain.push(f);
    }
  }
  return (async () => {
    const out: PickedFile[] = plain.map((file) => ({ path: file.name, file }));
    for (const e of entries) await walk(e, out);
    return out;
  })();
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, "");
  if (entry.isFile) {
    const file = await new Promise<File>((ok, ko) => (entry as FileSystemFileEntry).file(ok, ko));
    out.push({ path: path || file.name, file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands out a directory in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, ko) => reader.readEntries(ok, ko));
    if (batch.length === 0) break;
    for (const e of batch) await walk(e, out);
  }
}

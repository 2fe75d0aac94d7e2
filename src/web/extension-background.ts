// The Chrome extension's service worker (dist/extension/background.js, tools/build/extension.ts):
// the toolbar button opens the page (index.html, the same page as dist/web) in a tab. It asks for
// no permission; the page runs under MV3's default extension CSP (`script-src 'self'`, no
// 'wasm-unsafe-eval'), which tciemu needs nothing beyond.
interface ChromeApi {
  action: { onClicked: { addListener(cb: () => void): void } };
  runtime: { getURL(path: string): string };
  tabs: { create(opts: { url: string }): Promise<unknown> };
}
declare const chrome: ChromeApi;

chrome.action.onClicked.addListener(() => {
  void chrome.tabs.create({ url: chrome.runtime.getURL("index.html") });
});

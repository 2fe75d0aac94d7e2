/** Malformed, truncated or unsupported XZ data. */
export class XzError extends Error {
  override name = "XzError";
}

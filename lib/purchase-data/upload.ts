import "server-only";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { UserError } from "@/lib/action-result";
import { formatNumber } from "@/lib/format";
import type { UploadedFile } from "./submit";

/**
 * Spools a request body (the file, sent as is, not as a multipart form) to a temporary file: the
 * import reads it as a stream, and an xlsx zip must be read from its end. Refuses an empty body and
 * one larger than `maxBytes` while it arrives. The file name travels in the X-File-Name header
 * (URI-encoded). Call `cleanup` when done.
 */
export async function spoolUpload(request: Request, maxBytes: number): Promise<UploadedFile & { cleanup: () => Promise<void> }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const limit = `Filen er for stor. Den må højst være ${formatNumber(Math.round(maxBytes / (1024 * 1024)))} MB.`;
  if (declared > maxBytes) throw new UserError(limit, "file");
  if (!request.body) throw new UserError("Vælg en fil.", "file");
  let fileName = "indkoebsdata";
  try {
    fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "").replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200) || fileName;
  } catch {
    // A malformed name is not worth refusing the file for.
  }
  const dir = await mkdtemp(path.join(tmpdir(), "sip-upload-"));
  const target = path.join(dir, "upload");
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const handle = await open(target, "w");
  let size = 0;
  try {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new UserError(limit, "file");
      await handle.write(chunk);
    }
  } catch (error) {
    await handle.close();
    await cleanup();
    throw error;
  }
  await handle.close();
  if (size === 0) {
    await cleanup();
    throw new UserError("Filen er tom.", "file");
  }
  const contentType = (request.headers.get("content-type") ?? "application/octet-stream").split(";")[0]!.trim();
  return { path: target, fileName, contentType, size, cleanup };
}

/** A route handler accepts an upload only from the portal's own pages (no cross-site posts). */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return false;
  }
}

/**
 * Renders the portal's icon (app/icon.svg) into the PNG and ICO files browsers and home screens
 * ask for: app/apple-icon.png (180 px), public/icons/icon-192.png and icon-512.png (the web app
 * manifest, app/manifest.ts) and app/favicon.ico (16, 32 and 48 px PNGs in one ICO). Run it after
 * changing the SVG: `npx tsx scripts/make-icons.ts`; the files are committed. Uses sharp, which
 * Next.js installs for its image optimisation, so nothing is downloaded.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import sharp from "sharp";

const svg = await readFile("app/icon.svg");
const png = (size: number) => sharp(svg, { density: (72 * size) / 64 }).resize(size, size).png().toBuffer();

/** An ICO file holding PNG images (supported by every browser since 2007). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

await mkdir("public/icons", { recursive: true });
await writeFile("app/apple-icon.png", await png(180));
await writeFile("public/icons/icon-192.png", await png(192));
await writeFile("public/icons/icon-512.png", await png(512));
await writeFile("app/favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(size) })))));
console.log("Wrote app/apple-icon.png, public/icons/icon-192.png, public/icons/icon-512.png, app/favicon.ico");

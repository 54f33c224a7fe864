// Draws images/icon.png (128×128): a page of a draft with its Điều lines on the dieu red,
// and a gold seal. No dependencies: a few shapes, 4×4 supersampling, zlib, a PNG writer.
// Run: node images/make-icon.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const N = 128;
const SS = 4;
const RED = [139, 26, 26];
const PAGE = [250, 246, 236];
const INK = [60, 60, 70];
const GOLD = [218, 165, 32];

function roundRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
// Back to front: the first shape that covers a point, from the top of this list, wins.
const shapes = [
  { color: RED, hit: (x, y) => (x - 94) ** 2 + (y - 96) ** 2 <= 9 ** 2 }, // seal's centre
  { color: GOLD, hit: (x, y) => (x - 94) ** 2 + (y - 96) ** 2 <= 20 ** 2 },
  { color: RED, hit: (x, y) => y >= 30 && y <= 38 && x >= 38 && x <= 76 }, // "Điều 1." heading line
  ...[48, 60, 72, 84].map((ly, i) => ({
    color: INK, hit: (x, y) => y >= ly && y <= ly + 4 && x >= (i % 2 ? 46 : 38) && x <= (i === 3 ? 70 : 90),
  })),
  { color: PAGE, hit: (x, y) => roundRect(x, y, 28, 18, 100, 112, 6) },
  { color: RED, hit: (x, y) => roundRect(x, y, 0, 0, 127.99, 127.99, 22) },
];

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const px = x + (sx + 0.5) / SS;
      const py = y + (sy + 0.5) / SS;
      const s = shapes.find((sh) => sh.hit(px, py));
      if (!s) continue;
      acc[0] += s.color[0]; acc[1] += s.color[1]; acc[2] += s.color[2]; acc[3] += 255;
    }
    const covered = acc[3] / 255;
    const o = y * (N * 4 + 1) + 1 + x * 4;
    for (let c = 0; c < 3; c++) raw[o + c] = covered ? Math.round(acc[c] / covered) : 0;
    raw[o + 3] = Math.round(acc[3] / (SS * SS));
  }
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);

/**
 * Finds every QR code in an image. jsQR decodes one code per call, so after each hit its area is
 * painted white and the image scanned again. Used by the worker (tab screenshots) and the popup
 * (image files). Pure: `findQrCodes` needs only RGBA pixels; `pixelsOf` only an OffscreenCanvas.
 */
import jsQR from 'jsqr';

/** RGBA pixels, as `ImageData` holds them. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Screenshots rarely hold more; each pass costs a full scan. */
const MAX_CODES = 10;
/** Above this width a half-size pass runs too: jsQR's binarizer misses some codes in big images. */
const DOWNSCALE_FROM = 1600;

export function findQrCodes(image: Pixels): string[] {
  const found = new Set<string>();
  scanAll(copy(image), found);
  if (image.width > DOWNSCALE_FROM || image.height > DOWNSCALE_FROM) scanAll(halve(image), found);
  return [...found];
}

function scanAll(image: Pixels, found: Set<string>): void {
  for (let i = 0; i < MAX_CODES; i++) {
    // With several codes in view jsQR may pair finder patterns of different codes and find none, so
    // when the whole image yields nothing, overlapping windows are tried one by one.
    const hit = decode(image, 0, 0, image.width, image.height) ?? scanWindows(image);
    if (!hit) return;
    if (hit.text !== '') found.add(hit.text);
    blank(image, hit.x0, hit.y0, hit.x1, hit.y1);
  }
}

interface Hit {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Square windows of the short side, ¾ and ½ of it, each a quarter of its side from the last. */
function scanWindows(image: Pixels): Hit | null {
  const short = Math.min(image.width, image.height);
  for (const side of [short, Math.floor((short * 3) / 4), Math.floor(short / 2)]) {
    if (side < 64) continue;
    const step = Math.floor(side / 4);
    for (let top = 0; top === 0 || top + side - step < image.height; top += step) {
      for (let left = 0; left === 0 || left + side - step < image.width; left += step) {
        const w = Math.min(side, image.width - left);
        const h = Math.min(side, image.height - top);
        if (w === image.width && h === image.height) continue;
        // Inverted (light-on-dark) codes are rare; the whole-image pass already tried them.
        const hit = decode(image, left, top, w, h, 'dontInvert');
        if (hit) return hit;
      }
    }
  }
  return null;
}

/** jsQR on a window of the image; the hit's box (plus a margin) in whole-image coordinates. */
function decode(
  image: Pixels,
  left: number,
  top: number,
  width: number,
  height: number,
  inversionAttempts: 'attemptBoth' | 'dontInvert' = 'attemptBoth',
): Hit | null {
  const pixels =
    left === 0 && top === 0 && width === image.width ? image.data : crop(image, left, top, width, height);
  const code = jsQR(pixels.subarray(0, width * height * 4), width, height, { inversionAttempts });
  if (!code) return null;
  const { topLeftCorner, topRightCorner, bottomLeftCorner, bottomRightCorner } = code.location;
  const corners = [topLeftCorner, topRightCorner, bottomLeftCorner, bottomRightCorner];
  const xs = corners.map((p) => p.x + left);
  const ys = corners.map((p) => p.y + top);
  // A margin of a few modules covers the finder patterns' edges, or jsQR finds the same code again.
  const margin = Math.max(8, (Math.max(...xs) - Math.min(...xs)) / 10);
  return {
    text: code.data,
    x0: Math.min(...xs) - margin,
    y0: Math.min(...ys) - margin,
    x1: Math.max(...xs) + margin,
    y1: Math.max(...ys) + margin,
  };
}

function crop(image: Pixels, left: number, top: number, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 4;
    out.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return out;
}

function blank(image: Pixels, x0: number, y0: number, x1: number, y1: number): void {
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(image.width, Math.ceil(x1));
  const top = Math.max(0, Math.floor(y0));
  const bottom = Math.min(image.height, Math.ceil(y1));
  for (let y = top; y < bottom; y++) {
    image.data.fill(255, (y * image.width + left) * 4, (y * image.width + right) * 4);
  }
}

function copy(image: Pixels): Pixels {
  return { data: new Uint8ClampedArray(image.data), width: image.width, height: image.height };
}

/** Half size by averaging 2×2 blocks. */
function halve(image: Pixels): Pixels {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const data = new Uint8ClampedArray(width * height * 4);
  const src = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = (2 * y * image.width + 2 * x) * 4;
      const b = a + image.width * 4;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) {
        data[o + c] = (src[a + c]! + src[a + 4 + c]! + src[b + c]! + src[b + 4 + c]!) >> 2;
      }
    }
  }
  return { data, width, height };
}

/** Draws an image (a Blob: PNG, JPEG…) on an OffscreenCanvas and reads its pixels. */
export async function pixelsOf(blob: Blob): Promise<Pixels> {
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2D canvas for reading the image');
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

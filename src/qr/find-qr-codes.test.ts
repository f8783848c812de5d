import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { findQrCodes, type Pixels } from './find-qr-codes.ts';

/** Draws QR codes (4-pixel modules, quiet zone) side by side on a white RGBA image. */
function drawCodes(texts: string[], width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  let left = 20;
  for (const text of texts) {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (!qr.modules.get(y, x)) continue;
        for (let dy = 0; dy < 4; dy++) {
          for (let dx = 0; dx < 4; dx++) {
            const o = ((40 + y * 4 + dy) * width + left + x * 4 + dx) * 4;
            data[o] = data[o + 1] = data[o + 2] = 0;
          }
        }
      }
    }
    left += size * 4 + 80;
  }
  return { data, width, height };
}

describe('findQrCodes', () => {
  it('finds every QR code in a screenshot-like image', () => {
    const texts = [
      'otpauth://totp/A:alice?secret=JBSWY3DPEHPK3PXP&issuer=A',
      'otpauth://totp/B:bob?secret=GEZDGNBVGY3TQOJQ&issuer=B',
      'https://example.com/not-an-account',
    ];
    expect(findQrCodes(drawCodes(texts, 900, 300)).sort()).toEqual([...texts].sort());
  });

  it('finds nothing in a blank image', () => {
    expect(
      findQrCodes({ data: new Uint8ClampedArray(200 * 100 * 4).fill(255), width: 200, height: 100 }),
    ).toEqual([]);
  });
});

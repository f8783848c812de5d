import QRCode from 'qrcode';
import jsQR from 'jsqr';
import { it } from 'vitest';
it('x', () => {
  const qr = QRCode.create('hello', { errorCorrectionLevel: 'M' });
  const size = qr.modules.size; const s = 4; const W = size * s + 80;
  const data = new Uint8ClampedArray(W * W * 4).fill(255);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (qr.modules.get(y, x)) for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) { const o = ((40 + y * s + dy) * W + 40 + x * s + dx) * 4; data[o] = data[o + 1] = data[o + 2] = 0; }
  console.log(typeof jsQR, size, qr.modules.get(0,0), qr.modules.get(0,7), jsQR(data, W, W)?.data);
});

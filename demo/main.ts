// `tsx demo/main.ts`: the demo relying party on its own (PORT, default 8787), for any browser.
import { startDemoServer } from './server.ts';

const port = Number(process.env.PORT ?? 8787);
const server = await startDemoServer({ port });
console.log(`Tapkey demo relying party: ${server.url}/  (TOTP: ${server.url}/mfa, HOTP: ${server.url}/hotp)`);
console.log('Press Ctrl+C to stop.');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}

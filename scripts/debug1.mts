import { startDemoServer } from '/work/main/demo/server.ts';
import { launch, newProfileDir, serviceWorker } from '/work/main/test/e2e/browser.ts';
import { PopupDriver } from '/work/main/test/e2e/popup-driver.ts';

const server = await startDemoServer({ port: 0 });
const ctx = await launch(newProfileDir());
const sw = await serviceWorker(ctx);
sw.on('console', (m) => console.log('SW:', m.text()));
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(server.url);
await page.getByLabel('Username').fill('alice');
await page.getByRole('button', { name: 'Register' }).click();
const popup = await PopupDriver.waitFor(ctx, page);
await popup.click('#approve');
await new Promise((r) => setTimeout(r, 2000));
console.log(await page.locator('#result').textContent());
await ctx.close();
await server.close();

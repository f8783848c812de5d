import { chromium } from '@playwright/test';
import { DIST, chromiumPath, newProfileDir, serviceWorker } from '/work/main/test/e2e/browser.ts';
import { startDemoServer } from '/work/main/demo/server.ts';
const server = await startDemoServer({ port: 0 });
const ctx = await chromium.launchPersistentContext(newProfileDir(), { executablePath: chromiumPath(), headless: true,
  args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--disable-features=DisableLoadExtensionCommandLineSwitch', '--no-sandbox', '--disable-gpu', '--no-first-run', '--enable-unsafe-extension-debugging'] });
const sw = await serviceWorker(ctx);
const id = new URL(sw.url()).host;
const page = ctx.pages()[0] ?? await ctx.newPage();
await page.goto(server.url + '/mfa');
await page.bringToFront();
const cap = () => sw.evaluate(async () => { try { const d = await chrome.tabs.captureVisibleTab({format:'png'}); return 'ok ' + d.length; } catch (e) { return 'err ' + (e as Error).message; } });
console.log('browser', !!ctx.browser());
const b = await ctx.browser()!.newBrowserCDPSession();
const { targetInfos } = await b.send('Target.getTargets', { filter: [{}] } as any) as any; console.log(targetInfos.map((x:any)=>[x.type,x.url]));
const t = targetInfos.find((x: any) => x.type === 'tab' && x.url.includes('/mfa'));
try { console.log(await b.send('Extensions.triggerAction' as any, { id, targetId: t.targetId })); } catch (e) { console.log('trigger err', (e as Error).message); }
await new Promise(r => setTimeout(r, 1000));
console.log('after trigger:', await cap());
const tabs = await sw.evaluate(async () => (await chrome.tabs.query({})).map(t => [t.id, t.url, t.active]));
console.log(tabs);
await ctx.close(); await server.close();

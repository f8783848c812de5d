/** The workbench beside the page: Settings → "Open beside the page" opens it in Chrome's side panel. */
import { helperSession } from './cdp-session.ts';
import { openPopupTab } from './demo-site.ts';
import { expect, test } from './fixtures.ts';

interface TargetInfo {
  type: string;
  url: string;
  title: string;
}

test('Settings opens the developer workbench in the side panel, and the popup steps aside', async ({
  context,
  extension,
  page,
}) => {
  const cdp = await helperSession(page);
  const workbenchPages = async () =>
    ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos.filter(
      (t) => t.type === 'page' && t.url === `chrome-extension://${extension}/workbench/workbench.html`,
    );
  expect(await workbenchPages()).toEqual([]);

  const popup = await openPopupTab(context, extension, 'Settings');
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Open beside the page' }).click();
  // The panel is no tab of the window: Playwright lists no page for it, CDP sees its document.
  await expect
    .poll(async () => (await workbenchPages()).map((t) => t.title))
    .toEqual(['Tapkey developer workbench']);
  await closed;
  expect(context.pages().some((p) => p.url().includes('workbench.html'))).toBe(false);
});

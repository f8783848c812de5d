/**
 * Tapkey with the workbench's automatic presence (issue 10's speed target): whole create()/get()
 * calls in the page (call → resolved), no prompt, timed as the virtual-authenticator yardstick is.
 */

import { chromiumPath } from '../../test/e2e/browser.ts';
import { launchTapkey } from '../../testing/index.ts';
import { settled, startCreate, startGet } from './page-calls.ts';
import type { VirtualRun } from './virtual-authenticator.ts';

export async function runAutoPresence(options: {
  origin: string;
  warmups: number;
  iterations: number;
}): Promise<VirtualRun> {
  const tapkey = await launchTapkey({ executablePath: chromiumPath() });
  try {
    await tapkey.autoPresence(options.origin);
    const page = await tapkey.context.newPage();
    await page.goto(`${options.origin}/pages/blank.html`);
    await page.bringToFront();
    const rpId = new URL(options.origin).hostname;
    const run: VirtualRun = { create: [], get: [] };
    for (let i = 0; i < options.warmups + options.iterations; i++) {
      await startCreate(page, rpId);
      const created = await settled(page);
      await startGet(page, rpId);
      const got = await settled(page);
      if (i < options.warmups) continue;
      run.create.push(created.resolvedAt - created.startedAt);
      run.get.push(got.resolvedAt - got.startedAt);
    }
    return run;
  } finally {
    await tapkey.close();
  }
}

/**
 * The real prompt: the add-on's popup window (`popup/popup.html?window=1`), opened by the background
 * for every request, answered by clicking its buttons as a user would.
 */
import type { Browser, Page } from 'puppeteer-core';
import { EXTENSION_ORIGIN, until, waitForPage } from './firefox.ts';

const PROMPT_URL = `${EXTENSION_ORIGIN}/popup/popup.html?window=1`;

export class Prompt {
  private constructor(readonly page: Page) {}

  /** Waits until the prompt window shows a prompt whose Approve is armed (keyjacking guard). */
  static async waitFor(browser: Browser, timeoutMs = 15_000): Promise<Prompt> {
    const page = await waitForPage(browser, (url) => url === PROMPT_URL, timeoutMs);
    const prompt = new Prompt(page);
    await until(
      () => prompt.has('section.prompt[data-armed]'),
      'an armed prompt in the prompt window',
      timeoutMs,
    );
    return prompt;
  }

  has(selector: string): Promise<boolean> {
    return this.page.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false);
  }

  text(selector: string): Promise<string> {
    return this.page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? '', selector);
  }

  /** Clicks Approve with the pointer, then waits until this prompt has left the window. */
  async approve(): Promise<void> {
    const id = await this.page.evaluate(
      () => document.querySelector<HTMLElement>('section.prompt')?.dataset.promptId ?? '',
    );
    await this.page.click('#approve');
    await until(
      () =>
        this.page
          .evaluate(
            (old) => document.querySelector<HTMLElement>('section.prompt')?.dataset.promptId !== old,
            id,
          )
          // The window closed itself after the last answer: that is moving on too.
          .catch(() => true),
      `prompt ${id} to leave the window after Approve`,
    );
  }
}

/** Waits for the prompt and approves it. */
export async function approve(browser: Browser): Promise<Prompt> {
  const prompt = await Prompt.waitFor(browser);
  await prompt.approve();
  return prompt;
}

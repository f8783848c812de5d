/** The Firefox manifest is Chrome's with only what Firefox reads differently rewritten. */
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import {
  CHROME_ONLY_PERMISSIONS,
  type ChromeManifest,
  firefoxManifest,
  GECKO_ID,
} from '../../scripts/build/firefox-manifest.ts';

const chrome = manifest as ChromeManifest;

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(chrome);

  it('runs the background as an event page from the same script', () => {
    expect(firefox.background).toEqual({ scripts: [chrome.background!.service_worker], type: 'module' });
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
  });

  it('declares the add-on ID, Firefox 140+ and that no data is collected', () => {
    expect(firefox.browser_specific_settings.gecko).toEqual({
      id: GECKO_ID,
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('drops only the permissions Firefox does not know', () => {
    expect(firefox.permissions).toEqual(
      chrome.permissions!.filter((p) => !CHROME_ONLY_PERMISSIONS.includes(p)),
    );
    expect(firefox.permissions).not.toContain('offscreen');
    expect(firefox.permissions).not.toContain('favicon');
    expect(firefox.permissions).toContain('clipboardWrite');
  });

  it('shows the workbench in Firefox’s sidebar where Chrome has its side panel', () => {
    expect(firefox).not.toHaveProperty('side_panel');
    expect(firefox.sidebar_action).toEqual({
      default_panel: chrome.side_panel!.default_path,
      default_title: chrome.action!.default_title,
      open_at_install: false,
    });
    expect(firefox.permissions).not.toContain('sidePanel');
  });

  it('keeps web accessible resources, without use_dynamic_url', () => {
    expect(firefox.web_accessible_resources).toEqual(
      chrome.web_accessible_resources!.map(({ resources, matches }) => ({ resources, matches })),
    );
  });

  it('passes everything else through, so later edits to manifest.json reach Firefox', () => {
    const edited = firefoxManifest({ ...chrome, default_locale: 'en', name: '__MSG_name__' });
    expect(edited).toMatchObject({ default_locale: 'en', name: '__MSG_name__' });
    expect(firefox.content_scripts).toEqual(chrome.content_scripts);
    expect(firefox.commands).toEqual(chrome.commands);
  });

  it('leaves the Chrome manifest as it was', () => {
    const before = JSON.stringify(chrome);
    firefoxManifest(chrome);
    expect(JSON.stringify(chrome)).toBe(before);
  });
});

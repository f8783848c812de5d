/**
 * Firefox's manifest, derived from Chrome's `manifest.json` (the one source): whatever is added there
 * (a permission, a command, `__MSG_…__` names, `default_locale`) reaches the Firefox build unchanged,
 * and only what Firefox reads differently is rewritten here.
 */

/** The parts of a Manifest V3 this transform reads or writes; everything else passes through. */
export interface ChromeManifest {
  manifest_version: 3;
  name: string;
  version: string;
  background?: { service_worker: string; type?: 'module' };
  permissions?: string[];
  minimum_chrome_version?: string;
  web_accessible_resources?: { resources: string[]; matches?: string[]; use_dynamic_url?: boolean }[];
  side_panel?: { default_path: string };
  action?: { default_title?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface FirefoxManifest
  extends Omit<ChromeManifest, 'background' | 'minimum_chrome_version' | 'side_panel'> {
  background?: { scripts: string[]; type?: 'module' };
  /** Firefox's sidebar: the same page Chrome shows in its side panel. */
  sidebar_action?: { default_panel: string; default_title?: string; open_at_install: false };
  browser_specific_settings: {
    gecko: {
      id: string;
      strict_min_version: string;
      data_collection_permissions: { required: string[] };
    };
  };
}

/** The add-on ID: Firefox keys storage (the vault) and the extension's UUID pref by it. */
export const GECKO_ID = 'tapkey@tapkey.dev';

/**
 * 140: the first release whose linter accepts `data_collection_permissions` (and 128+ is needed
 * anyway for `world: "MAIN"` content scripts and `runtime.getContexts`).
 */
export const GECKO_MIN_VERSION = '140.0';

/**
 * Chrome-only permissions Firefox does not know: `offscreen` (Firefox's background page has a DOM and
 * writes the clipboard itself), `favicon` (no icon cache for extensions: the popup shows a letter) and
 * `sidePanel` (Firefox's sidebar_action needs none).
 */
export const CHROME_ONLY_PERMISSIONS: readonly string[] = ['offscreen', 'favicon', 'sidePanel'];

export function firefoxManifest(chrome: ChromeManifest): FirefoxManifest {
  const {
    background,
    minimum_chrome_version: _chromeOnly,
    side_panel: sidePanel,
    ...rest
  } = structuredClone(chrome);
  const manifest: FirefoxManifest = {
    ...rest,
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        // Tapkey sends nothing anywhere: the declaration Firefox asks every new add-on for.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
  // Firefox runs MV3 background code as an event page (no service workers for extensions).
  if (background) {
    manifest.background = { scripts: [background.service_worker], ...pickType(background) };
  }
  // Chrome's side panel is Firefox's sidebar (it needs no permission there); closed until asked for.
  if (sidePanel) {
    manifest.sidebar_action = {
      default_panel: sidePanel.default_path,
      ...(chrome.action?.default_title ? { default_title: chrome.action.default_title } : {}),
      open_at_install: false,
    };
  }
  if (chrome.permissions) {
    manifest.permissions = chrome.permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.includes(p));
  }
  if (chrome.web_accessible_resources) {
    // Firefox's extension URLs are already per-install random UUIDs; it does not take the option.
    manifest.web_accessible_resources = chrome.web_accessible_resources.map(
      ({ use_dynamic_url: _dynamic, ...resource }) => resource,
    );
  }
  return manifest;
}

function pickType(background: { type?: 'module' }): { type?: 'module' } {
  return background.type ? { type: background.type } : {};
}

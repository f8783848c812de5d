/** What the popup may see. No key material, ever: these are built from CredentialSummary. */

export interface CredentialSummaryView {
  id: string;
  rpId: string;
  rpName: string;
  userName: string;
  userDisplayName: string;
  discoverable: boolean;
  alg: number;
  signCount: number;
  createdAt: number;
  lastUsedAt: number | null;
}

/** What a pending request asks, as the worker records it and the prompt shows it. */
export interface PromptRequestView {
  promptId: string;
  kind: 'create' | 'get';
  origin: string;
  /** The top-level site around a cross-origin frame. */
  topOrigin?: string;
  rpId: string;
  rpName?: string;
  user?: { name: string; displayName: string };
  /** get: the accounts to choose from (empty: nothing found). */
  candidates: CredentialSummaryView[];
  /** create: a credential from excludeCredentials is already here. */
  excluded: boolean;
  deadline: number;
}

export interface PromptView extends PromptRequestView {
  /** The user must enter the PIN to approve. */
  needsPin: boolean;
  /** UV was asked for but no PIN exists yet: the prompt offers to set one. */
  offerPinSetup: boolean;
  pinRetries: number;
  /** How many more requests wait behind this one. */
  queued: number;
}

export interface SettingsView {
  pinSet: boolean;
  pinRetries: number;
  locked: boolean;
  bypassOrigins: string[];
}

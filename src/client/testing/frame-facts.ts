/** Frame facts of an ordinary top-level document the user is looking at: visible, focused, no gesture. */
import type { FrameFacts } from '../types.ts';

export const TOP_LEVEL_FRAME: FrameFacts = {
  ancestorOrigins: [],
  permissionsPolicyAllows: true,
  hasTransientActivation: false,
  documentVisible: true,
  documentFocused: true,
};

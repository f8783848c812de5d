/**
 * Who is calling: the browser-reported origin plus the frame facts, checked as WebAuthn L3 §5.1.3
 * step 2 (create) and Credential Management's permissions-policy check (get) require.
 */
import { WebAuthnError } from './errors.ts';
import type { CallerContext, FrameFacts } from './types.ts';

export function callerContext(
  origin: string,
  isTopLevel: boolean,
  kind: 'create' | 'get',
  frame: FrameFacts,
): CallerContext {
  const feature = `publickey-credentials-${kind}`;
  if (!frame.permissionsPolicyAllows) {
    throw new WebAuthnError(
      'NotAllowedError',
      `The '${feature}' feature is not enabled in this document. A cross-origin frame needs allow="${feature}" from its embedder.`,
    );
  }
  // A top-level document has no ancestors, whatever the relay says.
  const ancestors = isTopLevel ? [] : frame.ancestorOrigins;
  const sameOriginWithAncestors = ancestors.every((a) => a === origin);
  // §5.1.3 step 2.3: creating in a cross-origin frame needs transient user activation.
  if (!sameOriginWithAncestors && kind === 'create' && !frame.hasTransientActivation) {
    throw new WebAuthnError(
      'NotAllowedError',
      'Creating a credential in a cross-origin frame needs a user gesture (transient activation).',
    );
  }
  const caller: CallerContext = { origin, sameOriginWithAncestors };
  const top = ancestors[ancestors.length - 1];
  if (!sameOriginWithAncestors && top !== undefined) caller.topOrigin = top;
  return caller;
}

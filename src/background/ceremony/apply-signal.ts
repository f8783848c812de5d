/** A checked signal (src/client/signals.ts) applied to the vault's passkeys. */
import type { Signal } from '../../client/signals.ts';
import type { VaultDB } from '../../storage/open-vault.ts';
import {
  hideUnknownCredential,
  keepOnlyAccepted,
  updateUserDetails,
} from '../../storage/signal-credentials.ts';

export async function applySignal(db: VaultDB, signal: Signal): Promise<void> {
  switch (signal.method) {
    case 'signalUnknownCredential':
      await hideUnknownCredential(db, signal.rpId, signal.credentialId);
      return;
    case 'signalAllAcceptedCredentials':
      await keepOnlyAccepted(db, signal.rpId, signal.userHandle, new Set(signal.acceptedIds));
      return;
    case 'signalCurrentUserDetails':
      await updateUserDetails(db, signal.rpId, signal.userHandle, {
        name: signal.name,
        displayName: signal.displayName,
      });
      return;
  }
}

/**
 * The CDP virtual authenticator Chrome's own answers are measured and recorded with (the bench's
 * yardstick, the WebIDL oracle): a USB CTAP2 key with resident keys and user verification, that
 * taps itself.
 */
export const VIRTUAL_AUTHENTICATOR_OPTIONS = {
  protocol: 'ctap2',
  transport: 'usb',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

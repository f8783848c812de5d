/** Shape checks for `otp/*` runtime messages. */
import type { OtpMessage } from './protocol.ts';

export function isOtpMessage(_v: unknown): _v is OtpMessage {
  return false;
}

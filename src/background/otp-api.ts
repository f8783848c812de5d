/** Answers the popup's `otp/*` messages. */
import type { OtpMessage } from '../messages/protocol.ts';

export async function handleOtpMessage(_message: OtpMessage): Promise<unknown> {
  return undefined;
}

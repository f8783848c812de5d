/** Display helpers for codes. */

/** Groups a code for reading: 123 456, 1234 5678, 123 4567; Steam's 5 letters stay as they are. */
export function groupCode(code: string): string {
  if (code.length === 6) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 7) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  return code;
}

/** "GitHub: alice", or whichever part exists. */
export function label(account: { issuer: string; accountName: string }): string {
  if (account.issuer && account.accountName) return `${account.issuer}: ${account.accountName}`;
  return account.issuer || account.accountName || 'Unnamed account';
}

/** A download of `text` as a file, from the popup. */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A core error message ("wrong PIN; 7 attempts left") as a sentence the popup can show. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + (message.endsWith('.') ? '' : '.');
}

/** The pure core: folders that import nothing of the extension world (checked by both meta-tests). */
export const PURE = [
  'src/authenticator',
  'src/client',
  'src/totp',
  'src/qr',
  'src/backup',
  'src/shared',
  'src/workbench-core',
];

/** What a row's menu and the parts it shows need from around them. */
import type { StatusKind } from './status-line.ts';

/** What the menu needs from the list around it. */
export interface RowMenuHost {
  status(text: string, kind?: StatusKind): void;
  /** Reloads the list; `focus` is a selector to focus afterwards. */
  reload(focus?: string): Promise<void>;
}

/** What replaces the menu's buttons (a form, a confirmation), and where the keyboard goes in it. */
export interface MenuPart {
  element: HTMLElement;
  focus: HTMLElement;
}

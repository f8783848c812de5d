/** An error line right under the field it concerns, tied to it for screen readers. */
import { h } from './dom.ts';

export interface FieldError {
  element: HTMLParagraphElement;
  /** Shows `text` under the field and marks the field invalid; '' clears both. */
  show(text: string): void;
  shown(): boolean;
}

/** `field` gets the line in its aria-describedby (beside any description it has). */
export function fieldError(field: HTMLElement, id = `${field.id}-error`): FieldError {
  const element = h('p', { className: 'error field-error', role: 'alert', id });
  const described = field.getAttribute('aria-describedby');
  field.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
  return {
    element,
    show: (text) => {
      element.textContent = text;
      if (text) field.setAttribute('aria-invalid', 'true');
      else field.removeAttribute('aria-invalid');
    },
    shown: () => element.textContent !== '',
  };
}

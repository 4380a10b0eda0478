/**
 * Filling a mail site's own inputs. They keep their own value tracking, so a value is set through
 * the native setter and announced with input/change events.
 */

/** Sets a field as typing would: the prototype's setter (bypassing framework overrides), then events. */
export function setFieldValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const proto = view?.HTMLInputElement.prototype ?? HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  input.focus();
  if (setter) setter.call(input, value);
  else input.value = value;
  input.dispatchEvent(new (view?.Event ?? Event)('input', { bubbles: true }));
  input.dispatchEvent(new (view?.Event ?? Event)('change', { bubbles: true }));
}

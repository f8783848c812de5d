/** The part of webidl-conversions 7 (a CommonJS module without types) that Tapkey uses. */
declare module 'webidl-conversions' {
  interface Options {
    /** Prefix of the TypeError's message ("<context> is not …"). */
    context?: string;
    /** The realm's constructors to throw with (the page's, captured at document_start). */
    globals?: { Number: NumberConstructor; String: StringConstructor; TypeError: TypeErrorConstructor };
  }
  interface IntegerOptions extends Options {
    enforceRange?: boolean;
    clamp?: boolean;
  }
  type Integer = (value: unknown, options?: IntegerOptions) => number;
  const conversions: {
    boolean(value: unknown, options?: Options): boolean;
    DOMString(value: unknown, options?: Options & { treatNullAsEmptyString?: boolean }): string;
    USVString(value: unknown, options?: Options): string;
    octet: Integer;
    short: Integer;
    long: Integer;
    'unsigned short': Integer;
    'unsigned long': Integer;
  };
  export default conversions;
}

// Turns a stream of byte pieces into text. A character's UTF-8 bytes may be split over several tokens
// (Llama's byte fallback emits an emoji as four byte tokens), so the decoder keeps an incomplete sequence
// until the rest arrives. Invalid sequences come out as U+FFFD, as a terminal would show them.
//
// llama2.c prints pieces raw, and its safe_printf drops single-byte pieces that are not printable ASCII
// or whitespace, so byte-fallback characters vanish from its output; this stream shows them.

export class Utf8Stream {
  // ignoreBOM: keep a leading U+FEFF in the text instead of swallowing it as a byte order mark.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  /** The text completed by these bytes (possibly empty while a character is incomplete). */
  push(bytes: Uint8Array): string {
    return this.decoder.decode(bytes, { stream: true });
  }

  /** Ends the stream: an incomplete trailing sequence becomes U+FFFD. */
  end(): string {
    return this.decoder.decode();
  }
}

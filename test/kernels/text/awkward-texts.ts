// Text that trips tokenizers: multi-byte characters, emoji sequences, control bytes, whitespace runs, a byte
// order mark, text that looks like a byte piece, a NUL. Shared by the synthetic and the real-vocabulary tests.
export const AWKWARD_TEXTS = [
  'Once upon a time',
  'héllo wörld, ça va? Ñandú.',
  '世界你好，中文文本。日本語もある。',
  'emoji 😀🦙👩‍👩‍👧 and flags 🇫🇷',
  'control \u0001\u0002\u001b[0m bytes \u007f',
  'lines\nand\ttabs\r\n\n  indented',
  '  two leading spaces',
  'trailing spaces   ',
  '\uFEFFbyte order mark first',
  'the piece text <0x41> is not a byte',
  'NUL \u0000 inside',
];

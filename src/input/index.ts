/** Reading user input: bytes from files or stdin, decoded to the text Unspin analyses. */
export {
  type DecodedInput,
  type DecodeOptions,
  decodeText,
  type InputFormat,
  readGivenText,
  type TextEncodingName,
} from './decode.js';
export { InputError, type InputErrorCode, isInputError } from './errors.js';
export { extractHtmlText, type HtmlExtraction } from './html.js';
export { type Line, splitLines } from './lines.js';
export {
  DEFAULT_MAX_BYTES,
  type LoadedInput,
  loadInput,
  openInputStream,
  type ReadOptions,
  readInputFile,
  readStdin,
  readStream,
} from './read.js';
export { hasHtmlExtension, hasMarkdownExtension } from './sniff.js';

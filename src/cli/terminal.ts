/**
 * Text from the input, made safe to print to a terminal: a control character (an escape that
 * could recolour the screen, retitle the window or hide what follows) is shown in caret
 * notation as `cat -v` shows it (ESC as ^[, DEL as ^?), a C1 control as its code (\u009b).
 * Tabs and line breaks stay: the layouts around them are made for them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function visible(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
    return code === 0x7f ? '^?' : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `visible`, for a message of one line: a line break or carriage return in it (from a file name) is shown too. */
export function visibleLine(s: string): string {
  return visible(s).replace(/[\r\n]/g, (c) => (c === '\r' ? '^M' : '^J'));
}

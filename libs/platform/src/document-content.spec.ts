import { checkedMediaType, sniffMediaType } from './document-content';

const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1');

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('a document is the type its first bytes say', () => {
  it('recognises a PDF, a PNG and a JPEG by their signatures', () => {
    expect(sniffMediaType(pdf)).toBe('application/pdf');
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(jpeg)).toBe('image/jpeg');
  });

  it('recognises nothing else, nor a body shorter than a signature', () => {
    expect(sniffMediaType(exe)).toBeUndefined();
    expect(sniffMediaType(Buffer.from('%PDF', 'latin1'))).toBeUndefined();
    expect(sniffMediaType(Buffer.alloc(0))).toBeUndefined();
  });

  it('accepts content of the type declared', () => {
    expect(checkedMediaType('application/pdf', pdf)).toBe('application/pdf');
    expect(checkedMediaType('image/jpeg', jpeg)).toBe('image/jpeg');
  });

  it('refuses content of another type than the one declared', () => {
    expect(codeOf(() => checkedMediaType('application/pdf', exe))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkedMediaType('application/pdf', png))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
  });

  it('refuses a declared type that is not allowed, even with content of an allowed one', () => {
    expect(codeOf(() => checkedMediaType('image/gif', png))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkedMediaType('', pdf))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
  });
});

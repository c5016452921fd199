import { ComptoirException } from '../../core/errors/comptoir.exception';
import { readImageUpload } from './upload';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function form(
  parts: { name: string; filename?: string; type?: string; data: Buffer | string }[],
  boundary = 'XyZ',
) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const code = (upload: Promise<unknown>): Promise<string> =>
  upload.then(
    () => 'none',
    (err: unknown) => {
      if (err instanceof ComptoirException) return err.code;
      throw err;
    },
  );

describe('readImageUpload', () => {
  it('takes a raw body with the terminal from the query', async () => {
    await expect(readImageUpload('image/png', PNG, 'counter-1')).resolves.toEqual({
      bytes: PNG,
      mimeType: 'image/png',
      terminalId: 'counter-1',
    });
    expect((await readImageUpload('Image/JPEG; charset=binary', PNG)).mimeType).toBe('image/jpeg');
  });

  it('takes the file part and the terminalId field of a multipart form', async () => {
    const body = form([
      { name: 'terminalId', data: 'counter-1' },
      { name: 'file', filename: 'o.png', type: 'image/png', data: PNG },
    ]);
    const upload = await readImageUpload('multipart/form-data; boundary=XyZ', body);
    expect(upload).toEqual({ bytes: PNG, mimeType: 'image/png', terminalId: 'counter-1' });
  });

  it('accepts a quoted boundary, CRLF and look-alike boundaries inside the file, application/octet-stream', async () => {
    const data = Buffer.concat([PNG, Buffer.from('\r\n--a b=\r\n'), PNG]);
    const body = form([{ name: 'f', filename: 'x', type: 'application/octet-stream', data }], 'a b=c');
    const upload = await readImageUpload('multipart/form-data; boundary="a b=c"', body);
    expect(upload).toEqual({ bytes: data, mimeType: 'application/octet-stream', terminalId: undefined });
  });

  it('answers 415 for other content types, and for a file part of another type', async () => {
    expect(await code(readImageUpload('text/plain', Buffer.from('x')))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await code(readImageUpload(undefined, undefined))).toBe('UNSUPPORTED_MEDIA_TYPE');
    const body = form([{ name: 'file', filename: 'a.txt', type: 'text/plain', data: 'hello' }]);
    expect(await code(readImageUpload('multipart/form-data; boundary=XyZ', body))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses malformed or ambiguous forms (400) and empty bodies (IMAGE_UNREADABLE)', async () => {
    const mp = 'multipart/form-data; boundary=XyZ';
    expect(await code(readImageUpload(mp, form([{ name: 'terminalId', data: 'counter-1' }])))).toBe(
      'VALIDATION_FAILED',
    );
    const two = form([
      { name: 'a', filename: 'a.png', type: 'image/png', data: PNG },
      { name: 'b', filename: 'b.png', type: 'image/png', data: PNG },
    ]);
    expect(await code(readImageUpload(mp, two))).toBe('VALIDATION_FAILED');
    const extra = form([
      { name: 'file', filename: 'a.png', type: 'image/png', data: PNG },
      { name: 'admin', data: 'yes' },
    ]);
    expect(await code(readImageUpload(mp, extra))).toBe('VALIDATION_FAILED');
    const badTerminal = form([
      { name: 'file', filename: 'a.png', type: 'image/png', data: PNG },
      { name: 'terminalId', data: '../x' },
    ]);
    expect(await code(readImageUpload(mp, badTerminal))).toBe('VALIDATION_FAILED');
    const mismatch = form([
      { name: 'file', filename: 'a.png', type: 'image/png', data: PNG },
      { name: 'terminalId', data: 'counter-2' },
    ]);
    expect(await code(readImageUpload(mp, mismatch, 'counter-1'))).toBe('VALIDATION_FAILED');
    expect(await code(readImageUpload('multipart/form-data', form([])))).toBe('VALIDATION_FAILED');
    expect(
      await code(readImageUpload(mp, Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="f"'))),
    ).toBe('VALIDATION_FAILED');
    expect(await code(readImageUpload('image/png', Buffer.alloc(0)))).toBe('IMAGE_UNREADABLE');
    expect(await code(readImageUpload('image/png', {}))).toBe('IMAGE_UNREADABLE');
  });

  it('takes a file part that declares no type as text/plain (RFC 7578): 415', async () => {
    const body = form([{ name: 'file', filename: 'a.png', data: PNG }]);
    expect(await code(readImageUpload('multipart/form-data; boundary=XyZ', body))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('parses no more than a few parts', async () => {
    const many = form(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    await expect(readImageUpload('multipart/form-data; boundary=XyZ', many)).rejects.toThrow(
      'multipart body: more than 8 parts',
    );
  });
});
